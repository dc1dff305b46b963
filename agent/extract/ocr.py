"""One OCR interface, three engines: RapidOCR 3 (`rapidocr`, PP-OCRv6 small models inside the
wheel, ONNX Runtime), the older `rapidocr-onnxruntime` 1.4 (PP-OCRv4 mobile) and tesseract
`chi_sim` through pytesseract.

`config.ocr.engine`: `auto` (RapidOCR 3 when it imports, else rapidocr-onnxruntime, else
tesseract), `rapidocr`, `rapidocr-onnxruntime`, `tesseract`, `none`. Engines load lazily, once
per worker process: RapidOCR pulls in numpy, OpenCV and ONNX Runtime (~0.3-0.5 GB), which must
never happen in the agent's own process. The settings below were chosen with bench/extract.py.

RapidOCR 3 is driven stage by stage (detection, line classifier, recognition) instead of through
its one-call API: a sideways page is seen from its detection boxes before any line is read (the
costly stage), the line classifier runs only while the page's orientation is unknown, and lines
are recognised in reading order in small batches (recognition memory grows with batch x the
widest line) so that `stop_when` can end a page early.

Orientation: tesseract's OSD (`--psm 0`) on the page cropped out of its background, accepted
only at confidence >= 5. RapidOCR runs first as is (its line classifier fixes 180°); only a poor
result (low confidence or mostly vertical boxes) pays for OSD and a second pass. Mirrored pages
(selfie cameras) get a flipped pass when both fail.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agent.extract.base import Parts
from detectors.model import BBox, Block, BlockKind, Table

if TYPE_CHECKING:
    from PIL.Image import Image

    from agent.config import Config

log = logging.getLogger(__name__)
OSD_MIN_CONFIDENCE = 5.0
TESSERACT_MAX_SIDE = 2400
# RapidOCR works on images shrunk to this longer side whatever `ocr.max_side` allows: on the
# bench photo/screenshot set (bench/extract.py) 1280 read as many key phrases and ID numbers as
# 2000 (more, in fact) at ~2.5x the speed and ~30% less peak memory.
RAPID_MAX_SIDE = 1280
# RapidOCR 3: detection input (longer side; lines are cut out of the page at RAPID_MAX_SIDE),
# lines per recognition batch, lines recognised between two `stop_when` checks, ONNX Runtime
# threads per session and whether they spin while idle (bench/extract.py). Detection at 1024
# read the bench's 54 images in 0.40 s against 0.50 s each with the same key phrases and IDs,
# but lost the small print of a 2560 px screenshot (3 of 8 ID numbers: its lines were never
# found, so the small-text second look did not start) and tipped an upside-down page's line
# votes under the bar (tests/test_ocr_engine.py, tests/test_ocr.py): 1280 stays. Not spinning,
# on a quiet machine: a warm photo in the same time with ~10% less CPU, a dense page ~5% slower,
# a cold `check` of a photo 1.25 s against 1.28 s (7 runs alternated); taken for the CPU it
# leaves to the rest of the PC and to the model loading beside the first page.
RAPID3_DET_SIDE = 1280
RAPID3_REC_BATCH = 2
RAPID3_CHUNK = 12
RAPID3_THREADS = 2
RAPID3_SPIN = False
# a page whose detected lines are under RAPID3_SMALL_TEXT px high (median) after shrinking is
# detected again at the size that makes them about RAPID3_GOOD_TEXT px (up to `ocr.max_side`)
RAPID3_SMALL_TEXT = 16
RAPID3_GOOD_TEXT = 22
# ... but no larger than this: detection memory grows with the input (a 2000 px screenshot
# peaked at 786 MB, 1600 px at 530 MB, and read the same ID numbers)
RAPID3_UPSCALE_MAX = 1600
RAPID3_WIDE_LINE = 1600  # px at 48 px height, about 33 Chinese characters: read alone
RAPID3_MODELS = {  # inside the rapidocr 3.x wheel
    "Det": "PP-OCRv6_det_small.onnx",
    "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
    "Rec": "PP-OCRv6_rec_small.onnx",
}


@dataclass(frozen=True)
class OcrLine:
    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels of the image given
    confidence: float  # [0, 1]


def _score(lines: list[OcrLine]) -> float:
    return sum(len(ln.text) * ln.confidence for ln in lines)


def _mean_conf(lines: list[OcrLine]) -> float:
    n = sum(len(ln.text) for ln in lines)
    return _score(lines) / n if n else 0.0


def _vertical_share(lines: list[OcrLine]) -> float:
    multi = [ln for ln in lines if len(ln.text) >= 3]
    if not multi:
        return 0.0
    tall = sum(1 for ln in multi if (ln.box[3] - ln.box[1]) > 1.5 * (ln.box[2] - ln.box[0]))
    return tall / len(multi)


def _poor(lines: list[OcrLine]) -> bool:
    """Too little text or too unsure of it: maybe upside down, sideways or mirrored."""
    chars = sum(len(ln.text) for ln in lines)
    return chars < 8 or _mean_conf(lines) < 0.88


def _shrunk_size(w: int, h: int, max_side: int) -> tuple[int, int] | None:
    """(width, height) with the longer side scaled down to `max_side`; None when it fits."""
    s = max_side / max(w, h)
    if s >= 1:
        return None
    return max(1, int(w * s)), max(1, int(h * s))


def shrink(img: Image, max_side: int) -> Image:
    """Never enlarge; scale so the longer side is at most `max_side`."""
    from PIL import Image as PILImage

    size = _shrunk_size(*img.size, max_side)
    if size is None:
        return img
    # reducing_gap: a cheap box reduction first, Lanczos for the last factor of 3 (same result
    # for OCR, a fraction of the time on a 12-megapixel photo)
    return img.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)


def crop_page(gray: Image) -> Image:
    """The bright paper region of a photo (rows/columns mostly brighter than the mean)."""
    import numpy as np

    small = shrink(gray, 800)
    a = np.asarray(small, dtype=np.float32)
    if a.size == 0:
        return gray
    bright = a > max(100.0, float(a.mean()))
    rows = np.where(bright.mean(axis=1) > 0.5)[0]
    cols = np.where(bright.mean(axis=0) > 0.5)[0]
    if len(rows) < 10 or len(cols) < 10:
        return gray
    sx, sy = gray.width / small.width, gray.height / small.height
    box = (int(cols[0] * sx), int(rows[0] * sy), int((cols[-1] + 1) * sx), int((rows[-1] + 1) * sy))
    if (box[2] - box[0]) * (box[3] - box[1]) < 0.2 * gray.width * gray.height:
        return gray
    return gray.crop(box)


def osd_rotation(img: Image) -> tuple[int, float]:
    """(degrees to rotate counter-clockwise so text is upright, confidence) from tesseract OSD;
    (0, 0.0) when OSD cannot tell (too little text)."""
    import pytesseract

    gray = crop_page(img.convert("L"))
    gray = shrink(gray, 1600)
    try:
        out = pytesseract.image_to_osd(gray, config="--psm 0 -c min_characters_to_try=10")
    except (pytesseract.TesseractError, RuntimeError) as e:
        log.debug("osd failed: %s", e)
        return 0, 0.0
    rot = re.search(r"Rotate:\s*(\d+)", out)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", out)
    if not rot or not conf:
        return 0, 0.0
    # tesseract's "Rotate: 90" means rotate 90° clockwise to fix; PIL rotates counter-clockwise
    return (-int(rot.group(1))) % 360, float(conf.group(1))


class RapidEngine:
    """rapidocr-onnxruntime 1.4 (PP-OCRv4 mobile models), one call per page."""

    name = "rapidocr-onnxruntime"

    def __init__(self, max_side: int, threads: int = 2) -> None:
        from rapidocr_onnxruntime import RapidOCR

        logging.getLogger("RapidOCR").setLevel(logging.WARNING)
        kw = {}
        for stage in ("det", "cls", "rec"):
            kw[f"{stage}_intra_op_num_threads"] = threads
            kw[f"{stage}_inter_op_num_threads"] = 1
        self.max_side = max_side
        self.engine = RapidOCR(max_side_len=max_side, print_verbose=False, **kw)
        # Listen to the line classifier (0° / 180° per text line): when most lines of a page
        # were upside down, the page is, and its boxes are turned instead of OCR'ing it again.
        self._cls = _ClsSpy(self.engine.text_cls) if hasattr(self.engine, "text_cls") else None
        if self._cls is not None:
            self.engine.text_cls = self._cls
        self.upside_down = False

    def recognize(self, img: Image, **_: object) -> list[OcrLine]:
        import numpy as np

        img = shrink(img.convert("RGB"), self.max_side)
        arr = np.ascontiguousarray(np.asarray(img)[:, :, ::-1])  # RGB -> BGR (OpenCV order)
        if self._cls is not None:
            self._cls.last = []
        result, _ = self.engine(arr)
        flips = self._cls.last if self._cls is not None else []
        flipped = sum(1 for r in flips if len(r) == 2 and r[0] == "180" and r[1] >= 0.9)
        self.upside_down = len(flips) >= 3 and flipped > 0.6 * len(flips)
        lines = []
        for pts, text, conf in result or []:
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            if text.strip():
                box = (min(xs), min(ys), max(xs), max(ys))
                lines.append(OcrLine(text.strip(), _scale_box(box, img.size), float(conf)))
        return lines


def _import_rapidocr():
    """(the rapidocr package, its RapidOCR class), imported with its model registry
    (default_models.yaml, ~1,600 lines of download URLs) read by PyYAML into plain dicts instead
    of OmegaConf nodes. rapidocr builds that registry twice at import (~0.3 s each on this
    machine) only to resolve model downloads, which shareguard never asks for: it names the
    wheel's model files itself. The dicts answer the `.get`/`[]` lookups the registry code makes.
    Its model downloader and URL loader see stand-ins for `requests` and `tqdm` (~100 ms of
    imports) that refuse every call: the worker never fetches anything from the internet."""
    import sys

    if "rapidocr.main" in sys.modules:  # imported already (the patch is for the first import)
        import rapidocr

        return rapidocr, sys.modules["rapidocr.main"].RapidOCR
    import yaml
    from omegaconf import OmegaConf

    original = OmegaConf.load
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def load(file_, *args, **kwargs):
        named = file_ if isinstance(file_, (str, os.PathLike)) else getattr(file_, "name", "")
        path = str(named)
        if os.path.basename(path) == "default_models.yaml" and "rapidocr" in path:
            with open(path, encoding="utf-8") as f:
                return yaml.load(f, Loader=loader)
        return original(file_, *args, **kwargs)

    OmegaConf.load = load  # type: ignore[method-assign]
    offline = [name for name in ("requests", "tqdm") if name not in sys.modules]
    for name in offline:
        sys.modules[name] = _offline_module(name)
    try:
        import rapidocr
        from rapidocr.main import RapidOCR
    finally:
        OmegaConf.load = original  # type: ignore[method-assign]
        for name in offline:  # rapidocr's modules keep the stand-in; anyone else, the real one
            del sys.modules[name]
    return rapidocr, RapidOCR


def _tune_ort_sessions(spin: bool) -> None:
    """Two ONNX Runtime settings RapidOCR has no parameter for, applied to the sessions it makes
    from now on by wrapping its session-options builder and its session call (once):

    - whether the worker threads spin after each operator: on two cores a spinning thread takes
      the core the next step needs;
    - a session made with a memory arena (`Rapid3Engine(arena=True)`) has the arena shrunk at
      the end of every run, so a run's buffers are not kept for the next page."""
    import onnxruntime as ort
    from rapidocr.inference_engine.onnxruntime.main import ONNXRuntimeError, OrtInferSession

    build = OrtInferSession.__dict__["_init_sess_opts"].__func__
    plain = getattr(build, "_shareguard_plain", build)

    def tuned(cfg):
        opts = plain(cfg)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "1" if spin else "0")
        return opts

    tuned._shareguard_plain = plain  # type: ignore[attr-defined]
    OrtInferSession._init_sess_opts = staticmethod(tuned)  # type: ignore[method-assign]
    if getattr(OrtInferSession.__call__, "_shareguard", False):
        return
    shrink = ort.RunOptions()
    shrink.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def call(self, input_content):
        arena = self.__dict__.get("_shareguard_arena")
        if arena is None:  # asked once per session; only an arena can be shrunk
            arena = self._shareguard_arena = self.session.get_session_options().enable_cpu_mem_arena
        feed = dict(zip(self.get_input_names(), [input_content], strict=False))
        try:
            return self.session.run(self.get_output_names(), feed, shrink if arena else None)[0]
        except Exception as e:
            raise ONNXRuntimeError(str(e)) from e

    call._shareguard = True  # type: ignore[attr-defined]
    OrtInferSession.__call__ = call  # type: ignore[method-assign]


