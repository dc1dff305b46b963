"""Thumbnails forwarded by the PCs: checked, stored in PostgreSQL, read back by the console.

A PC sends them only while the office's policy pack says `fleet.forward_thumbnails: true`, and
the server refuses them otherwise (`server.policy.forwards_thumbnails`). Each is the redacted
page image the PC rendered when it logged a flagged photo or scan (agent/extract/thumbnail.py:
at most 640 px, identifier lines blacked out), never the file itself.

What is stored is checked first, whatever the PC claims: at most `MAX_BYTES`, the sha256 it was
sent with, a PNG or JPEG that Pillow opens, verifies and decodes in full, at most `MAX_SIDE`
pixels a side (read from the header before any pixel is decoded, so a decompression bomb is
refused unread), and the thumbnail of a verdict row this agent has already forwarded. One per
row (`thumbnails.verdict_pk`): a resend of the same bytes is a duplicate, not a second copy.

The agent offers thumbnails in row order up to a cursor the server keeps (`agents.
thumbnail_cursor`, moved in the same transaction as the store), so after a crash of either end,
or a server restored from a backup, the next heartbeat tells the PC where to go on from.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

import psycopg

from agent.extract.thumbnail import MAX_SIDE

MAX_BYTES = 512 * 1024
MAX_ITEMS = 8  # per request: at most ~5.5 MB of base64
MAX_REQUEST = MAX_ITEMS * (MAX_BYTES * 4 // 3 + 4096)
MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class Refused(ValueError):
    """A thumbnail the server will not store; the message says why (sent back to the PC)."""


@dataclass(frozen=True)
class Image:
    media_type: str
    width: int
    height: int


def check_image(data: bytes) -> Image:
    """The media type and size of a thumbnail's bytes, or Refused: at most MAX_BYTES, a PNG or
    JPEG whose header says at most MAX_SIDE px a side, that verifies and decodes in full."""
    if len(data) > MAX_BYTES:
        raise Refused(f"thumbnail too large: {len(data)} bytes (at most {MAX_BYTES})")
    if not data:
        raise Refused("empty thumbnail")
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data), formats=tuple(MEDIA_TYPES)) as im:
                fmt, (w, h) = str(im.format), im.size
                if not (0 < w <= MAX_SIDE and 0 < h <= MAX_SIDE):
                    raise Refused(f"thumbnail of {w}x{h} pixels (at most {MAX_SIDE} px a side)")
                im.verify()
            with PILImage.open(io.BytesIO(data), formats=tuple(MEDIA_TYPES)) as im:
                im.load()  # every pixel: a truncated or corrupt stream fails here
    except Refused:
        raise
    except UnidentifiedImageError as e:
        raise Refused("not a PNG or JPEG image") from e
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as e:
        raise Refused("too many pixels for a thumbnail") from e
    except Exception as e:  # Pillow's many ways of saying "damaged"
        raise Refused(f"damaged image ({type(e).__name__})") from e
    return Image(MEDIA_TYPES[fmt], w, h)


@dataclass
class Outcome:
    after: int = 0
    stored: int = 0
    duplicates: int = 0
    refused: list[tuple[int | None, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "after": self.after,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "refused": [{"row_id": r, "error": e} for r, e in self.refused],
        }


def _decode(item: Any) -> tuple[int, str, bytes]:
    """(row id, sha256, bytes) of one offered thumbnail, or Refused."""
    if not isinstance(item, dict):
        raise Refused("not an object")
    rid, sha, b64 = item.get("row_id"), item.get("sha256"), item.get("data")
    if not isinstance(rid, int) or isinstance(rid, bool) or rid <= 0:
        raise Refused("bad row_id")
    if not isinstance(sha, str) or not _HEX64.match(sha):
        raise Refused("bad sha256")
    if not isinstance(b64, str) or len(b64) > MAX_BYTES * 4 // 3 + 4:
        raise Refused(f"thumbnail too large (at most {MAX_BYTES} bytes)")
    try:
        data = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError) as e:
        raise Refused("data is not base64") from e
    if hashlib.sha256(data).hexdigest() != sha:
        raise Refused("sha256 does not match the bytes")
    return rid, sha, data


@dataclass
class Checked:
    """Offered thumbnails after the checks that need no database: (row id, sha256, bytes,
    image) of the good ones, (row id, reason) of the others."""

    good: list[tuple[int, str, bytes, Image]] = field(default_factory=list)
    refused: list[tuple[int | None, str]] = field(default_factory=list)


def check_items(items: list[Any]) -> Checked:
    """Decode and check each offered thumbnail (the CPU work: before taking a connection)."""
    if len(items) > MAX_ITEMS:
        raise ValueError(f"more than {MAX_ITEMS} thumbnails in one request")
    out = Checked()
    for item in items:
        rid = item.get("row_id") if isinstance(item, dict) else None
        try:
            r, sha, data = _decode(item)
            out.good.append((r, sha, data, check_image(data)))
        except Refused as e:
            out.refused.append((rid if isinstance(rid, int) else None, str(e)))
    return out


def store(
    conn: psycopg.Connection, agent_id: str, items: list[Any] | Checked, upto: int | None
) -> Outcome:
    """Store one agent's checked thumbnails (`check_items`; raw items are checked here), then
    move its cursor to `upto` (the last row the agent looked at, thumbnails or not), never past
    the rows the server holds."""
    checked_items = items if isinstance(items, Checked) else check_items(items)
    out = Outcome(refused=list(checked_items.refused))
    checked = checked_items.good
    with conn.transaction():
        agent = conn.execute(
            "SELECT verdict_head_id, thumbnail_cursor FROM agents WHERE agent_id = %s FOR UPDATE",
            (agent_id,),
        ).fetchone()
        if agent is None:
            raise KeyError(agent_id)
        head, cursor = int(agent[0]), int(agent[1])
        rows = {
            int(r): int(pk)
            for r, pk in conn.execute(
                "SELECT row_id, id FROM verdicts WHERE agent_id = %s AND row_id = ANY(%s)",
                (agent_id, [c[0] for c in checked]),
            )
        }
        for rid, sha, data, img in checked:
            pk = rows.get(rid)
            if pk is None:
                out.refused.append((rid, "the server has not got this row"))
                continue
            added = conn.execute(
                "INSERT INTO thumbnails (verdict_pk, media_type, data, sha256, size, width,"
                " height) VALUES (%s, %s, %b, %s, %s, %s, %s)"
                " ON CONFLICT (verdict_pk) DO NOTHING RETURNING verdict_pk",
                (pk, img.media_type, data, sha, len(data), img.width, img.height),
            ).fetchone()
            if added:
                out.stored += 1
                continue
            (have,) = conn.execute(  # type: ignore[misc]
                "SELECT sha256 FROM thumbnails WHERE verdict_pk = %s", (pk,)
            ).fetchone()
            if have == sha:
                out.duplicates += 1
            else:
                out.refused.append((rid, "another thumbnail is stored for this row"))
        if upto is not None and min(upto, head) > cursor:
            cursor = min(upto, head)
            conn.execute(
                "UPDATE agents SET thumbnail_cursor = %s WHERE agent_id = %s", (cursor, agent_id)
            )
    out.after = cursor
    return out


def cursor(conn: psycopg.Connection, agent_id: str) -> int:
    row = conn.execute(
        "SELECT thumbnail_cursor FROM agents WHERE agent_id = %s", (agent_id,)
    ).fetchone()
    return int(row[0]) if row else 0


def fetch(conn: psycopg.Connection, pk: int) -> tuple[bytes, str] | None:
    """(bytes, media type) of verdict row `pk`'s thumbnail, if the server has one."""
    row = conn.execute(
        "SELECT data, media_type FROM thumbnails WHERE verdict_pk = %s", (pk,)
    ).fetchone()
    return (bytes(row[0]), str(row[1])) if row else None


def exists(conn: psycopg.Connection, pk: int) -> bool:
    return (
        conn.execute("SELECT 1 FROM thumbnails WHERE verdict_pk = %s", (pk,)).fetchone() is not None
    )
