"""The RapidOCR 3 engine (PP-OCRv6 small, models inside the wheel) as the agent drives it:
stage by stage, orientation from detection boxes, early stop between line batches. Real models,
generated pages; about 4 images are OCR'd."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from agent.config import Config
from agent.extract import extract_in_process
from agent.extract.ocr import RAPID3_CHUNK, Ocr, OcrLine, Rapid3Engine, _upright_box_share
from detectors.model import BlockKind
from tests.docgen.doc import Doc
from tests.docgen.render import sample_doc, write


def cfg(engine: str) -> Config:
    base = Config()
    return dataclasses.replace(base, ocr=dataclasses.replace(base.ocr, engine=engine))


def _flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def doc() -> Doc:
    return sample_doc(seed=11, rows=8)


@pytest.fixture(scope="module")
def rapid3() -> Ocr:
    ocr = Ocr(cfg("rapidocr"))
    assert isinstance(ocr.engine, Rapid3Engine) and ocr.engine.name == "rapidocr"
    return ocr


def test_models_come_from_the_wheel_never_from_the_network(monkeypatch, tmp_path: Path) -> None:
    """The models must be inside the installed package: offline PCs cannot download them."""
    import rapidocr.utils.download_file as dl

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"RapidOCR tried to download: {args} {kwargs}")

    monkeypatch.setattr(dl.DownloadFile, "_make_http_request", staticmethod(refuse))
    monkeypatch.setattr(dl.DownloadFile, "run", staticmethod(refuse))
    eng = Rapid3Engine(1280)
    eng.warm()
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 40)
    img = Image.new("RGB", (900, 200), "white")
    ImageDraw.Draw(img).text((40, 70), "关于做好疫情防控工作的通知", font=font, fill="black")
    lines = eng.recognize(img)
    assert "疫情防控" in "".join(ln.text for ln in lines)


def test_a_sideways_photo_is_turned_before_its_lines_are_read(
    tmp_path: Path, doc: Doc, rapid3: Ocr
) -> None:
    p = write(doc, tmp_path / "sideways.png", "rot90")
    e = extract_in_process(p, cfg("rapidocr"), ocr=rapid3)
    assert e.meta("ocr.rotate.p1") in ("90", "270")
    text = _flat(e.text())
    assert "交办单" in text
    assert sum(i in text for i in doc.identifiers) >= len(doc.identifiers) - 1


def test_the_line_classifier_can_be_skipped_when_the_orientation_is_known(
    tmp_path: Path, doc: Doc, rapid3: Ocr
) -> None:
    from PIL import Image

    img = Image.open(write(doc, tmp_path / "scan.png", "scan-png"))
    eng = rapid3.engine
    calls = []
    real_cls = eng.engine._load_cls_model()

    def counting(crops):
        calls.append(len(crops))
        return real_cls(crops)

    eng.engine.text_cls = counting
    try:
        with_cls = eng.recognize(img)
        assert calls and not eng.upside_down
        calls.clear()
        without = eng.recognize(img, use_cls=False)
        assert not calls
    finally:
        eng.engine.text_cls = real_cls
    assert _flat("".join(ln.text for ln in without)) == _flat("".join(ln.text for ln in with_cls))


def test_stop_when_ends_a_page_after_a_batch_of_lines(
    tmp_path: Path, doc: Doc, rapid3: Ocr
) -> None:
    from PIL import Image

    img = Image.open(write(doc, tmp_path / "scan.png", "scan-png"))
    eng = rapid3.engine
    before = eng.stop_when
    eng.stop_when = None
    full = eng.recognize(img, use_cls=False)
    assert len(full) > RAPID3_CHUNK  # the page has more than one batch of lines
    seen: list[int] = []

    def stop(lines: list[OcrLine]) -> bool:
        seen.append(len(lines))
        return "交办单" in _flat("".join(ln.text for ln in lines))

    eng.stop_when = stop
    try:
        part = eng.recognize(img, use_cls=False)
    finally:
        eng.stop_when = before
    assert eng.stopped_early
    assert seen == [len(part)] and len(part) < len(full)
    # the first lines of the page were read first: the title is in what was read
    assert "交办单" in _flat("".join(ln.text for ln in part))


def test_importing_rapidocr_leaves_omegaconf_as_it_was() -> None:
    """The model registry is read with PyYAML during rapidocr's import only; everything else
    that loads YAML through OmegaConf still gets OmegaConf's own loader."""
    import sys

    from omegaconf import DictConfig, OmegaConf

    from agent.extract.ocr import _import_rapidocr

    rapidocr, cls = _import_rapidocr()
    assert cls.__name__ == "RapidOCR" and hasattr(rapidocr, "__file__")
    assert OmegaConf.load.__qualname__ == "OmegaConf.load"
    registry = Path(rapidocr.__file__).parent / "default_models.yaml"
    assert isinstance(OmegaConf.load(registry), DictConfig)
    assert "rapidocr.main" in sys.modules


