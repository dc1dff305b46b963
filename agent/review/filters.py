"""Turn user input (command-line options or query parameters) into an `agent.store.LogFilter`."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from agent.store import TRIAGE_STATUSES, LogFilter

VERDICTS = ("flagged", "clean", "unreadable")
ANSWERS = ("override", "quarantine")  # the person's answer to an alert


def parse_time(value: str | None, *, end: bool = False) -> str | None:
    """ISO date or time -> the string the log compares against (UTC, as stored).

    A bare date as the end of a range means "through that day", so it becomes the next day
    (the store's `until` is exclusive). Raises ValueError on anything else.
    """
    if value is None or not value.strip():
        return None
    v = value.strip()
    try:
        d = date.fromisoformat(v)
    except ValueError:
        pass
    else:
        return (d + timedelta(days=1)).isoformat() if end else d.isoformat()
    dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC)
    return dt.replace(tzinfo=None).isoformat(timespec="milliseconds")


def build_filter(
    *,
    category: str | None = None,
    since: str | None = None,
    until: str | None = None,
    status: str | None = None,
    host: str | None = None,
    folder: str | None = None,
    action: str | None = None,
    mode: str | None = None,
    text: str | None = None,
    verdict: str | None = None,
    all_verdicts: bool = False,
    answer: str | None = None,
    department: str | None = None,
) -> LogFilter:
    """Validated LogFilter; empty strings mean "no filter". Raises ValueError on bad input."""
    if status and status not in TRIAGE_STATUSES:
        raise ValueError(f"status must be one of {', '.join(TRIAGE_STATUSES)}")
    if verdict and verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}")
    if answer and answer not in ANSWERS:
        raise ValueError(f"answer must be one of {', '.join(ANSWERS)}")
    if verdict:
        verdicts: tuple[str, ...] = (verdict,)
    elif all_verdicts:
        verdicts = ()
    else:
        verdicts = ("flagged",)
    return LogFilter(
        verdicts=verdicts,
        category=category or None,
        since=parse_time(since),
        until=parse_time(until, end=True),
        status=status or None,
        host=host or None,
        folder=folder or None,
        action=action or None,
        mode=mode or None,
        text=text or None,
        answer=answer or None,
        department=department or None,
    )