def _offline_module(name: str):
    """A stand-in module for RapidOCR's import: every name looked up in it (requests.get,
    requests.Response, tqdm.tqdm...) is an exception class that refuses to be made, so a call
    is an error, not a download."""
    import types

    class Offline(Exception):
        def __new__(cls, *args: object, **kwargs: object):
            raise RuntimeError("RapidOCR tried to go online; shareguard's OCR never does")

    def refuse(name: str) -> type:
        if name.startswith("__"):
            raise AttributeError(name)
        return Offline

    module = types.ModuleType(name)
    module.__getattr__ = refuse  # type: ignore[method-assign]
    return module


class Rapid3Engine:
    """RapidOCR 3 (PP-OCRv6 small detection and recognition, PP-OCRv4 line classifier; all in
    the wheel, nothing downloaded), stage by stage on one ONNX Runtime session per model."""

    name = "rapidocr"

    def __init__(
        self,
        max_side: int,
        *,
        det_side: int | None = None,
        rec_batch: int | None = None,
        threads: int | None = None,
        upscale_to: int = 0,
        arena: bool = False,
    ) -> None:
        """`det_side`, `rec_batch`, `threads`: None takes the module's RAPID3_* setting as it is
        when the engine is made (bench/extract.py varies them).

        `arena`: ONNX Runtime's memory arena, shrunk after every run, for a worker that reads a
        few pages and exits (`check`). Without an arena every tensor is malloc'd and freed, the
        large ones in fresh mmaps: a photo's first detection faulted in ~160,000 pages, a 2560
        px screenshot's ~330,000; with it a run reuses its own buffers (~95,000 and ~155,000).
        First page of a fresh engine, 3 runs each: photo 0.52-0.55 s against 0.61-0.66 s (peak
        410 MB against 500-525), screenshot 0.78-0.84 s against 1.02-1.07 s (peak 531 MB
        against 405-477), dense page the same. Not for a long-lived worker: the shrink does not
        hand everything back, and it idled at 210-235 MB after a page against 150."""
        from pathlib import Path

        det_side = det_side or RAPID3_DET_SIDE
        rec_batch = rec_batch or RAPID3_REC_BATCH
        threads = threads or RAPID3_THREADS

        rapidocr, RapidOCR = _import_rapidocr()
        _tune_ort_sessions(RAPID3_SPIN)

        logging.getLogger("RapidOCR").setLevel(logging.WARNING)
        self.max_side = max_side
        self.upscale_to = upscale_to  # longest side allowed for a page of small text
        # the models shipped in the wheel, named explicitly: RapidOCR never looks for (or tries
        # to download) anything else, and does not hash 30 MB of models at every start
        models = Path(rapidocr.__file__).parent / "models"
        paths = {stage: models / name for stage, name in RAPID3_MODELS.items()}
        missing = [str(p) for p in paths.values() if not p.is_file()]
        if missing:
            raise RuntimeError(f"RapidOCR models missing: {', '.join(missing)}")
        self.engine = RapidOCR(
            params={
                "Global.log_level": "warning",
                "Det.model_path": str(paths["Det"]),
                "Cls.model_path": str(paths["Cls"]),
                "Rec.model_path": str(paths["Rec"]),
                "Global.max_side_len": max_side,
                "Det.limit_type": "max",
                "Det.limit_side_len": min(det_side, max_side),
                "Rec.rec_batch_num": rec_batch,
                "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                "EngineConfig.onnxruntime.enable_cpu_mem_arena": arena,
            }
        )
        self.text_score = float(self.engine.cfg.Global.text_score)
        self.engine._load_det_model = _with_float32_preprocessing(self.engine._load_det_model)
        self.upside_down = False
        self.sideways = False
        self.stopped_early = False
        self.stop_when: Callable[[list[OcrLine]], bool] | None = None

    def warm(self) -> None:
        """Load the three models now (a few hundred ms each) instead of on the first page."""
        self.engine._load_det_model()
        self.engine._load_cls_model()
        self.engine._load_rec_model()

    def warm_up(self) -> None:
        """One small page through all three models: ONNX Runtime's first run of a session sets
        up buffers it keeps; done ahead (then trimmed) they do not stack on the first real
        page's peak (agent's worker over four real pages: 605 MB without, 527-567 MB with)."""
        self.recognize(_warm_page())

    def recognize(
        self, img: Image, *, use_cls: bool = True, check_sideways: bool = False
    ) -> list[OcrLine]:
        """Lines of `img`. `use_cls=False` when the orientation is known (the line classifier
        is then skipped); `check_sideways`: stop after detection, with `.sideways` set and no
        lines, when most text boxes stand upright (a page turned by 90°)."""
        import numpy as np
        from rapidocr.main import RapidOCRError
        from rapidocr.utils.process_img import map_boxes_to_original

        self.upside_down = self.sideways = self.stopped_early = False
        full = np.asarray(img.convert("RGB"))
        arr = _bgr_within(full, self.max_side)
        size = (arr.shape[1], arr.shape[0])
        eng = self.engine
        pre, op = eng.preprocess_img(arr)
        try:
            crops, det = eng.detect_and_crop(pre, op)
        except RapidOCRError:  # no text found
            return []
        side = self._side_for_small_text(crops, size, (full.shape[1], full.shape[0]))
        if side:  # small print shrunk below what detection finds: look again, larger
            from agent.extract.worker import release_memory

            del pre, crops, det
            release_memory()  # the first pass's buffers, before the larger one is allocated
            arr = _bgr_within(full, side)
            size = (arr.shape[1], arr.shape[0])
            try:
                crops, det = self._detect_at(arr, side)
            except RapidOCRError:
                return []
        boxes = map_boxes_to_original(det.boxes, op, arr.shape[0], arr.shape[1])
        rects = [
            (float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 0].max()), float(b[:, 1].max()))
            for b in boxes
        ]
        if check_sideways and _upright_box_share(rects) > 0.6:
            self.sideways = True
            return []
        if use_cls:
            cls = eng._load_cls_model()(crops)
            if cls.img_list is not None:
                crops = cls.img_list
                flips = list(cls.cls_res or [])
                flipped = sum(1 for r in flips if r[0] == "180" and r[1] >= 0.9)
                self.upside_down = len(flips) >= 3 and flipped > 0.6 * len(flips)
        order = sorted(range(len(rects)), key=lambda i: (rects[i][1] + rects[i][3], rects[i][0]))
        if self.upside_down:  # the page's first lines are at the bottom of the image
            order.reverse()
        lines: list[OcrLine] = []
        for start in range(0, len(order), RAPID3_CHUNK):
            chunk = order[start : start + RAPID3_CHUNK]
            for i, text, conf in self._read(crops, chunk):
                if text.strip() and conf >= self.text_score:
                    lines.append(OcrLine(text.strip(), _scale_box(rects[i], size), float(conf)))
            if self.stop_when is not None and start + RAPID3_CHUNK < len(order):
                seen = turn_180(lines) if self.upside_down else lines
                if self.stop_when(seen):
                    self.stopped_early = True
                    break
        return lines

    def _side_for_small_text(
        self, crops: list, size: tuple[int, int], full: tuple[int, int]
    ) -> int:
        """A larger longest side when the page was shrunk and its text lines came out smaller
        than PP-OCRv6 detection reliably finds (a 2560 px desktop screenshot at 1280 px: 14 px
        lines, 3 of 8 ID numbers lost); 0 when the first look stands."""
        if not crops or max(full) <= max(size) or self.upscale_to <= max(size):
            return 0
        heights = sorted(min(c.shape[:2]) for c in crops)
        median = heights[len(heights) // 2]
        if median >= RAPID3_SMALL_TEXT:
            return 0
        side = int(max(size) * RAPID3_GOOD_TEXT / max(1, median))
        return min(side, max(full), self.upscale_to)

    def _detect_at(self, arr, side: int):
        """Detection (and crops) with the input limits set to `side` for this one call."""
        eng = self.engine
        det_model = eng._load_det_model()
        saved = eng.max_side_len, det_model.limit_side_len
        eng.max_side_len = det_model.limit_side_len = side
        try:
            pre, op = eng.preprocess_img(arr)
            return eng.detect_and_crop(pre, op)
        finally:
            eng.max_side_len, det_model.limit_side_len = saved

    def _read(self, crops: list, chunk: list[int]) -> list[tuple[int, str, float]]:
        """Recognise the crops named by `chunk`. Recognition memory grows with batch x the
        widest line, so a line wider than RAPID3_WIDE_LINE (at the model's 48 px height) is read
        on its own: two such lines of a dense page together cost ~230 MB more at the peak.

        Measured and not taken (docs/architecture.md, OCR): batches on two threads
        over a one-thread session read lines of photos 5-12% faster but dense pages 40-55%
        slower (their wide lines, alone for memory, then ran on one core)."""
        wide = [i for i in chunk if _rec_width(crops[i]) > RAPID3_WIDE_LINE]
        narrow = [i for i in chunk if i not in set(wide)]
        out: list[tuple[int, str, float]] = []
        for group in ([narrow] if narrow else []) + [[i] for i in wide]:
            rec = self.engine.recognize_txt([crops[i] for i in group])
            out += zip(group, rec.txts or (), rec.scores or (), strict=False)
        return out


def _bgr_within(rgb, max_side: int):
    """The RGB array as a BGR array (OpenCV's order) with its longer side at most `max_side`,
    shrunk by pixel-area averaging (OpenCV's INTER_AREA). On a 2000 px photo the whole step took
    0.023 s against 0.055 s with PIL's Lanczos, and the bench's CER went from 0.018 to 0.012."""
    import cv2
    import numpy as np

    size = _shrunk_size(rgb.shape[1], rgb.shape[0], max_side)
    if size is not None:
        rgb = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(rgb[:, :, ::-1])


def _with_float32_preprocessing(load_det: Callable[[], object]) -> Callable[[], object]:
    """Wrap RapidOCR's detector loader so the detector normalises pages in float32. Its own
    preprocessor subtracts a float64 mean: a 1280 px page went through float64 (four ~30 MB
    temporaries, 0.1 s) only to be cast back to float32 for the model."""

    def load():
        det = load_det()
        if not getattr(det, "_float32_preprocessing", False):
            det.get_preprocess = lambda: _float32_det_preprocess(det)
            det._float32_preprocessing = True
        return det

    return load


def _float32_det_preprocess(det):
    """RapidOCR's DetPreProcess for `det`'s current limits, normalising in place in float32."""
    return _float32_det_preprocess_class()(det.limit_side_len, det.limit_type, det.mean, det.std)


@functools.cache
def _float32_det_preprocess_class() -> type:
    import numpy as np
    from rapidocr.ch_ppocr_det.utils import DetPreProcess

    class Float32DetPreProcess(DetPreProcess):
        def normalize(self, img):
            out = img.astype(np.float32)
            out *= np.asarray(self.scale / self.std, dtype=np.float32)
            out -= np.asarray(self.mean / self.std, dtype=np.float32)
            return out

    return Float32DetPreProcess


def _warm_page() -> Image:
    """A small synthetic page with a few printed lines, for `Rapid3Engine.warm_up`."""
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    img = PILImage.new("RGB", (480, 160), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=22)
    for i, line in enumerate(("shareguard 2026-12-02", "OCR warm-up 0123456789", "ABCDEFG hijk")):
        draw.text((16, 12 + 48 * i), line, fill="black", font=font)
    return img


def _rec_width(crop) -> float:
    """Width of a line crop once scaled to the recognition model's 48 px height (vertical
    crops are turned by RapidOCR first)."""
    h, w = crop.shape[:2]
    if h >= 1.5 * w:
        h, w = w, h
    return 48.0 * w / max(1, h)


def _upright_box_share(rects: list[tuple[float, float, float, float]]) -> float:
    """Share of the elongated text boxes (several characters) that are taller than wide."""
    sizes = [(x1 - x0, y1 - y0) for x0, y0, x1, y1 in rects]
    long = [(w, h) for w, h in sizes if max(w, h) > 2.5 * max(1.0, min(w, h))]
    if len(long) < 3:
        return 0.0
    return sum(1 for w, h in long if h > w) / len(long)


class _ClsSpy:
    """Wraps RapidOCR's text-direction classifier and keeps its last per-line answers."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.last: list = []

    def __call__(self, *args, **kwargs):
        out = self.inner(*args, **kwargs)
        try:
            self.last = list(out[1])
        except (IndexError, TypeError):
            self.last = []
        return out

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


def turn_180(lines: list[OcrLine]) -> list[OcrLine]:
    """Boxes of an upside-down page as they sit on the page turned the right way up."""
    return [
        OcrLine(
            ln.text, (1 - ln.box[2], 1 - ln.box[3], 1 - ln.box[0], 1 - ln.box[1]), ln.confidence
        )
        for ln in lines
    ]


def _scale_box(box, size) -> tuple[float, float, float, float]:
    """Box in [0, 1] of `size`."""
    w, h = size
    x0, y0, x1, y1 = box
    return (
        max(0.0, min(1.0, x0 / w)),
        max(0.0, min(1.0, y0 / h)),
        max(0.0, min(1.0, x1 / w)),
        max(0.0, min(1.0, y1 / h)),
    )


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _join_words(words: list[str]) -> str:
    """tesseract splits Chinese into one 'word' per character: join CJK without spaces."""
    out = ""
    for w in words:
        if out and not (_CJK.match(out[-1]) or _CJK.match(w[0])):
            out += " "
        out += w
    return out


class TesseractEngine:
    name = "tesseract"

    def __init__(self, language: str = "chi_sim", max_side: int = TESSERACT_MAX_SIDE) -> None:
        import pytesseract

        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        self.language = language
        self.max_side = min(max_side, TESSERACT_MAX_SIDE) if max_side else TESSERACT_MAX_SIDE
        try:
            langs = pytesseract.get_languages(config="")
        except (pytesseract.TesseractNotFoundError, OSError) as e:
            raise RuntimeError(f"tesseract not installed: {e}") from e
        if language.split("+")[0] not in langs:
            raise RuntimeError(f"tesseract language {language} not installed")

    def recognize(self, img: Image) -> list[OcrLine]:
        import numpy as np
        import pytesseract
        from PIL import Image as PILImage
        from PIL import ImageFilter

        gray = shrink(img.convert("L"), self.max_side)
        # divide out the background (shadows, light falloff) so paper is white everywhere
        bg = shrink(gray, 200).filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(4))
        bg = bg.resize(gray.size, PILImage.Resampling.BILINEAR)
        a = np.asarray(gray, dtype=np.float32) / np.maximum(np.asarray(bg, dtype=np.float32), 1)
        norm = PILImage.fromarray(np.clip(a * 255.0, 0, 255).astype(np.uint8))
        data = pytesseract.image_to_data(
            norm, lang=self.language, config="--psm 4", output_type=pytesseract.Output.DICT
        )
        groups: dict[tuple[int, int, int], list[int]] = {}
        for i, word in enumerate(data["text"]):
            if word and word.strip():
                key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
                groups.setdefault(key, []).append(i)
        lines = []
        for idx in groups.values():
            text = _join_words([data["text"][i].strip() for i in idx])
            x0 = min(data["left"][i] for i in idx)
            y0 = min(data["top"][i] for i in idx)
            x1 = max(data["left"][i] + data["width"][i] for i in idx)
            y1 = max(data["top"][i] + data["height"][i] for i in idx)
            confs = [float(data["conf"][i]) for i in idx if float(data["conf"][i]) >= 0]
            conf = (sum(confs) / len(confs) / 100.0) if confs else 0.0
            lines.append(OcrLine(text, _scale_box((x0, y0, x1, y1), norm.size), conf))
        return lines


# A line that starts with a marked secrecy level: the page is classified material whatever the
# rest of it says (detectors.marks flags it on its own), so reading on cannot change the verdict.
_SECRECY_MARK = re.compile(r"^\s*(绝密|机密|秘密)\s*[★☆*]")


def classified_mark_read(lines: list[OcrLine]) -> bool:
    """`stop_when` for `ocr.early_stop`: a confident, short line opening with 秘密★ and the like."""
    return any(
        ln.confidence >= 0.8 and len(ln.text) <= 30 and _SECRECY_MARK.match(ln.text) for ln in lines
    )


class Ocr:
    """The OCR stage: picks and loads the engine once, fixes orientation, returns Parts."""

    def __init__(self, config: Config, *, short_lived: bool = False) -> None:
        """`short_lived`: the worker reads a few pages and exits (`check`), so the engine is
        set up for its first pages' speed rather than for its resident memory between pages
        (`Rapid3Engine(arena=True)`)."""
        self.config = config
        self.choice = config.ocr.engine
        self.short_lived = short_lived
        self._engine: Rapid3Engine | RapidEngine | TesseractEngine | None = None
        self._loading = threading.Lock()  # the worker may warm it in a thread (worker._warm)

    @property
    def input_side(self) -> int:
        """The longest side of a page image the engine can use (a larger one is shrunk first),
        told from the configuration without loading the engine: image readers decode no larger."""
        max_side = self.config.ocr.max_side
        if isinstance(self._engine, TesseractEngine) or self.choice == "tesseract":
            return max_side
        return min(max_side, max(RAPID_MAX_SIDE, RAPID3_UPSCALE_MAX))

    @property
    def engine(self) -> Rapid3Engine | RapidEngine | TesseractEngine:
        if self._engine is None:
            self._ensure_loaded(page=False)
        return self._engine  # type: ignore[return-value]

    def _ensure_loaded(self, *, page: bool, early: bool = False) -> None:
        """Load the engine once; `page`: read a synthetic page before any real one may use it.
        The loading's freed buffers go back before a page is read: a page waiting on the lock
        would otherwise stack its peak on them (+80 MB).

        `early` (a worker warming up for a picture that is on its way, `check`): RapidOCR 3 is
        handed over as soon as its detection model is loaded, and the line classifier and
        recognition models load after, while the waiting page is being detected."""
        from agent.extract.worker import release_memory

        with self._loading:
            if self._engine is None:
                eng = self._load(full=not early or page)
                if page and hasattr(eng, "warm_up"):
                    eng.warm_up()
                self._engine = eng
                release_memory()
            eng = self._engine
        if early and isinstance(eng, Rapid3Engine):
            eng.warm()  # RapidOCR's own locks keep a model from loading twice

    def _load(self, *, full: bool = True) -> Rapid3Engine | RapidEngine | TesseractEngine:
        cfg = self.config.ocr
        side = min(cfg.max_side, RAPID_MAX_SIDE)
        errors = []
        if self.choice in ("auto", "rapidocr"):
            try:
                eng = Rapid3Engine(
                    side,
                    upscale_to=min(cfg.max_side, RAPID3_UPSCALE_MAX),
                    arena=self.short_lived,
                )
                if full:
                    eng.warm()
                else:
                    eng.engine._load_det_model()
                if cfg.early_stop:
                    eng.stop_when = classified_mark_read
                return eng
            except Exception as e:  # not installed, missing libGL, broken model
                errors.append(f"rapidocr: {e}")
        if self.choice in ("auto", "rapidocr", "rapidocr-onnxruntime"):
            try:
                return RapidEngine(side)
            except Exception as e:
                errors.append(f"rapidocr-onnxruntime: {e}")
            if self.choice != "auto":
                raise RuntimeError(f"RapidOCR unavailable: {'; '.join(errors)}")
            log.warning("RapidOCR unavailable (%s); using tesseract", "; ".join(errors))
        elif errors:
            log.warning("RapidOCR 3 unavailable (%s)", "; ".join(errors))
        return TesseractEngine(cfg.language, cfg.max_side)

    def warm(self, *, page: bool = False) -> None:
        """Load the engine and its models now (a worker about to serve a waiting person);
        `page`: also read a synthetic page first, for a long-lived worker's memory peak (a
        waiting photo would pay ~0.3 s for it: `check` does not ask)."""
        self._ensure_loaded(page=page, early=True)

    def lines(self, img: Image) -> tuple[list[OcrLine], int, bool]:
        """OCR lines of `img` (upright, EXIF already applied), the rotation applied (degrees
        counter-clockwise) and whether the image was mirrored.

        OSD's answer is taken as is at confidence >= 5; below that (sparse pages, Chinese text)
        its rotation is only a candidate, kept if a second pass reads better."""
        from PIL import Image as PILImage

        eng = self.engine
        if isinstance(eng, TesseractEngine):
            r, conf = osd_rotation(img)
            if r and conf >= OSD_MIN_CONFIDENCE:
                return eng.recognize(img.rotate(r, expand=True)), r, False
            best = eng.recognize(img)
            if r:
                again = eng.recognize(img.rotate(r, expand=True))
                if _score(again) > _score(best):
                    return again, r, False
            return best, 0, False
        # RapidOCR 3 stops after detection when the boxes say the page lies sideways
        best = eng.recognize(img, check_sideways=True)
        rot, mirrored = 0, False
        sideways = getattr(eng, "sideways", False) or _vertical_share(best) > 0.6
        if eng.upside_down and not _poor(best) and not sideways:
            return turn_180(best), 180, False
        if _poor(best) or sideways:
            r, conf = osd_rotation(img)
            if r:
                sure = conf >= OSD_MIN_CONFIDENCE
                again = eng.recognize(img.rotate(r, expand=True), use_cls=not sure)
                if eng.upside_down and not _poor(again):
                    again, r = turn_180(again), (r + 180) % 360
                # a sideways page read well still gains its layout (rows, tables) when turned
                margin = 0.95 if sideways else 1.0
                if sure or _score(again) > margin * _score(best):
                    best, rot = again, r
            if not best and getattr(eng, "sideways", False):
                # OSD could not tell: read the page as it is (vertical text, say)
                best = eng.recognize(img)
                sideways = _vertical_share(best) > 0.6
                if eng.upside_down and not _poor(best):
                    return turn_180(best), 180, False
            if _poor(best) and not sideways and sum(len(ln.text) for ln in best) >= 4:
                flipped = img.transpose(PILImage.Transpose.FLIP_LEFT_RIGHT)
                again = eng.recognize(flipped)
                if _score(again) > 1.3 * _score(best):
                    best, rot, mirrored = again, 0, True
        return best, rot, mirrored

    def page(self, img: Image, *, page: int | None, origin: str | None) -> Parts:
        """OCR one page image into blocks (OCR_LINE, bbox in [0, 1]) and, where the boxes line
        up in rows and columns, a Table(ocr=True)."""
        lines, rot, mirrored = self.lines(img)
        parts = Parts(ocr_used=True)
        p = page or 1
        parts.metadata.append(("ocr.engine", self.engine.name))
        if rot:
            parts.metadata.append((f"ocr.rotate.p{p}", str(rot)))
        if mirrored:
            parts.metadata.append((f"ocr.mirrored.p{p}", "1"))
        if getattr(self.engine, "stopped_early", False):
            parts.metadata.append((f"ocr.stopped_early.p{p}", "classified mark"))
            parts.warnings.append(f"OCR stopped early on page {p}: classified mark read")
        for ln in _reading_order(lines):
            parts.blocks.append(
                Block(
                    ln.text,
                    BlockKind.OCR_LINE,
                    page=page,
                    bbox=BBox(*ln.box),
                    confidence=round(ln.confidence, 4),
                    origin=origin,
                )
            )
        for rows in ocr_tables(lines):
            parts.tables.append(Table(rows=rows, page=page, origin=origin, ocr=True))
        return parts


def _rows(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Group boxes whose vertical centres fall inside each other's height into rows."""
    rows: list[list[OcrLine]] = []
    for ln in sorted(lines, key=lambda b: (b.box[1] + b.box[3]) / 2):
        cy = (ln.box[1] + ln.box[3]) / 2
        if rows:
            last = rows[-1]
            y0 = min(b.box[1] for b in last)
            y1 = max(b.box[3] for b in last)
            lcy = (y0 + y1) / 2
            h = max(y1 - y0, ln.box[3] - ln.box[1])
            if abs(cy - lcy) < 0.5 * h:
                last.append(ln)
                continue
        rows.append([ln])
    return [sorted(r, key=lambda b: b.box[0]) for r in rows]


