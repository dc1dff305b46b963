#!/usr/bin/env bash
# Install shareguard on a Linux desktop as a background agent that starts at login.
#
#   bash installer/install.sh [--user | --system] [--prefix DIR] [--bin-dir DIR] [--no-start]
#                             [--offline DIR] [--python PY] [--no-system-packages] [--lang en]
#
# --user (the default): the environment lives in $XDG_DATA_HOME/shareguard/venv,
#   the `shareguard` launcher goes in ~/.local/bin, the agent is a systemd user unit (or an XDG
#   autostart entry where no user systemd runs) and is started now.
# --system (as root): environment in /opt/shareguard/venv, launcher in /usr/local/bin,
#   the agent registered for every user (global systemd user unit, else /etc/xdg/autostart); it
#   starts at each user's next login.
# --offline DIR: install shareguard and its Python dependencies from a folder of wheels
#   (pip install --no-index --find-links DIR); system packages must already be there.
#
# Idempotent: every file is written only when its content changes, and a second run with the same
# source changes nothing. Undo with installer/uninstall.sh.
set -euo pipefail
umask 022

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC_DIR=$(dirname "$SCRIPT_DIR")
MODE=""
PREFIX=""
BIN_DIR=""
START=1
OFFLINE=""
PYTHON=${PYTHON:-}
SYSTEM_PACKAGES=1
UI_LANG=${SHAREGUARD_LANG:-zh_CN}
CHANGED=0
REUSE=0  # run from an installed environment: repair the registration, keep the package
if [ -f "$SCRIPT_DIR/install.env" ]; then
  # shellcheck disable=SC1091
  . "$SCRIPT_DIR/install.env"
fi

usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --user) MODE=user ;;
    --system) MODE=system ;;
    --prefix) PREFIX=${2:?--prefix needs a directory}; shift ;;
    --prefix=*) PREFIX=${1#*=} ;;
    --bin-dir) BIN_DIR=${2:?--bin-dir needs a directory}; shift ;;
    --bin-dir=*) BIN_DIR=${1#*=} ;;
    --no-start) START=0 ;;
    --offline) OFFLINE=${2:?--offline needs a directory of wheels}; shift ;;
    --offline=*) OFFLINE=${1#*=} ;;
    --python) PYTHON=${2:?--python needs an interpreter}; shift ;;
    --python=*) PYTHON=${1#*=} ;;
    --no-system-packages) SYSTEM_PACKAGES=0 ;;
    --lang) UI_LANG=${2:?}; shift ;;
    --lang=*) UI_LANG=${1#*=} ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

say() { # say "中文" "English"
  case "$UI_LANG" in en*) printf '%s\n' "$2" ;; *) printf '%s\n' "$1" ;; esac
}
die() { say "安装失败：$1" "install failed: $2" >&2; exit 1; }

if [ "$(uname -s)" != Linux ]; then
  die "install.sh 只用于 Linux；Windows 用 installer/install.ps1，macOS 见 installer/macos/README.md" \
      "install.sh is for Linux; on Windows use installer/install.ps1, on macOS see installer/macos/README.md"
fi
if [ -z "$MODE" ]; then
  if [ -n "${SUDO_USER:-}" ] && [ "$(id -u)" = 0 ]; then
    die "请不要用 sudo 运行：为自己安装直接运行本脚本（需要时它会自己调用 sudo），为所有用户安装请加 --system" \
        "do not run this with sudo: run it as yourself (it calls sudo when needed), or add --system for every user"
  fi
  MODE=user
fi
if [ -n "$OFFLINE" ]; then
  [ -d "$OFFLINE" ] || die "找不到离线安装包目录 $OFFLINE" "offline folder $OFFLINE not found"
  OFFLINE=$(cd "$OFFLINE" && pwd)
elif [ ! -f "$SRC_DIR/pyproject.toml" ]; then
  REUSE=1  # checked below, once the environment's place is known
fi

