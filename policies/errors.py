"""The error base and the config/policy error, here so that policies/ need not import agent/.

`agent.errors` re-exports them beside the extraction errors; exceptions become exit codes only
in agent.cli.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    CLEAN = 0
    FLAGGED = 1
    ERROR = 2


class ShareguardError(Exception):
    """Base of every error shareguard raises on purpose."""

    exit_code: ExitCode = ExitCode.ERROR


class ConfigError(ShareguardError):
    """A bad config or policy file: names the file, the field and, where known, the line."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path, self.line, self.field = path, line, field
        where = ""
        if path:
            where = path + (f":{line}" if line else "")
        if field:
            where = f"{where} [{field}]" if where else f"[{field}]"
        super().__init__(f"{where}: {message}" if where else message)