def test_upright_box_share() -> None:
    wide = [(0, i * 30, 300, i * 30 + 20) for i in range(5)]
    tall = [(i * 30, 0, i * 30 + 20, 300) for i in range(5)]
    assert _upright_box_share(wide) == 0.0
    assert _upright_box_share(tall) == 1.0
    assert _upright_box_share(tall[:2]) == 0.0  # too few boxes to tell
    squares = [(0, 0, 20, 20)] * 6  # single characters say nothing about the page
    assert _upright_box_share(squares) == 0.0


def test_the_older_engine_stays_available_by_config(tmp_path: Path) -> None:
    ocr = Ocr(cfg("rapidocr-onnxruntime"))
    assert ocr.engine.name == "rapidocr-onnxruntime"


def _classified_page(tmp_path: Path, n_rows: int = 30) -> Path:
    """A printed page: 秘密★ mark and title on top, then a long list of lines."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 30)
    img = Image.new("RGB", (1200, 120 + 50 * (n_rows + 2)), "white")
    draw = ImageDraw.Draw(img)
    draw.text((60, 40), "秘密★1年", font=font, fill="black")
    draw.text((300, 100), "关于做好近期重点工作的通知", font=font, fill="black")
    for i in range(n_rows):
        line = f"第{i + 1}项 请各科室按要求落实有关工作并及时报告"
        draw.text((60, 180 + 50 * i), line, font=font, fill="black")
    p = tmp_path / "通知.png"
    img.save(p)
    return p


def test_a_classified_page_stops_early_and_is_still_flagged(tmp_path: Path, rapid3: Ocr) -> None:
    from agent.pipeline import Scanner
    from policies import load_policy

    p = _classified_page(tmp_path)
    plain = cfg("rapidocr")
    c = dataclasses.replace(plain, ocr=dataclasses.replace(plain.ocr, early_stop=True))
    e = extract_in_process(p, c, ocr=Ocr(c))
    assert e.meta("ocr.stopped_early.p1") == "classified mark"
    lines = [b for b in e.blocks if b.kind == BlockKind.OCR_LINE]
    assert len(lines) < 30  # the rest of the page was not read
    assert any("OCR stopped early" in w for w in e.warnings)
    with Scanner(c, load_policy()) as scanner:
        verdict = scanner.scan(p)
    assert "classified" in {cat.id for cat in verdict.flagged_categories}
    # without the setting (the default) the whole page is read
    full = extract_in_process(p, plain, ocr=rapid3)
    assert full.meta("ocr.stopped_early.p1") is None
    assert len([b for b in full.blocks if b.kind == BlockKind.OCR_LINE]) >= 30


def test_small_print_on_a_large_screenshot_is_looked_at_again_larger(
    tmp_path: Path, rapid3: Ocr
) -> None:
    """A 2560 px desktop screenshot of a roster, shrunk to RapidOCR's 1280 px, has 14 px lines:
    PP-OCRv6 detection found only some of them (4 of 8 ID numbers were lost). The page is
    detected again at a size where its lines are ~22 px, and every ID number is read."""
    from tests.docgen.corpus import generate

    roster = next(d for t, d in generate(per_template=1, seed=7) if t.name == "headerless_roster")
    p = write(roster, tmp_path / "desktop.png", "screenshot", seed=2)
    e = extract_in_process(p, cfg("rapidocr"), ocr=rapid3)
    text = _flat(e.text())
    assert roster.identifiers and all(i in text for i in roster.identifiers)


def test_rapidocr_never_goes_online_and_requests_stays_unimported() -> None:
    """RapidOCR's downloader and URL loader are imported against stand-ins for `requests` and
    `tqdm`: a call is refused, nothing is fetched, and the real modules are neither imported
    (~100 ms) nor shadowed for anyone else. In a fresh interpreter: the import is what counts."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from agent.extract.ocr import _import_rapidocr\n"
        "_import_rapidocr()\n"
        "assert 'requests' not in sys.modules and 'tqdm' not in sys.modules, 'imported'\n"
        "import rapidocr.utils.download_file as dl, rapidocr.utils.load_image as li\n"
        "for call in (lambda: dl.requests.get('https://example.invalid/m.onnx'),\n"
        "             lambda: li.requests.get('https://example.invalid/a.jpg'),\n"
        "             lambda: dl.tqdm(total=1)):\n"
        "    try:\n"
        "        call()\n"
        "    except RuntimeError as e:\n"
        "        assert 'never' in str(e)\n"
        "    else:\n"
        "        raise AssertionError('a network call went through')\n"
        "import requests\n"
        "assert callable(requests.get) and requests is not dl.requests\n"
        "print('ok')\n"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_warming_loads_every_model_and_threads_do_not_spin() -> None:
    """`Ocr.warm()` (the worker's warm-up thread) hands the engine over once detection is
    loaded and returns with the line classifier and recognition loaded too; the ONNX Runtime
    sessions are told not to spin their idle threads (two cores: a spinning thread takes the
    core the next step needs)."""
    ocr = Ocr(cfg("rapidocr"))
    ocr.warm()
    eng = ocr.engine
    assert isinstance(eng, Rapid3Engine)
    models = (eng.engine.text_det, eng.engine.text_cls, eng.engine.text_rec)
    assert all(m is not None for m in models)
    for m in models:
        opts = m.session.session.get_session_options()
        assert opts.get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_a_short_lived_worker_reads_with_a_shrinking_arena_and_an_agent_worker_without(
    tmp_path: Path, doc: Doc, rapid3: Ocr
) -> None:
    """`check`'s worker (short-lived) runs ONNX Runtime with a memory arena, shrunk after every
    run, and reads a phone photo line for line as the agent's worker does; the agent's own
    worker has no arena (an arena never hands all of its memory back between pages). Both
    kinds of session run through the same wrapped call, so a shrink request reaching a session
    without an arena (ONNX Runtime refuses it) would fail here."""
    photo = write(doc, tmp_path / "photo.jpg", "photo")
    short = Ocr(cfg("rapidocr"), short_lived=True)
    for ocr, arena in ((short, True), (rapid3, False)):
        eng = ocr.engine
        assert isinstance(eng, Rapid3Engine)
        eng.warm()
        for m in (eng.engine.text_det, eng.engine.text_cls, eng.engine.text_rec):
            assert m.session.session.get_session_options().enable_cpu_mem_arena is arena
    read = [
        _flat(extract_in_process(photo, cfg("rapidocr"), ocr=ocr).text()) for ocr in (short, rapid3)
    ]
    assert read[0] == read[1]
    assert "交办单" in read[0]
    assert sum(i in read[0] for i in doc.identifiers) >= len(doc.identifiers) - 1


