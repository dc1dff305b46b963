"""Detection accuracy on the labelled synthetic corpus and rates on the real corpus.

    .venv/bin/python bench/accuracy.py                       # text formats, 4 docs per template
    .venv/bin/python bench/accuracy.py --photos --per-template 1 --jobs 2
    .venv/bin/python bench/accuracy.py --real-only --real-images

Prints recall, precision and top-category accuracy per category and per format, separately for
the tuning templates and the HELD-OUT templates, the false-positive rate on hard negatives, and
every miss and false alarm. Files go through the same `Scanner` the agent uses.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.docgen.corpus import PHOTO_FORMATS, TEXT_FORMATS, generate, write_corpus  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus" / "real"
_scanner = None


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


def pct(a: int, b: int) -> str:
    return f"{a / b:6.1%} ({a}/{b})" if b else "     – (0/0)"


def report_synthetic(items, results, title: str) -> None:
    print(f"\n## {title}")
    for split in ("tune", "heldout"):
        sub = [it for it in items if it.split == split]
        if not sub:
            continue
        print(f"\n### {split} templates ({len(sub)} files)")
        misses, false_alarms, wrong_top = [], [], []
        per_cat = collections.defaultdict(lambda: [0, 0, 0])  # positives, flagged, top right
        per_fmt = collections.defaultdict(lambda: [0, 0, 0, 0])  # pos, flagged, neg, fp
        predicted = collections.Counter()
        predicted_right = collections.Counter()
        for it in sub:
            _, decision, cats, _ = results[str(it.path)]
            flagged = [c for c in cats if c[2]]
            topc = flagged[0][0] if flagged else None
            label = it.doc.label
            if topc:
                predicted[topc] += 1
                predicted_right[topc] += topc == label
            fmt = per_fmt[it.fmt]
            if label == "clean":
                fmt[2] += 1
                if flagged:
                    fmt[3] += 1
                    false_alarms.append((it, cats))
                continue
            c = per_cat[label]
            c[0] += 1
            fmt[0] += 1
            if flagged:
                c[1] += 1
                fmt[1] += 1
                if topc == label:
                    c[2] += 1
                else:
                    wrong_top.append((it, cats))
            else:
                misses.append((it, cats, decision))
        print(f"{'category':22} {'recall':>16} {'top right':>16} {'precision':>16}")
        tot = [0, 0, 0]
        for cat in sorted(per_cat):
            p, f, r = per_cat[cat]
            tot = [tot[0] + p, tot[1] + f, tot[2] + r]
            print(
                f"{cat:22} {pct(f, p):>16} {pct(r, p):>16} "
                f"{pct(predicted_right[cat], predicted[cat]):>16}"
            )
        print(f"{'ALL positives':22} {pct(tot[1], tot[0]):>16} {pct(tot[2], tot[0]):>16}")
        negs = sum(v[2] for v in per_fmt.values())
        fps = sum(v[3] for v in per_fmt.values())
        print(f"{'hard negatives FP':22} {pct(fps, negs):>16}")
        print(f"\n{'format':18} {'recall':>16} {'false positives':>18}")
        for fmt in sorted(per_fmt):
            p, f, n, fp = per_fmt[fmt]
            print(f"{fmt:18} {pct(f, p):>16} {pct(fp, n):>18}")
        for name, rows in (("misses", misses), ("wrong top category", wrong_top)):
            for row in rows:
                it, cats = row[0], row[1]
                extra = f" [{row[2]}]" if len(row) > 2 and row[2] != "clean" else ""
                print(
                    f"  {name[:-2] if name == 'misses' else 'wrong'}: {it.path.name} "
                    f"label={it.doc.label} got={cats}{extra}"
                )
        for it, cats in false_alarms:
            print(f"  false alarm: {it.path.name} got={cats}")


def report_real(results: dict[str, tuple], files: dict[str, list[Path]]) -> None:
    print("\n## Real corpus (../shared/corpus/real)")
    pub = re.compile(r"此件公开发布|主动公开")

    def flagged_ids(p: Path) -> list[str]:
        return [c[0] for c in results[str(p)][2] if c[2]]

    med = files["medical"]
    ok = [p for p in med if "medical_record" in flagged_ids(p)]
    print(f"clinical records flagged medical_record: {pct(len(ok), len(med))}")
    neg = files["news"] + files["public"]
    ok = [p for p in neg if not flagged_ids(p)]
    print(f"news + public notices clean:            {pct(len(ok), len(neg))}")
    for p in neg:
        if flagged_ids(p):
            print(f"  false alarm: {p.name} {results[str(p)][2]}")
    off = files["official"]
    unmarked = [p for p in off if not pub.search(p.read_text("utf-8"))]
    marked = [p for p in off if pub.search(p.read_text("utf-8"))]
    ok = [p for p in unmarked if flagged_ids(p)[:1] == ["control_order"]]
    print(f"unmarked official → control_order:      {pct(len(ok), len(unmarked))}")
    for p in unmarked:
        if flagged_ids(p)[:1] != ["control_order"]:
            print(f"  miss: {p.name} {results[str(p)][2]}")
    ok = [p for p in marked if "control_order" not in flagged_ids(p)]
    print(f"marked official not control_order:      {pct(len(ok), len(marked))}")
    if files.get("images"):
        print("images (label from MANIFEST; OCR):")
        for p in files["images"]:
            print(
                f"  {p.name:52} {results[str(p)][1]:10} {flagged_ids(p)} {results[str(p)][3]:.1f}s"
            )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--per-template", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--photos", action="store_true", help="also photos/scans (OCR, slow)")
    ap.add_argument("--photo-per-template", type=int, default=1)
    ap.add_argument("--no-text", action="store_true")
    ap.add_argument("--real-only", action="store_true")
    ap.add_argument("--no-real", action="store_true")
    ap.add_argument("--real-images", action="store_true", help="also OCR the real images")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--keep", metavar="DIR", help="write the corpus here and keep it")
    args = ap.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="sg-acc-"))
    work.mkdir(parents=True, exist_ok=True)
    text_items, photo_items = [], []
    t0 = time.perf_counter()
    if not args.real_only:
        if not args.no_text:
            docs = generate(args.per_template, seed=args.seed)
            text_items = write_corpus(docs, work / "text", TEXT_FORMATS, seed=args.seed)
        if args.photos:
            docs = generate(args.photo_per_template, seed=args.seed + 100)
            photo_items = write_corpus(docs, work / "photo", PHOTO_FORMATS, seed=args.seed)
    real_files: dict[str, list[Path]] = {}
    if not args.no_real:
        for folder in ("medical", "news", "public", "official"):
            real_files[folder] = sorted((REAL / folder).glob("*.txt"))
        if args.real_images:
            real_files["images"] = sorted((REAL / "images").glob("*.jpg"))
    paths = [str(it.path) for it in text_items + photo_items]
    paths += [str(p) for ps in real_files.values() for p in ps]
    t1 = time.perf_counter()
    print(
        f"corpus: {len(text_items)} text-format files, {len(photo_items)} photos/scans, "
        f"{sum(map(len, real_files.values()))} real files; written in {t1 - t0:.1f}s to {work}"
    )
    results = scan_all(paths, args.jobs, str(work))
    print(f"scanned {len(paths)} files in {time.perf_counter() - t1:.1f}s with {args.jobs} job(s)")
    if text_items:
        report_synthetic(text_items, results, "Synthetic corpus, text formats " + str(TEXT_FORMATS))
    if photo_items:
        report_synthetic(
            photo_items, results, "Synthetic corpus, photos/scans " + str(PHOTO_FORMATS)
        )
    if real_files:
        report_real(results, real_files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
