"""`shareguard review`: serve the review console on 127.0.0.1 and open it in the browser.

Like Jupyter: a fresh token per start, printed as part of the URL; the browser swaps it for a
session cookie on first load, and the token is then spent (one use, five minutes at most). The
browser is opened on a private (0600) redirect file, so the token never appears on a command line
(readable by every local user through /proc). Binding beyond loopback needs an explicit, scary
flag.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import ipaddress
import secrets
import socket
import sys
import threading
from pathlib import Path

from agent.commands import add_config_option
from agent.i18n import t

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def configure(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument("--port", type=int, help=t("review.cmd.port"))
    parser.add_argument("--host", default=None, help=t("review.cmd.host"))
    parser.add_argument(
        "--i-know-this-exposes-the-log",
        dest="expose",
        action="store_true",
        help=t("review.cmd.expose"),
    )
    parser.add_argument("--no-browser", action="store_true", help=t("review.cmd.no_browser"))


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int, tries: int = 10) -> socket.socket:
    """A listening socket on `host`, at `port` or the next free one (port 0: any free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    last: OSError | None = None
    for p in [port] if port == 0 else range(port, port + tries):
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.bind((host, p))
        except OSError as e:
            sock.close()
            last = e
            continue
        sock.listen(64)
        return sock
    raise OSError(t("review.cmd.port_busy", port=port)) from last


def url_for(host: str, port: int, token: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


def write_open_file(directory: Path, url: str, port: int) -> Path:
    """A private HTML page that sends the browser on to `url` (Jupyter's redirect file): the
    browser is started with this file's path, never with the token."""
    from agent.files import make_private_dir, write_private

    make_private_dir(directory)
    path = directory / f"review-{port}-open.html"
    link = html.escape(url, quote=True)
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0;url={link}">'
        '<meta name="referrer" content="no-referrer"><title>shareguard</title></head>'
        f'<body><p><a href="{link}">shareguard 审核控制台 / review console</a></p></body></html>\n'
    )
    write_private(path, page.encode("utf-8"), durable=False)
    return path


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from agent.config import load_config
    from agent.review.app import create_app

    config = load_config(getattr(args, "config", None))
    host = args.host or config.review.host
    if not is_loopback(host) and not args.expose:
        print(t("review.cmd.expose_needed", host=host), file=sys.stderr)
        return 2
    port = config.review.port if args.port is None else args.port
    try:
        sock = bind(host, port)
    except OSError as e:
        print(t("cli.error.generic", error=e), file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    open_file = config.data_path / "runtime" / f"review-{port}-open.html"

    def spent() -> None:  # the token is used: the redirect file has nothing left to give
        with contextlib.suppress(OSError):
            open_file.unlink()

    if is_loopback(host):
        hosts = (host, "127.0.0.1", "localhost", "::1")
        app = create_app(config, token=token, allowed_hosts=hosts, port=port, on_token_used=spent)
    else:
        print(t("review.cmd.expose_warning", host=host), file=sys.stderr)
        app = create_app(config, token=token, allowed_hosts=None, port=port, on_token_used=spent)
    url = url_for(
        host if is_loopback(host) or host not in ("0.0.0.0", "::") else "127.0.0.1", port, token
    )
    print(t("review.cmd.url", url=url), flush=True)
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    )
    if not args.no_browser:
        import webbrowser

        page = write_open_file(open_file.parent, url, port)
        threading.Timer(0.5, webbrowser.open, args=(page.as_uri(),)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        spent()
    return 0
