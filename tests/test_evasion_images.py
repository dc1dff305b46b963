"""Evasion through pictures: a screenshot of a spreadsheet roster and a mirrored phone photo
(a selfie camera, or a picture flipped in an editor) are still recognised, end to end."""

from __future__ import annotations

from pathlib import Path

from faker import Faker
from PIL import Image, ImageDraw, ImageFont, ImageOps

from agent.pipeline import Scanner
from detectors.model import Decision
from tests.docgen.doc import Doc
from tests.docgen.render import cjk_font_path, write


def _spreadsheet_screenshot(rows: list[list[str]], path: Path) -> Path:
    """Draw what a spreadsheet program shows: column letters, row numbers, grid, cells."""
    font = ImageFont.truetype(cjk_font_path(), 22)
    small = ImageFont.truetype(cjk_font_path(), 18)
    widths = [80, 140, 300, 200, 170]
    x0, y0, row_h = 60, 110, 40
    img = Image.new("RGB", (1600, 900), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, 1600, 70), fill=(33, 115, 70))  # the program's ribbon
    d.text((20, 20), "工作簿1 - 表格", font=small, fill="white")
    d.rectangle((0, 70, 1600, y0), fill=(240, 240, 240))
    x = x0
    for i, w in enumerate(widths):
        d.text((x + w // 2 - 6, 78), "ABCDE"[i], font=small, fill=(90, 90, 90))
        x += w
    for r, row in enumerate(rows):
        y = y0 + r * row_h
        d.rectangle((0, y, x0, y + row_h), fill=(240, 240, 240))
        d.text((18, y + 8), str(r + 1), font=small, fill=(90, 90, 90))
        x = x0
        for w, cell in zip(widths, row, strict=True):
            d.rectangle((x, y, x + w, y + row_h), outline=(200, 200, 200))
            d.text((x + 6, y + 7), cell, font=font, fill="black")
            x += w
    img.save(path)
    return path


def test_screenshot_of_a_spreadsheet_roster(scanner: Scanner, tmp_path: Path) -> None:
    fake = Faker("zh_CN")
    fake.seed_instance(2020)
    people = [
        [str(i), fake.name(), fake.ssn(min_age=18, max_age=80), fake.phone_number(), "1月28日"]
        for i in range(1, 9)
    ]
    p = _spreadsheet_screenshot(
        [["序号", "姓名", "身份证号", "联系电话", "返回日期"], *people], tmp_path / "截图.png"
    )
    v = scanner.scan(p)
    assert v.decision is Decision.FLAGGED, v
    top = v.flagged_categories[0]
    assert top.id == "screening_list"
    shown = " ".join(e.text + e.context for e in top.evidence)
    for _, _, ssn, phone, _ in people:
        assert ssn not in shown and phone not in shown  # evidence is masked


def test_mirrored_phone_photo_of_a_control_order(scanner: Scanner, tmp_path: Path) -> None:
    doc = Doc(
        title="疫情防控交办单",
        preamble=["（第015号）"],
        paragraphs=[
            "交办单位：县疫情防控指挥部办公室",
            "承办单位：城关镇人民政府",
            "交办事项：对辖区内近14天湖北返乡人员逐户开展排查登记",
            "办理时限：请于2月3日18时前报送排查结果",
        ],
    )
    photo = write(doc, tmp_path / "photo.jpg", "photo")
    mirrored = tmp_path / "IMG_0415.jpg"
    ImageOps.mirror(Image.open(photo)).save(mirrored, quality=85)
    v = scanner.scan(mirrored)
    assert v.decision is Decision.FLAGGED, v
    assert v.flagged_categories[0].id == "control_order"
