#!/bin/sh
# Removes what install.sh put in ~/.local. Your workbooks, and laadesk's own folder of
# backups and logs (~/.local/share/laadesk), are left where they are.
set -eu

data_home=${XDG_DATA_HOME:-$HOME/.local/share}
config_home=${XDG_CONFIG_HOME:-$HOME/.config}
lib_dir=$HOME/.local/lib/laadesk
bin_dir=$HOME/.local/bin

for command in laadesk laadesk-cli; do
  if [ "$(readlink "$bin_dir/$command" 2>/dev/null || true)" = "$lib_dir/$command" ]; then
    rm -f "$bin_dir/$command"
  fi
done
rm -f "$data_home/applications/laadesk.desktop" "$data_home/mime/packages/laadesk-workbook.xml"
for icon in "$data_home"/icons/hicolor/*/apps/laadesk.* \
  "$data_home"/icons/hicolor/*/mimetypes/application-x-laadesk-workbook.*; do
  if [ -e "$icon" ]; then rm -f "$icon"; fi
done
if [ -f "$config_home/mimeapps.list" ]; then
  sed -i '/^application\/x-laadesk-workbook=laadesk\.desktop;*$/d' "$config_home/mimeapps.list"
fi
if command -v update-mime-database >/dev/null 2>&1 && [ -d "$data_home/mime" ]; then
  update-mime-database "$data_home/mime"
fi
if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$data_home/applications" ]; then
  update-desktop-database -q "$data_home/applications" || true
fi
rm -rf "$lib_dir"
echo "laadesk is uninstalled. Your workbooks and $data_home/laadesk (backups, logs) are still there."
