"""What happens when the person answers an alert: an `override` with a reason, a quarantine they
chose, and the record of every pop-up and digest (so the security officer sees per-PC counts).

Everything is an event in the chained log (`Store.add_event`). Button presses arrive on the
alert thread or the why page's server thread, so each call opens its own connection to the log
(SQLite WAL allows several writers in turn) instead of sharing the agent's.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import socket
from dataclasses import dataclass
from typing import Any

from agent.actions.alert_memory import AlertMemory
from agent.files import sha256_file
from agent.i18n import t

log = logging.getLogger(__name__)
MAX_REASON = 500
# event kinds written here
OVERRIDE = "override"
ALERT = "alert"  # data.type: popup | summary | digest


@dataclass(frozen=True)
class AlertTarget:
    """The file one alert is about."""

    verdict_id: int | None
    path: str  # where the file is now (for the quarantine button)
    display_path: str
    sha256: str | None
    role: str = "outgoing"
    reason: str = "unclassified"  # why the folder has its role (locations.FolderRole.reason)


class ResponseError(Exception):
    """The answer could not be carried out (the message says why, for the person)."""


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


def clean_reason(text: str) -> str:
    """A reason as recorded: one line, bounded, identifiers masked (people paste ID numbers)."""
    import unicodedata

    from detectors.masking import mask_text

    one_line = " ".join((text or "").split())[:MAX_REASON]
    try:
        masked = mask_text(one_line)
    except Exception:
        return one_line
    # mask_text reads the NFKC form; keep the person's own punctuation when nothing was masked
    return one_line if masked == unicodedata.normalize("NFKC", one_line) else masked


class Responder:
    """Carries out the person's answers and records them. `memory` learns the overrides."""

    def __init__(self, config: Any, memory: AlertMemory) -> None:
        self.config = config
        self.memory = memory

    def _store(self) -> Any:
        from agent.store import Store

        return Store.open(self.config)

    def override(self, target: AlertTarget, reason: str, *, via: str) -> int:
        """Record that the person sends `target` anyway, with their reason. Returns the event id.
        The content raises no further alerts for this person."""
        reason = clean_reason(reason)
        if not reason:
            raise ResponseError(t("why.override.empty"))
        data = {
            "reason": reason,
            "via": via,  # reply (notification reply field) | page (the why page)
            "sha256": target.sha256,
            "path": target.display_path,
            "role": target.role,
            "host": socket.gethostname(),
        }
        with contextlib.closing(self._store()) as store:
            eid = store.add_event(target.verdict_id, OVERRIDE, data, actor=_user())
        if target.sha256:
            self.memory.add_override(target.sha256)
        log.info("override recorded for %s (event %d)", target.display_path, eid)
        return eid

    def quarantine(self, target: AlertTarget) -> str:
        """Move the file into quarantine as block mode would; records a `quarantine` event
        (`by`: user) that the console can restore. Returns where the file went."""
        from agent.actions.quarantine import QuarantineError, quarantine_record

        if target.verdict_id is None:
            raise ResponseError(t("alert.answer_error.no_row"))
        try:
            current = sha256_file(target.path)
        except FileNotFoundError as e:
            raise ResponseError(t("alert.answer_error.missing")) from e
        except OSError as e:
            log.warning("quarantine: cannot read %s: %s", target.display_path, e)
            raise ResponseError(t("alert.answer_error.unreadable")) from e
        if target.sha256 and current != target.sha256:
            raise ResponseError(t("alert.answer_error.changed"))
        try:
            rec = quarantine_record(target.path, self.config)
        except (OSError, QuarantineError) as e:
            log.warning("quarantine of %s failed: %s", target.display_path, e)
            raise ResponseError(t("alert.answer_error.move")) from e
        with contextlib.closing(self._store()) as store:
            store.add_event(
                target.verdict_id, "quarantine", {**rec.to_dict(), "by": "user"}, actor=_user()
            )
        return rec.stored

    def record_alert(self, kind: str, target: AlertTarget | None, **data: Any) -> None:
        """One `alert` event per pop-up, summary or digest (never raises)."""
        payload = {"type": kind, "host": socket.gethostname(), **data}
        if target is not None:
            payload.update(sha256=target.sha256, role=target.role)
        try:
            with contextlib.closing(self._store()) as store:
                store.add_event(
                    target.verdict_id if target else None, ALERT, payload, actor="shareguard"
                )
        except Exception as e:
            log.warning("could not record the alert: %s", e)

    def load_overrides(self) -> None:
        """Refill the memory's overrides from the log (the record), e.g. at agent start."""
        try:
            with contextlib.closing(self._store()) as store:
                shas = [
                    e.data.get("sha256")
                    for e in store.events()
                    if e.kind == OVERRIDE and e.data.get("sha256")
                ]
        except Exception as e:
            log.warning("could not read overrides from the log: %s", e)
            return
        self.memory.merge_overrides(s for s in shas if isinstance(s, str))
