"""The console link is one-time and short-lived, the browser gets it through a private redirect
file (never on a command line), and `--host ::1` works with the Host header browsers send."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from agent_helpers import wait_for
from starlette.testclient import TestClient

from agent.config import load_config
from agent.review.app import create_app

TOKEN = "one-time-token-0123456789"


def test_the_token_works_once(config_file: Path) -> None:
    app = create_app(load_config(config_file), token=TOKEN, allowed_hosts=("testserver",))
    with TestClient(app) as first, TestClient(app) as second:
        r = first.get(f"/?token={TOKEN}", follow_redirects=False)
        assert r.status_code == 303
        assert first.get("/").status_code == 200, "the session cookie carries on"
        assert second.get(f"/?token={TOKEN}", follow_redirects=False).status_code == 403
        assert first.get(f"/?token={TOKEN}", follow_redirects=False).status_code == 403
        assert second.get("/").status_code == 403


def test_the_token_expires_unused(config_file: Path) -> None:
    config = load_config(config_file)
    app = create_app(config, token=TOKEN, allowed_hosts=("testserver",), token_ttl_s=0.0)
    with TestClient(app) as client:
        assert client.get(f"/?token={TOKEN}", follow_redirects=False).status_code == 403


def test_bracketed_ipv6_host_header_is_accepted(config_file: Path) -> None:
    config = load_config(config_file)
    app = create_app(config, token=TOKEN, allowed_hosts=("::1",), port=8765)
    with TestClient(app, base_url="http://[::1]:8765") as client:
        r = client.get(f"/?token={TOKEN}", follow_redirects=False)
        assert r.status_code == 303
        assert client.get("/").status_code == 200
        assert client.get("/", headers={"host": "evil.example:8765"}).status_code == 400


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **kw):
        return None


def test_review_opens_the_browser_on_a_private_redirect_file(
    config_file: Path, tmp_path: Path
) -> None:
    """`shareguard review --host ::1`: the browser command line holds a file path, not the
    token; the file is 0600 and gone once the token is spent; the link works once over IPv6."""
    record = tmp_path / "browser.json"
    browser = tmp_path / "browser.py"
    browser.write_text(
        f"import json, sys\nopen({str(record)!r}, 'w').write(json.dumps(sys.argv[1:]))\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "BROWSER": f"{sys.executable} {browser} %s",
        "DISPLAY": "",
        "WAYLAND_DISPLAY": "",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "agent.cli",
            "review",
            "--host",
            "::1",
            "--port",
            "0",
            "--config",
            str(config_file),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        url = None
        for _ in range(10):
            m = re.search(r"(http://\[::1\]:\d+/\?token=\S+)", proc.stdout.readline())
            if m:
                url = m.group(1)
                break
        assert url, "no URL printed"
        token = url.split("token=", 1)[1]
        wait_for(record.exists, 15)
        (arg,) = json.loads(wait_for(lambda: record.read_text(encoding="utf-8"), 5))
        assert arg.startswith("file://") and token not in arg
        page = Path(urllib.request.url2pathname(arg.removeprefix("file://")))
        assert stat.S_IMODE(page.stat().st_mode) == 0o600
        assert stat.S_IMODE(page.parent.stat().st_mode) == 0o700
        assert url.replace("&", "&amp;") in page.read_text(encoding="utf-8")
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            opener.open(url)
            raise AssertionError("expected a redirect")
        except urllib.error.HTTPError as e:
            assert e.code == 303
            cookie = e.headers["set-cookie"].split(";")[0]
        home = urllib.request.Request(url.split("?")[0], headers={"Cookie": cookie})
        with opener.open(home) as r:
            assert r.status == 200
        try:
            opener.open(url)
            raise AssertionError("the link worked twice")
        except urllib.error.HTTPError as e:
            assert e.code == 403
        deadline = time.monotonic() + 5
        while page.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not page.exists(), "the spent redirect file is removed"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
