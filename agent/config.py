"""Configuration: one TOML file in the platform's config dir, every key with a default.

A bad file stops with ConfigError naming the key and line; it never falls back to defaults.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from agent.errors import ConfigError

APP = "shareguard"
MODES = ("audit", "warn", "block")
LANGUAGES = ("zh_CN", "en")  # agent.i18n.LANGUAGES
OCR_ENGINES = ("auto", "rapidocr", "rapidocr-onnxruntime", "tesseract", "none")
FOLDER_ROLES = ("outgoing", "staging")
ALERT_ACTIONS = ("popup", "digest", "log")  # what a flagged file in a folder of a role causes


def default_config_path() -> Path:
    env = os.environ.get("SHAREGUARD_CONFIG")
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP))


@dataclass(frozen=True)
class Limits:
    """Caps on every extraction; hitting one makes the file `unreadable` with the reason."""

    max_file_mb: float = 200.0
    timeout_s: float = 120.0
    max_pages: int = 300
    ocr_max_pages: int = 20
    max_pixels: int = 80_000_000
    max_text_chars: int = 5_000_000
    archive_depth: int = 3
    archive_members: int = 2000
    archive_ratio: float = 200.0
    archive_total_mb: float = 1024.0
    memory_mb: int = 1536


@dataclass(frozen=True)
class OcrConfig:
    engine: str = "auto"  # auto | rapidocr | rapidocr-onnxruntime | tesseract | none
    max_side: int = 2000
    language: str = "chi_sim"
    # stop reading a page once a classified mark (秘密★/机密★/绝密★) was read in it: the file is
    # flagged whatever follows, but the rest of the page's evidence (IDs of a roster below the
    # mark, say) is not collected, so it is the organisation's choice (RapidOCR 3 only)
    early_stop: bool = False


@dataclass(frozen=True)
class WatchOptions:
    settle_seconds: float = 1.0
    poll_interval_s: float = 30.0  # for network mounts without native events
    use_defaults: bool = True  # also watch the platform's default folders
    # the extraction worker (parsers, OCR model: hundreds of MB) stops after this long idle
    worker_idle_s: float = 900.0  # a trimmed warm worker holds ~200 MB; waking one costs seconds
    removable_roots: tuple[str, ...] = ()  # where removable drives are mounted; () = platform's
    poll_folders: tuple[str, ...] = ()  # folders to poll (network mounts not recognised as such)


@dataclass(frozen=True)
class AlertConfig:
    enabled: bool = True
    advice: str = ""  # organisation's own "what to do" text; empty = the catalogue default
    contact: str = ""  # e.g. "保密办 张老师 8888"
    burst_window_s: float = 5.0
    burst_threshold: int = 3  # more alerts than this inside the window fold into one summary
    alert_on_encrypted: bool = False
    # a file nothing could be judged of (over a limit, timed out, damaged) is announced in warn
    # and block modes ("未能检查：…，请自行确认后再发送"); unsupported types never are
    alert_on_unreadable: bool = True
    outgoing: str = "popup"  # per folder role: popup | digest | log
    staging: str = "digest"
    digest_at: str = "17:00"  # local time of the daily staging digest; "" = no digest


@dataclass(frozen=True)
class ReviewConfig:
    host: str = "127.0.0.1"
    port: int = 8765


@dataclass(frozen=True)
class RetentionConfig:
    evidence_days: int = 0  # 0 = keep evidence for ever
    path_days: int = 0  # blank the (masked) file paths of rows older than this; 0 = keep


@dataclass(frozen=True)
class FleetConfig:
    server: str = ""  # the office server (set by `shareguard enroll`); empty = stand-alone
    batch: int = 500  # rows per request
    heartbeat_s: float = 30.0


@dataclass(frozen=True)
class Config:
    mode: str = "warn"
    language: str = "zh_CN"
    watch: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    data_dir: str = ""
    policy: tuple[str, ...] = ()  # organisation policy files extending the default pack
    # [folders]: path or glob -> role (outgoing | staging); the most specific match wins
    folders: tuple[tuple[str, str], ...] = ()
    limits: Limits = field(default_factory=Limits)
    ocr: OcrConfig = field(default_factory=OcrConfig)
    watch_options: WatchOptions = field(default_factory=WatchOptions)
    alert: AlertConfig = field(default_factory=AlertConfig)
    review: ReviewConfig = field(default_factory=ReviewConfig)
    retention: RetentionConfig = field(default_factory=RetentionConfig)
    fleet: FleetConfig = field(default_factory=FleetConfig)
    source: str | None = None  # the file this came from, if any

    def policy_files(self) -> tuple[str, ...]:
        """The organisation policy files in effect: `policy`, else `policy.yaml` beside the
        config file when it exists (where the review console writes allowlist entries)."""
        if self.policy:
            files = self.policy
        else:
            beside = self.beside_policy_path
            files = (str(beside),) if beside is not None and beside.is_file() else ()
        # the pack the office server published, pulled and signature-checked by agent.forward
        fleet = self.fleet_policy_path
        return (*files, str(fleet)) if fleet.is_file() else files

    @property
    def fleet_policy_path(self) -> Path:
        return self.data_path / "fleet-policy.yaml"

    @property
    def beside_policy_path(self) -> Path | None:
        """`policy.yaml` beside the config file (None without a config file)."""
        if self.source and not self.source.startswith("<"):
            return Path(self.source).expanduser().parent / "policy.yaml"
        return None

    @property
    def data_path(self) -> Path:
        return Path(self.data_dir).expanduser() if self.data_dir else default_data_dir()

    @property
    def log_path(self) -> Path:
        return self.data_path / "log.sqlite3"

    @property
    def queue_path(self) -> Path:
        return self.data_path / "queue.sqlite3"

    @property
    def quarantine_path(self) -> Path:
        return self.data_path / "quarantine"

    @property
    def thumbnails_path(self) -> Path:
        return self.data_path / "thumbnails"

    @property
    def key_path(self) -> Path:
        return self.data_path / "install.key"

    @property
    def state_path(self) -> Path:
        return self.data_path / "agent-state.json"


_SECTIONS: dict[str, type] = {
    "limits": Limits,
    "ocr": OcrConfig,
    "watch_options": WatchOptions,
    "alert": AlertConfig,
    "review": ReviewConfig,
    "retention": RetentionConfig,
    "fleet": FleetConfig,
}


def _line_of(text: str, key: str, section: str | None = None) -> int | None:
    """Best-effort line number of `key` in `[section]` (top level when section is None)."""
    table: str | None = None
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith("["):
            table = s.strip("[] ")
        elif table == section and re.match(rf"{re.escape(key)}\s*=", s):
            return n
    return None


def _coerce(value: Any, target: Any, *, path: str, line: int | None, name: str) -> Any:
    def bad(expected: str) -> ConfigError:
        return ConfigError(f"expected {expected}, got {value!r}", path=path, line=line, field=name)

    if target is bool:
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if target is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad("an integer")
        return value
    if target is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad("a number")
        return float(value)
    if target is str:
        if not isinstance(value, str):
            raise bad("a string")
        return value
    if target == tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return tuple(value)
    raise bad(str(target))


def _build(cls: type, table: dict[str, Any], *, text: str, path: str, section: str | None) -> Any:
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "source"}
    kwargs: dict[str, Any] = {}
    hints = {f.name: f.type for f in dataclasses.fields(cls)}
    for key, value in table.items():
        name = f"{section}.{key}" if section else key
        if key == "folders" and section is None:
            kwargs[key] = _folders(value, text=text, path=path)
            continue
        if key in _SECTIONS and section is None:
            if not isinstance(value, dict):
                raise ConfigError(
                    "expected a table", path=path, line=_line_of(text, key), field=key
                )
            kwargs[key] = _build(_SECTIONS[key], value, text=text, path=path, section=key)
            continue
        if key not in fields:
            raise ConfigError(
                f"unknown key; known keys: {', '.join(sorted(fields))}",
                path=path,
                line=_line_of(text, key, section),
                field=name,
            )
        target = _resolve_type(hints[key])
        kwargs[key] = _coerce(
            value, target, path=path, line=_line_of(text, key, section), name=name
        )
    return cls(**kwargs)


def _folders(value: Any, *, text: str, path: str) -> tuple[tuple[str, str], ...]:
    """`[folders]`: `"path or glob" = "outgoing" | "staging"`."""
    if not isinstance(value, dict):
        raise ConfigError(
            "expected a table", path=path, line=_line_of(text, "folders"), field="folders"
        )
    out = []
    for pattern, role in value.items():
        if role not in FOLDER_ROLES:
            raise ConfigError(
                f"role must be one of {', '.join(FOLDER_ROLES)}, got {role!r}",
                path=path,
                line=_line_of(text, f'"{pattern}"', "folders")
                or _line_of(text, pattern, "folders"),
                field=f"folders.{pattern}",
            )
        out.append((pattern, role))
    return tuple(out)


def _resolve_type(hint: Any) -> Any:
    if isinstance(hint, str):
        return {
            "str": str,
            "int": int,
            "float": float,
            "bool": bool,
            "tuple[str, ...]": tuple[str, ...],
        }.get(hint, hint)
    return hint


# Allowed ranges, inclusive: (section, key) -> (lowest, highest or None). A value outside stops
# the agent with the file, line, key and this range named; nothing falls back to a default.
RANGES: dict[tuple[str | None, str], tuple[float, float | None]] = {
    ("limits", "max_file_mb"): (0.001, 100_000),
    ("limits", "timeout_s"): (0.001, 86_400),
    ("limits", "max_pages"): (1, None),
    ("limits", "ocr_max_pages"): (0, None),
    ("limits", "max_pixels"): (1, None),
    ("limits", "max_text_chars"): (1, None),
    ("limits", "archive_depth"): (0, 100),
    ("limits", "archive_members"): (1, None),
    ("limits", "archive_ratio"): (1, None),
    ("limits", "archive_total_mb"): (0.001, None),
    ("limits", "memory_mb"): (128, 1_048_576),
    ("ocr", "max_side"): (100, 20_000),
    ("watch_options", "settle_seconds"): (0, 3600),
    ("watch_options", "poll_interval_s"): (0.1, 86_400),
    ("watch_options", "worker_idle_s"): (0.1, 86_400),
    ("alert", "burst_window_s"): (0, 3600),
    ("alert", "burst_threshold"): (1, None),
    ("retention", "evidence_days"): (0, 36_500),
    ("retention", "path_days"): (0, 36_500),
    ("review", "port"): (1, 65_535),
    ("fleet", "batch"): (1, 2000),
}


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _range_text(low: float, high: float | None) -> str:
    return f"{_num(low)} to {_num(high)}" if high is not None else f"at least {_num(low)}"


def _validate(cfg: Config, text: str, path: str) -> None:
    def fail(msg: str, key: str, section: str | None = None) -> None:
        name = f"{section}.{key}" if section else key
        raise ConfigError(msg, path=path, line=_line_of(text, key, section), field=name)

    if cfg.mode not in MODES:
        fail(f"must be one of {', '.join(MODES)}", "mode")
    if cfg.language not in LANGUAGES:
        fail(f"must be one of {', '.join(LANGUAGES)}, got {cfg.language!r}", "language")
    for (section, key), (low, high) in RANGES.items():
        value = getattr(getattr(cfg, section) if section else cfg, key)
        if value < low or (high is not None and value > high):
            fail(f"must be {_range_text(low, high)}, got {value!r}", key, section)
    if cfg.ocr.engine not in OCR_ENGINES:
        fail(f"must be one of {', '.join(OCR_ENGINES)}", "engine", "ocr")
    for role in FOLDER_ROLES:
        if getattr(cfg.alert, role) not in ALERT_ACTIONS:
            fail(f"must be one of {', '.join(ALERT_ACTIONS)}", role, "alert")
    if cfg.alert.digest_at and not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", cfg.alert.digest_at):
        fail('must be a local time "HH:MM" or ""', "digest_at", "alert")
    if cfg.fleet.server and not cfg.fleet.server.startswith("https://"):
        fail("must be an https:// URL", "server", "fleet")


def parse_config(text: str, *, path: str = "<config>") -> Config:
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        raise ConfigError(
            f"not valid TOML: {e}", path=path, line=int(m.group(1)) if m else None
        ) from e
    cfg = _build(Config, table, text=text, path=path, section=None)
    cfg = dataclasses.replace(cfg, source=path)
    _validate(cfg, text, path)
    return cfg


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Load `path`, or the default config file if it exists, else the embedded defaults.

    An explicitly named file that does not exist is an error, not a silent default.
    """
    explicit = path is not None
    p = Path(path) if path is not None else default_config_path()
    if not p.exists():
        if explicit:
            raise ConfigError("config file not found", path=str(p))
        return Config()
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read config: {e}", path=str(p)) from e
    return parse_config(text, path=str(p))


DEFAULT_CONFIG_TOML = """\
# shareguard configuration. Every key is optional; the values shown are the defaults.
# mode: audit (log only) | warn (log and alert) | block (also move the file to quarantine)
mode = "warn"
language = "zh_CN"
# Folders to watch in addition to the platform defaults (Desktop, Downloads, chat-app folders...)
watch = []
exclude = []
# Where the log, queue and quarantine live; empty = the platform's user data dir
data_dir = ""
# Organisation policy files that extend the built-in policy pack
policy = []

[alert]
enabled = true
# What the person is told to do; empty = built-in text
advice = ""
contact = ""
# What a flagged file causes, per folder role: popup | digest | log
outgoing = "popup"
staging = "digest"
# When the daily digest of flagged files in staging folders goes out (local time; "" = never)
digest_at = "17:00"

# Folder roles: a path or glob -> "outgoing" (chat-app file folders, removable drives and network
# shares are outgoing already) or "staging" (Desktop, Downloads, Documents are staging already).
# The most specific match wins.
[folders]
# "~/公文交换" = "outgoing"

[ocr]
engine = "auto"

[review]
host = "127.0.0.1"
port = 8765
"""
