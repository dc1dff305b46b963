"""The words of an alert: title, body and advice for one verdict, identifiers masked.

Kept apart from the delivery (agent.actions.alert, desktop-notifier and its event loop) so that
`shareguard check` can word its answer without importing the notification stack.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from agent.i18n import t
from detectors.model import Decision, Verdict


def _mask(text: str) -> str:
    try:
        from detectors.masking import mask_text
    except ImportError:
        return text
    try:
        return mask_text(text)
    except Exception:
        return text


def shown_name(display_path: str) -> str:
    """The file's name as alerts show it, identifiers masked (名单_4201**********1234.xlsx)."""
    from agent.redact import scrub

    return scrub(Path(display_path).name or display_path)


def _advice(config: Any) -> str:
    """The organisation's "what to do" line (for alerts without buttons, e.g. `check`)."""
    a = getattr(config, "alert", None)
    if a is not None and a.advice:
        return a.advice.replace("{contact}", a.contact or t("agent.alert.default_contact"))
    contact = (a.contact if a is not None else "") or t("agent.alert.default_contact")
    return t("agent.alert.advice", contact=contact)


def _advice_with_buttons(config: Any) -> str:
    a = getattr(config, "alert", None)
    if a is not None and a.advice:
        return a.advice.replace("{contact}", a.contact or t("alert.default_contact"))
    line = t("alert.advice_buttons")
    if a is not None and a.contact:
        line += t("alert.advice_contact", contact=a.contact)
    return line


def _scrub(text: str) -> str:
    from agent.redact import scrub

    return scrub(text)


def _signal_label(signal: str) -> str:
    key = f"review.signal.{signal}"
    label = t(key)
    return "" if label == key else label


_CODE_LIKE = re.compile(r"^[A-Za-z_|]+(\s*×\s*(\d+))?$")


def _evidence_phrase(e: Any) -> tuple[str, bool]:
    """(phrase, readable): "身份证号 4201**********1234"; internal codes such as a roster's
    column list ("address|id|name ×8") become the signal's name and count."""
    text = _mask(e.text or "").strip()[:48]
    label = _signal_label(e.signal)
    m = _CODE_LIKE.match(text)
    if m:
        return (f"{label} ×{m.group(2)}" if m.group(2) else label) if label else "", False
    if text and label and label not in text:
        return f"{label} {text}", True
    return text or label, bool(text)


def headline(verdict: Verdict) -> tuple[str, str]:
    """(document type, the evidence that decided it, masked). When the strongest piece is a
    structural signal (rows of a roster), the strongest readable value is added to it."""
    cats = verdict.flagged_categories or verdict.categories
    top = cats[0] if cats else None
    category = t(f"category.{top.id}") if top else t("verdict.flagged")
    if not top or not top.evidence:
        return category, ""
    ranked = sorted(top.evidence, key=lambda e: -e.weight)
    phrase, readable = _evidence_phrase(ranked[0])
    if not readable:
        more = next((p for p, ok in map(_evidence_phrase, ranked[1:]) if ok), "")
        phrase = "，".join(x for x in (phrase, more) if x)
    return category, phrase


def where_label(reason: str) -> str:
    key = f"alert.where.{reason}"
    label = t(key)
    return label if label != key else t("alert.where.unclassified")


def compose(
    verdict: Verdict,
    display_path: str,
    config: Any,
    *,
    quarantined: str | None = None,
    where: str = "check",
    buttons: bool = False,
) -> tuple[str, str]:
    """Title and body of the alert for one file (Chinese by default)."""
    name = shown_name(display_path)
    if verdict.decision is not Decision.FLAGGED:  # no answer buttons: the contact's advice
        if verdict.error_kind != "encrypted":  # nothing could be judged: tell the person
            key = f"alert.reason.{verdict.error_kind}"
            reason = t(key) if t(key) != key else t("alert.reason.corrupt")
            body = t("alert.unreadable.body", name=name, reason=reason)
            return t("alert.unreadable.title", name=name), body + "\n" + _advice(config)
        body = t("alert.encrypted.body", name=name) + "\n" + _advice(config)
        return t("alert.encrypted.title", name=name), body
    category, evidence = headline(verdict)
    title = (
        t("alert.title", category=category, evidence=evidence)
        if evidence
        else t("alert.title_plain", category=category)
    )
    contact = getattr(getattr(config, "alert", None), "contact", "") or t("alert.default_contact")
    if quarantined:
        return title, t("alert.body_quarantined", name=name, contact=contact)
    body = (
        t("alert.body_check", name=name)
        if where == "check"
        else t("alert.body", name=name, where=where_label(where))
    )
    if verdict.error_kind == "partial" and verdict.error:  # judged on what could be read
        body += "\n" + t("alert.partial", parts=_scrub(verdict.error)[:200])
    advice = _advice_with_buttons(config) if buttons else _advice(config)
    return title, body + "\n" + advice
