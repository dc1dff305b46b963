"""Detection accuracy, measured where it means something.

    .venv/bin/python bench/accuracy.py --blind batch2            # a blind batch, end to end
    .venv/bin/python bench/accuracy.py --blind batch2 --photos   # with its photos/screenshots
    .venv/bin/python bench/accuracy.py --lofo 8                  # leave-family-out, rules + model
    .venv/bin/python bench/accuracy.py --mutations               # robustness to mutations
    .venv/bin/python bench/accuracy.py --real                    # ../shared/corpus/real
    .venv/bin/python bench/accuracy.py --synthetic               # the team's own templates
    .venv/bin/python bench/accuracy.py --timing [--code DIR]     # detection ms per document
    .venv/bin/python bench/accuracy.py --formats [doc,ofd,...]   # issue 13 formats vs twins

Which figure counts (docs/policy.md):
- `--blind NAME`: families in tests/blind/NAME.py, written by someone who had not read
  detectors/ or policies/. The FIRST run on a batch is its honest figure (record it in
  tests/blind/README.md); afterwards the batch may join training (bench/train_model.py).
- `--lofo K`: every synthetic family (tests/docgen templates, measured blind batches) is held
  out once: the model is retrained on the other families (K groups of families) and the rules
  plus that model judge the held-out family. The rules were written knowing the team's own
  templates, so for the rules only blind batches are unseen; the figure says how much the
  learned layer adds on families it did not see.
- `--formats`: every positive and hard-negative document of the team's templates written in
  each format of issue 13 (.doc .wps .rtf .xls .et .ppt .dps .ofd .7z .tgz; .heic with
  `--photos`) and in its twin (docx/xlsx/pptx/pdf/zip/jpeg): how often verdict and top category
  agree (bench/formats.py does the work; `--per-family` documents per template).
- `--real`: ground truth from ../shared/corpus/real/MANIFEST.md labels (never from the policy's
  own patterns). Rules were tuned on this corpus in earlier sessions: not blind for the rules.
`--code DIR` measures another checkout's detector (e.g. the commit before a change) on the same
documents, for a first, untuned number.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import random
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "--code" in sys.argv:
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index("--code") + 1]).resolve()))
sys.path.insert(1 if "--code" in sys.argv else 0, str(ROOT))

REAL = ROOT.parent / "shared" / "corpus" / "real"
# policies.BUILTIN_CATEGORIES, spelt out: `--code DIR` may import an older checkout without it
CATEGORIES = (
    "control_order",
    "screening_list",
    "medical_record",
    "investigation_report",
    "internal_material",
    "classified",
)
IMAGE_FORMATS = {"photo", "photo-shadow", "screenshot", "phone-screenshot", "pdf-scan", "png"}
_scanner = None


# ---------------------------------------------------------------- scanning through the Scanner
def _init(data_dir: str) -> None:
    global _scanner
    from agent.config import load_config
    from agent.pipeline import Scanner
    from policies import load_policy

    cfg = Path(data_dir) / "config.toml"
    if not cfg.exists():
        cfg.write_text(f'data_dir = "{data_dir}/data"\n', encoding="utf-8")
    _scanner = Scanner(load_config(cfg), load_policy())


def _scan(path: str) -> tuple[str, str, list[tuple[str, float, bool]], float]:
    t0 = time.perf_counter()
    v = _scanner.scan(path)
    cats = [(c.id, round(c.score, 3), c.flagged) for c in v.categories[:3]]
    return path, v.decision.value, cats, time.perf_counter() - t0


def scan_all(paths: list[str], jobs: int, workdir: str) -> dict[str, tuple]:
    if jobs <= 1:
        _init(workdir)
        return {p: _scan(p) for p in paths}
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(workdir,)) as pool:
        return {r[0]: r for r in pool.map(_scan, paths, chunksize=2)}


# ---------------------------------------------------------------- scoring a labelled set
@dataclass(frozen=True)
class Outcome:
    name: str  # file or document name
    family: str
    label: str  # category id or "clean"
    top: str | None  # top flagged category, None when clean
    scores: tuple[tuple[str, float], ...] = ()
    group: str = ""  # format or mutation


def pct(a: int, b: int) -> str:
    return f"{a / b:6.1%} ({a}/{b})" if b else "     – (0/0)"


def report(outcomes: Sequence[Outcome], title: str, by_group: bool = False) -> dict[str, float]:
    """Recall and precision per category, false alarms on negatives, every miss."""
    print(f"\n## {title}")
    pos = [o for o in outcomes if o.label != "clean"]
    neg = [o for o in outcomes if o.label == "clean"]
    print(f"{'category':22} {'recall (flagged)':>18} {'top right':>16} {'precision':>16}")
    for cat in CATEGORIES:
        mine = [o for o in pos if o.label == cat]
        predicted = [o for o in outcomes if o.top == cat]
        if not mine and not predicted:
            continue
        flagged = sum(o.top is not None for o in mine)
        right = sum(o.top == cat for o in mine)
        correct = sum(o.label == cat for o in predicted)
        print(
            f"{cat:22} {pct(flagged, len(mine)):>18} {pct(right, len(mine)):>16} "
            f"{pct(correct, len(predicted)):>16}"
        )
    flagged = sum(o.top is not None for o in pos)
    right = sum(o.top == o.label for o in pos)
    fps = [o for o in neg if o.top is not None]
    print(f"{'ALL positives':22} {pct(flagged, len(pos)):>18} {pct(right, len(pos)):>16}")
    print(f"{'negatives flagged':22} {pct(len(fps), len(neg)):>18}")
    if by_group:
        print(f"\n{'format / mutation':22} {'recall':>18} {'false alarms':>16}")
        for g in sorted({o.group for o in outcomes}):
            p = [o for o in pos if o.group == g]
            n = [o for o in neg if o.group == g]
            print(
                f"{g:22} {pct(sum(o.top is not None for o in p), len(p)):>18} "
                f"{pct(sum(o.top is not None for o in n), len(n)):>16}"
            )
    for o in pos:
        if o.top is None:
            print(f"  miss: {o.name} [{o.family}] label={o.label} got={list(o.scores)}")
        elif o.top != o.label:
            print(f"  wrong category: {o.name} [{o.family}] label={o.label} got={list(o.scores)}")
    for o in fps:
        print(f"  false alarm: {o.name} [{o.family}] got={list(o.scores)}")
    return {
        "recall": flagged / len(pos) if pos else float("nan"),
        "top_right": right / len(pos) if pos else float("nan"),
        "false_alarms": len(fps) / len(neg) if neg else float("nan"),
    }


def _outcome_of(result: tuple, name: str, family: str, label: str, group: str) -> Outcome:
    _, _, cats, _ = result
    flagged = [c for c in cats if c[2]]
    return Outcome(
        name=name,
        family=family,
        label=label,
        top=flagged[0][0] if flagged else None,
        scores=tuple((c[0], c[1]) for c in cats),
        group=group,
    )


# ---------------------------------------------------------------- blind batches
def load_batch(name: str):
    """tests/blind/<name>.py, or a path to such a module."""
    p = Path(name)
    if p.suffix == ".py" and p.exists():
        spec = importlib.util.spec_from_file_location(f"blind_{p.stem}", p)
        mod = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        spec.loader.exec_module(mod)
        return mod
    return importlib.import_module(f"tests.blind.{name}")


def blind(args, work: Path) -> dict[str, float]:
    from tests.docgen.corpus import build
    from tests.docgen.render import default_ext, write

    outcomes_all: dict[str, float] = {}
    for batch in args.blind:
        mod = load_batch(batch)
        items = []
        root = work / f"blind-{Path(batch).stem}"
        root.mkdir(parents=True, exist_ok=True)
        for t in mod.FAMILIES:
            formats = mod.FORMATS.get(t.name) or ("txt", "docx")
            for i in range(args.per_family):
                doc = build(t, args.seed * 1000 + i)
                for fmt in formats:
                    image = fmt in IMAGE_FORMATS
                    wanted = (args.photos or args.photos_only) if image else not args.photos_only
                    if not wanted:
                        continue
                    path = root / f"{t.name}-{i}-{fmt}{default_ext(fmt)}"
                    write(doc, path, fmt, seed=i)
                    items.append((path, t, fmt))
        t0 = time.perf_counter()
        results = scan_all([str(p) for p, _, _ in items], args.jobs, str(work))
        print(f"\nblind {batch}: {len(items)} files scanned in {time.perf_counter() - t0:.1f}s")
        outs = [_outcome_of(results[str(p)], p.name, t.name, t.label, fmt) for p, t, fmt in items]
        outcomes_all.update(report(outs, f"Blind batch {batch}", by_group=True))
    return outcomes_all


# ---------------------------------------------------------------- leave-family-out
def lofo(args) -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "bench"))
    import train_model

    from tests.docgen.templates import TEMPLATES

    policy_rules = train_model._rule_policy()
    families = list(TEMPLATES) + train_model.blind_templates(train_model.MEASURED_BLIND)
    per = args.per_family
    samples = train_model.template_samples(families, per, args.seed + 50, policy_rules)
    real_train = train_model.train_corpus_samples(policy_rules)
    names = sorted({t.name for t in families})
    rng = random.Random(args.seed)
    rng.shuffle(names)
    k = max(2, min(args.lofo, len(names)))
    groups = [names[i::k] for i in range(k)]
    from tests.docgen.corpus import as_extraction, build

    outcomes: list[Outcome] = []
    rules_only: list[Outcome] = []
    t0 = time.perf_counter()
    for gi, held in enumerate(groups):
        held_set = set(held)
        train = [s for s in samples if s.family not in held_set] + real_train
        model = train_model.fit(train, c=args.c)
        policy = policy_rules.with_model(model)
        for t in families:
            if t.name not in held_set:
                continue
            for i in range(per):
                doc = build(t, args.seed * 1000 + 500 + i)
                ext = as_extraction(doc)
                for pol, sink in ((policy, outcomes), (policy_rules, rules_only)):
                    v = pol.evaluate(ext)
                    flagged = [c for c in v.categories if c.flagged]
                    sink.append(
                        Outcome(
                            name=f"{t.name}#{i}",
                            family=t.name,
                            label=t.label,
                            top=flagged[0].id if flagged else None,
                            scores=tuple((c.id, round(c.score, 3)) for c in v.categories[:3]),
                        )
                    )
        print(f"fold {gi + 1}/{k}: held out {len(held)} families ({time.perf_counter() - t0:.0f}s)")
    report(rules_only, "Same documents, rules only (no learned layer)")
    return report(outcomes, f"Leave-family-out ({k} groups of families): rules + model")


# ---------------------------------------------------------------- mutations
def mutations(args) -> dict[str, float]:
    from policies import load_policy
    from tests.docgen.corpus import as_extraction, build
    from tests.docgen.mutate import MUTATIONS
    from tests.docgen.templates import TEMPLATES

    policy = load_policy()
    families = [t for t in TEMPLATES if t.label != "clean"]
    for batch in args.blind or ():
        families += [t for t in load_batch(batch).FAMILIES if t.label != "clean"]
    outs: list[Outcome] = []
    clause_drops: list[str] = []
    removed: list[str] = []
    for t in families:
        for i in range(args.per_family):
            doc = build(t, args.seed * 1000 + 900 + i)
            base = policy.evaluate(as_extraction(doc))
            base_flag = {c.id for c in base.categories if c.flagged}
            for name, fn in MUTATIONS.items():
                rng = random.Random(f"{t.name}:{i}:{name}")
                mutated = fn(doc, rng)
                if _evidence_removed(doc, mutated):
                    removed.append(f"{t.name}#{i} {name}")
                    continue
                v = policy.evaluate(as_extraction(mutated))
                flagged = [c for c in v.categories if c.flagged]
                if name == "penalty_clause" and base_flag and not flagged:
                    clause_drops.append(f"{t.name}#{i}")
                outs.append(
                    Outcome(
                        name=f"{t.name}#{i}",
                        family=t.name,
                        label=t.label,
                        top=flagged[0].id if flagged else None,
                        scores=tuple((c.id, round(c.score, 3)) for c in v.categories[:3]),
                        group=name,
                    )
                )
    r = report(outs, "Mutations of every positive (text; screenshots: --photos on --blind)", True)
    print(
        f"not counted: {len(removed)} mutated documents that lost every key phrase of the "
        "original (a mark that stood only in the removed header: no longer the same document)"
    )
    print(f"fell below threshold because of one added penalty clause: {len(clause_drops)}")
    for n in clause_drops:
        print(f"  {n}")
    return r


# ---------------------------------------------------------------- cost
def timing(args) -> None:
    """Detection alone (Policy.evaluate on an in-memory Extraction), per text document."""
    import statistics

    from policies import load_policy
    from tests.docgen.corpus import as_extraction, build
    from tests.docgen.templates import TEMPLATES

    policy = load_policy()
    families = list(TEMPLATES)
    for batch in args.blind or ():
        families += list(load_batch(batch).FAMILIES)
    docs = [as_extraction(build(t, args.seed * 1000 + i)) for t in families for i in range(2)]
    for ext in docs[:5]:
        policy.evaluate(ext)  # warm caches
    times = []
    for ext in docs:  # CPU time of this process: less disturbed by a busy machine than wall time
        t0 = time.process_time()
        policy.evaluate(ext)
        times.append((time.process_time() - t0) * 1000)
    times.sort()
    chars = statistics.median(len(e.text()) for e in docs)
    print(
        f"\n## detection CPU time: {len(docs)} documents (median {chars:.0f} chars): median "
        f"{statistics.median(times):.2f} ms, p95 {times[int(len(times) * 0.95)]:.2f} ms"
    )


def _evidence_removed(doc, mutated) -> bool:
    """The template's key phrases (its marks, its title) are all gone from the mutated text."""
    if not doc.key_phrases:
        return False
    text = "".join("\n".join([mutated.header, *mutated.lines(), mutated.footer]).split())
    return not any("".join(k.split()) in text for k in doc.key_phrases)


