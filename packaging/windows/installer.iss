; Inno Setup 6 script: installs the PyInstaller folder dist\NotulenTimpora for the current user.
;
;   pyinstaller build.spec --noconfirm
;   iscc packaging\windows\installer.iss          ->  dist\NotulenTimpora-<version>-setup.exe
;
; No administrator rights: the program goes to %LOCALAPPDATA%\Programs\Notulen Timpora, the
; shortcuts and the .timpora association to the user's own Start menu and HKCU. The user's data
; (%LOCALAPPDATA%\NotulenTimpora: the store, its backups, Logs) is written by the app, not by this
; installer, so the uninstaller never touches it. See docs/windows.md.

#define AppName "Notulen Timpora"
#define AppExeName "NotulenTimpora.exe"
; The bundle to install; scripts/windows_smoke.sh passes its own with /DBundleDir=... .
#ifndef BundleDir
  #define BundleDir AddBackslash(SourcePath) + "..\..\dist\NotulenTimpora"
#endif
; The version comes from the executable's version information (build.spec writes it from
; app.__version__); CI may pass it explicitly with /DAppVersion=x.y.z.
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BundleDir + "\" + AppExeName, "ProductVersion")
#endif

[Setup]
; The AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{6F0C1E52-7A9B-4C3D-9E1F-2B8A4D5C6E71}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
; {userpf} is %LOCALAPPDATA%\Programs, the per-user program folder of Windows.
DefaultDirName={userpf}\{#AppName}
DisableDirPage=auto
DisableProgramGroupPage=yes
DefaultGroupName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=NotulenTimpora-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
Compression=lzma2/ultra64
SolidCompression=yes
; ISCC is a 32-bit program: ultra64's dictionary needs the compressor in its own (64-bit) process.
LZMAUseSeparateProcess=yes
WizardStyle=modern
; Upgrading while the app runs: close it first (it saves every edit as it goes).
CloseApplications=yes
RestartApplications=no
ChangesAssociations=yes

[Languages]
; Inno Setup ships no Indonesian wizard texts (Indonesian.isl is an unofficial translation);
; the app itself speaks Indonesian. Our own texts below have Indonesian versions.
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
en.FileTypeName=Rapat Notulen Timpora
en.LaunchApp=Buka {#AppName}
en.DesktopIcon=Ikon di desktop

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[InstallDelete]
; A new version replaces the whole bundle: no module of the old one may linger beside it.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Registry]
; .timpora (a meeting package, see docs/exchange-format.schema.json) opens in the app. The
; uninstaller removes our values, then the keys if nothing else (another program) is left in them.
Root: HKCU; Subkey: "Software\Classes\.timpora"; ValueType: string; ValueName: ""; ValueData: "NotulenTimpora.Meeting"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\.timpora\OpenWithProgids"; ValueType: string; ValueName: "NotulenTimpora.Meeting"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\NotulenTimpora.Meeting"; ValueType: string; ValueName: ""; ValueData: "{cm:FileTypeName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\NotulenTimpora.Meeting\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"",0"
Root: HKCU; Subkey: "Software\Classes\NotulenTimpora.Meeting\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" gui --open ""%1"""

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes what it installed and nothing else, so the
; store in %LOCALAPPDATA%\NotulenTimpora and the settings in HKCU\Software\NotulenTimpora stay.
