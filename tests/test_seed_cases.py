"""The seed article (../shared/seed-cases.md) must stay clean — as text and as a photo of its
printed page — and each of its seven document cases, recreated as a realistic document in the
form it travelled in, must be flagged with the right category. End to end through the Scanner.
"""

from __future__ import annotations

import pytest
from faker import Faker

from detectors.model import Decision
from tests.docgen.doc import Doc
from tests.docgen.render import write

fake = Faker("zh_CN")
fake.seed_instance(2020)


def seed_article() -> str:
    from tests.conftest import SHARED

    text = (SHARED / "seed-cases.md").read_text(encoding="utf-8")
    return text[text.index("党员干部注意!微信群发布这些疫情信息将被问责") :]


def test_seed_article_as_text_is_clean(scanner, tmp_path):
    p = tmp_path / "党员干部注意.txt"
    p.write_text(seed_article(), encoding="utf-8")
    v = scanner.scan(p)
    assert v.decision == Decision.CLEAN, [(c.id, c.score) for c in v.categories[:3]]


def test_seed_article_photo_of_printed_page_is_clean(scanner, tmp_path):
    paras = [ln.strip() for ln in seed_article().splitlines() if ln.strip()]
    doc = Doc(title=paras[0], paragraphs=paras[1:9])  # the first printed page: cases 01-03
    p = write(doc, tmp_path / "微信截图.jpg", "photo", seed=1)
    v = scanner.scan(p)
    assert v.decision == Decision.CLEAN, [(c.id, c.score) for c in v.categories[:3]]


def people(n: int) -> list[list[str]]:
    rows = []
    for i in range(n):
        sid = fake.ssn(min_age=10, max_age=80)
        rows.append(
            [
                str(i + 1),
                fake.name(),
                "男" if int(sid[16]) % 2 else "女",
                sid,
                fake.phone_number(),
                fake.street_address(),
                f"1月{20 + i % 10}日",
                "湖北武汉",
            ]
        )
    return rows


CASES: dict[str, tuple[str, str, Doc]] = {
    "01": (
        "photo",
        "control_order",
        Doc(
            title="吉首市疫情防控交办单",
            preamble=["（第010号）"],
            tables=[
                [
                    ["交办事项", "对峒河街道湖北返吉人员逐户排查，落实居家隔离"],
                    ["责任单位", "峒河街道办事处"],
                    ["办理时限", "1月31日18时前"],
                    ["交办单位", "吉首市疫情防控指挥部"],
                ]
            ],
            closing=["吉首市疫情防控指挥部办公室", "2020年1月31日"],
        ),
    ),
    "02": (
        "docx",
        "internal_material",
        Doc(
            header="内部资料 注意保密",
            title="南丹县新型冠状病毒感染的肺炎防控工作方案",
            paragraphs=[
                "一、工作目标：落实早发现、早报告、早隔离、早治疗措施。",
                "二、职责分工：县疾控中心负责流行病学调查和样本检测。",
                "三、物资保障：防护用品缺口较大，请县卫健局协调调配。",
            ],
            closing=["南丹县疾病预防控制中心", "2020年1月26日"],
        ),
    ),
    "03": (
        "docx",
        "investigation_report",
        Doc(
            preamble=["未经核定 注意保密"],
            title="柳江区一例新型冠状病毒感染的肺炎病例流行病学调查报告",
            paragraphs=[
                "一、基本情况：患者陈某某，男，45岁，住柳江区拉堡镇。",
                "二、发病及就诊经过：1月28日出现发热，次日到区人民医院发热门诊就诊。",
                "三、活动轨迹：1月20日自武汉返回，期间到过农贸市场并参加家庭聚餐。",
                "四、密切接触者：共排查密切接触者23人，已落实集中隔离医学观察。",
                "五、调查结论：初步判定为输入性病例。",
            ],
            closing=["柳江区疾病预防控制中心", "2020年2月3日"],
        ),
    ),
    "04": (
        "screenshot",
        "medical_record",
        Doc(
            title="富川县人民医院 住院病历",
            paragraphs=[
                "姓名：宋某某  性别：女  年龄：52岁  住院号：200131",
                "主诉：发热伴咳嗽4天。",
                "现病史：患者4天前无明显诱因出现发热，体温最高38.6℃，伴干咳。",
                "既往史：既往体健，否认药物过敏史。",
                "体格检查：T 38.2℃，P 92次/分，R 20次/分，BP 126/78mmHg。",
                "初步诊断：新型冠状病毒感染的肺炎（疑似病例）",
            ],
        ),
    ),
    "05": (
        "xlsx",
        "screening_list",
        Doc(
            title="湖北返贺人员信息排查表",
            tables=[
                [
                    [
                        "序号",
                        "姓名",
                        "性别",
                        "身份证号",
                        "联系电话",
                        "现住址",
                        "返回日期",
                        "来源地",
                    ],
                    *people(6),
                ]
            ],
        ),
    ),
    "06": (
        "docx",
        "internal_material",
        Doc(
            title="关于恢复部分公交线路的通告（讨论稿）",
            paragraphs=[
                "根据自治区人民政府有关通知精神，结合我市疫情防控工作实际，拟恢复部分公交线路运行。",
                "一、恢复线路：1路、2路、5路、11路。",
                "二、运营时间：7:00至19:00。",
            ],
            closing=["银川市公共交通有限公司", "2020年2月1日"],
        ),
    ),
    "07": (
        "pdf",
        "control_order",
        Doc(
            preamble=["乌达区卫生健康委员会"],
            title="关于做好与朱某某密接人员排查的函",
            paragraphs=[
                "苏海图街道办事处：",
                "经流行病学调查，朱某某曾于1月25日在你辖区五化村活动，现将其密切接触人员情况函告你单位，"
                "请立即组织排查并落实隔离措施。",
                "请于2月1日18时前将排查结果报送区防控工作指挥部。",
            ],
            closing=["乌达区卫生健康委员会", "2020年2月1日"],
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_seed_case_recreated_is_flagged_with_right_category(scanner, tmp_path, case):
    fmt, category, doc = CASES[case]
    ext = {"photo": ".jpg", "screenshot": ".png", "docx": ".docx", "xlsx": ".xlsx", "pdf": ".pdf"}
    p = write(doc, tmp_path / f"case{case}{ext[fmt]}", fmt, seed=int(case))
    v = scanner.scan(p)
    assert v.decision == Decision.FLAGGED, (case, [(c.id, c.score) for c in v.categories[:3]])
    assert v.flagged_categories[0].id == category, [(c.id, c.score) for c in v.categories[:3]]
    for c in v.flagged_categories:
        for ev in c.evidence:
            assert ev.text and ev.text in ev.context
