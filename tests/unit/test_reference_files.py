"""Loading a catalogue never reads something that is not a plain file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from laadesk.core.errors import CatalogueRejected
from laadesk.store.reference import read_catalogue_file


def test_a_pipe_is_refused_without_reading_it(tmp_path: Path) -> None:
    pipe = tmp_path / "catalogue.csv"
    os.mkfifo(pipe)  # reading it would wait for ever for a writer
    with pytest.raises(CatalogueRejected) as caught:
        read_catalogue_file(pipe, "edition")
    assert str(caught.value) == f"{pipe} is not a file; give the indicator catalogue as a .csv file."


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueRejected, match="is not a file"):
        read_catalogue_file(tmp_path, "edition")


def test_a_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    with pytest.raises(CatalogueRejected, match="larger than 5 MB"):
        read_catalogue_file(big, "edition")
