"""The message catalogue: every user-facing string goes through `t()`.

Catalogue entries live in `agent/messages/<area>.py` as two dicts, `ZH` and `EN`, so each part of
the product keeps its own strings without editing a shared file. Chinese is the default; English is
chosen with `set_language("en")`, the `--lang` option or `SHAREGUARD_LANG=en`.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from functools import cache

from agent import messages

LANGUAGES = ("zh_CN", "en")
_language: str | None = None


@cache
def _catalogues() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {"zh_CN": {}, "en": {}}
    for info in pkgutil.iter_modules(messages.__path__):
        mod = importlib.import_module(f"{messages.__name__}.{info.name}")
        for lang, attr in (("zh_CN", "ZH"), ("en", "EN")):
            table = getattr(mod, attr, {})
            clash = set(table) & set(merged[lang])
            if clash:
                raise RuntimeError(f"message keys defined twice: {sorted(clash)}")
            merged[lang].update(table)
    return merged


def normalise_language(value: str | None) -> str:
    if not value:
        return "zh_CN"
    v = value.lower().replace("-", "_")
    return "en" if v.startswith("en") else "zh_CN"


def set_language(value: str | None) -> None:
    global _language
    _language = normalise_language(value)


def language() -> str:
    if _language is not None:
        return _language
    return normalise_language(os.environ.get("SHAREGUARD_LANG"))


def t(key: str, /, lang: str | None = None, **kwargs: object) -> str:
    """Translate `key`; falls back to Chinese, then to the key itself (never raises)."""
    cats = _catalogues()
    lang = normalise_language(lang) if lang else language()
    text = cats[lang].get(key) or cats["zh_CN"].get(key) or key
    if kwargs:
        try:
            return text.format(**kwargs)
        except (KeyError, IndexError, ValueError):
            return text
    return text