XDG_DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
XDG_CONFIG_HOME=${XDG_CONFIG_HOME:-$HOME/.config}
XDG_STATE_HOME=${XDG_STATE_HOME:-$HOME/.local/state}
if [ "$MODE" = user ]; then
  PREFIX=${PREFIX:-$XDG_DATA_HOME/shareguard}
  BIN_DIR=${BIN_DIR:-$HOME/.local/bin}
  UNIT_DIR=$XDG_CONFIG_HOME/systemd/user
  AUTOSTART_DIR=$XDG_CONFIG_HOME/autostart
  APPS_DIR=$XDG_DATA_HOME/applications
else
  [ "$(id -u)" = 0 ] || die "--system 需要 root 权限（sudo）" "--system needs root (sudo)"
  PREFIX=${PREFIX:-/opt/shareguard}
  BIN_DIR=${BIN_DIR:-/usr/local/bin}
  UNIT_DIR=/etc/systemd/user
  AUTOSTART_DIR=/etc/xdg/autostart
  APPS_DIR=/usr/local/share/applications
fi
PREFIX=$(mkdir -p "$PREFIX" && cd "$PREFIX" && pwd)
VENV=$PREFIX/venv
SHARE=$VENV/share/shareguard
if [ "$REUSE" = 1 ] && [ ! -x "$VENV/bin/shareguard" ]; then
  die "$SRC_DIR 不是 shareguard 源码目录；请用 --offline DIR 指定安装包目录" \
      "$SRC_DIR is not a shareguard checkout; use --offline DIR with a folder of wheels"
fi
# The prefix may be the agent's data dir (the --user default): keep it private.
[ "$MODE" = user ] && chmod 700 "$PREFIX"

# -- helpers: write only what changed ------------------------------------------------------------
put_file() { # put_file MODE DEST < content
  local mode=$1 dest=$2 tmp
  tmp=$(mktemp)
  cat >"$tmp"
  if [ -f "$dest" ] && cmp -s "$tmp" "$dest"; then
    rm -f "$tmp"
    [ "$(stat -c %a "$dest")" = "${mode#0}" ] || chmod "$mode" "$dest"
    return 1
  fi
  mkdir -p "$(dirname "$dest")"
  install -m "$mode" "$tmp" "$dest"
  rm -f "$tmp"
  CHANGED=1
  return 0
}
icon_path() { # shareguard's own icon, shipped in the package (agent/data/shareguard.png)
  "$VENV/bin/python" -c 'import pathlib, agent; print(pathlib.Path(agent.__file__).parent / "data" / "shareguard.png")' 2>/dev/null \
    || echo security-medium
}
render() { # render TEMPLATE: substitute @KEY@ placeholders
  sed -e "s|@EXEC@|$(quote_exec "$VENV/bin/shareguard")|g" \
      -e "s|@ICON@|$(icon_path)|g" \
      -e "s|@AGENT_EXEC@|$(quote_exec "$VENV/bin/shareguard-agent")|g" \
      -e "s|@DOCS@|$SHARE/installer|g" "$SCRIPT_DIR/templates/$1"
}
quote_exec() { # systemd and desktop entries both accept a double-quoted path
  case "$1" in *[[:space:]]*) printf '"%s"' "$1" ;; *) printf '%s' "$1" ;; esac
}
have() { command -v "$1" >/dev/null 2>&1; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif have sudo; then sudo "$@"
  else die "需要 root 权限运行：$*" "needs root to run: $*"; fi
}
user_systemd() { # a user manager answers (not so in containers, over plain ssh, or as root)
  [ "$MODE" = user ] && have systemctl || return 1
  case "$(systemctl --user is-system-running 2>/dev/null || true)" in
    running|degraded|starting|initializing) return 0 ;;
    *) return 1 ;;
  esac
}

