"""Store-and-forward to the office server: enrolment, then the local chained log, batch by batch.

The agent's own log is the outbox: the server's head (the last row it holds of this agent's
chains) is asked for on every (re)connection, and the rows above it are sent oldest first, in
batches, over HTTPS to a server whose CA is pinned from the enrolment token. Nothing is kept on
the side: after a crash of either end the next round resends from the server's head and the
server drops what it already has (same row id and hash), so nothing is lost or doubled.

Only what the log holds leaves the PC (masked evidence, never a file). Thumbnails (the redacted
page image of a flagged photo or scan, made at scan time) follow their rows only while the policy
in force here says `fleet.forward_thumbnails: true` (off by default) and the server says the
office asked for them: the ones the log names, from the thumbnails folder, after the server has
their row, up to the server's thumbnail cursor (so resends double nothing); a picture that is
gone is skipped and never holds up the rows.

The heartbeat reports health and, for a window of already forwarded rows the server picks, a
digest of each row as it is now, so a row rewritten or deleted after forwarding shows up
centrally.
Policy packs are pulled on heartbeat and applied only if our server's Ed25519 signature checks.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import logging
import os
import random
import re
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from agent.files import make_private_dir, write_private
from agent.store import (
    Store,
    chain_head,
    chain_key,
    chain_rows,
    chain_rows_by_id,
    load_install_key,
    row_digest,
    thumbnail_rows,
)

log = logging.getLogger(__name__)

TOKEN_PREFIX = "SG1."
CREDENTIAL_FILE = "fleet.json"
POLICY_FILE = "fleet-policy.yaml"
POLICY_META = "fleet-policy.json"
BATCH = 500
HEARTBEAT_S = 30.0
POLL_S = 1.0
MAX_BACKOFF_S = 300.0
TIMEOUT_S = 30.0
THUMBNAIL_BATCH = 8  # thumbnails per request (the server takes at most 8)
THUMBNAIL_MAX_BYTES = 512 * 1024  # the server refuses larger ones (server/thumbnails.py)
# thumbnails per round at most this long, then the rows again: a backlog (the policy turned on
# over months of rows) never holds new rows up (bench/thumbnails.py: ~45 thumbnails/s)
THUMBNAIL_ROUND_S = 2.0
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG


class FleetError(Exception):
    """Enrolment or forwarding failed; the message says why (shown to the user)."""


@dataclass(frozen=True)
class Credential:
    url: str
    fingerprint: str
    ca_pem: str
    agent_id: str
    agent_key: str
    policy_key: str
    department: str = ""


def credential_path(config: Any) -> Path:
    return Path(config.data_path) / CREDENTIAL_FILE


def load_credential(config: Any) -> Credential | None:
    try:
        data = json.loads(credential_path(config).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise FleetError(f"cannot read {credential_path(config)}: {e}") from e
    return Credential(**data)


def decode_token(text: str) -> tuple[str, str, str]:
    """(url, CA fingerprint, secret) from an enrolment token."""
    text = text.strip()
    if not text.startswith(TOKEN_PREFIX):
        raise FleetError("not a shareguard enrolment token")
    raw = text[len(TOKEN_PREFIX) :]
    try:
        body = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        url, fp, secret = str(body["u"]), str(body["f"]), str(body["s"])
    except (ValueError, KeyError, TypeError) as e:
        raise FleetError("damaged enrolment token") from e
    if not url.startswith("https://") or not re.fullmatch(r"sha256:[0-9a-f]{64}", fp):
        raise FleetError("damaged enrolment token")
    return url, fp, secret


def _pem_fingerprint(pem: str) -> str:
    der = ssl.PEM_cert_to_DER_cert(pem)
    return "sha256:" + hashlib.sha256(der).hexdigest()


def pinned_context(ca_pem: str) -> ssl.SSLContext:
    """TLS that trusts only the server's own CA. The CA is private to that one server and
    pinned by fingerprint, so the host name is not what proves identity (an office server is
    often reached by IP or by several names)."""
    ctx = ssl.create_default_context(cadata=ca_pem)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


class Client:
    """A keep-alive JSON client for the server's API."""

    def __init__(self, url: str, context: ssl.SSLContext, auth: str | None = None) -> None:
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname or "", u.port or 443
        self.context, self.auth = context, auth
        self.conn: http.client.HTTPSConnection | None = None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
        if self.auth:
            headers["Authorization"] = "Agent " + self.auth
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPSConnection(
                    self.host, self.port, context=self.context, timeout=TIMEOUT_S
                )
            try:
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                return resp.status, resp.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()  # a kept-alive connection the server closed: one fresh try
                if attempt:
                    raise
            except BaseException:
                self.close()
                raise
        raise AssertionError("unreachable")

    def json(self, method: str, path: str, body: Any = None) -> Any:
        status, raw = self.request(method, path, body)
        if status != 200:
            raise FleetError(
                f"{method} {path}: HTTP {status}: {raw[:200].decode(errors='replace')}"
            )
        return json.loads(raw)