def test_a_large_phone_photo_is_decoded_smaller_and_still_read(tmp_path: Path, rapid3: Ocr) -> None:
    """A 12-megapixel JPEG is decoded by JPEG draft mode at half size (2016 px: still more than
    the 1600 px RapidOCR can use) instead of full size; a square draft box would have kept it
    at 4032 px, since draft shrinks only while both sides stay at least what is asked."""
    from PIL import Image, ImageDraw, ImageFont

    from agent.extract.image import draft_box

    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 150)
    img = Image.new("RGB", (4032, 3024), (236, 232, 224))
    ImageDraw.Draw(img).text((300, 1300), "关于做好疫情防控工作的通知", font=font, fill="black")
    path = tmp_path / "IMG_0001.jpg"
    img.save(path, quality=90)
    assert rapid3.input_side == 1600
    with Image.open(path) as im:
        im.draft("RGB", draft_box(im.size, rapid3.input_side))
        assert im.size == (2016, 1512)
    with Image.open(path) as im:
        im.draft("RGB", (2000, 2000))
        assert im.size == (4032, 3024)
    e = extract_in_process(path, cfg("rapidocr"), ocr=rapid3)
    assert "疫情防控工作的通知" in _flat(e.text())


def test_detection_normalises_pages_in_float32_as_rapidocr_would() -> None:
    """The detector's preprocessing gives the same input RapidOCR's own gives (its float64 mean
    made a 1280 px page go through float64 temporaries), in float32 from the start."""
    import numpy as np
    from rapidocr.ch_ppocr_det.utils import DetPreProcess

    eng = Rapid3Engine(1280)
    det = eng.engine._load_det_model()
    img = (np.random.default_rng(0).random((960, 1280, 3)) * 255).astype(np.uint8)
    theirs = DetPreProcess(det.limit_side_len, det.limit_type, det.mean, det.std)(img)
    ours = det.get_preprocess()(img)
    assert type(det.get_preprocess()) is not DetPreProcess
    assert ours.dtype == theirs.dtype == np.float32 and ours.shape == theirs.shape
    assert np.allclose(ours, theirs, atol=1e-6)
