; Inno Setup 6 script of the Windows installer (one-folder PyInstaller bundle).
;
; Build (see packaging/README.md, "Windows"):
;   iscc /DAppVersion=0.1.0 /DBundleDir=..\..\build\dist\kiosk-app ^
;        /DProvisioningKey=C:\it\provisioning.pub packaging\windows\omnistore-kiosk.iss
;
; Silent install for IT (store, mode and API URL go to %PROGRAMDATA%\omnistore-kiosk\config.toml,
; the machine-wide config, kept on upgrade):
;   omnistore-kiosk-setup-0.1.0.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART ^
;        /STORE=PAR01 /MODE=kiosk /APIURL=https://api.omnistore.example [/AUTOSTART=1]
; Without /STORE, /MODE, /APIURL the device configures itself from the provisioning QR.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\build\dist\kiosk-app"
#endif

[Setup]
AppId={{6C0B6F53-0E55-4B5E-9A7B-6F1D7E3C8A10}
AppName=Omnistore store app
AppVersion={#AppVersion}
AppPublisher=Omnistore IT
DefaultDirName={autopf}\Omnistore Kiosk
DefaultGroupName=Omnistore
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=omnistore-kiosk-setup-{#AppVersion}
OutputDir=..\..\build
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName=Omnistore store app
CloseApplications=yes

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
#ifdef ProvisioningKey
Source: "{#ProvisioningKey}"; DestDir: "{commonappdata}\omnistore-kiosk"; DestName: "provisioning.pub"; Flags: onlyifdoesntexist uninsneveruninstall
#endif

[Dirs]
Name: "{commonappdata}\omnistore-kiosk"; Flags: uninsneveruninstall

[Icons]
Name: "{group}\Omnistore store app"; Filename: "{app}\kiosk-app.exe"
Name: "{commonstartup}\Omnistore store app"; Filename: "{app}\kiosk-app.exe"; Parameters: "--mode kiosk"; Check: WantsAutostart

[Run]
Filename: "{app}\kiosk-app.exe"; Parameters: "doctor --no-camera"; Flags: runhidden; StatusMsg: "Checking the installation..."

[Code]
function Param(const Name: String): String;
begin
  Result := ExpandConstant('{param:' + Name + '|}');
end;

function WantsAutostart(): Boolean;
begin
  Result := (Param('AUTOSTART') = '1') or (Param('MODE') = 'kiosk');
end;

function TomlString(const Value: String): String;
begin
  Result := Value;
  StringChangeEx(Result, '\', '\\', True);
  StringChangeEx(Result, '"', '\"', True);
  Result := '"' + Result + '"';
end;

{ Write the machine-wide config only when IT passed values, and never over an existing
  file on upgrade (same rule as the .deb conffile). }
procedure CurStepChanged(CurStep: TSetupStep);
var
  Path, Text: String;
begin
  if CurStep <> ssPostInstall then Exit;
  Path := ExpandConstant('{commonappdata}\omnistore-kiosk\config.toml');
  if FileExists(Path) then Exit;
  Text := '# Omnistore store app - machine-wide settings (written by the installer)' + #13#10;
  if Param('APIURL') <> '' then Text := Text + 'api_url = ' + TomlString(Param('APIURL')) + #13#10;
  if Param('STORE') <> '' then Text := Text + 'store_code = ' + TomlString(Param('STORE')) + #13#10;
  if Param('MODE') <> '' then Text := Text + 'mode = ' + TomlString(Param('MODE')) + #13#10;
  SaveStringToFile(Path, Text, False);
end;
