# Build counterapp.msi on Windows from the PyInstaller bundle, with WiX Toolset 3.14
# (https://wixtoolset.org/docs/wix3/; `choco install wixtoolset` or the official installer).
#
#   py -3.11 -m venv .venv; .venv\Scripts\pip install -e .[build]
#   .venv\Scripts\pyinstaller --noconfirm build.spec          # makes dist\counterapp\
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build-msi.ps1
#
# Output: dist\counterapp-<version>-x64.msi. Sign it (signtool sign /fd SHA256 /tr <TSA> ...)
# before handing it to GPO/SCCM/Intune. Silent install on a counter PC:
#   msiexec /i counterapp-<version>-x64.msi /qn SITEFILE=\\server\share\site.toml
param(
    [string]$Bundle = "dist\counterapp",
    [string]$Out = "dist"
)
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root
$version = (Select-String -Path counterapp\__init__.py -Pattern '__version__ = "(.*)"').Matches[0].Groups[1].Value
$wix = if ($env:WIX) { Join-Path $env:WIX "bin" } else { "C:\Program Files (x86)\WiX Toolset v3.14\bin" }
$work = Join-Path $env:TEMP "counterapp-msi"
New-Item -ItemType Directory -Force -Path $work | Out-Null

# Harvest every file of the bundle except counterapp.exe (counterapp.wxs names it: the
# shortcut and the SITEFILE custom action point at it).
& "$wix\heat.exe" dir $Bundle -nologo -cg Bundle -dr INSTALLDIR -var var.SourceDir -gg -g1 -srd -sreg `
    -t packaging\windows\exclude-main-exe.xslt -out "$work\bundle.wxs"
& "$wix\candle.exe" -nologo -arch x64 -dSourceDir="$Bundle" -dVersion="$version" -dExeName=counterapp.exe `
    -dWin64=yes -dIconFile=resources\icons\counterapp.ico -out "$work\" packaging\windows\counterapp.wxs "$work\bundle.wxs"
& "$wix\light.exe" -nologo -spdb -out "$Out\counterapp-$version-x64.msi" "$work\counterapp.wixobj" "$work\bundle.wixobj"
Write-Host "$Out\counterapp-$version-x64.msi"
