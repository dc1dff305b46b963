"""Policy packs from the centre: validated, versioned and signed by the server.

An admin uploads a pack (a full pack or an extension of the built-in one, as `policy check`
accepts). The server signs the exact bytes with its Ed25519 key; agents got the public key at
enrolment, verify the signature of every pack they pull and only then apply it.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from dataclasses import dataclass

import psycopg
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

KEY_NAME = "policy-signing"


@dataclass(frozen=True)
class PolicyPack:
    version: int
    body: str
    sha256: str
    signature: str  # base64 Ed25519 over the UTF-8 body


def signing_key(conn: psycopg.Connection) -> Ed25519PrivateKey:
    """The server's policy-signing key (made once, kept in the database that is backed up)."""
    row = conn.execute(
        "SELECT private_pem FROM server_keys WHERE name = %s", (KEY_NAME,)
    ).fetchone()
    if row is None:
        key = Ed25519PrivateKey.generate()
        priv = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        pub = public_pem(key)
        conn.execute(
            "INSERT INTO server_keys (name, private_pem, public_pem) VALUES (%s, %s, %s)"
            " ON CONFLICT DO NOTHING",
            (KEY_NAME, priv, pub),
        )
        row = conn.execute(
            "SELECT private_pem FROM server_keys WHERE name = %s", (KEY_NAME,)
        ).fetchone()
    key = serialization.load_pem_private_key(str(row[0]).encode(), None)  # type: ignore[index]
    assert isinstance(key, Ed25519PrivateKey)
    return key


def public_pem(key: Ed25519PrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def validate(body: str) -> None:
    """Raise ConfigError (file:line) if `body` is not a valid policy pack."""
    from policies import check_file

    fd, name = tempfile.mkstemp(suffix=".yaml", prefix="shareguard-policy-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(body)
        check_file(name)
    finally:
        os.unlink(name)


def upload(conn: psycopg.Connection, body: str, uploaded_by: str) -> PolicyPack:
    validate(body)
    key = signing_key(conn)
    sig = base64.b64encode(key.sign(body.encode())).decode()
    digest = hashlib.sha256(body.encode()).hexdigest()
    with conn.transaction():
        conn.execute("LOCK TABLE policies IN EXCLUSIVE MODE")
        (version,) = conn.execute("SELECT coalesce(max(version), 0) + 1 FROM policies").fetchone()  # type: ignore[misc]
        conn.execute(
            "INSERT INTO policies (version, body, sha256, signature, uploaded_by)"
            " VALUES (%s, %s, %s, %s, %s)",
            (version, body, digest, sig, uploaded_by),
        )
    return PolicyPack(int(version), body, digest, sig)


def forwards_thumbnails(body: str | None) -> bool:
    """Does this pack (the latest uploaded, None: none yet) turn on `fleet.forward_thumbnails`?
    A pack that does not say keeps the default pack's setting (off). The pack was validated at
    upload, so the key, where present, is a boolean."""
    import yaml

    from policies import DEFAULT_PACK

    data = yaml.safe_load(body) if body else None
    fleet = data.get("fleet") if isinstance(data, dict) else None
    if isinstance(fleet, dict) and isinstance(fleet.get("forward_thumbnails"), bool):
        return bool(fleet["forward_thumbnails"])
    default = yaml.safe_load(DEFAULT_PACK.read_text(encoding="utf-8")).get("fleet") or {}
    return bool(default.get("forward_thumbnails", False))


def latest(conn: psycopg.Connection) -> PolicyPack | None:
    row = conn.execute(
        "SELECT version, body, sha256, signature FROM policies ORDER BY version DESC LIMIT 1"
    ).fetchone()
    return PolicyPack(int(row[0]), row[1], row[2], row[3]) if row else None
