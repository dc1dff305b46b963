<#
.SYNOPSIS
  Install shareguard for the current user on Windows 10/11 (no administrator rights needed,
  except for a machine-wide Tesseract installer).

.DESCRIPTION
  Creates a virtual environment in %LOCALAPPDATA%\shareguard\venv, installs shareguard into it
  (from this checkout, or from a folder of wheels with -Offline), writes the default config if
  there is none, registers a scheduled task that runs the agent at logon without a console window
  (pythonw -m agent.cli run), adds a Start-menu entry for the review console and a "Send to"
  shortcut for `shareguard check`, optionally installs Tesseract from a given installer with the
  Simplified Chinese data, starts the agent and runs `shareguard doctor`.
  Running it again replaces the task and shortcuts with identical ones.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installer\install.ps1 -TesseractInstaller D:\tesseract-ocr-w64-setup-5.3.3.exe -ChiSimData D:\chi_sim.traineddata
#>
[CmdletBinding()]
param(
    [string]$Offline = "",
    [string]$TesseractInstaller = "",
    [string]$ChiSimData = "",
    [string]$Python = "",
    [string]$Prefix = "",
    [switch]$NoStart,
    [string]$Lang = "zh_CN"
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

function Say([string]$Zh, [string]$En) {
    if ($Lang -like "en*") { Write-Host $En } else { Write-Host $Zh }
}

$Checkout = Split-Path -Parent $PSScriptRoot
if (-not $Prefix) { $Prefix = Join-Path $env:LOCALAPPDATA "shareguard" }
$Venv = Join-Path $Prefix "venv"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
$VenvPythonw = Join-Path $Venv "Scripts\pythonw.exe"
$TaskName = "shareguard"
$StartMenu = Join-Path $env:APPDATA "Microsoft\Windows\Start Menu\Programs\shareguard"
$SendTo = Join-Path $env:APPDATA "Microsoft\Windows\SendTo"
$env:ORT_DISABLE_TELEMETRY = "1"

# -- 1. Python 3.11+ and the virtual environment -------------------------------------------------
function Find-Python {
    if ($Python) { return , @($Python) }
    if (Get-Command py -ErrorAction SilentlyContinue) {
        foreach ($v in "-3.13", "-3.12", "-3.11") {
            & py $v -c "import sys" 2>$null
            if ($LASTEXITCODE -eq 0) { return , @("py", $v) }
        }
    }
    $cmd = Get-Command python -ErrorAction SilentlyContinue
    if ($cmd) {
        & $cmd.Source -c "import sys; sys.exit(sys.version_info < (3, 11))"
        if ($LASTEXITCODE -eq 0) { return , @($cmd.Source) }
    }
    throw "Python 3.11+ not found: install it from python.org (per user) or pass -Python"
}
if (-not (Test-Path $VenvPythonw)) {
    $py = Find-Python
    $pyArgs = @()
    if ($py.Count -gt 1) { $pyArgs = $py[1..($py.Count - 1)] }
    Say "创建虚拟环境 $Venv" "creating the virtual environment $Venv"
    & $py[0] @pyArgs -m venv $Venv
    if ($LASTEXITCODE -ne 0) { throw "python -m venv failed" }
}

# -- 2. shareguard -------------------------------------------------------------------------------
$pip = @("-m", "pip", "--disable-pip-version-check", "--no-input", "-q")
if ($Offline) {
    & $VenvPython @pip install --no-index --find-links $Offline shareguard
    & $VenvPython @pip install --no-index --find-links $Offline --force-reinstall --no-deps shareguard
} else {
    & $VenvPython @pip install $Checkout
}
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }
$Share = Join-Path $Venv "share\shareguard\installer"
New-Item -ItemType Directory -Force -Path $Share | Out-Null
Copy-Item -Force (Join-Path $PSScriptRoot "*.ps1") $Share