# ---------------------------------------------------------------- the real corpus
def manifest_labels() -> dict[str, str]:
    """file (relative to corpus/real) → MANIFEST label, e.g. `POS:medical_record`."""
    out = {}
    for line in (REAL / "MANIFEST.md").read_text("utf-8").splitlines():
        m = re.match(r"\|\s*`([^`]+)`\s*\|", line)
        if not m:
            continue
        labels = re.findall(r"`((?:POS|NEG|HARD-NEG)[^`]*)`", line)
        if labels:
            out[m.group(1)] = labels[-1]
    return out


PUBLISHED = {
    line.strip()
    for line in (ROOT / "bench" / "real_published.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}


def expected(label: str, file: str = "") -> str | None:
    """The category the MANIFEST label asks for, "clean", or None (not scored). An internal
    notice whose own 附注 declares it public (bench/real_published.txt) is expected clean."""
    if label == "POS:medical_record":
        return "medical_record"
    if label.startswith("POS-FORMAT:official_internal"):
        return "clean" if file in PUBLISHED else "control_order"
    if label.startswith(("NEG", "HARD-NEG")):
        return "clean"
    return None  # weak or synthetic-form positives: printed, not scored


def real(args, work: Path) -> dict[str, float]:
    labels = manifest_labels()
    files = [
        f
        for f in labels
        if (REAL / f).exists() and (args.real_images or not f.startswith("images/"))
    ]
    results = scan_all([str(REAL / f) for f in files], args.jobs, str(work))
    outs, unscored = [], []
    for f in files:
        exp = expected(labels[f], f)
        if exp is None:
            unscored.append(f)
            continue
        group = f.split("/")[0] + ("-published" if f in PUBLISHED else "")
        outs.append(_outcome_of(results[str(REAL / f)], f, labels[f], exp, group))
    r = report(outs, "Real corpus (labels from MANIFEST.md)", by_group=True)
    for f in unscored:
        print(f"  not scored ({labels[f]}): {f} → {results[str(REAL / f)][2]}")
    print("note: official notices listed in bench/real_published.txt are expected clean")
    return r


# ---------------------------------------------------------------- the team's own templates
def synthetic(args, work: Path) -> None:
    from tests.docgen.corpus import PHOTO_FORMATS, TEXT_FORMATS, generate, write_corpus

    docs = generate(args.per_family, seed=args.seed)
    formats = PHOTO_FORMATS if args.photos else TEXT_FORMATS
    items = write_corpus(docs, work / "synthetic", formats, seed=args.seed)
    results = scan_all([str(it.path) for it in items], args.jobs, str(work))
    outs = [
        _outcome_of(results[str(it.path)], it.path.name, it.doc.kind, it.doc.label, it.fmt)
        for it in items
    ]
    report(outs, "Team templates (tuned on: not a generalisation figure)", by_group=True)


# ---------------------------------------------------------------- issue 13 formats vs twins
def formats_agreement(args) -> None:
    import formats as format_bench  # bench/formats.py

    wanted = [f for f in args.formats.split(",") if f] or list(format_bench.TEXT_NEW)
    if args.photos and "heic" not in wanted:
        wanted.append("heic")
    rows, problems = format_bench.compare(wanted, args.per_family, args.seed, repeat=1)
    print("\nIssue 13 formats against their twins (team templates, positives and hard negatives)")
    format_bench.print_table(rows, problems)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--blind", action="append", metavar="BATCH", help="tests/blind/BATCH.py")
    ap.add_argument("--photos", action="store_true", help="also image formats (OCR, slow)")
    ap.add_argument("--photos-only", action="store_true", help="only image formats")
    ap.add_argument("--lofo", type=int, metavar="K", help="leave-family-out in K groups")
    ap.add_argument("--mutations", action="store_true")
    ap.add_argument("--real", action="store_true")
    ap.add_argument("--real-images", action="store_true", help="with --real: OCR the images")
    ap.add_argument("--synthetic", action="store_true")
    ap.add_argument("--timing", action="store_true", help="detection cost per text document")
    ap.add_argument(
        "--formats",
        nargs="?",
        const="",
        metavar="LIST",
        help="issue 13 formats vs their twins (default: all text formats; --photos adds heic)",
    )
    ap.add_argument("--per-family", type=int, default=3)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--c", type=float, default=4.0, help="model regularisation for --lofo")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--code", metavar="DIR", help="measure the detector of another checkout")
    ap.add_argument("--keep", metavar="DIR", help="write rendered files here and keep them")
    args = ap.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="sg-acc-"))
    work.mkdir(parents=True, exist_ok=True)
    import policies

    print(f"detector code: {Path(policies.__file__).resolve().parents[1]}")
    if args.formats is not None:
        formats_agreement(args)
        if not (args.blind or args.lofo or args.mutations or args.real or args.synthetic):
            return 0
    if not (args.blind or args.lofo or args.mutations or args.real or args.synthetic):
        args.real = not args.timing
    if args.timing:
        timing(args)
        return 0
    if args.blind and not args.mutations:
        blind(args, work)
    if args.lofo:
        lofo(args)
    if args.mutations:
        mutations(args)
    if args.real:
        real(args, work)
    if args.synthetic:
        synthetic(args, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
