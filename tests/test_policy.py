"""The policy pack: schema errors with file:line, extension files, explainable scores, negative
evidence, archive members, allowlists and actions per mode."""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path

import pytest
from faker import Faker

from agent.errors import ConfigError
from detectors.model import BBox, Block, BlockKind, Decision, Extraction, Source, Table
from policies import DEFAULT_PACK, check_file, load_policy

fake = Faker("zh_CN")
fake.seed_instance(3)


@functools.cache
def policy():
    return load_policy()


def ex(*lines: str, path: str = "doc.txt", sha: str = "0" * 64, **kw) -> Extraction:
    return Extraction(
        source=Source(path=path, sha256=sha, size=1, media_type="text/plain"),
        blocks=tuple(Block(text=ln) for ln in lines),
        **kw,
    )


ORDER = (
    "吉疫指发〔2020〕12号",
    "关于做好返乡人员排查工作的通知",
    "各乡镇人民政府、各街道办事处：",
    "请于2月3日12时前将排查结果报送指挥部办公室。",
    "2020年2月1日",
)


def write(tmp_path: Path, text: str, name: str = "org.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# ---------------------------------------------------------------- schema


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        (
            "categories:\n  control_order:\n    threshold: 1.5\n",
            3,
            "categories.control_order.threshold",
        ),
        (
            "categories:\n  control_order:\n    signals:\n      no_such_signal: {weight: 0.5}\n",
            4,
            "categories.control_order.signals.no_such_signal",
        ),
        ("lexicon:\n  my_terms:\n    patterns: ['([unclosed']\n", 3, "lexicon.my_terms.patterns.0"),
        ("actions:\n  warn: [log, explode]\n", 2, "actions.warn.1"),
        ("allowlist:\n  sha256: [abc]\n", 2, "allowlist.sha256.0"),
        ("categorys:\n  x: 1\n", 1, "categorys"),
        ("categories:\n  a: [1, 2\n", 3, None),
    ],
)
def test_bad_extension_names_file_line_and_field(tmp_path, text, line, field):
    p = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_policy([p])
    assert err.value.path == str(p)
    assert err.value.line == line
    if field:
        assert err.value.field == field
    assert f"{p}:{line}" in str(err.value)


def test_default_pack_is_valid_and_check_file_accepts_it():
    p = check_file(DEFAULT_PACK)
    assert {c.id for c in p.categories} == {
        "control_order",
        "screening_list",
        "medical_record",
        "investigation_report",
        "internal_material",
        "classified",
    }


def test_full_pack_missing_sections_is_an_error(tmp_path):
    p = write(tmp_path, "version: 1\ncategories: {}\nlexicon: {}\ndetectors: {}\n")
    with pytest.raises(ConfigError, match="actions"):
        load_policy(base=p)


# ---------------------------------------------------------------- scoring


def test_score_follows_from_the_rows():
    for e in policy().explain(ex(*ORDER)):
        pos = 1 - math.prod(1 - r.contribution for r in e.rows if r.contribution > 0)
        neg = math.prod(1 + r.contribution for r in e.rows if r.contribution < 0)
        expected = pos * neg
        if e.capped:
            expected = min(expected, e.score)
        assert e.score == pytest.approx(expected, abs=1e-3), e.id
        for r in e.rows:
            want = abs(r.weight) * r.strength * min(1, r.count / r.saturate)
            assert abs(r.contribution) == pytest.approx(want)


def test_control_order_flagged_and_publication_mark_pulls_it_away():
    v = policy().evaluate(ex(*ORDER))
    assert v.decision == Decision.FLAGGED
    assert v.flagged_categories[0].id == "control_order"
    published = policy().evaluate(ex(*ORDER, "（此件公开发布）"))
    assert "control_order" not in {c.id for c in published.flagged_categories}
    to_public = policy().evaluate(ex(*ORDER[:2], "广大市民朋友：", *ORDER[3:]))
    assert "control_order" not in {c.id for c in to_public.flagged_categories}


def test_evidence_matched_across_spaces_is_shown_as_it_stands_in_its_context():
    """OCR puts spaces inside values (T 38.2℃); signals match the squashed NFKC line, and the
    evidence shown must still be found in the context the console highlights it in."""
    v = policy().evaluate(
        ex("入院记录", "主诉：发热3天", "体格检查：T 38.2℃，P 92次/分，R 20次/分，BP 126/80mmHg")
    )
    evidence = [ev for c in v.categories for ev in c.evidence]
    assert any(ev.signal == "vital_signs" for ev in evidence)
    for ev in evidence:
        assert ev.text in ev.context, ev


def test_builtin_category_names_are_the_default_packs():
    from policies import BUILTIN_CATEGORIES

    assert tuple(c.id for c in load_policy().categories) == BUILTIN_CATEGORIES


def test_required_signal_caps_score():
    # Task words and a deadline without any document form: a chat message, not a 公文.
    exps = {e.id: e for e in policy().explain(ex("请于2月3日前报送，务必抓好落实，交办督办"))}
    e = exps["control_order"]
    assert e.capped and e.score <= 0.3 and not e.flagged


