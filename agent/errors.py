"""One error family and one exit-code enum; exceptions become exit codes only in agent.cli."""

from __future__ import annotations

from policies.errors import ConfigError, ExitCode, ShareguardError

__all__ = [
    "ConfigError",
    "ExitCode",
    "ShareguardError",
]


class ExtractionError(ShareguardError):
    """The file could not be read; becomes an `unreadable` verdict with `kind` and the reason."""

    kind = "corrupt"

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class UnsupportedFormat(ExtractionError):
    kind = "unsupported"


class EncryptedFile(ExtractionError):
    kind = "encrypted"


class CorruptFile(ExtractionError):
    kind = "corrupt"


class TooLarge(ExtractionError):
    """A size, page, pixel, member-count, ratio or depth limit was hit."""

    kind = "too_large"


class ExtractionTimeout(ExtractionError):
    kind = "timeout"


class FileAccessError(ExtractionError):
    """Vanished, permission denied, a link out of bounds, changed while read."""

    kind = "access"
