#!/bin/sh
# Installs laadesk for you alone, without administrator rights: the program into
# ~/.local/lib/laadesk, the commands laadesk and laadesk-cli into ~/.local/bin, and the menu
# entry, icon and workbook file type into ~/.local/share, so that a file manager opens .laa
# workbooks with laadesk on a double-click. Run it again to upgrade.
# ~/.local/lib/laadesk/uninstall.sh removes it all again; your workbooks are never touched.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
lib_dir=$HOME/.local/lib/laadesk
bin_dir=$HOME/.local/bin

if [ ! -x "$here/laadesk/laadesk" ] || [ ! -d "$here/share" ]; then
  echo "install.sh: $here does not hold the unpacked laadesk archive (laadesk/ and share/ beside this script)." >&2
  exit 1
fi

mkdir -p "$HOME/.local/lib" "$bin_dir" "$data_home/applications" "$data_home/mime/packages" "$data_home/icons"
# Copy beside the old version first, then swap, so a failed copy leaves the old one working.
rm -rf "$lib_dir.new"
cp -R "$here/laadesk" "$lib_dir.new"
cp "$here/uninstall.sh" "$lib_dir.new/uninstall.sh"
rm -rf "$lib_dir"
mv "$lib_dir.new" "$lib_dir"
ln -sf "$lib_dir/laadesk" "$bin_dir/laadesk"
ln -sf "$lib_dir/laadesk-cli" "$bin_dir/laadesk-cli"

# The menu entry names the program by its full path: ~/.local/bin is not always on PATH.
sed "s|^Exec=laadesk |Exec=\"$lib_dir/laadesk\" |" "$here/share/applications/laadesk.desktop" \
  > "$data_home/applications/laadesk.desktop"
cp -R "$here/share/icons/." "$data_home/icons/"
cp "$here/share/mime/packages/laadesk-workbook.xml" "$data_home/mime/packages/laadesk-workbook.xml"

# Tell the desktop what changed, with whichever of its tools this system has.
if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database "$data_home/mime"
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$data_home/applications" || true
fi
touch "$data_home/icons/hicolor"  # icon caches notice the new icons
if command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime default laadesk.desktop application/x-laadesk-workbook || true
fi

if version=$("$lib_dir/laadesk-cli" --version 2>/dev/null); then
  echo "Installed $version in $lib_dir: start it from your applications menu, or open a .laa workbook."
else
  echo "laadesk was copied to $lib_dir, but it does not start on this system; run $lib_dir/laadesk-cli --version to see why." >&2
  exit 1
fi
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "($bin_dir is not on your PATH, so type $bin_dir/laadesk-cli for the command line.)" ;;
esac