def test_evidence_contract_masked_text_context_location_bbox():
    ids = [fake.ssn() for _ in range(3)]
    blocks = tuple(
        Block(
            text=f"{fake.name()} {i} 湖北返乡",
            kind=BlockKind.OCR_LINE,
            page=1,
            bbox=BBox(0.1, 0.1 * n, 0.9, 0.1 * n + 0.05),
            confidence=0.92,
        )
        for n, i in enumerate(ids, 1)
    )
    e = Extraction(
        source=Source(path="roster.jpg", sha256="1" * 64, size=1, media_type="image/jpeg"),
        blocks=blocks,
        ocr_used=True,
    )
    v = policy().evaluate(e)
    cat = v.flagged_categories[0]
    assert cat.id == "screening_list"
    evs = [ev for ev in cat.evidence if ev.signal == "resident_id"]
    assert evs
    for ev in evs:
        assert ev.text in ev.context
        assert ev.page == 1 and ev.bbox is not None
        assert ev.location
    dumped = repr(v.to_dict())
    for i in ids:
        assert i not in dumped and i[6:14] not in dumped


def test_actions_per_mode():
    v = policy().evaluate(ex(*ORDER))
    assert policy().actions("audit", v) == ("log",)
    assert policy().actions("warn", v) == ("log", "alert")
    assert policy().actions("block", v) == ("log", "alert", "quarantine")
    clean = policy().evaluate(ex("今天天气很好。"))
    assert clean.decision == Decision.CLEAN and policy().actions("block", clean) == ()


def test_archive_member_judged_separately_and_prefixed():
    inner = ex("秘密★1年", "关于有关情况的报告", path="a.zip!docs/b.docx")
    deeper = ex(*ORDER, path="a.zip!c.zip!d.txt")
    middle = ex(path="a.zip!c.zip", members=(deeper,))
    outer = ex("说明.txt", path="a.zip", members=(inner, middle))
    v = policy().evaluate(outer)
    assert v.decision == Decision.FLAGGED
    by_id = {c.id: c for c in v.flagged_categories}
    assert by_id["classified"].evidence[0].location.startswith("docs/b.docx")
    assert by_id["control_order"].evidence[0].location.startswith("c.zip!d.txt")


# ---------------------------------------------------------------- extension files


def test_extension_adds_terms_categories_and_allowlists(tmp_path):
    org = write(
        tmp_path,
        """
lexicon:
  org_project:
    phrases: [天网工程]
  internal_mark_extra:
    scope: short
    phrases: [仅限本局]
categories:
  org_secret_project:
    threshold: 0.5
    signals:
      org_project: {weight: 0.8}
  internal_material:
    signals:
      internal_mark_extra: {weight: 0.8}
    require_any: [draft_mark, internal_mark, internal_mark_extra]
detectors:
  marks:
    draft_terms: [酝酿稿]
allowlist:
  sha256: ["%s"]
  folders: ["/srv/published"]
  phrases: ["本局政务公开专用模板"]
"""
        % ("a" * 64),
    )
    p = load_policy([org])
    v = p.evaluate(ex("天网工程进展情况"))
    assert v.flagged_categories[0].id == "org_secret_project"
    assert "internal_material" in {
        c.id for c in p.evaluate(ex("仅限本局", "正文")).flagged_categories
    }
    assert p.evaluate(ex("关于复工的通知（酝酿稿）")).decision == Decision.FLAGGED
    # default terms are still there
    assert p.evaluate(ex("秘密★1年", "正文")).decision == Decision.FLAGGED
    assert p.evaluate(ex(*ORDER, sha="a" * 64)).allowlisted == "sha256:" + "a" * 64
    folder = p.evaluate(ex(*ORDER, path="/srv/published/x.docx"))
    assert folder.decision == Decision.CLEAN and folder.allowlisted
    phrase = p.evaluate(ex(*ORDER, "本局政务公开专用模板"))
    assert phrase.decision == Decision.CLEAN and phrase.allowlisted.startswith("phrase:")
    assert policy().evaluate(ex(*ORDER, sha="a" * 64)).decision == Decision.FLAGGED


def test_phrase_lists_are_data_not_code():
    """Every phrase a detector matches comes from the pack: with an empty marks list,
    a draft mark is no longer seen."""
    import yaml

    data = yaml.safe_load(DEFAULT_PACK.read_text(encoding="utf-8"))
    assert "讨论稿" in data["detectors"]["marks"]["draft_terms"]
    src = Path("detectors/marks.py").read_text(encoding="utf-8")
    assert "讨论稿" not in src.split('"""', 2)[2]


def test_detector_warnings_reach_the_verdict(monkeypatch):
    from detectors import REGISTRY

    def broken(extraction, ctx):
        raise ValueError("bad input")

    monkeypatch.setitem(REGISTRY, "zz_broken", broken)
    v = policy().evaluate(ex(*ORDER))
    assert v.decision == Decision.FLAGGED
    assert any(re.search("zz_broken.*bad input", w) for w in v.warnings)


def test_roster_table_in_extraction():
    rows = (
        ("姓名", "身份证号", "联系电话"),
        *tuple((fake.name(), fake.ssn(), fake.phone_number()) for _ in range(3)),
    )
    v = policy().evaluate(ex("返乡人员名单", tables=(Table(rows=rows, name="名单"),)))
    assert v.flagged_categories[0].id == "screening_list"
