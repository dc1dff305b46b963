"""The agents' API (JSON over HTTPS): enrolment, row intake, heartbeat, policy.

Agents authenticate every call with ``Authorization: Agent <agent_id>:<key>``; the key was made
at enrolment and the server keeps only its hash.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from typing import Any

from psycopg_pool import ConnectionPool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from server import auth, ingest, policy, thumbnails

log = logging.getLogger(__name__)
MAX_BODY = 32 * 1024 * 1024
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class Api:
    def __init__(self, pool: ConnectionPool, ca_pem: bytes) -> None:
        self.pool = pool
        self.ca_pem = ca_pem
        self._keys: dict[str, str] = {}  # agent_id -> key hash (cache)
        self._thumbs: tuple[int, bool] = (-1, False)  # (policy version, forward thumbnails?)

    # -- helpers ------------------------------------------------------------------------------
    def _agent(self, request: Request) -> str | None:
        h = request.headers.get("authorization", "")
        if not h.startswith("Agent ") or ":" not in h:
            return None
        agent_id, key = h[6:].strip().split(":", 1)
        want = self._keys.get(agent_id)
        if want is None:
            with self.pool.connection() as conn:
                row = conn.execute(
                    "SELECT key_hash FROM agents WHERE agent_id = %s", (agent_id,)
                ).fetchone()
            if row is None:
                return None
            want = self._keys[agent_id] = str(row[0])
        return agent_id if hmac.compare_digest(want, auth.sha(key)) else None

    def _thumbnails_on(self, conn: Any, version: int | None = None) -> bool:
        """Does the office's policy pack in force (the latest uploaded) let PCs forward
        thumbnails? Read once per pack version."""
        if version is None:
            row = conn.execute("SELECT coalesce(max(version), 0) FROM policies").fetchone()
            version = int(row[0]) if row else 0
        if self._thumbs[0] != version:
            pack = policy.latest(conn) if version else None
            self._thumbs = (version, policy.forwards_thumbnails(pack.body if pack else None))
        return self._thumbs[1]

    @staticmethod
    async def _json(request: Request, limit: int = MAX_BODY) -> dict[str, Any] | None:
        if int(request.headers.get("content-length") or 0) > limit:
            return None
        body = await request.body()
        if len(body) > limit:
            return None
        try:
            data = json.loads(body)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    # -- endpoints ----------------------------------------------------------------------------
    async def ca(self, request: Request) -> Response:
        return Response(self.ca_pem, media_type="application/x-pem-file")

    async def enroll(self, request: Request) -> Response:
        data = await self._json(request)
        if data is None:
            return JSONResponse({"error": "bad request"}, status_code=400)
        chain_key = str(data.get("chain_key", ""))
        host = str(data.get("host", ""))[:255]
        if not _HEX64.match(chain_key) or not host:
            return JSONResponse({"error": "bad request"}, status_code=400)
        agent_id, key = auth.new_agent_credential()
        with self.pool.connection() as conn, conn.transaction():
            department = auth.consume_token(conn, str(data.get("token", "")))
            if department is None:
                return JSONResponse({"error": "invalid or expired token"}, status_code=403)
            department = str(data.get("department") or department)[:100]
            conn.execute(
                "INSERT INTO agents (agent_id, key_hash, chain_key, host, os_user, department,"
                " version, last_seen) VALUES (%s, %s, %s, %s, %s, %s, %s, now())",
                (
                    agent_id,
                    auth.sha(key),
                    chain_key,
                    host,
                    str(data.get("user", ""))[:255],
                    department,
                    str(data.get("version", ""))[:50],
                ),
            )
            pub = policy.public_pem(policy.signing_key(conn))
        log.info("enrolled %s (%s, %s)", agent_id, host, department)
        return JSONResponse(
            {"agent_id": agent_id, "agent_key": key, "policy_key": pub, "department": department}
        )

    async def ingest(self, request: Request) -> Response:
        agent_id = self._agent(request)
        if agent_id is None:
            return JSONResponse({"error": "unauthorised"}, status_code=401)
        data = await self._json(request)
        if data is None or not isinstance(data.get("rows"), list):
            return JSONResponse({"error": "bad request"}, status_code=400)
        rows = data["rows"]
        try:
            return JSONResponse(await _threaded(self._ingest, agent_id, data, rows))
        except (ValueError, KeyError, TypeError) as e:
            return JSONResponse({"error": f"bad rows: {e}"}, status_code=400)

    def _ingest(self, agent_id: str, data: dict[str, Any], rows: list[Any]) -> dict[str, Any]:
        with self.pool.connection() as conn:
            res = ingest.ingest(
                conn,
                agent_id,
                str(data.get("stream", "verdicts")),
                rows,
                after=_int(data.get("after")),
            )
        if res.breaks:
            log.warning("agent %s: %d chain break(s)", agent_id, len(res.breaks))
        return res.to_dict()

    async def heartbeat(self, request: Request) -> Response:
        agent_id = self._agent(request)
        if agent_id is None:
            return JSONResponse({"error": "unauthorised"}, status_code=401)
        data = await self._json(request)
        if data is None:
            return JSONResponse({"error": "bad request"}, status_code=400)
        return JSONResponse(await _threaded(self._heartbeat, agent_id, data))

    def _heartbeat(self, agent_id: str, data: dict[str, Any]) -> dict[str, Any]:
        folders = data.get("watched_folders")
        with self.pool.connection() as conn:
            audit = data.get("audit")
            found = ingest.audit(conn, agent_id, audit) if isinstance(audit, list) else []
            audit = data.get("audit_events")
            if isinstance(audit, list):
                found += ingest.audit_events(conn, agent_id, audit)
            row = conn.execute(
                "UPDATE agents SET last_seen = now(), host = coalesce(%s, host),"
                " os_user = coalesce(%s, os_user), version = coalesce(%s, version),"
                " policy_version = coalesce(%s, policy_version), fleet_policy = %s, pending = %s,"
                " watched_folders = %s, alerts_available = %s WHERE agent_id = %s"
                " RETURNING verdict_head_id, event_head_id, thumbnail_cursor",
                (
                    _str(data.get("host")),
                    _str(data.get("user")),
                    _str(data.get("version")),
                    _str(data.get("policy_version")),
                    int(data.get("fleet_policy") or 0),
                    int(data.get("pending") or 0),
                    json.dumps(folders if isinstance(folders, list) else [], ensure_ascii=False),
                    data.get("alerts_available")
                    if isinstance(data.get("alerts_available"), bool)
                    else None,
                    agent_id,
                ),
            ).fetchone()
            conn.commit()
            start = ingest.next_audit_start(conn, agent_id)
            pack = conn.execute("SELECT max(version) FROM policies").fetchone()
            thumbs = self._thumbnails_on(conn, int(pack[0]) if pack and pack[0] else 0)
        return {
            "verdict_head": int(row[0]) if row else 0,
            "event_head": int(row[1]) if row else 0,
            "audit_after": start,
            "audit_rows": ingest.AUDIT_ROWS,
            "event_audit_after": ingest.event_audit_start(int(row[1]) if row else 0),
            "policy_version": int(pack[0]) if pack and pack[0] else 0,
            "audit_problems": len(found),
            # thumbnails: only while the office's pack says so; from the row after the cursor
            "thumbnails": thumbs,
            "thumbnail_after": int(row[2]) if row else 0,
        }

    async def thumbnail_upload(self, request: Request) -> Response:
        """A PC's redacted thumbnails of rows it forwarded (server/thumbnails.py): refused as a
        whole while the office's policy does not ask for them, else checked one by one."""
        agent_id = self._agent(request)
        if agent_id is None:
            return JSONResponse({"error": "unauthorised"}, status_code=401)
        data = await self._json(request, thumbnails.MAX_REQUEST)
        if data is None or not isinstance(data.get("items"), list):
            return JSONResponse(
                {"error": f"bad request (at most {thumbnails.MAX_ITEMS} thumbnails of at most"
                 f" {thumbnails.MAX_BYTES} bytes)"},
                status_code=400,
            )  # fmt: skip
        if len(data["items"]) > thumbnails.MAX_ITEMS:
            return JSONResponse(
                {"error": f"more than {thumbnails.MAX_ITEMS} thumbnails in one request"},
                status_code=400,
            )
        return await _threaded(self._thumbnail_upload, agent_id, data)

    def _thumbnail_upload(self, agent_id: str, data: dict[str, Any]) -> Response:
        with self.pool.connection() as conn:
            on = self._thumbnails_on(conn)
        if not on:
            return JSONResponse(
                {"error": "the office's policy does not ask for thumbnails"}, status_code=403
            )
        checked = thumbnails.check_items(data["items"])  # Pillow: without holding a connection
        with self.pool.connection() as conn:
            out = thumbnails.store(conn, agent_id, checked, _int(data.get("upto")))
        for rid, why in out.refused:
            log.warning("agent %s: thumbnail of row %s refused: %s", agent_id, rid, why)
        return JSONResponse(out.to_dict())

    async def policy(self, request: Request) -> Response:
        if self._agent(request) is None:
            return JSONResponse({"error": "unauthorised"}, status_code=401)
        with self.pool.connection() as conn:
            pack = policy.latest(conn)
        if pack is None:
            return PlainTextResponse("no policy", status_code=404)
        return JSONResponse(
            {"version": pack.version, "body": pack.body, "signature": pack.signature}
        )

    def routes(self) -> list[Route]:
        return [
            Route("/api/v1/ca.pem", self.ca),
            Route("/api/v1/enroll", self.enroll, methods=["POST"]),
            Route("/api/v1/ingest", self.ingest, methods=["POST"]),
            Route("/api/v1/heartbeat", self.heartbeat, methods=["POST"]),
            Route("/api/v1/thumbnails", self.thumbnail_upload, methods=["POST"]),
            Route("/api/v1/policy", self.policy),
        ]


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else None


def _str(v: Any) -> str | None:
    return str(v)[:255] if isinstance(v, str) else None


async def _threaded(fn: Any, *args: Any) -> Any:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, *args)