# -- 1. system packages ---------------------------------------------------------------------------
install_system_packages() {
  local missing=() p
  if have apt-get && have dpkg-query; then
    # unar: the free RAR decompressor rarfile drives (compressed .rar members)
    for p in tesseract-ocr tesseract-ocr-chi-sim libgl1 libglib2.0-0 python3-venv unar; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "安装系统软件包：${missing[*]}" "installing system packages: ${missing[*]}"
    [ -n "$OFFLINE" ] || as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}"
  elif have dnf || have yum; then
    local pm; pm=$(command -v dnf || command -v yum)
    for p in tesseract tesseract-langpack-chi_sim mesa-libGL glib2; do
      rpm -q "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "安装系统软件包：${missing[*]}" "installing system packages: ${missing[*]}"
    as_root "$pm" install -y -q "${missing[@]}"
  else
    say "未识别的系统软件包管理器：请自行安装 tesseract 及简体中文语言包（chi_sim）" \
        "unknown package manager: install tesseract and its Simplified Chinese data (chi_sim)"
  fi
}
[ "$SYSTEM_PACKAGES" = 1 ] && install_system_packages

# -- 2. the virtual environment -------------------------------------------------------------------
py_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }
if ! py_ok "$VENV/bin/python"; then
  if [ -z "$PYTHON" ]; then
    for c in python3.13 python3.12 python3.11 python3; do
      if have "$c" && py_ok "$(command -v "$c")"; then PYTHON=$(command -v "$c"); break; fi
    done
  fi
  [ -n "$PYTHON" ] && py_ok "$PYTHON" || die "需要 Python 3.11 或更高版本" "Python 3.11 or newer is needed"
  say "创建虚拟环境 $VENV" "creating the virtual environment $VENV"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  CHANGED=1
fi

