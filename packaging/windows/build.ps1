# Windows build of the installer: PyInstaller bundle, then Inno Setup.
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-ProvisioningKey C:\it\provisioning.pub]
# Needs: Python 3.11 x64, Inno Setup 6 (iscc.exe on PATH or in its default folder).
param([string]$ProvisioningKey = "")
$ErrorActionPreference = "Stop"
$Root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $Root
if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
.\.venv\Scripts\python -m pip install -q -e . "pyinstaller>=6.10,<7"
.\.venv\Scripts\python -m kiosk_app.ui.build_translations
$sw = [Diagnostics.Stopwatch]::StartNew()
.\.venv\Scripts\python -m PyInstaller --noconfirm --log-level WARN --distpath build\dist --workpath build\pyinstaller packaging\pyinstaller\kiosk-app.spec
$Version = (.\.venv\Scripts\python -c "import kiosk_app; print(kiosk_app.__version__)").Trim()
$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
$defines = @("/DAppVersion=$Version", "/DBundleDir=$Root\build\dist\kiosk-app")
if ($ProvisioningKey) { $defines += "/DProvisioningKey=$ProvisioningKey" }
& $iscc @defines packaging\windows\omnistore-kiosk.iss
Write-Host "built in $($sw.Elapsed.TotalSeconds) s: build\omnistore-kiosk-setup-$Version.exe"
