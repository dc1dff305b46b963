"""Thumbnails: the page as OCR saw it, identifiers blacked out, other findings outlined in red."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytesseract
import pytest
from faker import Faker
from PIL import Image, ImageDraw, ImageFont

from agent.review.thumbnails import has_identifier, make_thumbnail
from detectors.model import (
    BBox,
    Block,
    BlockKind,
    CategoryScore,
    Decision,
    Evidence,
    Extraction,
    Source,
    Verdict,
)
from tests.docgen.render import cjk_font_path


def _page(tmp_path: Path, raw_id: str) -> tuple[Path, dict[str, tuple[float, ...]], Image.Image]:
    """A 1200x1600 page with a title, an ID line and a deadline line; returns normalised boxes."""
    img = Image.new("RGB", (1200, 1600), "white")
    d = ImageDraw.Draw(img)
    big = ImageFont.truetype(cjk_font_path(), 64)
    font = ImageFont.truetype(cjk_font_path(), 40)
    lines = {
        "title": ((380, 120), "信访事项交办单", big),
        "id": ((100, 400), f"身份证号：{raw_id}", font),
        "deadline": ((100, 600), "请于12月10日前报送办理结果", font),
    }
    boxes = {}
    for key, (xy, text, f) in lines.items():
        d.text(xy, text, fill="black", font=f)
        x0, y0, x1, y1 = d.textbbox(xy, text, font=f)
        boxes[key] = (x0 / 1200, y0 / 1600, x1 / 1200, y1 / 1600)
    return img, boxes, lines  # type: ignore[return-value]


def _extraction(path: Path, boxes, lines, rotate: int = 0) -> tuple[Extraction, Verdict]:
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    src = Source(str(path), sha, len(data), "image/png")
    blocks = tuple(
        Block(lines[k][1], BlockKind.OCR_LINE, page=1, bbox=BBox(*boxes[k])) for k in boxes
    )
    meta = (("ocr.rotate.p1", str(rotate)),) if rotate else ()
    extraction = Extraction(source=src, blocks=blocks, metadata=meta, ocr_used=True, pages=1)
    verdict = Verdict(
        path=str(path),
        decision=Decision.FLAGGED,
        categories=(
            CategoryScore(
                "control_order",
                0.9,
                0.6,
                (
                    Evidence(
                        "doc_form",
                        "order_form_title",
                        "信访事项交办单",
                        "p1",
                        0.6,
                        page=1,
                        bbox=boxes["title"],
                    ),
                    Evidence(
                        "doc_form",
                        "deadline",
                        "请于12月10日前",
                        "p1",
                        0.3,
                        page=1,
                        bbox=boxes["deadline"],
                    ),
                ),
            ),
        ),
        sha256=sha,
        media_type="image/png",
    )
    return extraction, verdict


def _dark_fraction(img: Image.Image, box, pad: int = 0) -> float:
    w, h = img.size
    crop = img.convert("L").crop(
        (int(box[0] * w) + pad, int(box[1] * h) + pad, int(box[2] * w) - pad, int(box[3] * h) - pad)
    )
    px = crop.tobytes()
    return sum(1 for p in px if p < 60) / max(1, len(px))


def test_identifier_line_is_blacked_out_and_findings_outlined(tmp_path: Path):
    raw_id = Faker("zh_CN").ssn()
    img, boxes, lines = _page(tmp_path, raw_id)
    src = tmp_path / "order.png"
    img.save(src)
    extraction, verdict = _extraction(src, boxes, lines)
    out = make_thumbnail(src, extraction, verdict, tmp_path / "thumbs")
    assert out is not None and out.parent == tmp_path / "thumbs"
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    thumb = Image.open(out).convert("RGB")
    assert max(thumb.size) <= 640
    assert _dark_fraction(thumb, boxes["id"], pad=1) > 0.95  # the whole ID line is black
    assert _dark_fraction(thumb, boxes["title"], pad=4) < 0.6  # the title is still visible
    # red outline around the title finding
    w, h = thumb.size
    x0 = int(boxes["title"][0] * w) - 3
    y = int((boxes["title"][1] + boxes["title"][3]) / 2 * h)
    assert any(
        thumb.getpixel((x, y))[0] > 180 and thumb.getpixel((x, y))[1] < 90
        for x in range(max(0, x0 - 3), x0 + 3)
    )
    # OCR of the thumbnail reads the title but no digit run of the ID
    text = pytesseract.image_to_string(thumb.resize((w * 2, h * 2)), lang="chi_sim")
    digits = "".join(c for c in text if c.isdigit())
    assert raw_id[:10] not in digits and raw_id[-8:] not in digits


def test_rotation_applied_by_ocr_is_repeated(tmp_path: Path):
    raw_id = Faker("zh_CN").ssn()
    img, boxes, lines = _page(tmp_path, raw_id)
    # the file on disk lies on its side; OCR turned it 90° counter-clockwise to read it
    src = tmp_path / "sideways.png"
    img.rotate(-90, expand=True).save(src)
    extraction, verdict = _extraction(src, boxes, lines, rotate=90)
    out = make_thumbnail(src, extraction, verdict, tmp_path / "thumbs")
    thumb = Image.open(out)
    assert thumb.size[1] > thumb.size[0]  # upright again
    assert _dark_fraction(thumb, boxes["id"], pad=1) > 0.95


def test_no_thumbnail_without_ocr(tmp_path: Path):
    p = tmp_path / "a.txt"
    p.write_text("x")
    src = Source(str(p), "0" * 64, 1, "text/plain")
    v = Verdict(str(p), Decision.FLAGGED)
    assert make_thumbnail(p, Extraction(source=src), v, tmp_path / "t") is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("身份证号：110101199003071234", True),
        ("电话 138 0013 8000", True),
        ("身份证 1101０1199003０71234", True),
        ("请于2026年12月10日前报送", False),
        ("〔2026〕第0147号", False),
    ],
)
def test_has_identifier(text: str, expected: bool):
    assert has_identifier(text) is expected


def test_retention_purge_removes_the_pictures_with_the_evidence(tmp_path: Path):
    from agent.config import Config
    from agent.review.thumbnails import purge_orphans, thumbnail_for
    from agent.store import Store

    config = Config(data_dir=str(tmp_path / "data"))
    raw_id = Faker("zh_CN").ssn()
    img, boxes, lines = _page(tmp_path, raw_id)
    src = tmp_path / "order.png"
    img.save(src)
    extraction, verdict = _extraction(src, boxes, lines)
    name = thumbnail_for(config, src, extraction, verdict)
    assert name and (config.thumbnails_path / name).is_file()
    with Store.open(config) as store:
        store.append_verdict(verdict, thumbnail=name, time="2026-01-01T00:00:00.000Z")
        (config.thumbnails_path / "left-by-a-crash.png").write_bytes(b"x")
        assert purge_orphans(config, store) == 1  # only the unnamed file goes
        assert (config.thumbnails_path / name).is_file()
        store.purge_evidence("2026-06-01")
        assert purge_orphans(config, store) == 1
        assert not any(config.thumbnails_path.iterdir())
        assert store.verify().ok
