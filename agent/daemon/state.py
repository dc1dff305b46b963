"""The agent's state file (`agent-state.json`, 0600): what `shareguard status` and the
installer read to know the agent is alive, ready, and what it watches."""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from pathlib import Path
from typing import Any

from agent.files import write_private
from agent.store import now_iso

log = logging.getLogger(__name__)


def write_private_json(path: Path, data: dict[str, Any]) -> None:
    write_private(path, json.dumps(data, ensure_ascii=False, indent=1).encode(), durable=False)


def agent_state(agent: Any, *, running: bool = True) -> dict[str, Any]:
    """The state of a running `Agent` as the JSON the state file holds."""
    config = agent.config
    folders = agent.watcher.folders if agent.watcher else []
    alerter = agent.alerter
    alerts_on = bool(alerter is not None and alerter.available)
    judge = agent.judge
    return {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "running": running,
        "ready": agent.ready and running,
        "started": agent.started,
        "heartbeat": now_iso(),
        "heartbeat_epoch": time.time(),
        "mode": config.mode,
        "policy_version": getattr(agent._policy, "version", None),
        "config": config.source,
        "folders": [
            {
                "path": f.path,
                "polled": f.polled,
                "removable": f.removable,
                "reason": f.reason,
                "poll_interval_s": config.watch_options.poll_interval_s if f.polled else None,
            }
            for f in folders
        ],
        "watch_errors": list(agent.watcher.errors) if agent.watcher else [],
        "alerts": alerts_on,
        "alerts_reason": ("" if alerts_on else (alerter.reason if alerter else "mode or config")),
        "queue": len(agent.queue) if agent.queue is not None else None,
        "scanned": judge.scanned if judge else 0,
        "logged": judge.logged if judge else 0,
        "last": list(judge.last) if judge else [],
    }


def write_state(path: Path, state: dict[str, Any]) -> None:
    """Write the state file; a full disk must not stop the agent (logged and skipped)."""
    try:
        write_private_json(path, state)
    except Exception as e:
        log.warning("could not write state file: %s", e)
