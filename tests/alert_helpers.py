"""A real desktop for alert tests: a private D-Bus session bus, a headless X server (Xvfb),
dunst as the notification daemon and dbus-monitor recording every Notify call.

Buttons are pressed through dunst itself: its context menu runs the `dmenu` command from its
config with the menu lines on stdin (`#<button> (<summary>) [<id>,<key>]`); ours picks the line
asked for, dunst invokes that action and emits ActionInvoked, exactly as when a person picks it.
A click on the bubble is `dunstctl action 0` (dunst's default action).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from agent_helpers import session_bus, wait_for

# every line of the `want` file must occur in the chosen menu line
PICKER = """#!/bin/sh
cat > "{menu}"
cp "{menu}" "{menu}.left"
while IFS= read -r part; do
  [ -n "$part" ] || continue
  grep -F -- "$part" "{menu}.left" > "{menu}.next"; mv "{menu}.next" "{menu}.left"
done < "{want}"
head -n 1 "{menu}.left"
"""


@dataclass
class NotifyCall:
    app_name: str
    app_icon: str
    summary: str
    body: str
    actions: list[str]  # key, label, key, label, ...
    urgency: int | None
    expire_timeout: int | None

    @property
    def action_keys(self) -> list[str]:
        return self.actions[0::2]

    @property
    def action_labels(self) -> list[str]:
        return self.actions[1::2]


def parse_notify_calls(text: str) -> list[NotifyCall]:
    """Notify method calls from `dbus-monitor` output."""
    calls: list[NotifyCall] = []
    blocks = re.split(r"^(?=method call |method return |signal |error )", text, flags=re.M)
    for block in blocks:
        if not block.startswith("method call") or "member=Notify" not in block.split("\n", 1)[0]:
            continue
        body = block.split("\n", 1)[1] if "\n" in block else ""
        head, _, rest = body.partition("\n   array [")
        strings = re.findall(r'^ {3}string "(.*?)"\n(?= {3}\S|\Z)', head + "\n", re.S | re.M)
        arr, _, tail = rest.partition("\n   ]")
        actions = re.findall(r'^ {6}string "(.*?)"$', arr, re.M)
        urg = re.search(r'string "urgency"\s+variant\s+byte (\d+)', tail)
        exp = re.search(r"^ {3}int32 (-?\d+)\s*$", tail, re.M)
        if len(strings) < 4:
            continue
        calls.append(
            NotifyCall(
                app_name=strings[0],
                app_icon=strings[1],
                summary=strings[2],
                body=strings[3],
                actions=actions,
                urgency=int(urg.group(1)) if urg else None,
                expire_timeout=int(exp.group(1)) if exp else None,
            )
        )
    return calls


class DunstDesktop:
    def __init__(self, address: str, workdir: Path) -> None:
        self.address = address
        self.dir = workdir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address)
        self._procs: list[subprocess.Popen] = []
        self.menu = self.dir / "menu.txt"
        self.want = self.dir / "want.txt"
        picker = self.dir / "pick.sh"
        picker.write_text(PICKER.format(menu=self.menu, want=self.want), encoding="utf-8")
        picker.chmod(0o755)
        rc = self.dir / "dunstrc"
        rc.write_text(
            f"[global]\ndmenu = {picker}\nnotification_limit = 0\nshow_indicators = no\n",
            encoding="utf-8",
        )
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-screen", "0", "800x600x24", "-nolisten", "tcp"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self._procs.append(xvfb)
        assert xvfb.stdout is not None
        display = xvfb.stdout.readline().strip()
        if not display:
            self.close()
            raise RuntimeError("Xvfb printed no display number")
        self.env["DISPLAY"] = f":{display}"
        self.monitor_out = self.dir / "monitor.txt"
        self._mon_f = open(self.monitor_out, "w", encoding="utf-8")  # noqa: SIM115
        mon = subprocess.Popen(
            ["dbus-monitor", "--address", address, "interface='org.freedesktop.Notifications'"],
            stdout=self._mon_f,
            stderr=subprocess.DEVNULL,
            env=self.env,
        )
        self._procs.append(mon)
        dunst = subprocess.Popen(
            ["dunst", "-config", str(rc)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=self.env,
        )
        self._procs.append(dunst)
        wait_for(lambda: self._dunst_up(), 15, 0.1)

    def _dunst_up(self) -> bool:
        r = subprocess.run(
            ["dunstctl", "is-paused"], env=self.env, capture_output=True, text=True, check=False
        )
        return r.returncode == 0 and r.stdout.strip() in ("true", "false")

    # -- what was sent --------------------------------------------------------------------------
    def calls(self) -> list[NotifyCall]:
        self._mon_f.flush()
        return parse_notify_calls(self.monitor_out.read_text(encoding="utf-8", errors="replace"))

    def signals(self, member: str) -> int:
        text = self.monitor_out.read_text(encoding="utf-8", errors="replace")
        return len(re.findall(rf"^signal .*member={member}$", text, re.M))

    def wait_calls(self, n: int, timeout: float = 10.0) -> list[NotifyCall]:
        return wait_for(lambda: len(self.calls()) >= n and self.calls(), timeout)  # type: ignore[return-value]

    # -- what a person does ---------------------------------------------------------------------
    def press(self, key: str, summary_part: str = "") -> None:
        """Pick the button with identifier `key` (of the notification whose summary contains
        `summary_part`) from dunst's context menu, as a person would."""
        before = self.signals("ActionInvoked")
        self.want.write_text(f"({summary_part}\n,{key}]\n", encoding="utf-8")
        subprocess.run(["dunstctl", "context"], env=self.env, check=True, timeout=10)
        wait_for(lambda: self.signals("ActionInvoked") > before, 10)

    def click(self) -> None:
        """Click the newest bubble (its default action)."""
        before = self.signals("ActionInvoked")
        subprocess.run(["dunstctl", "action", "0"], env=self.env, check=True, timeout=10)
        wait_for(lambda: self.signals("ActionInvoked") > before, 10)

    def close_all(self) -> None:
        subprocess.run(["dunstctl", "close-all"], env=self.env, check=False, timeout=10)

    def close(self) -> None:
        for p in reversed(self._procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        with contextlib.suppress(Exception):
            self._mon_f.close()


def have_desktop_tools() -> bool:
    return all(shutil.which(x) for x in ("Xvfb", "dunst", "dunstctl", "dbus-monitor"))


@contextlib.contextmanager
def dunst_desktop(workdir: Path) -> Iterator[DunstDesktop]:
    with session_bus() as address:
        d = DunstDesktop(address, workdir)
        try:
            time.sleep(0.2)  # dbus-monitor attaches
            yield d
        finally:
            d.close()
