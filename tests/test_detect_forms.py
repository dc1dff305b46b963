"""Form detectors: official-document form, marks, rosters, medical records — and the rule that a
word mentioned in a sentence is not the form of a document."""

from __future__ import annotations

import functools

from faker import Faker

from detectors import REGISTRY, DetectContext, run_detectors
from detectors.model import BBox, Block, BlockKind, Extraction, Finding, Source, Table
from detectors.roster import analyse_table
from policies import load_policy

fake = Faker("zh_CN")
fake.seed_instance(11)


@functools.cache
def policy():
    return load_policy()


def ex(*lines: str, kinds: dict[int, BlockKind] | None = None, **kw) -> Extraction:
    kinds = kinds or {}
    return Extraction(
        source=Source(
            path=kw.pop("path", "doc.txt"), sha256="0" * 64, size=1, media_type="text/plain"
        ),
        blocks=tuple(
            Block(text=ln, kind=kinds.get(i, BlockKind.PARAGRAPH)) for i, ln in enumerate(lines)
        ),
        **kw,
    )


def signals(extraction: Extraction) -> dict[str, list[Finding]]:
    found, warnings = run_detectors(extraction, policy().context())
    assert not warnings
    out: dict[str, list[Finding]] = {}
    for f in found:
        out.setdefault(f.signal, []).append(f)
    return out


def test_official_form_on_its_own_lines():
    s = signals(
        ex(
            "吉首市疫情防控指挥部文件",
            "吉疫指发〔2020〕12号",
            "关于做好返乡人员排查工作的通知",
            "各乡镇人民政府、各街道办事处、县直各部门：",
            "请于2月3日12时前将排查结果报送指挥部办公室。",
            "吉首市疫情防控指挥部",
            "2020年2月1日",
        )
    )
    for sig in (
        "doc_number",
        "title_notice",
        "main_recipients",
        "deadline",
        "signing_date",
        "issuing_body",
    ):
        assert sig in s, sig
    assert s["doc_number"][0].excerpt == "吉疫指发〔2020〕12号"


def test_mentions_inside_sentences_are_not_form():
    s = signals(
        ex(
            "案例:湖南吉首市干部用手机将《吉首市疫情防控交办单》(第010号)内容拍照并发送至亲属微信群,"
            "其亲戚又将交办单照片在微信上转发给他人,致使照片在微信上肆意传播,造成信息泄露。",
            "06 公司微信群发布文件(讨论稿)》被问责",
            "范某某擅自将《关于恢复部分公交线路的通告(讨论稿)》发布至公司微信群。",
            "03 微信群发布未经核定、内容涉密的调查报告被问责",
        )
    )
    for sig in ("order_number", "order_form_title", "draft_mark", "secrecy_mark", "doc_number"):
        assert sig not in s, sig


def test_order_form_and_number():
    s = signals(ex("吉首市疫情防控交办单", "（第010号）"))
    assert "order_form_title" in s and "order_number" in s


def test_secrecy_marks_with_and_without_star_as_ocr_reads_them():
    for mark in (
        "秘密★1年",
        "秘 密 ★ 1 年",
        "机密★5年",
        "秘密太1年",
        "绝密女长期",
        "秘密",
        "密级：机密",
    ):
        s = signals(ex(mark, "关于有关情况的报告"))
        assert "secrecy_mark" in s, mark
    assert "secrecy_mark" not in signals(ex("这是一个关于秘密花园的故事，讲述了很多有趣的事情。"))


def test_marks_in_header_footer_metadata_and_file_name():
    assert "draft_mark" in signals(ex("正文", "征求意见稿", kinds={1: BlockKind.HEADER}))
    assert "internal_mark" in signals(
        ex("正文", "第1页 内部资料 请勿外传", kinds={1: BlockKind.FOOTER})
    )
    assert "draft_mark" in signals(ex("正文", path="/tmp/关于复工的通知（讨论稿）.docx"))
    assert "secrecy_mark" in signals(
        ex("正文", metadata=(("title", "秘密★1年 情况通报"), ("ocr.rotate.p1", "0")))
    )


