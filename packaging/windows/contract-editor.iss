; Inno Setup 6 script: a per-user installer for the PyInstaller folder (no admin rights needed).
;
;   uv run --group build python packaging\build.py          (on Windows: makes dist\contract-editor\)
;   iscc /DAppVersion=0.1.0 packaging\windows\contract-editor.iss
;
; Output: dist\contract-editor-<version>-setup.exe. It installs into
; %LOCALAPPDATA%\Programs\Contract Editor, adds Start-menu entries (the window, and nothing for the
; console contract-editor-cli.exe, which stays available for scripts), registers .contract for
; the current user only, and uninstalls from Settings > Apps. Sign both the exe and the installer
; (signtool) before shipping: unsigned installers trip SmartScreen.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Contract Editor"
#define AppExe "contract-editor.exe"
#define Root "..\.."

[Setup]
; a fixed AppId keeps upgrades in place: never change it
AppId={{8E7C2D4A-5B1F-4C8E-9A3D-6F2B1C0E7D59}
AppName={#AppName}
AppVerName={#AppName} {#AppVersion}
AppVersion={#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
; per-user: no UAC prompt; {autopf} is then %LOCALAPPDATA%\Programs
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
SetupIconFile={#Root}\resources\icons\contract-editor.ico
OutputDir={#Root}\dist
OutputBaseFilename=contract-editor-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships Chinese Simplified as an unofficial translation: add it when available
; Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\contract-editor\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .contract drafts open in the app, for this user only (HKA = HKCU when installed per-user)
Root: HKA; Subkey: "Software\Classes\.contract"; ValueType: string; ValueName: ""; ValueData: "ContractEditor.Draft"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\ContractEditor.Draft"; ValueType: string; ValueName: ""; ValueData: "Contract draft"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\ContractEditor.Draft\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\ContractEditor.Draft\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The clause library and autosaves live in the user's data folder (%LOCALAPPDATA%\contract-editor),
; not in {app}: uninstalling keeps the lawyer's library and drafts.
