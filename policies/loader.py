"""Compiling policy packs into a `Policy` (the body of `policies.load_policy`)."""

from __future__ import annotations

import copy
import dataclasses
import functools
import hashlib
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from detectors.ngram_model import NgramModel, from_arrays
from policies import DEFAULT_PACK
from policies.engine import Policy
from policies.errors import ConfigError
from policies.schema import BUILTIN_SIGNALS, Validator, read_yaml


def _merge(base: dict, ext: dict) -> dict:
    """Extension files add terms, categories and allowlists; scalars they set win."""
    out = copy.deepcopy(base)
    for mode, acts in (ext.get("actions") or {}).items():
        out.setdefault("actions", {})[mode] = list(acts or [])
    for name, entry in (ext.get("lexicon") or {}).items():
        cur = out.setdefault("lexicon", {}).setdefault(name, {})
        for k, v in entry.items():
            if isinstance(v, list):
                cur[k] = [*cur.get(k, []), *[x for x in v if x not in cur.get(k, [])]]
            else:
                cur[k] = v
    for cid, cat in (ext.get("categories") or {}).items():
        cur = out.setdefault("categories", {}).setdefault(cid, {})
        for k, v in cat.items():
            if k == "signals":
                sigs = cur.setdefault("signals", {})
                for s, spec in (v or {}).items():
                    sigs[s] = {**sigs.get(s, {}), **spec}
            else:
                cur[k] = v
    for det, params in (ext.get("detectors") or {}).items():
        cur = out.setdefault("detectors", {}).setdefault(det, {})
        for k, v in params.items():
            if isinstance(v, list) and isinstance(cur.get(k), list):
                cur[k] = [*cur[k], *[x for x in v if x not in cur[k]]]
            elif isinstance(v, dict) and isinstance(cur.get(k), dict):
                merged = dict(cur[k])
                for kk, vv in v.items():
                    if isinstance(vv, list) and isinstance(merged.get(kk), list):
                        merged[kk] = [*merged[kk], *[x for x in vv if x not in merged[kk]]]
                    else:
                        merged[kk] = vv
                cur[k] = merged
            else:
                cur[k] = v
    if ext.get("fleet"):
        out["fleet"] = {**(out.get("fleet") or {}), **ext["fleet"]}
    if ext.get("model"):
        out["model"] = {**(out.get("model") or {}), **ext["model"]}
    for k, v in (ext.get("allowlist") or {}).items():
        al = out.setdefault("allowlist", {})
        al[k] = [*(al.get(k) or []), *(v or [])]
    return out


def _read(path: str | Path, *, extension: bool, known: set[str]) -> dict:
    data, lines = read_yaml(path)
    return Validator(str(path), lines, extension=extension).validate(data, known)


def load_policy(
    extra_files: Iterable[str | Path] = (),
    base: str | Path | None = None,
    *,
    model: bool = True,
) -> Policy:
    """Default pack (or `base`) extended by `extra_files`; ConfigError with file:line if bad.

    `model=False` leaves the learned layer out (training it needs the rules alone)."""
    known = set(BUILTIN_SIGNALS)
    base_path = Path(base) if base else DEFAULT_PACK
    data = _read(base_path, extension=False, known=known)
    sources = [str(base_path)]
    model_from = base_path
    for f in extra_files:
        ext = _read(f, extension=True, known=known)
        if (ext.get("model") or {}).get("file"):
            model_from = Path(f)
        data = _merge(data, ext)
        sources.append(str(f))
    learned = _model(data, model_from) if model else None
    return Policy.compile(data, sources=tuple(sources), model=learned)


@functools.lru_cache(maxsize=4)
def _load_model_file(path: Path, mtime_ns: int) -> NgramModel:
    """The model, its version being the digest of the file (so the policy version moves when
    the weights do)."""
    data = path.read_bytes()
    with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
        model = from_arrays(arrays)
    return dataclasses.replace(model, version=hashlib.sha256(data).hexdigest()[:16])


def _model(data: dict, pack: Path) -> NgramModel | None:
    """The learned layer named by the pack's `model.file` (relative to the pack file)."""
    name = (data.get("model") or {}).get("file")
    if not name:
        return None
    path = (pack.parent / name).resolve()
    try:
        return _load_model_file(path, path.stat().st_mtime_ns)
    except (OSError, ValueError, KeyError) as e:
        raise ConfigError(f"cannot load the model file {path}: {e}", path=str(pack)) from e


def check_file(path: str | Path, extends: Sequence[str | Path] = ()) -> Policy:
    """Validate one file: a full pack if it has every section, otherwise an extension."""
    data, _ = read_yaml(path)
    full = isinstance(data, dict) and {"categories", "lexicon", "detectors", "actions"} <= set(data)
    if full:
        return load_policy(base=path)
    return load_policy([*extends, path])
