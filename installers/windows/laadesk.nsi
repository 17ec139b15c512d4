; laadesk's Windows installer, for one person and without administrator rights: the program
; in %LOCALAPPDATA%\Programs\laadesk, a Start-menu entry, an uninstaller (also listed in
; Settings > Apps), and .laa workbooks opening in laadesk, with laadesk's icon, on a double-click.
;
; installers/build.py compiles it on Windows after PyInstaller has built the bundle:
;   makensis -DVERSION=0.1.0 -DWIN_VERSION=0.1.0.0 -DBUNDLE_DIR=dist\laadesk
;            -DICON=build\icons\laadesk.ico -DOUTFILE=dist\laadesk-0.1.0-setup.exe laadesk.nsi
; Silent use: laadesk-0.1.0-setup.exe /S   and   "%LOCALAPPDATA%\Programs\laadesk\uninstall.exe" /S

Unicode true
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!ifndef VERSION | WIN_VERSION | BUNDLE_DIR | ICON | OUTFILE
  !error "Define VERSION, WIN_VERSION, BUNDLE_DIR, ICON and OUTFILE (installers/build.py does)."
!endif

!define APP "laadesk"
!define EXE "laadesk.exe"
!define CLI_EXE "laadesk-cli.exe"
!define EXT ".laa"
!define PROG_ID "laadesk.Workbook"
!define MIME_TYPE "application/x-laadesk-workbook"
!define CLASSES "Software\Classes"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\laadesk"
!define SHCNE_ASSOCCHANGED 0x08000000

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${WIN_VERSION}"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "LegalCopyright" "MIT licence"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "This installs ${APP} ${VERSION}, the Local Area Agreement negotiator's workbook, for you alone: no administrator rights are needed.$\r$\n$\r$\nWorkbooks (.laa files) will open in ${APP} when you double-click them."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP} now"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; A running laadesk keeps its program files open: ask the person to close it rather than fail halfway.
!macro WAIT_FOR_LAADESK_TO_CLOSE
  ${Do}
    ClearErrors
    ${IfNot} ${FileExists} "$INSTDIR\${EXE}"
      ${Break}
    ${EndIf}
    FileOpen $0 "$INSTDIR\${EXE}" a
    ${IfNot} ${Errors}
      FileClose $0
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP} is running. Close every ${APP} window, then choose Retry." /SD IDCANCEL IDRETRY +2
    Abort "${APP} is still running; nothing was changed."
  ${Loop}
!macroend

Section "${APP}"
  SetShellVarContext current
  !insertmacro WAIT_FOR_LAADESK_TO_CLOSE
  SetOutPath "$INSTDIR"
  RMDir /r "$INSTDIR\_internal"  ; an upgrade leaves no file of the old version behind
  File /r "${BUNDLE_DIR}\*.*"
  File "/oname=laadesk.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" \
    "The Local Area Agreement negotiator's workbook"

  ; .laa workbooks open in laadesk, for this person (HKCU\Software\Classes needs no administrator).
  WriteRegStr HKCU "${CLASSES}\${EXT}" "" "${PROG_ID}"
  WriteRegStr HKCU "${CLASSES}\${EXT}" "Content Type" "${MIME_TYPE}"
  WriteRegStr HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${PROG_ID}" ""
  WriteRegStr HKCU "${CLASSES}\${PROG_ID}" "" "${APP} workbook"
  WriteRegStr HKCU "${CLASSES}\${PROG_ID}\DefaultIcon" "" "$INSTDIR\laadesk.ico,0"
  WriteRegStr HKCU "${CLASSES}\${PROG_ID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}" "FriendlyAppName" "${APP}"
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}\SupportedTypes" "${EXT}" ""
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'

  ; Settings > Apps lists laadesk, with its size, and can uninstall it.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

  System::Call 'shell32::SHChangeNotify(i ${SHCNE_ASSOCCHANGED}, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro WAIT_FOR_LAADESK_TO_CLOSE
  Delete "$SMPROGRAMS\${APP}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\laadesk.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: nothing the person put there is removed

  ; The .laa association goes only while it is still laadesk's.
  ReadRegStr $0 HKCU "${CLASSES}\${EXT}" ""
  ${If} $0 == "${PROG_ID}"
    DeleteRegValue HKCU "${CLASSES}\${EXT}" ""
    DeleteRegValue HKCU "${CLASSES}\${EXT}" "Content Type"
  ${EndIf}
  DeleteRegValue HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${PROG_ID}"
  DeleteRegKey /ifempty HKCU "${CLASSES}\${EXT}\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "${CLASSES}\${EXT}"
  DeleteRegKey HKCU "${CLASSES}\${PROG_ID}"
  DeleteRegKey HKCU "${CLASSES}\Applications\${EXE}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; Workbooks, backups (%APPDATA%\laadesk) and settings (HKCU\Software\laadesk) are the person's: kept.

  System::Call 'shell32::SHChangeNotify(i ${SHCNE_ASSOCCHANGED}, i 0, p 0, p 0)'
SectionEnd
