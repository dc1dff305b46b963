"""Identifier detection and masking: valid IDs in every spelling people and OCR produce,
invalid ones rejected, raw values never in a finding."""

from __future__ import annotations

import functools

import pytest
from faker import Faker

from detectors import DetectContext
from detectors.identifiers import detect
from detectors.masking import find_ids, mask_id, mask_phone, mask_text
from detectors.model import Block, BlockKind, Extraction, Source, Table
from policies import load_policy

fake = Faker("zh_CN")
fake.seed_instance(7)


def extraction(*lines: str, tables: tuple[Table, ...] = ()) -> Extraction:
    return Extraction(
        source=Source(path="t.txt", sha256="0" * 64, size=1, media_type="text/plain"),
        blocks=tuple(Block(text=ln) for ln in lines),
        tables=tables,
    )


@functools.cache
def ctx() -> DetectContext:
    import hashlib

    return load_policy().context(lambda v: hashlib.sha256(b"k" + v.encode()).hexdigest()[:16])


def valid_id() -> str:
    return fake.ssn()


def with_x_checksum() -> str:
    # Faker produces some IDs ending in X; keep drawing until one does.
    for _ in range(500):
        s = fake.ssn()
        if s.endswith("X"):
            return s
    pytest.skip("no X checksum drawn")


def test_mask_shapes():
    assert mask_id("420101199001011234") == "4201**********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138 1234 5678") == "138****5678"


@pytest.mark.parametrize(
    "spell",
    [
        lambda s: s,
        lambda s: f"{s[:6]} {s[6:14]} {s[14:]}",
        lambda s: f"{s[:6]}-{s[6:14]}-{s[14:]}",
        lambda s: " ".join(s),
        lambda s: s.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")),
        lambda s: s.replace("0", "O", 2).replace("1", "l", 2),  # OCR misreads a few digits
        lambda s: s[:-1] + s[-1].lower(),
    ],
    ids=["plain", "spaces", "hyphens", "every-char", "full-width", "ocr-O-l", "lower-x"],
)
def test_resident_id_spellings_found_and_masked(spell):
    raw = with_x_checksum()  # the X checksum is the hardest case for every spelling
    text = f"身份证号：{spell(raw)} 请核实"
    found = [f for f in detect(extraction(text), ctx()) if f.signal == "resident_id"]
    assert len(found) == 1
    f = found[0]
    assert f.excerpt == mask_id(raw)
    assert raw not in f.excerpt and raw not in f.context and raw[6:14] not in f.context
    assert f.excerpt in f.context
    assert mask_id(raw) in mask_text(text)
    assert raw[6:14] not in mask_text(text)


def test_invalid_checksum_and_birth_date_rejected():
    good = valid_id()
    bad_check = good[:17] + ("0" if good[17] != "0" else "1")
    assert not find_ids(bad_check)
    # A 19491331 birth date is impossible even with a recomputed checksum.
    from stdnum.cn import ric

    body = good[:6] + "19491331" + good[14:17]
    bad_date = body + ric.calc_check_digit(body + "0")
    assert not find_ids(bad_date)
    assert find_ids(good)


def test_distinct_values_counted_by_keyed_hash():
    a, b = valid_id(), valid_id()
    ex = extraction(f"{a} 张三", f"{a} 张三（重复）", f"{b} 李四")
    found = [f for f in detect(ex, ctx()) if f.signal == "resident_id"]
    assert len({f.value_hash for f in found}) == 2
    assert all(a not in (f.value_hash or "") for f in found)


def test_phones_passport_plate():
    mobile = "139" + "12345678"
    ex = extraction(
        f"联系电话：{mobile[:3]} {mobile[3:7]} {mobile[7:]}",
        "办公室电话：0571-87654321",
        "护照号码 E12345678",
        "自驾车牌：鄂A·12345",
    )
    sig = {f.signal: f for f in detect(ex, ctx())}
    assert sig["mobile"].excerpt == "139****5678"
    assert "87654321" not in sig["landline"].excerpt
    assert sig["passport"].excerpt.startswith("E1") and "2345678" not in sig["passport"].excerpt
    assert "12345" not in sig["plate"].excerpt


def test_train_numbers_and_dates_are_not_identifiers():
    ex = extraction("1月20日乘G1502次列车，2020年1月22日返回，共计12人", "邮编 430000")
    assert not [f for f in detect(ex, ctx()) if f.signal in ("resident_id", "mobile", "passport")]


def test_identifiers_in_table_cells_are_found():
    ids = [valid_id() for _ in range(3)]
    t = Table(rows=(("姓名", "身份证号"), *((fake.name(), i) for i in ids)))
    found = [f for f in detect(extraction(tables=(t,)), ctx()) if f.signal == "resident_id"]
    assert len({f.value_hash for f in found}) == 3
    assert {f.location.row for f in found} == {1, 2, 3}


def test_mask_text_leaves_no_long_digit_runs():
    raw = valid_id()
    masked = mask_text(f"{raw}，{raw[:6]} {raw[6:]}，138-1234-5678，１３９１２３４５６７８")
    import re

    assert not re.search(r"\d{5,}", masked)  # no long run of digits left unmasked
    assert "1234-5678" not in masked


def test_header_footer_blocks_count():
    raw = valid_id()
    ex = Extraction(
        source=Source(path="t.docx", sha256="0" * 64, size=1, media_type="x"),
        blocks=(Block(text=f"联系人身份证 {raw}", kind=BlockKind.FOOTER),),
    )
    assert [f.signal for f in detect(ex, ctx())] == ["resident_id"]
