"""Every QSettings key laadesk uses, read with its type. Area data never goes here."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_VERSION = 2
MAX_RECENT = 10


def _settings() -> QSettings:
    return QSettings()


def _text(settings: QSettings, key: str) -> str:
    """A stored text ("" when none is stored, or something else is)."""
    value = settings.value(key, "")
    return value if isinstance(value, str) else ""


def upgrade() -> None:
    """Bring stored settings up to SETTINGS_VERSION, one step at a time."""
    settings = _settings()
    stored = settings.value("settings_version", 0)
    version = int(stored) if isinstance(stored, (int, str)) and str(stored).isdigit() else 0
    if version < 2:  # 2: the chosen backup folder moved to laadesk's data, shared with the command line
        from laadesk.store import backups

        chosen = _text(settings, "files/backup_folder")
        if chosen and backups.chosen_folder() is None:
            with contextlib.suppress(OSError):
                backups.choose_folder(Path(chosen))
        settings.remove("files/backup_folder")
    if version < SETTINGS_VERSION:
        settings.setValue("settings_version", SETTINGS_VERSION)


# -- preferences ----------------------------------------------------------------


def recent_files() -> list[Path]:
    value = _settings().value("files/recent", [])
    listed = value if isinstance(value, list) else [value]  # a one-item list reads back as its item
    return [Path(p) for p in listed if isinstance(p, str) and p]


def remember_file(path: Path) -> None:
    """Put a workbook at the top of Open Recent."""
    _remember_file(_settings(), path)


def remember_opened(path: Path) -> None:
    """A workbook just opened: at the top of Open Recent, and its folder the one to open from next.
    One QSettings, written only if something changed (reopening the last workbook changes nothing)."""
    settings = _settings()
    _remember_file(settings, path)
    folder = str(path.resolve().parent)
    if _text(settings, "files/last_folder") != folder:
        settings.setValue("files/last_folder", folder)


def _remember_file(settings: QSettings, path: Path) -> None:
    path = path.resolve()
    value = settings.value("files/recent", [])
    stored = value if isinstance(value, list) else [value]  # a one-item list reads back as its item
    recent = [Path(p) for p in stored if isinstance(p, str) and p]
    files = [str(p) for p in ([path] + [p for p in recent if p != path])[:MAX_RECENT]]
    if files != stored:
        settings.setValue("files/recent", files)


def forget_file(path: Path) -> None:
    _settings().setValue("files/recent", [str(p) for p in recent_files() if p != path])


def last_folder() -> Path:
    value = _text(_settings(), "files/last_folder")
    folder = Path(value) if value else Path.home()
    return folder if folder.is_dir() else Path.home()


def remember_folder(folder: Path) -> None:
    _settings().setValue("files/last_folder", str(folder))


def export_folder() -> Path | None:
    value = _text(_settings(), "files/export_folder")
    return Path(value) if value and Path(value).is_dir() else None


def remember_export_folder(folder: Path) -> None:
    _settings().setValue("files/export_folder", str(folder))


def import_folder() -> Path | None:
    value = _text(_settings(), "files/import_folder")
    return Path(value) if value and Path(value).is_dir() else None


def remember_import_folder(folder: Path) -> None:
    _settings().setValue("files/import_folder", str(folder))


def column_choices(shape: str) -> dict[str, str]:
    """What the officer said each column of a table of this shape holds (header words -> field)."""
    value = _text(_settings(), f"import/columns/{shape}")
    choices: dict[str, str] = {}
    for line in value.splitlines():
        header, tab, column = line.rpartition("\t")
        if tab and header:
            choices[header] = column
    return choices


def remember_column_choices(shape: str, choices: dict[str, str]) -> None:
    """Kept per shape of table (its header's words), so next month's table from the same council is
    matched the same way; stored as lines of header TAB field (tabs never survive header_words)."""
    _settings().setValue(f"import/columns/{shape}", "\n".join(f"{h}\t{c}" for h, c in sorted(choices.items())))


def backup_folder() -> Path:
    """Where backups go: the folder the person chose, or laadesk's own while that one is missing."""
    from laadesk.store import backups

    return backups.backup_folder()


def remember_backup_folder(folder: Path | None) -> None:
    """Send backups to folder from now on (None: back to laadesk's own backups folder); the
    choice is kept with laadesk's data, so `laadesk import` backs up there too."""
    from laadesk.store import backups

    backups.choose_folder(folder)


def your_name() -> str:
    """The name the history records beside each change made in this window ("" for the account name)."""
    return " ".join(_text(_settings(), "history/your_name").split())


def remember_your_name(name: str) -> None:
    """Keep the officer's name for the history; blank goes back to the account name."""
    settings, tidied = _settings(), " ".join(name.split())
    if tidied:
        settings.setValue("history/your_name", tidied)
    else:
        settings.remove("history/your_name")


# -- window state (kept apart from preferences) -----------------------------------------


def window_geometry() -> QByteArray | None:
    value = _settings().value("window/geometry")
    return value if isinstance(value, QByteArray) else None


def window_state() -> QByteArray | None:
    value = _settings().value("window/state")
    return value if isinstance(value, QByteArray) else None


def save_window(geometry: QByteArray, state: QByteArray) -> None:
    """Keep the window's geometry and state; a window closed as it opened writes nothing."""
    settings = _settings()
    for key, value in (("window/geometry", geometry), ("window/state", state)):
        if settings.value(key) != value:
            settings.setValue(key, value)