def _reading_order(lines: list[OcrLine]) -> list[OcrLine]:
    return [ln for row in _rows(lines) for ln in row]


def ocr_tables(lines: list[OcrLine]) -> list[tuple[tuple[str, ...], ...]]:
    """Runs of >= 2 consecutive rows, starting at a row of >= 3 boxes and going on while rows
    have >= 2, become a table; columns are anchored
    on the row with the most boxes and each box goes to the nearest anchor."""
    rows = _rows(lines)
    tables = []
    run: list[list[OcrLine]] = []
    for row in [*rows, []]:
        if len(row) >= 3 or (run and len(row) >= 2):
            run.append(row)
            continue
        if len(run) >= 2:
            tables.append(_grid(run))
        run = []
    return tables


def _grid(run: list[list[OcrLine]]) -> tuple[tuple[str, ...], ...]:
    anchor_row = max(run, key=len)
    anchors = [(b.box[0] + b.box[2]) / 2 for b in anchor_row]
    out = []
    for row in run:
        cells = [""] * len(anchors)
        for b in row:
            cx = (b.box[0] + b.box[2]) / 2
            i = min(range(len(anchors)), key=lambda k: abs(anchors[k] - cx))
            cells[i] = f"{cells[i]} {b.text}".strip() if cells[i] else b.text
        out.append(tuple(cells))
    return tuple(out)
