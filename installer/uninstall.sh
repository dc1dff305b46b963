#!/usr/bin/env bash
# Remove shareguard: stop and unregister the agent, remove its environment, the launcher and the
# file-manager entries. The flagged-file log, the quarantine and an edited config are kept (and
# their place printed) unless --purge.
#
#   bash installer/uninstall.sh [--user | --system] [--prefix DIR] [--bin-dir DIR] [--purge]
#                               [--lang en]
#
# With no options it removes what install.sh recorded in install.env next to this script
# (the copy in the environment), else the defaults of install.sh.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MODE=""
PREFIX=""
BIN_DIR=""
PURGE=0
UI_LANG=${SHAREGUARD_LANG:-zh_CN}
if [ -f "$SCRIPT_DIR/install.env" ]; then
  # shellcheck disable=SC1091
  . "$SCRIPT_DIR/install.env"
fi

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --user) MODE=user ;;
    --system) MODE=system ;;
    --prefix) PREFIX=${2:?--prefix needs a directory}; shift ;;
    --prefix=*) PREFIX=${1#*=} ;;
    --bin-dir) BIN_DIR=${2:?--bin-dir needs a directory}; shift ;;
    --bin-dir=*) BIN_DIR=${1#*=} ;;
    --purge) PURGE=1 ;;
    --lang) UI_LANG=${2:?}; shift ;;
    --lang=*) UI_LANG=${1#*=} ;;
    -h|--help) usage; exit 0 ;;
    *) echo "uninstall.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

say() { case "$UI_LANG" in en*) printf '%s\n' "$2" ;; *) printf '%s\n' "$1" ;; esac; }
have() { command -v "$1" >/dev/null 2>&1; }

MODE=${MODE:-user}
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
  PREFIX=${PREFIX:-/opt/shareguard}
  BIN_DIR=${BIN_DIR:-/usr/local/bin}
  UNIT_DIR=/etc/systemd/user
  AUTOSTART_DIR=/etc/xdg/autostart
  APPS_DIR=/usr/local/share/applications
fi
VENV=$PREFIX/venv

# Ask the environment where the data and config are, before it goes away.
DATA_DIR=""
CONFIG_FILE=""
CONFIG_IS_DEFAULT=0
if [ "$MODE" = user ] && [ -x "$VENV/bin/python" ]; then
  info=$("$VENV/bin/python" -c '
from agent.config import DEFAULT_CONFIG_TOML, default_config_path, load_config
p = default_config_path()
try:
    data = load_config().data_path
except Exception:
    from agent.config import default_data_dir
    data = default_data_dir()
same = p.exists() and p.read_text(encoding="utf-8") == DEFAULT_CONFIG_TOML
print(data); print(p); print(int(same))
' 2>/dev/null || true)
  DATA_DIR=$(sed -n 1p <<<"$info")
  CONFIG_FILE=$(sed -n 2p <<<"$info")
  CONFIG_IS_DEFAULT=$(sed -n 3p <<<"$info")
fi
if [ "$MODE" = user ]; then
  DATA_DIR=${DATA_DIR:-$XDG_DATA_HOME/shareguard}
  CONFIG_FILE=${CONFIG_FILE:-$XDG_CONFIG_HOME/shareguard/config.toml}
fi

user_systemd() {
  have systemctl || return 1
  case "$(systemctl --user is-system-running 2>/dev/null || true)" in
    running|degraded|starting|initializing) return 0 ;;
    *) return 1 ;;
  esac
}

# -- 1. stop and unregister ---------------------------------------------------------------------
if [ -f "$UNIT_DIR/shareguard.service" ]; then
  if [ "$MODE" = user ] && user_systemd; then
    systemctl --user disable --now -q shareguard.service 2>/dev/null || true
  elif [ "$MODE" = system ] && have systemctl; then
    systemctl --global disable -q shareguard.service 2>/dev/null || true
  fi
  rm -f "$UNIT_DIR/shareguard.service"
  rm -f "$UNIT_DIR/default.target.wants/shareguard.service"
  rmdir "$UNIT_DIR/default.target.wants" 2>/dev/null || true
  if [ "$MODE" = user ] && user_systemd; then systemctl --user daemon-reload || true; fi
