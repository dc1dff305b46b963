"""The server's own certificate authority, made on first start under the state dir (0700).

Agents pin the CA by its SHA-256 fingerprint (carried in the enrolment token, as `kubeadm join`
pins the cluster CA), so no public CA and no certificate file needs to be handed around.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from agent.files import make_private_dir, write_private


@dataclass(frozen=True)
class ServerTLS:
    ca_cert: Path
    cert: Path
    key: Path
    fingerprint: str  # "sha256:<hex>" of the CA certificate (DER)


def fingerprint(pem: bytes) -> str:
    der = x509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)
    return "sha256:" + hashlib.sha256(der).hexdigest()


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _names(extra: list[str]) -> list[x509.GeneralName]:
    seen: set[str] = set()
    out: list[x509.GeneralName] = []
    for n in ["localhost", "127.0.0.1", socket.gethostname(), *extra]:
        if not n or n in seen or n in ("0.0.0.0", "::"):
            continue
        seen.add(n)
        try:
            out.append(x509.IPAddress(ipaddress.ip_address(n)))
        except ValueError:
            out.append(x509.DNSName(n))
    return out


def ensure_tls(state: Path, names: list[str]) -> ServerTLS:
    """Load or create the CA (10 years) and a server certificate (2 years) for `names`.

    The server certificate is re-issued when a name it must answer to is missing."""
    make_private_dir(state)
    ca_cert_p, ca_key_p = state / "ca.pem", state / "ca.key"
    cert_p, key_p = state / "server.pem", state / "server.key"
    now = dt.datetime.now(dt.UTC)
    if ca_cert_p.exists() and ca_key_p.exists():
        ca_cert = x509.load_pem_x509_certificate(ca_cert_p.read_bytes())
        ca_key = serialization.load_pem_private_key(ca_key_p.read_bytes(), None)
    else:
        ca_key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "shareguard"),
                x509.NameAttribute(NameOID.COMMON_NAME, f"shareguard CA {socket.gethostname()}"),
            ]
        )
        ca_cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(ca_key, hashes.SHA256())
        )
        write_private(ca_key_p, _key_pem(ca_key))  # type: ignore[arg-type]
        write_private(ca_cert_p, ca_cert.public_bytes(serialization.Encoding.PEM))
    wanted = _names(names)
    if cert_p.exists() and key_p.exists():
        cert = x509.load_pem_x509_certificate(cert_p.read_bytes())
        try:
            have = set(cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value)
        except x509.ExtensionNotFound:
            have = set()
        fresh = cert.not_valid_after_utc > now + dt.timedelta(days=30)
        if set(wanted) <= have and fresh and cert.issuer == ca_cert.subject:
            return ServerTLS(ca_cert_p, cert_p, key_p, fingerprint(ca_cert_p.read_bytes()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "shareguard server")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=730))
        .add_extension(x509.SubjectAlternativeName(wanted), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())  # type: ignore[arg-type]
    )
    write_private(key_p, _key_pem(key))
    write_private(cert_p, cert.public_bytes(serialization.Encoding.PEM))
    return ServerTLS(ca_cert_p, cert_p, key_p, fingerprint(ca_cert_p.read_bytes()))
