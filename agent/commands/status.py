"""`shareguard status [--config FILE] [--format text|json]`: is the agent running, what it
watches, queue length, last verdicts, alerts on/off."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from agent.commands import add_config_option
from agent.redact import shown, terminal_safe

STALE_AFTER_S = 120.0


def configure(parser: argparse.ArgumentParser) -> None:
    from agent.i18n import t

    add_config_option(parser)
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("agent.opt.format")
    )


def _pid_alive(pid: int) -> bool:
    try:
        import psutil

        return psutil.pid_exists(pid)
    except Exception:
        return False


def collect(config: Any) -> dict[str, Any]:
    """Everything `status` shows, from the state file, the queue and the log (read-only)."""
    from agent.queue import count_items

    state: dict[str, Any] = {}
    try:
        state = json.loads(config.state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    pid = state.get("pid")
    age = time.time() - float(state.get("heartbeat_epoch", 0) or 0) if state else None
    running = bool(
        state.get("running")
        and pid
        and _pid_alive(int(pid))
        and age is not None
        and age < STALE_AFTER_S
    )
    last: list[dict[str, Any]] = []
    if config.log_path.exists():
        try:
            from agent.redact import scrub
            from agent.store import LogFilter, Store

            with Store.open(config) as store:
                last = [
                    {
                        "id": r.id,
                        "time": r.time,
                        "path": scrub(r.path),
                        "verdict": r.verdict,
                        "categories": [c["id"] for c in r.categories],
                        "action": r.action,
                    }
                    for r in store.query(LogFilter(verdicts=()), limit=5)
                ]
        except Exception:
            last = list(state.get("last", []))[-5:]
    folders = state.get("folders", []) if running else []
    if not running:  # what `run` would watch with this config
        from agent.locations import watch_folders

        folders = [
            {
                "path": f.path,
                "polled": f.polled,
                "removable": f.removable,
                "reason": f.reason,
                "poll_interval_s": config.watch_options.poll_interval_s if f.polled else None,
            }
            for f in watch_folders(config)
        ]
    from agent.actions.alert_memory import AlertMemory

    today = AlertMemory.for_config(config).today_summary()
    today["digest_at"] = config.alert.digest_at
    return {
        "running": running,
        "alerts_today": today,
        "pid": pid,
        "heartbeat_age_s": round(age, 1) if age is not None else None,
        "mode": state.get("mode", config.mode),
        "folders": folders,
        "watch_errors": state.get("watch_errors", []) if running else [],
        "alerts": bool(state.get("alerts")) if running else False,
        "alerts_reason": state.get("alerts_reason", ""),
        "queue": count_items(config.queue_path),
        "last": last,
        "config": config.source,
        "data_dir": str(config.data_path),
    }


def run(args: argparse.Namespace) -> int:
    from agent.config import load_config
    from agent.i18n import t

    config = load_config(args.config)
    info = collect(config)
    if args.format == "json":
        print(json.dumps(info, ensure_ascii=False, indent=1))
        return 0
    age = info["heartbeat_age_s"]
    if info["running"]:
        state = t("agent.status.running", pid=info["pid"], age=age)
    elif info["pid"]:
        state = t("agent.status.stale", pid=info["pid"], age=age)
    else:
        state = t("agent.status.not_running")
    print(t("agent.status.state", state=state))
    print(t("agent.status.mode", mode=info["mode"]))
    on = t("agent.status.on") if info["alerts"] else t("agent.status.off")
    print(t("agent.status.alerts", state=on))
    print("  " + t("alert.status.today", **info["alerts_today"]))
    print(t("agent.status.folders", count=len(info["folders"])))
    for f in info["folders"]:
        extra = (
            t("agent.status.polled", interval=f.get("poll_interval_s")) if f.get("polled") else ""
        )
        print(f"  {terminal_safe(f['path'])}{extra}")
    for err in info["watch_errors"]:
        print("  " + t("agent.status.watch_error", error=err))
    print(t("agent.status.queue", count=info["queue"] or 0))
    print(t("agent.status.last"))
    if not info["last"]:
        print("  " + t("agent.status.none"))
    for r in info["last"]:
        cats = ",".join(r["categories"])
        path = shown(r["path"])
        print(f"  #{r['id']} {r['time']} {r['verdict']} {cats} {r['action']} {path}")
    return 0