# -- 3. Tesseract with chi_sim (optional: from a given installer) -----------------------------------
if ($TesseractInstaller) {
    $TessDir = Join-Path $Prefix "Tesseract-OCR"
    Say "安装 Tesseract 到 $TessDir" "installing Tesseract into $TessDir"
    # NSIS installer (UB Mannheim build): /S silent, /D= target directory (must come last)
    Start-Process -FilePath $TesseractInstaller -ArgumentList "/S", "/D=$TessDir" -Wait
    if ($ChiSimData) { Copy-Item -Force $ChiSimData (Join-Path $TessDir "tessdata\chi_sim.traineddata") }
    $userPath = [Environment]::GetEnvironmentVariable("Path", "User")
    if (-not $userPath) { $userPath = "" }
    if (($userPath -split ";") -notcontains $TessDir) {
        [Environment]::SetEnvironmentVariable("Path", ($userPath.TrimEnd(";") + ";" + $TessDir).TrimStart(";"), "User")
    }
    $env:Path = "$env:Path;$TessDir"
}

# -- 4. default config -----------------------------------------------------------------------------
& $VenvPython -c @"
import os
from agent.config import DEFAULT_CONFIG_TOML, default_config_path
p = default_config_path()
if not p.exists():
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(DEFAULT_CONFIG_TOML, encoding='utf-8')
    print(p)
"@

# -- 5. scheduled task at logon, no console window ------------------------------------------------------
$user = "$env:USERDOMAIN\$env:USERNAME"
$action = New-ScheduledTaskAction -Execute $VenvPythonw -Argument "-m agent.cli run" -WorkingDirectory $Prefix
$trigger = New-ScheduledTaskTrigger -AtLogOn -User $user
$settings = New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries `
    -ExecutionTimeLimit ([TimeSpan]::Zero) -RestartCount 3 -RestartInterval (New-TimeSpan -Minutes 1) `
    -MultipleInstances IgnoreNew -Priority 7
$principal = New-ScheduledTaskPrincipal -UserId $user -LogonType Interactive -RunLevel Limited
Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger -Settings $settings `
    -Principal $principal -Description "shareguard document leak-prevention agent" -Force | Out-Null

# -- 6. Start menu (review console) and Send to (check before sending) ---------------------------------
function New-Shortcut([string]$Path, [string]$Arguments, [string]$Description) {
    New-Item -ItemType Directory -Force -Path (Split-Path -Parent $Path) | Out-Null
    $shell = New-Object -ComObject WScript.Shell
    $lnk = $shell.CreateShortcut($Path)
    $lnk.TargetPath = $VenvPythonw
    $lnk.Arguments = $Arguments
    $lnk.WorkingDirectory = $Prefix
    $lnk.Description = $Description
    $lnk.Save()
}
New-Shortcut (Join-Path $StartMenu "shareguard 审核控制台.lnk") "-m agent.cli review" "shareguard review console"
New-Shortcut (Join-Path $SendTo "发送前用 shareguard 检查.lnk") "-m agent.cli check" "Check with shareguard before sending"

# -- 7. start, doctor, where things are ------------------------------------------------------------------
if (-not $NoStart) { Start-ScheduledTask -TaskName $TaskName; Start-Sleep -Seconds 3 }
$doctorArgs = @("-m", "agent.cli", "--lang", $Lang, "doctor")
if ($NoStart) { $doctorArgs += @("--skip", "service") }
& $VenvPython @doctorArgs
$rc = $LASTEXITCODE
$data = & $VenvPython -c "from agent.config import load_config; print(load_config().data_path)"
Say "shareguard 已安装到 $Venv" "shareguard installed in $Venv"
Say "告警记录（日志）：$data\log.sqlite3；隔离区：$data\quarantine" "flagged-file log: $data\log.sqlite3; quarantine: $data\quarantine"
Say "审核控制台：开始菜单 → shareguard → shareguard 审核控制台" "review console: Start menu → shareguard → shareguard 审核控制台"
Say "发送前检查：右键文件 → 发送到 → 发送前用 shareguard 检查" "check before sending: right-click a file → Send to → 发送前用 shareguard 检查"
Say "卸载：powershell -ExecutionPolicy Bypass -File $Share\uninstall.ps1" "uninstall: powershell -ExecutionPolicy Bypass -File $Share\uninstall.ps1"
exit $rc
