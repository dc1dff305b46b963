"""Who may talk to the server: enrolment tokens, per-agent credentials, console users.

Secrets are stored only as hashes: enrolment tokens and agent keys as SHA-256 (they are long
random values), console passwords with argon2id (argon2-cffi), session ids as SHA-256.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from typing import Any

import psycopg
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

TOKEN_PREFIX = "SG1."
ROLES = ("reviewer", "admin")
SESSION_HOURS = 12
_hasher = PasswordHasher()
_NAME = re.compile(r"^[\w.@-]{1,64}$")


def sha(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


# -- enrolment tokens -----------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    url: str
    fingerprint: str  # sha256:<hex> of the server's CA
    secret: str


def encode_token(tok: Token) -> str:
    body = json.dumps({"u": tok.url, "f": tok.fingerprint, "s": tok.secret}, separators=(",", ":"))
    return TOKEN_PREFIX + base64.urlsafe_b64encode(body.encode()).decode().rstrip("=")


def decode_token(text: str) -> Token:
    """Parse a token; ValueError when it is not one."""
    text = text.strip()
    if not text.startswith(TOKEN_PREFIX):
        raise ValueError("not a shareguard enrolment token")
    raw = text[len(TOKEN_PREFIX) :]
    try:
        body = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        tok = Token(str(body["u"]), str(body["f"]), str(body["s"]))
    except (ValueError, KeyError, TypeError) as e:
        raise ValueError("damaged enrolment token") from e
    if not tok.url.startswith("https://") or not re.fullmatch(
        r"sha256:[0-9a-f]{64}", tok.fingerprint
    ):
        raise ValueError("damaged enrolment token")
    return tok


def parse_duration(text: str) -> dt.timedelta:
    """'24h', '30m', '7d', '90s' → timedelta."""
    m = re.fullmatch(r"\s*(\d+)\s*([smhd])\s*", text)
    if not m:
        raise ValueError(f"bad duration {text!r} (e.g. 24h, 30m, 7d)")
    n, unit = int(m.group(1)), m.group(2)
    return dt.timedelta(**{{"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}[unit]: n})


def create_token(
    conn: psycopg.Connection,
    *,
    url: str,
    fingerprint: str,
    expires: dt.timedelta,
    uses: int,
    department: str = "",
    created_by: str = "",
) -> str:
    if uses < 1:
        raise ValueError("uses must be at least 1")
    secret = secrets.token_urlsafe(24)
    conn.execute(
        "INSERT INTO enroll_tokens (token_hash, url, department, expires, uses_left, created_by)"
        " VALUES (%s, %s, %s, now() + %s, %s, %s)",
        (sha(secret), url, department, expires, uses, created_by),
    )
    return encode_token(Token(url, fingerprint, secret))


def consume_token(conn: psycopg.Connection, secret: str) -> str | None:
    """Use one enrolment of a valid token; returns its department, None if invalid/spent."""
    row = conn.execute(
        "UPDATE enroll_tokens SET uses_left = uses_left - 1"
        " WHERE token_hash = %s AND uses_left > 0 AND expires > now() RETURNING department",
        (sha(secret),),
    ).fetchone()
    return None if row is None else str(row[0])


# -- agents ---------------------------------------------------------------------------------


def new_agent_credential() -> tuple[str, str]:
    """(agent_id, agent_key): the key is shown once, to the agent, and stored here hashed."""
    return "ag-" + secrets.token_hex(8), secrets.token_urlsafe(32)


def check_agent(conn: psycopg.Connection, agent_id: str, key: str) -> bool:
    row = conn.execute("SELECT key_hash FROM agents WHERE agent_id = %s", (agent_id,)).fetchone()
    return row is not None and hmac.compare_digest(str(row[0]), sha(key))


# -- console users ------------------------------------------------------------------------------


def add_user(conn: psycopg.Connection, name: str, role: str, password: str) -> bool:
    """Create or update a user; returns True if created. Password: at least 8 characters."""
    if not _NAME.match(name):
        raise ValueError("user names are 1-64 letters, digits, . @ _ -")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < 8:
        raise ValueError("the password needs at least 8 characters")
    row = conn.execute(
        "INSERT INTO users (name, role, password_hash) VALUES (%s, %s, %s)"
        " ON CONFLICT (name) DO UPDATE SET role = excluded.role,"
        " password_hash = excluded.password_hash, disabled = false"
        " RETURNING (xmax = 0)",
        (name, role, _hasher.hash(password)),
    ).fetchone()
    return bool(row and row[0])


def check_password(conn: psycopg.Connection, name: str, password: str) -> str | None:
    """The user's role if the password is right, else None (same work either way)."""
    row = conn.execute(
        "SELECT password_hash, role FROM users WHERE name = %s AND NOT disabled", (name,)
    ).fetchone()
    stored = str(row[0]) if row else _DUMMY
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _hasher.check_needs_rehash(stored):
        conn.execute(
            "UPDATE users SET password_hash = %s WHERE name = %s", (_hasher.hash(password), name)
        )
    return str(row[1])


_DUMMY = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Session:
    username: str
    role: str
    csrf: str


def create_session(conn: psycopg.Connection, username: str) -> str:
    sid = secrets.token_urlsafe(32)
    conn.execute(
        "INSERT INTO sessions (id_hash, username, csrf, expires)"
        " VALUES (%s, %s, %s, now() + make_interval(hours => %s))",
        (sha(sid), username, secrets.token_urlsafe(32), SESSION_HOURS),
    )
    conn.execute("DELETE FROM sessions WHERE expires < now()")
    return sid


def get_session(conn: psycopg.Connection, sid: str) -> Session | None:
    if not sid:
        return None
    row: Any = conn.execute(
        "SELECT s.username, u.role, s.csrf FROM sessions s JOIN users u ON u.name = s.username"
        " WHERE s.id_hash = %s AND s.expires > now() AND NOT u.disabled",
        (sha(sid),),
    ).fetchone()
    return Session(row[0], row[1], row[2]) if row else None


def end_session(conn: psycopg.Connection, sid: str) -> None:
    conn.execute("DELETE FROM sessions WHERE id_hash = %s", (sha(sid),))
