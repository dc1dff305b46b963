"""Extraction benchmark: prints tables, passes/fails nothing.

    .venv/bin/python bench/extract.py                      # everything (~20-40 min on 2 cores)
    .venv/bin/python bench/extract.py --skip-ocr           # text formats only (~1 min)
    .venv/bin/python bench/extract.py --skip-text --docs 3 \
        --engines rapidocr,rapidocr:det=960,rapidocr-onnxruntime,tesseract,tesseract-cli

1. Text formats: pages (or files) per second of our extractors, with `pdftotext` and pdfplumber
   beside ours on the same 50-page Chinese PDF.
2. OCR: a photo/screenshot/scan set generated from the labelled synthetic corpus
   (tests/docgen: one document per positive template x degradations). For each engine choice:
   median seconds per image, character error rate (CER*: order-free, against the characters
   printed on the page, file name excluded), key-phrase recall, ID/phone-number recall and
   peak resident memory (each engine runs in its own process; VmHWM). The `tesseract-cli` row
   is the plain `tesseract IMG - -l chi_sim` command as the reference: every engine's time is
   also given as the median over images of (engine time / tesseract-cli time on that image),
   wall-clock and CPU, so a noisy machine (other jobs) shows in both alike.
   The real public images in ../shared/corpus/real/images join the set ("real-dense": full
   printed pages and forms, "real-photo": the rest); phrases and IDs known to be printed on
   some of them are counted in the recalls.
   Engine specs: `rapidocr` (RapidOCR 3, as shipped), `rapidocr-onnxruntime` (1.4),
   `tesseract`, `tesseract-cli`, and RapidOCR 3 variants `rapidocr:side=1600:det=960:batch=6:
   threads=1:spin=1:cls=0` (max side, detection side, recognition batch, ONNX Runtime threads,
   spinning threads, line classifier off); a bare number (`rapidocr:2000`) is the max side.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEGRADATIONS = ("photo", "photo-shadow", "screenshot", "phone-screenshot", "scan-png", "rot180")


def _config(engine: str = "none", max_side: int | None = None):
    from agent.config import Config

    base = Config()
    ocr = dataclasses.replace(base.ocr, engine=engine)
    if max_side:
        ocr = dataclasses.replace(ocr, max_side=max_side)
    return dataclasses.replace(base, ocr=ocr)


def _table(title: str, header: list[str], rows: list[list[object]]) -> None:
    print(f"\n{title}")
    cells = [[str(c) for c in header]] + [[str(c) for c in r] for r in rows]
    widths = [max(_w(r[i]) for r in cells) for i in range(len(header))]
    for n, r in enumerate(cells):
        print("  " + "  ".join(c + " " * (widths[i] - _w(c)) for i, c in enumerate(r)))
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


def _w(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


# ---------------------------------------------------------------- 1. text formats


def bench_text(tmp: Path) -> None:
    from agent.extract import extract_in_process
    from tests.docgen.corpus import generate
    from tests.docgen.render import write, write_pdf_pages

    docs = [d for _, d in generate(per_template=1, seed=3)]
    long_doc = max(docs, key=lambda d: len("".join(d.lines())))
    pdf = write_pdf_pages(long_doc, tmp / "fifty.pdf", pages=50)
    import pypdfium2 as pdfium

    pages = len(pdfium.PdfDocument(str(pdf)))
    cfg = _config("none")

    import resource

    def cpu() -> float:
        me = resource.getrusage(resource.RUSAGE_SELF)
        ch = resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + ch.ru_utime + ch.ru_stime

    def rate(fn, n_pages: int, reps: int = 5) -> tuple[float, float]:
        """(pages/s wall, pages/s CPU), best of `reps`; CPU time is steadier on a busy box."""
        fn()  # warm
        best, best_cpu = float("inf"), float("inf")
        for _ in range(reps):
            t, c = time.perf_counter(), cpu()
            fn()
            best = min(best, time.perf_counter() - t)
            best_cpu = min(best_cpu, cpu() - c)
        return n_pages / best, n_pages / max(best_cpu, 1e-6)

    rows = []
    ours, ours_cpu = rate(lambda: extract_in_process(pdf, cfg), pages)
    rows.append(
        [
            "shareguard pdf (pypdfium2 text)",
            pages,
            f"{ours:,.0f}",
            "1.00",
            f"{ours_cpu:,.0f}",
            "1.00",
        ]
    )
    if shutil.which("pdftotext"):
        ref, ref_cpu = rate(
            lambda: subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
            ),
            pages,
        )
        rows.append(["pdftotext (poppler CLI)", pages, f"{ref:,.0f}", f"{ours / ref:.2f}",
                     f"{ref_cpu:,.0f}", f"{ours_cpu / ref_cpu:.2f}"])  # fmt: skip
    import pdfplumber

    def plumber() -> None:
        with pdfplumber.open(str(pdf)) as d:
            for p in d.pages[:10]:
                p.extract_text()

    pl, pl_cpu = rate(plumber, 10, reps=2)
    rows.append(["pdfplumber extract_text", 10, f"{pl:,.0f}", f"{ours / pl:.2f}", f"{pl_cpu:,.0f}",
                 f"{ours_cpu / pl_cpu:.2f}"])  # fmt: skip
    _table(
        "Text-layer PDF, pages/s (best of 5; ratio = shareguard / reference; wall and CPU time)",
        ["extractor", "pages", "pages/s wall", "ratio", "pages/s CPU", "ratio CPU"],
        rows,
    )
    rows = []
    for fmt, ext in (
        ("txt-gbk", ".txt"),
        ("csv-gbk", ".csv"),
        ("docx", ".docx"),
        ("xlsx", ".xlsx"),
        ("xlsx-hidden", ".xlsx"),
    ):
        files = [write(d, tmp / f"{i}{fmt}{ext}", fmt) for i, d in enumerate(docs)]
        t = time.perf_counter()
        for f in files:
            extract_in_process(f, cfg)
        dt = time.perf_counter() - t
        rows.append([fmt, len(files), f"{len(files) / dt:,.0f}", f"{1000 * dt / len(files):.1f}"])
    _table("Other formats (in process)", ["format", "files", "files/s", "ms/file"], rows)


# ---------------------------------------------------------------- 2. OCR


def make_photo_set(tmp: Path, n_docs: int, degradations: tuple[str, ...]) -> list[dict]:
    from tests.docgen.corpus import generate
    from tests.docgen.render import default_ext, page_text, write

    items = []
    docs = [(t, d) for t, d in generate(per_template=1, seed=7) if d.label != "clean"]
    step = max(1, len(docs) // n_docs)
    docs = docs[::step][:n_docs]
    for i, (t, doc) in enumerate(docs):
        truth = page_text(doc)
        # only what is printed on the page can come out of its photo
        phrases = [
            p
            for p in dict.fromkeys([*doc.key_phrases, *([doc.title] if doc.title else [])])
            if "".join(p.split()) in truth
        ]
        for fmt in degradations:
            p = write(doc, tmp / f"{i:02d}-{t.name}-{fmt}{default_ext(fmt)}", fmt, seed=i)
            items.append(
                {
                    "path": str(p),
                    "fmt": fmt,
                    "template": t.name,
                    "truth": truth,
                    "phrases": phrases,
                    "ids": [i for i in doc.identifiers if i in truth],
                }
            )
    return items


REAL_DENSE = ("cdla_journal_page", "rotated_printed_page", "xfund_zh_form", "exam_paper")
# what is printed on a few of the real images (read off the images by a person)
REAL_TRUTH = {
    "xfund_zh_form_1_annotated.jpg": (["中国人体器官捐献志愿登记表"], ["210422198210034379"]),
    "paddleocr_hospital_lab_report_photo_REDACTED.jpg": (
        ["报告单", "门诊号", "标本种类", "申请医生"],
        [],
    ),
    "chineseocr_lite_rotated_printed_page.jpg": (["Iterator模式有三个重要的作用"], []),
}


def real_images(only: tuple[str, ...] = ()) -> list[dict]:
    folder = ROOT.parent / "shared" / "corpus" / "real" / "images"
    items = []
    for p in sorted(folder.glob("*.jpg")):
        if only and not any(k in p.name for k in only):
            continue
        phrases, ids = REAL_TRUTH.get(p.name, ([], []))
        dense = any(k in p.name for k in REAL_DENSE)
        items.append(
            {
                "path": str(p),
                "fmt": "real-dense" if dense else "real-photo",
                "template": p.stem,
                "truth": None,
                "phrases": phrases,
                "ids": ids,
            }
        )
    return items


def _cpu() -> float:
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + ch.ru_utime + ch.ru_stime


def _engine_spec(spec: str) -> tuple[str, dict[str, int]]:
    """`rapidocr:side=1600:det=960` -> ("rapidocr", {"side": 1600, "det": 960})."""
    name, *opts = spec.split(":")
    out: dict[str, int] = {}
    for o in opts:
        k, _, v = o.partition("=")
        if not v:
            k, v = "side", k
        out[k] = int(v)
    return name, out


def _worker(engine: str, list_file: str) -> None:
    """Runs in its own process: OCR every image, print JSON (texts, seconds, VmHWM)."""
    items = json.loads(Path(list_file).read_text(encoding="utf-8"))
    out = []
    if engine == "tesseract-cli":
        for it in items:
            t, c = time.perf_counter(), _cpu()
            r = subprocess.run(
                ["tesseract", it["path"], "-", "-l", "chi_sim"],
                capture_output=True,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )
            out.append({"text": r.stdout.decode("utf-8", "replace"),
                        "s": time.perf_counter() - t, "cpu": _cpu() - c})  # fmt: skip
        import resource

        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    else:
        import agent.extract.ocr as ocr_mod
        from agent.extract import extract_in_process
        from agent.extract.ocr import Ocr

        name, opts = _engine_spec(engine)
        cfg = _config(name, opts.get("side"))
        if "side" in opts:  # an explicit side overrides the built-in RapidOCR cap
            ocr_mod.RAPID_MAX_SIDE = opts["side"]
        ocr_mod.RAPID3_DET_SIDE = opts.get("det", ocr_mod.RAPID3_DET_SIDE)
        ocr_mod.RAPID3_REC_BATCH = opts.get("batch", ocr_mod.RAPID3_REC_BATCH)
        ocr_mod.RAPID3_THREADS = opts.get("threads", ocr_mod.RAPID3_THREADS)
        ocr_mod.RAPID3_SPIN = bool(opts.get("spin", ocr_mod.RAPID3_SPIN))
        ocr = Ocr(cfg)
        if opts.get("cls") == 0:
            eng = ocr.engine
            plain = eng.recognize
            eng.recognize = lambda img, **kw: plain(img, **{**kw, "use_cls": False})
        t = time.perf_counter()
        ocr.warm()  # load the model outside the per-image timing
        load = time.perf_counter() - t
        for it in items:
            t, c = time.perf_counter(), _cpu()
            e = extract_in_process(it["path"], cfg, ocr=ocr)
            text = "\n".join(b.text for b in e.blocks if b.kind == "ocr_line")
            out.append({"text": text, "s": time.perf_counter() - t, "cpu": _cpu() - c})
        status = Path("/proc/self/status").read_text()
        peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
        out.append({"load_s": load})
    print(json.dumps({"results": out, "peak_mb": peak}))


def _cer(ref: str, hyp: str) -> float:
    """Order-free character error rate, whitespace ignored: (characters of the page missing
    from the OCR text + extra characters) / characters on the page. Reading order differs
    between layouts (tables, two columns), so an order-aware edit distance would count
    correctly read text as errors."""
    from collections import Counter

    r = Counter("".join(ref.split()))
    h = Counter("".join(hyp.split()))
    if not r:
        return 0.0
    matched = sum((r & h).values())
    n_ref, n_hyp = sum(r.values()), sum(h.values())
    return ((n_ref - matched) + max(0, n_hyp - matched)) / n_ref


def bench_ocr(
    tmp: Path,
    n_docs: int,
    engines: list[str],
    degradations: tuple[str, ...],
    real: bool,
    only: tuple[str, ...] = (),
) -> None:
    items = make_photo_set(tmp, n_docs, degradations)
    n_generated = len(items)
    if real:
        items += real_images(only)
    list_file = tmp / "items.json"
    list_file.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    print(
        f"\nOCR set: {n_generated} generated images = {n_generated // max(1, len(degradations))} "
        f"documents x {len(degradations)} degradations ({', '.join(degradations)}) "
        f"+ {len(items) - n_generated} real images"
    )
    runs: dict[str, dict] = {}
    for engine in engines:
        if engine == "tesseract-cli" and not shutil.which("tesseract"):
            continue
        t0 = time.perf_counter()
        r = subprocess.run(
            [sys.executable, __file__, "--worker", engine, str(list_file)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if r.returncode != 0:
            print(f"{engine}: failed\n{r.stderr[-2000:]}")
            continue
        data = json.loads(r.stdout.strip().splitlines()[-1])
        data["wall"] = time.perf_counter() - t0
        runs[engine] = data
        print(f"  {engine}: done in {data['wall']:.0f} s", flush=True)
    ref = runs.get("tesseract-cli")
    summary = []
    per_fmt: dict[str, list[list[object]]] = {}
    for engine, data in runs.items():
        results = [x for x in data["results"] if "text" in x]
        load = next((x["load_s"] for x in data["results"] if "load_s" in x), 0.0)
        ref_res = [x for x in ref["results"] if "text" in x] if ref else None
        groups: dict[str, list[tuple[dict, dict, dict | None]]] = {"all": []}
        for n, (it, res) in enumerate(zip(items, results, strict=True)):
            row = (it, res, ref_res[n] if ref_res else None)
            groups["all"].append(row)
            groups.setdefault(it["fmt"], []).append(row)
        for fmt, rows in groups.items():
            line = [engine, *_figures(rows)]
            if fmt == "all":
                summary.append([*line, f"{data['peak_mb']:.0f}", f"{load:.1f}"])
            else:
                per_fmt.setdefault(fmt, []).append(line)
    header = ["engine", "med s/img", "med CPU s", "x tess wall", "x tess CPU", "max s",
              "CER*", "key-phrase", "ID/phone"]  # fmt: skip
    _table(
        "OCR engines over the whole set (x tess = median of per-image ratios to tesseract-cli)",
        [*header, "peak RSS MB", "load s"],
        summary,
    )
    for fmt, rows in per_fmt.items():
        _table(f"  {fmt}", header, rows)


def _norm(text: str) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split())


def _figures(rows: list[tuple[dict, dict, dict | None]]) -> list[str]:
    s = [res["s"] for _, res, _ in rows]
    c = [res["cpu"] for _, res, _ in rows]
    ratio = [res["s"] / max(1e-3, ref["s"]) for _, res, ref in rows if ref]
    ratio_c = [res["cpu"] / max(1e-3, ref["cpu"]) for _, res, ref in rows if ref]
    cers = [_cer(it["truth"], res["text"]) for it, res, _ in rows if it["truth"] is not None]
    ph = [0, 0]
    ids = [0, 0]
    for it, res, _ in rows:
        # as the detectors compare (NFKC, no whitespace): （第023号） and (第023号) are one phrase
        text = _norm(res["text"])
        ph[0] += sum(_norm(p) in text for p in it["phrases"])
        ph[1] += len(it["phrases"])
        ids[0] += sum(i in text for i in it["ids"])
        ids[1] += len(it["ids"])
    return [
        f"{statistics.median(s):.2f}",
        f"{statistics.median(c):.2f}",
        f"{statistics.median(ratio):.2f}" if ratio else "-",
        f"{statistics.median(ratio_c):.2f}" if ratio_c else "-",
        f"{max(s):.1f}",
        f"{statistics.mean(cers):.3f}" if cers else "-",
        f"{ph[0] / ph[1]:.3f} ({ph[1]})" if ph[1] else "-",
        f"{ids[0] / ids[1]:.3f} ({ids[1]})" if ids[1] else "-",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=8, help="documents in the OCR set")
    ap.add_argument(
        "--engines",
        default="rapidocr,rapidocr-onnxruntime,tesseract,tesseract-cli",
        help="comma-separated engine specs (see above)",
    )
    ap.add_argument("--no-real", action="store_true", help="generated images only")
    ap.add_argument("--real", default="", help="only real images whose name has one of these")
    ap.add_argument("--degradations", default=",".join(DEGRADATIONS))
    ap.add_argument("--skip-ocr", action="store_true")
    ap.add_argument("--skip-text", action="store_true")
    ap.add_argument("--worker", nargs=2, metavar=("ENGINE", "LIST"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        _worker(*args.worker)
        return
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="sg-bench-") as td:
        tmp = Path(td)
        if not args.skip_text:
            bench_text(tmp)
        if not args.skip_ocr:
            bench_ocr(
                tmp,
                args.docs,
                [e for e in args.engines.split(",") if e],
                tuple(d for d in args.degradations.split(",") if d),
                not args.no_real,
                tuple(k for k in args.real.split(",") if k),
            )
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
