<#
.SYNOPSIS
  Remove shareguard for the current user on Windows: the scheduled task, the running agent, the
  shortcuts and the environment. The flagged-file log, quarantine and config are kept unless -Purge.
#>
[CmdletBinding()]
param(
    [string]$Prefix = "",
    [switch]$Purge,
    [string]$Lang = "zh_CN"
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

function Say([string]$Zh, [string]$En) {
    if ($Lang -like "en*") { Write-Host $En } else { Write-Host $Zh }
}

if (-not $Prefix) { $Prefix = Join-Path $env:LOCALAPPDATA "shareguard" }
$Venv = Join-Path $Prefix "venv"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
$TaskName = "shareguard"

$data = $null
$config = $null
if (Test-Path $VenvPython) {
    $data = & $VenvPython -c "from agent.config import load_config; print(load_config().data_path)"
    $config = & $VenvPython -c "from agent.config import default_config_path; print(default_config_path())"
}

if (Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue) {
    Stop-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue
    Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false
}
# agents still running from this environment
Get-CimInstance Win32_Process -Filter "Name = 'pythonw.exe' OR Name = 'python.exe'" |
    Where-Object { $_.ExecutablePath -and $_.ExecutablePath.StartsWith($Venv, [StringComparison]::OrdinalIgnoreCase) } |
    ForEach-Object { Invoke-CimMethod -InputObject $_ -MethodName Terminate | Out-Null }

Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $env:APPDATA "Microsoft\Windows\Start Menu\Programs\shareguard")
Remove-Item -Force -ErrorAction SilentlyContinue (Join-Path $env:APPDATA "Microsoft\Windows\SendTo\发送前用 shareguard 检查.lnk")
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Venv
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $Prefix "Tesseract-OCR")

Say "shareguard 已卸载。" "shareguard has been removed."
if ($Purge) {
    foreach ($p in @($data, $config)) { if ($p) { Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $p } }
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Prefix
} elseif ($data) {
    Say "保留了告警记录、隔离区和配置：$data（删除请加 -Purge）" "kept the log, quarantine and config: $data (add -Purge to delete them)"
}