fi
rm -f "$AUTOSTART_DIR/shareguard.desktop"

# agents started from the autostart entry (or by hand) from this environment
agent_pids() { pgrep -f -- "$VENV/bin/shareguard run" 2>/dev/null || true; }
pids=$(agent_pids)
if [ -n "$pids" ]; then
  say "停止代理（进程 $pids）" "stopping the agent (pid $pids)"
  # shellcheck disable=SC2086
  kill $pids 2>/dev/null || true
  for _ in $(seq 50); do [ -z "$(agent_pids)" ] && break; sleep 0.2; done
  pids=$(agent_pids)
  # shellcheck disable=SC2086
  [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
fi

# -- 2. file-manager entries, launcher, environment ------------------------------------------------
rm -f "$APPS_DIR/shareguard-check.desktop" "$APPS_DIR/shareguard-review.desktop"
if [ -d "$APPS_DIR" ]; then
  if compgen -G "$APPS_DIR/*.desktop" >/dev/null; then
    if have update-desktop-database; then update-desktop-database -q "$APPS_DIR" 2>/dev/null || true; fi
  else
    rm -f "$APPS_DIR/mimeinfo.cache"
  fi
fi
if [ -L "$BIN_DIR/shareguard" ] && [ "$(readlink "$BIN_DIR/shareguard")" = "$VENV/bin/shareguard" ]; then
  rm -f "$BIN_DIR/shareguard"
fi
if [ -d "$VENV" ]; then
  say "删除运行环境 $VENV" "removing the environment $VENV"
  rm -rf "$VENV"
fi

# -- 3. data --------------------------------------------------------------------------------------
if [ "$MODE" = user ]; then
  if [ "$PURGE" = 1 ]; then
    say "删除数据：$DATA_DIR、$XDG_STATE_HOME/shareguard、$CONFIG_FILE" \
        "deleting data: $DATA_DIR, $XDG_STATE_HOME/shareguard, $CONFIG_FILE"
    rm -rf "$DATA_DIR" "$XDG_STATE_HOME/shareguard"
    rm -f "$CONFIG_FILE"
  elif [ "$CONFIG_IS_DEFAULT" = 1 ]; then
    rm -f "$CONFIG_FILE"  # written by install.sh and never edited
  fi
  rmdir "$(dirname "$CONFIG_FILE")" 2>/dev/null || true
  rmdir "$DATA_DIR" 2>/dev/null || true
fi
rmdir "$PREFIX" 2>/dev/null || true
for d in "$UNIT_DIR" "$(dirname "$UNIT_DIR")" "$AUTOSTART_DIR" "$APPS_DIR"; do
  [ "$MODE" = user ] && { rmdir "$d" 2>/dev/null || true; }
done
[ "$MODE" = user ] && [ "$BIN_DIR" = "$HOME/.local/bin" ] && { rmdir "$BIN_DIR" 2>/dev/null || true; }

say "shareguard 已卸载。" "shareguard has been removed."
if [ "$MODE" = user ] && [ "$PURGE" = 0 ]; then
  kept=0
  if [ -d "$DATA_DIR" ]; then
    say "保留了告警记录和隔离区：$DATA_DIR（log.sqlite3、quarantine/）" \
        "kept the flagged-file log and the quarantine: $DATA_DIR (log.sqlite3, quarantine/)"
    kept=1
  fi
  [ -d "$XDG_STATE_HOME/shareguard" ] && { say "保留了运行日志：$XDG_STATE_HOME/shareguard" \
    "kept the diagnostics log: $XDG_STATE_HOME/shareguard"; kept=1; }
  [ -f "$CONFIG_FILE" ] && { say "保留了配置文件：$CONFIG_FILE" "kept the config: $CONFIG_FILE"; kept=1; }
  if [ "$kept" = 1 ]; then
    say "如需一并删除：rm -rf '$DATA_DIR' '$XDG_STATE_HOME/shareguard' '$CONFIG_FILE'" \
        "to delete them too: rm -rf '$DATA_DIR' '$XDG_STATE_HOME/shareguard' '$CONFIG_FILE'"
  fi
fi
exit 0