def fetch_ca(url: str, fingerprint: str) -> str:
    """Download the server's CA certificate and check it against the token's fingerprint."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # nothing is trusted from this answer until it is pinned
    client = Client(url, ctx)
    try:
        status, pem = client.request("GET", "/api/v1/ca.pem")
    finally:
        client.close()
    if status != 200:
        raise FleetError(f"the server did not give its CA certificate (HTTP {status})")
    text = pem.decode("ascii", "replace")
    if _pem_fingerprint(text) != fingerprint:
        raise FleetError("the server's certificate does not match the token (fingerprint)")
    return text


def enroll(token: str, config: Any, *, department: str | None = None) -> Credential:
    """Enrol this PC with the server named in `token`; store the credential (0600)."""
    url, fp, secret = decode_token(token)
    ca_pem = fetch_ca(url, fp)
    key = load_install_key(config.key_path)
    client = Client(url, pinned_context(ca_pem))
    try:
        answer = client.json(
            "POST",
            "/api/v1/enroll",
            {
                "token": secret,
                "host": socket.gethostname(),
                "user": _user(),
                "department": department or "",
                "version": agent_version(),
                "chain_key": chain_key(key).hex(),
            },
        )
    finally:
        client.close()
    cred = Credential(
        url=url,
        fingerprint=fp,
        ca_pem=ca_pem,
        agent_id=answer["agent_id"],
        agent_key=answer["agent_key"],
        policy_key=answer["policy_key"],
        department=answer.get("department", ""),
    )
    make_private_dir(config.data_path)
    write_private(credential_path(config), json.dumps(asdict(cred), indent=1).encode())
    return cred


def agent_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("shareguard")
    except PackageNotFoundError:
        return "0.1.0"


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


def verify_policy(public_key_pem: str, body: str, signature: str) -> bool:
    """Did our server sign exactly this policy pack?"""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(public_key_pem.encode())
        if not isinstance(key, Ed25519PublicKey):
            return False
        key.verify(base64.b64decode(signature), body.encode())
    except (InvalidSignature, ValueError):
        return False
    return True


def fleet_policy_version(config: Any) -> int:
    try:
        return int(json.loads((Path(config.data_path) / POLICY_META).read_text())["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0


def _path_digest(record: dict[str, Any]) -> str | None:
    path = record.get("path")
    return hashlib.sha256(path.encode()).hexdigest() if path else None


class Forwarder:
    """Forwards the local log to the server until stopped (`run`), or one round (`sync`)."""

    def __init__(
        self,
        config: Any,
        credential: Credential,
        *,
        batch: int = BATCH,
        heartbeat_s: float = HEARTBEAT_S,
        poll_s: float = POLL_S,
        status: Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        self.config = config
        self.cred = credential
        self.batch = batch
        self.heartbeat_s = heartbeat_s
        self.poll_s = poll_s
        self.status = status
        self.client = Client(
            credential.url,
            pinned_context(credential.ca_pem),
            f"{credential.agent_id}:{credential.agent_key}",
        )
        self.heads: dict[str, int] | None = None
        self.audit_after: int | None = None
        self.event_audit_after: int | None = None
        self.audit_rows = 0
        self.last_heartbeat = float("-inf")
        # thumbnails: may we send them (the server's word), and from which row on
        self.thumbnails_wanted = False
        self.thumbnail_after: int | None = None
        self.thumbnails_sent = 0
        self.thumbnails_behind = False  # more to offer than the last round had time for
        self._policy_seen: tuple[Any, ...] | None = None
        self._policy_thumbnails = False
        self.sent = 0
        self.errors = 0
        self.last_error = ""
        self._stop = threading.Event()
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.config)
        return self._store

    def close(self) -> None:
        self.client.close()
        if self._store is not None:
            self._store.close()
            self._store = None

    def stop(self) -> None:
        self._stop.set()

    # -- one round ----------------------------------------------------------------------------
    def pending(self) -> int:
        if self.heads is None:
            return chain_head(self.store, "verdicts")
        return max(0, chain_head(self.store, "verdicts") - self.heads["verdicts"])

    def heartbeat(self) -> dict[str, Any]:
        state = self._agent_state()
        body: dict[str, Any] = {
            "host": socket.gethostname(),
            "user": _user(),
            "version": agent_version(),
            "policy_version": str(state.get("policy_version") or ""),
            "fleet_policy": fleet_policy_version(self.config),
            "pending": self.pending(),
            "watched_folders": [f.get("path", "") for f in state.get("folders", [])]
            if isinstance(state.get("folders"), list)
            else [],
            "alerts_available": state.get("alerts")
            if isinstance(state.get("alerts"), bool)
            else None,
        }
        if self.audit_after is not None and self.heads:
            top = min(self.audit_after + self.audit_rows, self.heads["verdicts"])
            ids = list(range(self.audit_after + 1, top + 1))
            rows = chain_rows_by_id(self.store, "verdicts", ids)
            body["audit"] = [
                [i, row_digest(rows[i]), _path_digest(rows[i])] if i in rows else [i, None, None]
                for i in ids
            ]
        if self.event_audit_after is not None and self.heads:
            top = min(self.event_audit_after + self.audit_rows, self.heads["events"])
            ids = list(range(self.event_audit_after + 1, top + 1))
            events = chain_rows_by_id(self.store, "events", ids)
            body["audit_events"] = [
                [i, row_digest(events[i]) if i in events else None] for i in ids
            ]
        hb = self.client.json("POST", "/api/v1/heartbeat", body)
        self.heads = {"verdicts": int(hb["verdict_head"]), "events": int(hb["event_head"])}
        self.audit_after, self.audit_rows = int(hb["audit_after"]), int(hb["audit_rows"])
        ea = hb.get("event_audit_after")  # servers from before the event audit leave it out
        self.event_audit_after = int(ea) if isinstance(ea, int) else None
        self.thumbnails_wanted = hb.get("thumbnails") is True
        ta = hb.get("thumbnail_after")
        self.thumbnail_after = int(ta) if isinstance(ta, int) else None
        self.last_heartbeat = time.monotonic()
        if int(hb.get("policy_version") or 0) > fleet_policy_version(self.config):
            self.pull_policy()
        return hb

    def _agent_state(self) -> dict[str, Any]:
        if self.status is not None:
            return self.status()
        try:
            data = json.loads(Path(self.config.state_path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def pull_policy(self) -> int | None:
        pack = self.client.json("GET", "/api/v1/policy")
        body, sig, version = str(pack["body"]), str(pack["signature"]), int(pack["version"])
        if not verify_policy(self.cred.policy_key, body, sig):
            log.error("policy pack v%s is not signed by our server; ignored", version)
            return None
        from policies import check_file

        path = Path(self.config.fleet_policy_path)
        tmp = path.with_name(path.name + ".new")
        write_private(tmp, body.encode())
        try:
            check_file(tmp)
        except Exception as e:
            tmp.unlink(missing_ok=True)
            log.error("policy pack v%s is not valid here: %s", version, e)
            return None
        os.replace(tmp, path)
        write_private(
            Path(self.config.data_path) / POLICY_META,
            json.dumps(
                {"version": version, "sha256": hashlib.sha256(body.encode()).hexdigest()}
            ).encode(),
        )
        # the agent notices the new file and reloads its policy (agent.daemon.loop)
        log.info("pulled policy pack v%s from the server", version)
        return version

    def send(self, stream: str) -> int:
        """Send one batch of `stream` above the server's head; returns rows sent."""
        assert self.heads is not None
        table = "verdicts" if stream == "verdicts" else "events"
        for _ in range(2):
            after = self.heads[stream]
            rows = chain_rows(self.store, table, after, self.batch)
            if not rows:
                return 0
            res = self.client.json(
                "POST",
                "/api/v1/ingest",
                {
                    "stream": stream,
                    "after": after,
                    "rows": rows,
                    "policy_version": str(fleet_policy_version(self.config)),
                },
            )
            self.heads[stream] = int(res["head"])
            if not res.get("resync"):
                self.sent += len(rows)
                return len(rows)
            # the server holds another head than we thought (restored from a backup, or an
            # answer we never got): send from its head instead
            log.info("server holds %s up to row %s; resending from there", stream, res["head"])
        return 0

    def sync(self) -> int:
        """One round: heartbeat when due, then everything pending, then the thumbnails of
        rows sent (when the policy says so; a failure there never stops the rows). Returns
        rows sent."""
        if self.heads is None or time.monotonic() - self.last_heartbeat >= self.heartbeat_s:
            self.heartbeat()
        n = 0
        for stream in ("verdicts", "events"):
            while not self._stop.is_set():
                k = self.send(stream)
                n += k
                if k < self.batch:
                    break
        try:
            self.send_thumbnails()
        except Exception as e:  # retried from the server's cursor after the next heartbeat
            log.warning("forwarding thumbnails to %s failed (%s)", self.cred.url, e)
            self.thumbnail_after = None
        return n

    # -- thumbnails ---------------------------------------------------------------------------
    def forwards_thumbnails(self) -> bool:
        """Does the policy in force here (the office's pack, pulled on heartbeat, included)
        say `fleet.forward_thumbnails: true`? Re-read when a policy file changes; a policy
        that does not load says no."""
        files = self.config.policy_files()
        seen: list[Any] = []
        for f in files:
            try:
                st = os.stat(f)
                seen.append((f, st.st_mtime_ns, st.st_size, st.st_ino))
            except OSError:
                seen.append((f, None))
        if tuple(seen) != self._policy_seen:
            from policies import load_policy

            try:
                self._policy_thumbnails = load_policy(files, model=False).forward_thumbnails
            except Exception as e:
                log.error("not forwarding thumbnails: the policy does not load (%s)", e)
                self._policy_thumbnails = False
            self._policy_seen = tuple(seen)
        return self._policy_thumbnails

    def _thumbnail_bytes(self, rid: int, name: str) -> bytes | None:
        """The picture file row `rid` names, if it is still there, inside the thumbnails folder,
        a PNG or JPEG and small enough; None (skipped, logged) otherwise."""
        from agent.review.thumbnails import stored_thumbnail

        p = stored_thumbnail(self.config.thumbnails_path, name)
        try:
            if p is None or p.stat().st_size > THUMBNAIL_MAX_BYTES:
                raise OSError("missing, outside the thumbnails folder or too large")
            data = p.read_bytes()
        except OSError as e:
            log.info("thumbnail of row %s not forwarded: %s", rid, e)
            return None
        if len(data) > THUMBNAIL_MAX_BYTES or not data.startswith(_IMAGE_MAGIC):
            log.info("thumbnail of row %s not forwarded: not a PNG or JPEG this size", rid)
            return None
        return data

    def send_thumbnails(self) -> int:
        """Offer the server the thumbnails of rows it holds, above its thumbnail cursor, a few
        per request, for at most THUMBNAIL_ROUND_S (`thumbnails_behind` says if more are
        waiting: the next round goes on without a pause); returns how many it stored. Nothing
        is sent unless both the policy here and the server (the office's pack) ask for them."""
        self.thumbnails_behind = False
        if (
            self.heads is None
            or self.thumbnail_after is None
            or not self.thumbnails_wanted
            or self.thumbnail_after >= self.heads["verdicts"]
            or not self.forwards_thumbnails()
        ):
            return 0
        head = self.heads["verdicts"]  # never a thumbnail of a row the server has not got
        stored = 0
        deadline = time.monotonic() + THUMBNAIL_ROUND_S
        while not self._stop.is_set() and self.thumbnail_after < head:
            rows = thumbnail_rows(self.store, self.thumbnail_after, head, THUMBNAIL_BATCH)
            upto = rows[-1][0] if len(rows) == THUMBNAIL_BATCH else head
            items = []
            for rid, name in rows:
                data = self._thumbnail_bytes(rid, name)
                if data is not None:
                    items.append(
                        {
                            "row_id": rid,
                            "sha256": hashlib.sha256(data).hexdigest(),
                            "data": base64.b64encode(data).decode("ascii"),
                        }
                    )
            status, raw = self.client.request(
                "POST", "/api/v1/thumbnails", {"upto": upto, "items": items}
            )
            if status == 403:  # the office turned thumbnails off since the last heartbeat
                self.thumbnails_wanted = False
                return stored
            if status != 200:
                raise FleetError(f"thumbnails: HTTP {status}: {raw[:200].decode(errors='replace')}")
            res = json.loads(raw)
            for r in res.get("refused") or []:
                log.warning("thumbnail of row %s refused by the server: %s", r.get("row_id"),
                            r.get("error"))  # fmt: skip
            stored += int(res.get("stored") or 0)
            after = int(res["after"])
            if after <= self.thumbnail_after:
                head = after  # the server did not move on (it holds fewer rows than we thought)
                break
            self.thumbnail_after = after
            if time.monotonic() >= deadline:
                break  # the rows first again; `thumbnails_behind` skips the pause
        self.thumbnails_sent += stored
        self.thumbnails_behind = self.thumbnail_after < head
        return stored

    def run(self) -> None:
        """Forward until stopped; on errors back off (1 s doubling to 5 min, with jitter)."""
        backoff = 1.0
        while not self._stop.is_set():
            try:
                sent = self.sync()
                backoff = 1.0
                if self.errors:
                    log.info("forwarding to %s works again", self.cred.url)
                self.errors = 0
                if not sent and not self.thumbnails_behind:
                    self._stop.wait(self.poll_s)
            except Exception as e:  # network, TLS, server errors: keep the rows, retry later
                self.errors += 1
                self.last_error = str(e)
                self.heads = None  # ask the server where it is before resending
                self.client.close()
                if self.errors in (1, 10) or self.errors % 100 == 0:
                    log.warning("forwarding to %s failed (%s); retrying", self.cred.url, e)
                self._stop.wait(backoff * random.uniform(0.5, 1.0))
                backoff = min(MAX_BACKOFF_S, backoff * 2)
        self.close()

    def start(self) -> threading.Thread:
        th = threading.Thread(target=self.run, name="shareguard-forward", daemon=True)
        th.start()
        return th


def set_fleet_server(config_path: Path, url: str) -> None:
    """Write `[fleet] server = "url"` into the config file, keeping everything else."""
    text = config_path.read_text(encoding="utf-8") if config_path.exists() else ""
    line = f'server = "{url}"'
    lines = text.splitlines()
    out: list[str] = []
    section, done = None, False
    for ln in lines:
        s = ln.strip()
        if s.startswith("["):
            if section == "fleet" and not done:
                out.append(line)
                done = True
            section = s.strip("[] ")
        elif section == "fleet" and re.match(r"server\s*=", s):
            if not done:
                out.append(line)
                done = True
            continue
        out.append(ln)
    if section == "fleet" and not done:
        out.append(line)
        done = True
    if not done:
        out += ["", "[fleet]", line]
    make_private_dir(config_path.parent) if not config_path.parent.exists() else None
    write_private(config_path, ("\n".join(out).strip("\n") + "\n").encode())