fingerprint() { # what is being installed; unchanged fingerprint = nothing to do
  if [ -n "$OFFLINE" ]; then
    (cd "$OFFLINE" && find . -maxdepth 1 -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
  else
    (cd "$SRC_DIR" && find agent detectors policies pyproject.toml README.md -type f \
      ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
  fi | sha256sum | cut -d' ' -f1
}
STAMP=$VENV/.shareguard-source
FP=$(cat "$STAMP" 2>/dev/null || true)
[ "$REUSE" = 1 ] || FP=$(fingerprint)
if [ ! -x "$VENV/bin/shareguard" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$FP" ]; then
  PIP=("$VENV/bin/python" -m pip --disable-pip-version-check --no-input --no-cache-dir -q)
  if [ -n "$OFFLINE" ]; then
    say "从 $OFFLINE 离线安装 shareguard" "installing shareguard offline from $OFFLINE"
    "${PIP[@]}" install --no-index --find-links "$OFFLINE" shareguard
    "${PIP[@]}" install --no-index --find-links "$OFFLINE" --force-reinstall --no-deps shareguard
  else
    say "安装 shareguard（$SRC_DIR）" "installing shareguard from $SRC_DIR"
    "${PIP[@]}" install "$SRC_DIR"
  fi
  printf '%s\n' "$FP" >"$STAMP"
  CHANGED=1
fi

# The scripts and templates travel with the environment, so `shareguard install|uninstall`
# works from an installed launcher too.
for f in install.sh uninstall.sh; do
  put_file 0755 "$SHARE/installer/$f" <"$SCRIPT_DIR/$f" || true
done
for f in "$SCRIPT_DIR"/templates/*; do
  put_file 0644 "$SHARE/installer/templates/$(basename "$f")" <"$f" || true
done
put_file 0644 "$SHARE/installer/install.env" <<EOF || true
# written by install.sh; read by uninstall.sh
MODE=$MODE
PREFIX='$PREFIX'
BIN_DIR='$BIN_DIR'
EOF
put_file 0755 "$VENV/bin/shareguard-agent" <<EOF || true
#!/bin/sh
# Started by the XDG autostart entry: the agent, with its diagnostics in a log file.
log_dir="\${XDG_STATE_HOME:-\$HOME/.local/state}/shareguard"
mkdir -p "\$log_dir" && chmod 700 "\$log_dir"
if [ -f "\$log_dir/agent.log" ] && [ "\$(wc -c <"\$log_dir/agent.log")" -gt 10000000 ]; then
  mv -f "\$log_dir/agent.log" "\$log_dir/agent.log.1"
fi
# desktop-notifier finds the session bus only through DBUS_SESSION_BUS_ADDRESS
runtime="\${XDG_RUNTIME_DIR:-/run/user/\$(id -u)}"
if [ -z "\${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -S "\$runtime/bus" ]; then
  export DBUS_SESSION_BUS_ADDRESS="unix:path=\$runtime/bus"
fi
exec "$VENV/bin/shareguard" run >>"\$log_dir/agent.log" 2>&1
EOF

# -- 3. launcher ----------------------------------------------------------------------------------
mkdir -p "$BIN_DIR"
if [ "$(readlink "$BIN_DIR/shareguard" 2>/dev/null)" != "$VENV/bin/shareguard" ]; then
  ln -sfn "$VENV/bin/shareguard" "$BIN_DIR/shareguard"
  CHANGED=1
fi

# -- 4. default config (per user) -----------------------------------------------------------------
SG_PY=("$VENV/bin/python" -c)
if [ "$MODE" = user ]; then
  "${SG_PY[@]}" '
import os, sys
from agent.config import DEFAULT_CONFIG_TOML, default_config_path
p = default_config_path()
if not p.exists():
    p.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(p.parent, 0o700)
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(DEFAULT_CONFIG_TOML)
    print(p)
' | while read -r written; do say "已写入默认配置 $written" "wrote the default config $written"; done
  DATA_DIR=$("${SG_PY[@]}" 'from agent.config import load_config; print(load_config().data_path)' \
    2>/dev/null || true)
  CONFIG_FILE=$("${SG_PY[@]}" 'from agent.config import default_config_path; print(default_config_path())')
fi

# -- 5. register the agent and the file-manager entries ---------------------------------------------
SERVICE=autostart
if user_systemd || { [ "$MODE" = system ] && [ -d /run/systemd/system ]; }; then
  SERVICE=systemd
fi
if [ "$SERVICE" = systemd ]; then
  if put_file 0644 "$UNIT_DIR/shareguard.service" < <(render shareguard.service); then
    [ "$MODE" = user ] && systemctl --user daemon-reload
  fi
  if [ -f "$AUTOSTART_DIR/shareguard.desktop" ]; then rm -f "$AUTOSTART_DIR/shareguard.desktop"; CHANGED=1; fi
  if [ "$MODE" = user ]; then
    systemctl --user is-enabled -q shareguard.service 2>/dev/null \
      || { systemctl --user enable -q shareguard.service; CHANGED=1; }
  else
    systemctl --global is-enabled -q shareguard.service 2>/dev/null \
      || { systemctl --global enable -q shareguard.service; CHANGED=1; }
  fi
else
  put_file 0644 "$AUTOSTART_DIR/shareguard.desktop" < <(render shareguard-autostart.desktop) || true
fi
APPS_CHANGED=0
put_file 0644 "$APPS_DIR/shareguard-check.desktop" < <(render shareguard-check.desktop) && APPS_CHANGED=1
put_file 0644 "$APPS_DIR/shareguard-review.desktop" < <(render shareguard-review.desktop) && APPS_CHANGED=1
if [ "$APPS_CHANGED" = 1 ] && have update-desktop-database; then
  update-desktop-database -q "$APPS_DIR" 2>/dev/null || true
fi

# -- 6. start -----------------------------------------------------------------------------------
agent_pids() { pgrep -u "$(id -u)" -f -- "$VENV/bin/shareguard run" 2>/dev/null || true; }
STARTED=0
if [ "$START" = 1 ] && [ "$MODE" = user ]; then
  if [ "$SERVICE" = systemd ]; then
    if [ "$CHANGED" = 1 ]; then systemctl --user restart shareguard.service
    else systemctl --user start shareguard.service; fi
    STARTED=1
  else
    pids=$(agent_pids)
    if [ -n "$pids" ] && [ "$CHANGED" = 1 ]; then
      say "重启代理（进程 $pids）" "restarting the agent (pid $pids)"
      # shellcheck disable=SC2086
      kill $pids 2>/dev/null || true
      for _ in $(seq 50); do [ -z "$(agent_pids)" ] && break; sleep 0.2; done
      pids=""
    fi
    if [ -z "$pids" ]; then
      setsid "$VENV/bin/shareguard-agent" </dev/null >/dev/null 2>&1 &
    fi
    STARTED=1
  fi
  # wait for the agent's first heartbeat before asking doctor about it
  for _ in $(seq 40); do
    "${SG_PY[@]}" 'import sys
from agent.config import load_config
from agent.doctor import agent_alive
sys.exit(0 if agent_alive(load_config())[0] else 1)' 2>/dev/null && break
    sleep 0.5
  done
fi

# -- 7. doctor and where things are -------------------------------------------------------------------
DOCTOR_ARGS=(--lang "$UI_LANG")
if [ "$STARTED" = 0 ]; then DOCTOR_ARGS+=(doctor --skip service); else DOCTOR_ARGS+=(doctor); fi
DOCTOR_RC=0
"$VENV/bin/shareguard" "${DOCTOR_ARGS[@]}" || DOCTOR_RC=$?

echo
if [ "$CHANGED" = 0 ]; then
  say "shareguard 已是最新，无需改动。" "shareguard is already installed and up to date."
else
  say "shareguard 已安装到 $VENV" "shareguard installed in $VENV"
fi
say "命令：$BIN_DIR/shareguard" "command: $BIN_DIR/shareguard"
case ":$PATH:" in *":$BIN_DIR:"*) ;; *)
  say "  注意：$BIN_DIR 不在 PATH 中，重新登录后生效，或使用完整路径。" \
      "  note: $BIN_DIR is not on PATH; log in again or use the full path." ;;
esac
if [ "$MODE" = user ]; then
  say "配置文件：$CONFIG_FILE" "config: $CONFIG_FILE"
  if [ -n "${DATA_DIR:-}" ]; then
    say "告警记录（日志）：$DATA_DIR/log.sqlite3（查看：shareguard log list）" \
        "flagged-file log: $DATA_DIR/log.sqlite3 (view: shareguard log list)"
    say "隔离区：$DATA_DIR/quarantine" "quarantine: $DATA_DIR/quarantine"
  fi
  if [ "$SERVICE" = systemd ]; then
    say "后台服务：systemd 用户服务 shareguard（运行日志：journalctl --user -u shareguard）" \
        "service: systemd user unit shareguard (diagnostics: journalctl --user -u shareguard)"
  else
    say "后台服务：登录自启动 $AUTOSTART_DIR/shareguard.desktop（运行日志：$XDG_STATE_HOME/shareguard/agent.log）" \
        "service: login autostart $AUTOSTART_DIR/shareguard.desktop (diagnostics: $XDG_STATE_HOME/shareguard/agent.log)"
  fi
else
  say "后台服务：已为所有用户注册，下次登录时启动（$SERVICE）" \
      "service: registered for every user; starts at their next login ($SERVICE)"
fi
say "审核控制台：运行 shareguard review，或在应用菜单中打开「shareguard 审核控制台」" \
    "review console: run shareguard review, or open \"shareguard review console\" from the menu"
say "发送前检查：在文件管理器中右键文件 →「打开方式」→「发送前用 shareguard 检查」，或运行 shareguard check 文件" \
    "check before sending: right-click a file → Open With → \"Check with shareguard before sending\", or run shareguard check FILE"
say "卸载：bash $SHARE/installer/uninstall.sh（或 shareguard uninstall）" \
    "uninstall: bash $SHARE/installer/uninstall.sh (or shareguard uninstall)"
exit "$DOCTOR_RC"
