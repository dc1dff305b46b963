"""`shareguard review` as a user runs it: a real process, a real socket, the printed URL."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from agent.cli import main


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **kw):
        return None


def test_serves_on_loopback_and_prints_a_token_url(config_file: Path):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "agent.cli",
            "review",
            "--no-browser",
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
            line = proc.stdout.readline()
            m = re.search(r"(http://127\.0\.0\.1:\d+/\?token=\S+)", line)
            if m:
                url = m.group(1)
                break
        assert url, "no URL printed"
        base = url.split("?")[0]
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            opener.open(base)
            raise AssertionError("served without the token")
        except urllib.error.HTTPError as e:
            assert e.code == 403
        try:
            opener.open(url)
            raise AssertionError("expected a redirect")
        except urllib.error.HTTPError as e:
            assert e.code == 303
            cookie = e.headers["set-cookie"].split(";")[0]
        req = urllib.request.Request(base, headers={"Cookie": cookie})
        with opener.open(req) as r:
            assert r.status == 200
            assert "审核控制台" in r.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_binding_beyond_loopback_needs_the_explicit_flag(config_file: Path, capsys):
    code = main(["review", "--host", "0.0.0.0", "--no-browser", "--config", str(config_file)])
    assert code == 2
    assert "--i-know-this-exposes-the-log" in capsys.readouterr().err