def test_draft_title():
    assert "draft_mark" in signals(ex("关于恢复部分公交线路的通告（讨论稿）", "正文"))


def roster_params():
    return policy().params["roster"]


def people(n: int) -> list[tuple[str, str, str]]:
    return [(fake.name(), fake.ssn(), fake.phone_number()) for _ in range(n)]


def test_roster_columns_from_headers():
    rows = (
        ("序号", "姓名", "身份证号码", "联系电话", "返回日期", "车次"),
        *tuple(
            (str(i), n, sid, ph, "1月20日", "G1502") for i, (n, sid, ph) in enumerate(people(4))
        ),
    )
    info = analyse_table(Table(rows=rows), roster_params())
    assert info["person_rows"] == 4
    assert {"name", "id", "phone", "date", "travel"} <= set(info["roles"].values())


def test_roster_columns_from_contents_without_headers():
    rows = tuple((n, sid, ph) for n, sid, ph in people(5))
    info = analyse_table(Table(rows=rows, ocr=True), roster_params())
    assert info["header_row"] == -1
    assert set(info["roles"].values()) >= {"id", "phone"}
    assert info["person_rows"] == 5
    s = signals(ex(tables=(Table(rows=rows),)))
    assert s["roster_table"][0].count == 5


def test_blank_form_template_is_not_a_roster():
    rows = (("姓名", "身份证号", "联系电话", "住址", "体温"), ("", "", "", "", ""))
    s = signals(ex("返乡人员登记表", tables=(Table(rows=rows),)))
    assert "roster_table" not in s
    assert "roster_template" in s


def test_roster_from_text_lines_when_no_table():
    lines = ["序号 姓名 身份证号 联系电话 住址"] + [
        f"{i} {n} {sid} {ph} 某某小区" for i, (n, sid, ph) in enumerate(people(3), 1)
    ]
    s = signals(ex(*lines))
    assert s["roster_lines"][0].count == 3


def test_timetable_and_price_list_are_not_rosters():
    t1 = Table(rows=(("线路", "首班", "末班"), ("1路", "6:00", "22:00"), ("2路", "6:30", "21:00")))
    t2 = Table(rows=(("品名", "规格", "单价"), ("大米", "5kg", "30.00"), ("鸡蛋", "个", "0.8")))
    s = signals(ex(tables=(t1, t2)))
    assert "roster_table" not in s


def test_medical_record_sections():
    s = signals(
        ex(
            "主诉：发热、咳嗽3天。",
            "现病史：患者3天前无明显诱因出现发热。",
            "既往史：既往体健，否认药物过敏史。",
            "体格检查：T 38.5℃，P 96次/分，R 20次/分，BP 120/80mmHg。",
            "初步诊断：社区获得性肺炎",
            "住院号：302211",
        )
    )
    assert len(s["medical_section"]) >= 4
    assert len(s["vital_signs"]) >= 3
    assert "record_number" in s


def test_detector_that_raises_becomes_a_warning_and_others_still_run():
    def broken(extraction, ctx):
        raise RuntimeError("boom")

    REGISTRY["broken_test_detector"] = broken
    try:
        found, warnings = run_detectors(ex("秘密★1年"), DetectContext(params=policy().params))
    finally:
        del REGISTRY["broken_test_detector"]
    assert any("broken_test_detector" in w and "boom" in w for w in warnings)
    assert any(f.signal == "secrecy_mark" for f in found)


def test_ocr_bbox_and_page_reach_the_finding():
    block = Block(
        text="秘密太1年",
        kind=BlockKind.OCR_LINE,
        page=2,
        bbox=BBox(0.1, 0.05, 0.3, 0.08),
        confidence=0.9,
    )
    e = Extraction(
        source=Source(path="p.jpg", sha256="0" * 64, size=1, media_type="image/jpeg"),
        blocks=(block,),
        ocr_used=True,
    )
    f = signals(e)["secrecy_mark"][0]
    assert f.location.page == 2 and f.location.bbox == block.bbox
