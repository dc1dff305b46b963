# ruff: noqa: E501  (Chinese text data: long lines read better unbroken)
"""Blind evaluation batch 3: document families written without seeing the detector.

Author: engineer "blind3" (worktree `blind3`, branch `blind3`), written 2026-12-02 (UTC).

Independence: the author did not open `detectors/`, `policies/`, `tests/test_detect*`,
`tests/test_policy*`, `tests/test_seed_cases.py`, `tests/test_evasion*` or `bench/accuracy.py`,
did not read the other blind batches (`tests/blind/batch1.py`, `batch2.py`), and did not run
shareguard's scan/check/explain on these documents. Read only: `tests/docgen/doc.py`,
`render.py`, `corpus.py` (the API), the opening of `templates.py` (how a template is written),
`tests/test_blind_blind1.py` (shape of the fast test), `../shared/seed-cases.md` and a sample of
`../shared/corpus/train` (how real Chinese documents read; no text copied).

Emphasis of this batch: sectors other than epidemic-era government (banks, state-owned
enterprises, courts, public security, environmental protection, emergency management, schools),
earlier eras (2008-2019), handwritten-style registration forms, scanned key:value forms, very
short one-paragraph documents, documents mixing two kinds (labelled by the kind that makes them
unshareable first), and hard negatives that quote internal documents in public news or are public
forms with blank fields.

People are Faker zh_CN (valid-checksum resident IDs that belong to nobody); place and unit names
are invented by combining syllables; every event is invented.

Rule: this batch must be measured ONCE, before any tuning on it, and that first number recorded
(with command and commit) in tests/blind/README.md. Only after that may it join the
training/tuning material, and later numbers on it must say it is no longer blind.
"""

from __future__ import annotations

import random

from faker import Faker

from tests.docgen.doc import Doc
from tests.docgen.templates import Template

SPLIT = "blind3"
FAMILIES: list[Template] = []
FORMATS: dict[str, tuple[str, ...]] = {}


def family(name: str, label: str, *formats: str):
    """Register a builder as a blind3 family with the formats it really travels in."""

    def deco(fn):
        FAMILIES.append(Template(name, label, SPLIT, fn))
        FORMATS[name] = tuple(formats)
        return fn

    return deco


# ---------------------------------------------------------------- shared helpers

_P1 = "东西南北安永平宁丰庆兴隆临清河泽沙青白石长新金云龙凤华阳"
_P2 = "川陵溪原阳山城江浦岭湖源州台塘峰林安水"
_TOWN_SUFFIX = ("镇", "乡", "街道")
_VILLAGE = ("村", "社区", "居委会")
_NUM = "一二三四五六七八九十"


def place(rng: random.Random) -> str:
    return rng.choice(_P1) + rng.choice(_P2)


def county(rng: random.Random) -> str:
    return place(rng) + rng.choice(("县", "区", "市"))


def town(rng: random.Random) -> str:
    return place(rng) + rng.choice(_TOWN_SUFFIX)


def village(rng: random.Random) -> str:
    return place(rng) + rng.choice(_VILLAGE)


def ymd(rng: random.Random, y0: int, y1: int) -> tuple[int, int, int]:
    return rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28)


def cn_date(d: tuple[int, int, int]) -> str:
    return f"{d[0]}年{d[1]}月{d[2]}日"


def md(d: tuple[int, int, int]) -> str:
    return f"{d[1]}月{d[2]}日"


def cn_num(n: int) -> str:
    if n <= 10:
        return _NUM[n - 1]
    if n < 20:
        return "十" + _NUM[n - 11]
    return _NUM[n // 10 - 1] + "十" + (_NUM[n % 10 - 1] if n % 10 else "")


def person(fake: Faker, lo: int = 18, hi: int = 75, ref_year: int = 2026) -> dict:
    ssn = fake.ssn(min_age=lo, max_age=hi)
    sex = "男" if int(ssn[16]) % 2 else "女"
    age = ref_year - int(ssn[6:10])
    name = fake.name_male() if sex == "男" else fake.name_female()
    return {"name": name, "ssn": ssn, "sex": sex, "age": age, "phone": fake.phone_number()}


def masked_name(rng: random.Random, fake: Faker) -> str:
    return fake.last_name() + rng.choice(("某", "某某"))


def time_hm(rng: random.Random, lo: int = 8, hi: int = 18) -> str:
    return f"{rng.randint(lo, hi)}:{rng.choice(('00', '30'))}"


def landline(rng: random.Random) -> str:
    return f"0{rng.randint(310, 999)}-{rng.randint(2000000, 8999999)}"


# ================================================================ control_order


@family("b3_co_bank_work_tip", "control_order", "docx", "pdf", "photo")
def _bank_work_tip(rng: random.Random, fake: Faker) -> Doc:
    """A bank branch office's 工作提示单 to its sub-branches, 2013-2019."""
    city = place(rng)
    bank = rng.choice(("农商银行", "城市商业银行", "邮政储蓄银行", "村镇银行"))
    d = ymd(rng, 2013, 2019)
    no = rng.randint(3, 60)
    num = rng.choice((f"{city[0]}银办提〔{d[0]}〕{no}号", f"提示单编号：{d[0]}-{no:03d}", ""))
    topic = rng.choice(
        (
            ("存量账户风险排查", "涉赌涉诈可疑账户"),
            ("员工异常行为排查", "员工参与民间借贷、违规担保"),
            ("反洗钱可疑交易回溯", "大额现金频繁存取"),
        )
    )
    due = (d[0], d[1], d[2]) if d[2] > 20 else (d[0], d[1], d[2] + rng.randint(3, 7))
    if d[2] > 20:
        due = (d[0], d[1] + 1, rng.randint(1, 10)) if d[1] < 12 else (d[0], 12, 31)
    contact = fake.name()
    phone = fake.phone_number()
    paras = [
        "各支行、营业部：",
        f"近期上级行通报了多起{topic[1]}案例，暴露出部分网点{rng.choice(('制度执行不到位', '日常监测流于形式', '客户身份识别不严'))}等问题。为切实防控风险，现将有关工作提示如下：",
        f"一、各支行要立即组织对辖内{topic[0]}，逐户逐人核实，建立台账，做到不漏一户。",
        f"二、排查中发现的疑点线索，由支行行长亲自核实，{rng.choice(('不得自行处置', '严禁向客户透露排查情况', '一律不得对外提供'))}。",
        f"三、请于{md(due)}{time_hm(rng, 9, 17)}前将排查台账及情况说明（加盖公章）报送分行{rng.choice(('内控合规部', '运营管理部', '风险管理部'))}。",
        rng.choice(
            (
                "对逾期未报、敷衍了事的支行，纳入年度内控考核并扣减绩效。",
                "对排查不力造成风险事件的，将严肃追究支行负责人责任。",
                "逾期未报送的，分行将在全辖予以通报。",
            )
        ),
        f"联系人：{contact}，电话：{phone}。",
    ]
    return Doc(
        title=rng.choice(("工作提示单", f"关于开展{topic[0]}的工作提示")),
        preamble=[
            f"{city}{bank}{rng.choice(('分行', '管理部', '总行'))}办公室",
            *([num] if num else []),
        ],
        paragraphs=paras,
        closing=[f"{city}{bank}办公室", cn_date(d), "（此件发至支行）"],
        label="control_order",
        kind="b3_co_bank_work_tip",
        key_phrases=["工作提示"],
        identifiers=[phone],
    )


@family("b3_co_court_duban_card", "control_order", "docx", "pdf-scan", "photo")
def _court_duban_card(rng: random.Random, fake: Faker) -> Doc:
    """A court's 案件督办卡: a scanned key:value form, two key:value lines above the grid."""
    court = place(rng) + rng.choice(("县人民法院", "区人民法院", "市中级人民法院"))
    d = ymd(rng, 2009, 2018)
    case_no = f"（{d[0]}）{place(rng)[0]}{rng.choice(('民初', '执', '刑初', '行初'))}字第{rng.randint(12, 1999)}号"
    judge = fake.name()
    days = rng.choice((5, 7, 10, 15))
    rows = [
        ["督办编号", f"督字〔{d[0]}〕第{rng.randint(1, 90)}号", "督办日期", cn_date(d)],
        ["案号", case_no, "承办庭室", rng.choice(("民一庭", "执行局", "刑事审判庭", "立案庭"))],
        [
            "承办人",
            judge,
            "督办类别",
            rng.choice(("超审限案件", "信访督办", "院长交办", "长期未结案件")),
        ],
        ["办理结果", "", "承办人签字", ""],
    ]
    matter = rng.choice(
        (
            "该案已超审限，请说明原因并尽快审结。",
            "当事人多次来院反映执行进度，请核查并限期答复。",
            "请查明延期原因，提出结案计划。",
        )
    )
    demand = f"请于收到本卡之日起{days}个工作日内办结，并将办理结果书面报审判管理办公室。"
    closing = [f"{court}审判管理办公室（印）"]
    if rng.random() < 0.6:
        closing.append("注：逾期未反馈的，纳入审判绩效考核并在全院通报。")
    return Doc(
        title=rng.choice(("案件督办卡", "督办通知单", "审判流程督办单")),
        preamble=[court],
        paragraphs=[f"督办事项：{matter}", f"办理要求：{demand}"],
        tables=[rows],
        closing=closing,
        label="control_order",
        kind="b3_co_court_duban_card",
        key_phrases=[case_no],
    )


@family("b3_co_school_group_order", "control_order", "txt", "phone-screenshot")
def _school_group_order(rng: random.Random, fake: Faker) -> Doc:
    """A short WeChat-group order from a county education bureau to school heads."""
    ed = county(rng) + "教育局"
    task = rng.choice(
        (
            ("本校留守儿童摸底表", "未按要求填写身份证号的一律退回"),
            ("假期学生外出情况统计表", "须逐人电话核实，不得估报"),
            ("校舍安全隐患自查表", "须校长签字并加盖学校公章"),
            ("教职工离县报备汇总表", "未报备擅自离县的按旷工处理"),
        )
    )
    deadline = f"{rng.choice(('今天', '明天', '本周五'))}{rng.choice(('12:00', '17:00', '17:30', '20:00'))}"
    sender = fake.name()
    paras = [
        f"{sender}（{ed}{rng.choice(('办公室', '安全股', '基教股'))}）：",
        f"@所有人 各中小学、幼儿园负责人：接上级紧急通知，请于{deadline}前将《{task[0]}》报送至{rng.choice(('股室邮箱', '本群', '我的微信'))}，{task[1]}。",
        rng.choice(
            (
                "逾期未报的学校，局里将在全县校长会上点名通报。",
                "收到请回复“收到”，不得遗漏。",
                "此事局长亲自过问，请务必按时完成，未按时报送的追究校长责任。",
            )
        ),
    ]
    if rng.random() < 0.5:
        paras.append("（附件：" + task[0] + ".xlsx）")
    return Doc(
        paragraphs=paras,
        label="control_order",
        kind="b3_co_school_group_order",
        key_phrases=["@所有人"],
    )


@family("b3_co_env_rectify_breakdown", "control_order", "docx", "pdf", "xlsx")
def _env_rectify_breakdown(rng: random.Random, fake: Faker) -> Doc:
    """An environmental-inspection rectification task breakdown sent down with a 文号."""
    cty = county(rng)
    d = ymd(rng, 2016, 2019)
    no = rng.randint(2, 40)
    problems = [
        "城区污水处理厂出水氨氮超标",
        "工业园区部分企业未批先建",
        "河道沿线畜禽养殖污染未清理",
        "建筑工地扬尘管控不到位",
        "垃圾填埋场渗滤液外溢",
        "砂石场无证开采、破坏植被",
        "饮用水水源保护区内违规建设",
    ]
    rng.shuffle(problems)
    units = ["住建局", "生态环境分局", "农业农村局", "自然资源局", "水利局", "工信局", "城管局"]
    rows = [["序号", "督察反馈问题", "牵头单位", "配合单位", "责任人", "整改时限"]]
    for i, p in enumerate(problems[: rng.randint(4, 6)], 1):
        lead, helper = rng.sample(units, 2)
        rows.append(
            [
                str(i),
                p,
                f"县{lead}",
                f"县{helper}、{town(rng)}",
                fake.name(),
                rng.choice(
                    (
                        f"{d[0]}年{rng.randint(d[1], 12)}月底前",
                        "立行立改",
                        "长期坚持",
                        f"{d[0] + 1}年6月30日前",
                    )
                ),
            ]
        )
    return Doc(
        title=f"关于印发《{cty}中央环保督察反馈问题整改任务分解表》的通知",
        preamble=[
            f"{cty[0]}环委办〔{d[0]}〕{no}号"
            if rng.random() < 0.7
            else f"{cty}环境保护委员会办公室"
        ],
        paragraphs=[
            "各乡镇人民政府、街道办事处，县直有关单位：",
            "现将督察反馈问题整改任务分解表印发给你们，请各牵头单位主要负责同志亲自抓、负总责，对照任务逐项制定整改方案，明确时间表和路线图。",
            f"各单位须于每月{rng.choice((5, 10, 25))}日前将整改进展报县环委办；{rng.choice(('整改不力、进度滞后的，将提请县纪委监委启动问责程序。', '对敷衍整改、虚假整改的，一律严肃追责。'))}",
        ],
        tables=[rows],
        closing=[f"{cty}环境保护委员会办公室", cn_date(d)],
        label="control_order",
        kind="b3_co_env_rectify_breakdown",
        key_phrases=["牵头单位", "整改时限"],
    )


@family("b3_co_flood_meeting_notice", "control_order", "docx", "txt", "photo")
def _flood_meeting_notice(rng: random.Random, fake: Faker) -> Doc:
    """An emergency-management meeting notice with tasks, sometimes without any title or number."""
    cty = county(rng)
    d = ymd(rng, 2010, 2020)
    hour = rng.choice(("上午9:00", "下午2:30", "上午8:30"))
    room = rng.choice(("县政府三楼会议室", "县应急指挥中心", "防汛办二楼会商室"))
    contact = fake.name()
    phone = fake.phone_number()
    paras = [
        "各乡（镇）人民政府，县防指各成员单位：",
        f"经县政府领导同意，定于{md(d)}{hour}在{room}召开全县{rng.choice(('防汛抗旱', '安全生产', '森林防火', '地质灾害防治'))}工作紧急调度会。现将有关事项通知如下：",
        "一、参会人员：各乡（镇）主要负责同志、分管负责同志；各成员单位主要负责同志。",
        f"二、会前准备：请各单位于{md(d)}{rng.choice(('上午11:00', '前一日17:00', '当日8:00'))}前将本辖区隐患点排查清单、转移避险预案及值班表报送县应急管理局。",
        "三、参会人员不得请假，确因特殊情况不能参会的，须向县政府分管领导书面请假。"
        + rng.choice(("无故缺席或迟到的，予以通报批评。", "", "会议纪律纳入年度考核。")),
        f"联系人：{contact}　{phone}",
    ]
    has_title = rng.random() < 0.6
    return Doc(
        title="关于召开全县紧急调度会的通知" if has_title else "",
        preamble=[f"{cty}防汛抗旱指挥部办公室"] if has_title else [],
        paragraphs=paras,
        closing=[f"{cty}应急管理局" if d[0] >= 2019 else f"{cty}防汛抗旱指挥部办公室", cn_date(d)],
        label="control_order",
        kind="b3_co_flood_meeting_notice",
        identifiers=[phone],
    )


@family("b3_co_police_tracing_letter_roster", "control_order", "docx", "pdf", "photo")
def _police_tracing_letter(rng: random.Random, fake: Faker) -> Doc:
    """Mixed kind: a public-security letter tasking a station to trace people, with the roster
    attached. Labelled control_order (the letter tasks a subordinate unit)."""
    cty = county(rng)
    d = ymd(rng, 2012, 2021)
    station = town(rng)[:-1] + "派出所"
    people = [person(fake) for _ in range(rng.randint(3, 6))]
    rows = [["序号", "姓名", "公民身份号码", "联系电话", "备注"]]
    for i, p in enumerate(people, 1):
        rows.append(
            [
                str(i),
                p["name"],
                p["ssn"],
                p["phone"],
                rng.choice(("", "户籍在辖区", "暂住人口", "手机号待核实")),
            ]
        )
    return Doc(
        title=rng.choice(("关于协助核查有关人员情况的函", "关于对有关人员开展落地核查的通知")),
        preamble=[
            f"{cty}公安局{rng.choice(('治安管理大队', '指挥中心', '情报信息中心'))}",
            f"{cty[0]}公治函〔{d[0]}〕{rng.randint(5, 99)}号",
        ],
        paragraphs=[
            f"{station}：",
            f"根据工作需要，请你所对下列{len(people)}名人员开展落地核查，查明其现住址、工作单位及近期活动情况，做到见人见面。",
            f"请于{rng.randint(2, 5)}日内将核查结果反馈我大队，核查过程中注意工作方法，不得泄露核查事由。",
        ],
        tables=[rows],
        closing=[f"{cty}公安局", cn_date(d)],
        label="control_order",
        kind="b3_co_police_tracing_letter_roster",
        identifiers=[p["ssn"] for p in people],
    )


# ================================================================ screening_list


@family("b3_sl_checkpoint_handwritten", "screening_list", "docx", "photo", "pdf-scan")
def _checkpoint_handwritten(rng: random.Random, fake: Faker) -> Doc:
    """A village checkpoint's handwritten-style 外来人员登记表 (ruled form, many blank cells)."""
    vil = village(rng)
    y = rng.choice((2020, 2021, 2022))
    m = rng.randint(1, 3) if y == 2020 else rng.randint(1, 12)
    rows = [["日期", "姓名", "身份证号", "从何地来", "体温℃"]]
    ids = []
    recorder = fake.name()
    for _ in range(rng.randint(5, 9)):
        p = person(fake)
        ids.append(p["ssn"])
        rows.append(
            [
                f"{m}.{rng.randint(1, 28)}",
                p["name"],
                p["ssn"] if rng.random() < 0.8 else p["phone"],
                rng.choice(("武汉", "孝感", "温州", "广州", "外省", "本县城区", "黄冈")),
                f"{rng.choice(('36.', '36.', '37.'))}{rng.randint(0, 5)}",
            ]
        )
    return Doc(
        title=rng.choice(("外来人员登记表", "卡点进出人员登记", f"{vil}疫情防控卡点登记表")),
        paragraphs=[rng.choice(("（第__页）", f"卡点位置：{vil}村口", f"值班人：{recorder}"))],
        tables=[rows],
        label="screening_list",
        kind="b3_sl_checkpoint_handwritten",
        identifiers=[i for i in ids if any(i in r for r in rows)],
    )


@family("b3_sl_chat_pasted_lines", "screening_list", "txt", "phone-screenshot")
def _chat_pasted_lines(rng: random.Random, fake: Faker) -> Doc:
    """Numbered lines pasted into a chat, no header row, sometimes with a one-line lead-in."""
    lines = []
    ids = []
    for i in range(1, rng.randint(4, 8)):
        p = person(fake, 16, 80)
        ids.append(p["phone"])
        src = rng.choice(("武汉", "汉口", "湖北孝感", "温州", "黄冈"))
        trip = rng.choice(
            (
                f"G{rng.randint(100, 9999)}",
                f"D{rng.randint(100, 3999)}",
                f"K{rng.randint(100, 1999)}",
                "自驾",
                f"MU{rng.randint(1000, 9999)}",
            )
        )
        sep = rng.choice((" ", "，", "  "))
        lines.append(
            sep.join(
                (
                    f"{i}.{p['name']}",
                    p["sex"],
                    f"{p['age']}岁",
                    p["phone"],
                    f"住{village(rng)}{rng.randint(1, 20)}组",
                    f"1月{rng.randint(10, 24)}日从{src}返回",
                    trip,
                    rng.choice(("居家观察", "无症状", "已测体温正常", "有咳嗽", "")),
                )
            ).rstrip(" ，")
        )
    lead = rng.choice(
        ("", "刚社区报上来的，大家核一下", "今天新增的返乡人员", f"{town(rng)}最新名单如下：")
    )
    return Doc(
        paragraphs=([lead] if lead else []) + lines,
        label="screening_list",
        kind="b3_sl_chat_pasted_lines",
        identifiers=ids,
    )


@family("b3_sl_school_health_log", "screening_list", "xlsx", "csv-gbk", "docx")
def _school_health_log(rng: random.Random, fake: Faker) -> Doc:
    """A class's daily student health monitoring sheet with parent phones and household travel."""
    school = place(rng) + rng.choice(("实验小学", "第二中学", "中心小学", "职业中学"))
    cls = f"{rng.randint(1, 6)}年级{rng.randint(1, 8)}班"
    d = ymd(rng, 2020, 2022)
    rows = [
        [
            "学号",
            "学生姓名",
            "性别",
            "家长姓名",
            "家长电话",
            "晨检体温",
            "症状",
            "共同居住人14天内旅居史",
            "是否隔离",
        ]
    ]
    ids = []
    for i in range(rng.randint(6, 12)):
        sex = rng.choice("男女")
        parent = fake.name()
        ph = fake.phone_number()
        ids.append(ph)
        travel = rng.choice(("无", "无", "无", "父亲从外省返回", "母亲为密接", "外婆在中风险地区"))
        rows.append(
            [
                f"{d[0]}{rng.randint(10, 99)}{i + 1:02d}",
                fake.name(),
                sex,
                parent,
                ph,
                f"36.{rng.randint(1, 9)}" if rng.random() < 0.9 else "37.6",
                rng.choice(("无", "无", "无", "咳嗽", "咽痛", "发热")),
                travel,
                "居家隔离" if travel != "无" else "否",
            ]
        )
    return Doc(
        title=f"{school}{cls}学生健康监测登记表（{md(d)}）",
        tables=[rows],
        closing=[f"班主任：{fake.name()}"],
        label="screening_list",
        kind="b3_sl_school_health_log",
        identifiers=ids,
    )


@family("b3_sl_soe_unvaccinated", "screening_list", "xlsx", "csv-gbk", "docx")
def _soe_unvaccinated(rng: random.Random, fake: Faker) -> Doc:
    """A state-owned enterprise's list of staff not yet vaccinated, with medical reasons."""
    corp = place(rng) + rng.choice(("电力公司", "燃气集团", "交通投资集团", "烟草公司", "水务集团"))
    rows = [["部门", "姓名", "身份证号", "手机", "未接种原因", "计划接种时间"]]
    ids = []
    depts = ("综合部", "财务部", "生产运行部", "营销中心", "安监部", "后勤服务中心")
    for _ in range(rng.randint(5, 10)):
        p = person(fake, 22, 60)
        ids.append(p["ssn"])
        rows.append(
            [
                rng.choice(depts),
                p["name"],
                p["ssn"],
                p["phone"],
                rng.choice(
                    (
                        "妊娠期",
                        "哺乳期",
                        "高血压未控制",
                        "恶性肿瘤化疗中",
                        "过敏体质",
                        "发热待查",
                        "本人拒绝",
                        "免疫性疾病",
                    )
                ),
                rng.choice(("待定", "产后", f"{rng.randint(1, 12)}月底前", "遵医嘱")),
            ]
        )
    show_title = rng.random() < 0.7
    return Doc(
        title=f"{corp}未接种新冠疫苗人员统计表" if show_title else "",
        tables=[rows if show_title or rng.random() < 0.5 else rows[1:]],
        closing=[f"填报人：{fake.name()}　填报日期：{cn_date(ymd(rng, 2021, 2022))}"],
        label="screening_list",
        kind="b3_sl_soe_unvaccinated",
        identifiers=ids,
    )


@family("b3_sl_isolation_ledger_kv", "screening_list", "docx", "pdf", "photo")
def _isolation_ledger_kv(rng: random.Random, fake: Faker) -> Doc:
    """A hotel isolation site's ledger written as key:value blocks per person (no table)."""
    site = place(rng) + rng.choice(("宾馆", "酒店", "培训中心", "党校"))
    paras = [f"{site}集中隔离点人员台账（{cn_date(ymd(rng, 2020, 2022))}更新）"]
    ids = []
    for _ in range(rng.randint(3, 5)):
        p = person(fake)
        ids.append(p["ssn"])
        paras.append(
            f"房间号：{rng.randint(2, 9)}{rng.randint(1, 30):02d}；姓名：{p['name']}；性别：{p['sex']}；身份证：{p['ssn']}；电话：{p['phone']}；"
            f"隔离原因：{rng.choice(('密接', '次密接', '入境人员', '中风险地区来返'))}；入住日期：{rng.randint(1, 12)}月{rng.randint(1, 28)}日；"
            f"核酸：{rng.choice(('第1次阴性', '两次阴性', '待采', '第3次阴性'))}"
        )
    return Doc(
        paragraphs=paras,
        closing=[f"隔离点负责人：{fake.name()}"],
        label="screening_list",
        kind="b3_sl_isolation_ledger_kv",
        identifiers=ids,
    )


# ================================================================ medical_record


@family("b3_mr_tcm_no_headings", "medical_record", "docx", "txt", "photo")
def _tcm_no_headings(rng: random.Random, fake: Faker) -> Doc:
    """A TCM outpatient note as one run of prose: no section headings at all."""
    p = person(fake, 25, 80)
    complaint = rng.choice(
        (
            (
                "反复胃脘胀痛",
                "胃脘痛",
                "肝胃不和证",
                "疏肝和胃，理气止痛",
                "柴胡10g 白芍15g 枳壳10g 香附10g 陈皮6g 甘草6g",
            ),
            (
                "失眠多梦",
                "不寐",
                "心脾两虚证",
                "补益心脾，养血安神",
                "黄芪20g 党参15g 酸枣仁20g 远志10g 茯神15g 龙眼肉10g",
            ),
            (
                "腰膝酸软、夜尿频多",
                "腰痛",
                "肾阳虚证",
                "温补肾阳",
                "熟地20g 山药15g 山茱萸12g 杜仲12g 菟丝子15g 肉桂3g",
            ),
            (
                "咳嗽痰黄",
                "咳嗽",
                "痰热壅肺证",
                "清热化痰，宣肺止咳",
                "桑白皮12g 黄芩10g 浙贝母10g 瓜蒌15g 杏仁10g 桔梗6g",
            ),
        )
    )
    d = ymd(rng, 2008, 2019)
    text = (
        f"{p['name']}，{p['sex']}，{p['age'] - (2026 - d[0])}岁，{cn_date(d)}初诊。{complaint[0]}{rng.randint(2, 11)}月余，"
        f"{rng.choice(('加重1周', '近日劳累后加重', '曾服西药效果不佳'))}，纳{rng.choice(('差', '可', '少'))}，眠{rng.choice(('差', '尚可'))}，二便{rng.choice(('调', '溏', '干结'))}。"
        f"舌{rng.choice(('淡红', '暗红', '红', '淡胖'))}，苔{rng.choice(('薄白', '黄腻', '白腻', '少苔'))}，脉{rng.choice(('弦细', '沉细', '滑数', '细弱'))}。"
        f"中医诊断：{complaint[1]}（{complaint[2]}）。治以{complaint[3]}。处方：{complaint[4]}，{rng.choice((5, 7, 14))}剂，水煎服，日一剂。"
    )
    paras = [text]
    if rng.random() < 0.5:
        paras.append(
            f"门诊号：{rng.randint(100000, 999999)}　电话：{p['phone']}　医师：{fake.name()}"
        )
    return Doc(
        paragraphs=paras,
        label="medical_record",
        kind="b3_mr_tcm_no_headings",
        key_phrases=[p["name"]],
    )


@family("b3_mr_lab_report", "medical_record", "pdf", "photo", "screenshot")
def _lab_report(rng: random.Random, fake: Faker) -> Doc:
    """A hospital 检验报告单 (blood routine or liver function) with patient identity block."""
    hosp = place(rng) + rng.choice(("县人民医院", "市第二人民医院", "中医院", "妇幼保健院"))
    p = person(fake)
    kind = rng.choice(("血常规", "肝功能"))
    if kind == "血常规":
        items = [
            ("白细胞计数 WBC", f"{rng.uniform(3, 15):.2f}", "10^9/L", "3.5-9.5"),
            ("中性粒细胞百分比", f"{rng.uniform(40, 90):.1f}", "%", "40-75"),
            ("淋巴细胞计数", f"{rng.uniform(0.5, 3.5):.2f}", "10^9/L", "1.1-3.2"),
            ("血红蛋白 HGB", str(rng.randint(85, 165)), "g/L", "115-150"),
            ("血小板计数 PLT", str(rng.randint(90, 380)), "10^9/L", "125-350"),
            ("C反应蛋白 CRP", f"{rng.uniform(0.5, 60):.1f}", "mg/L", "0-10"),
        ]
    else:
        items = [
            ("丙氨酸氨基转移酶 ALT", str(rng.randint(8, 260)), "U/L", "7-40"),
            ("天门冬氨酸氨基转移酶 AST", str(rng.randint(10, 210)), "U/L", "13-35"),
            ("总胆红素 TBIL", f"{rng.uniform(5, 60):.1f}", "μmol/L", "0-21"),
            ("白蛋白 ALB", f"{rng.uniform(28, 50):.1f}", "g/L", "40-55"),
            ("γ-谷氨酰转移酶", str(rng.randint(10, 300)), "U/L", "7-45"),
        ]
    rows = [["项目", "结果", "单位", "参考区间"]] + [list(i) for i in items]
    d = ymd(rng, 2011, 2023)
    return Doc(
        title=f"{hosp}检验报告单",
        paragraphs=[
            f"姓名：{p['name']}　性别：{p['sex']}　年龄：{rng.randint(18, 80)}岁　病历号：{rng.randint(1000000, 9999999)}",
            f"科别：{rng.choice(('感染科', '消化内科', '呼吸内科', '急诊科', '发热门诊'))}　床号：{rng.choice(('', str(rng.randint(1, 60))))}　标本：{rng.choice(('静脉血', '全血', '血清'))}　临床诊断：{rng.choice(('发热待查', '肺部感染', '慢性乙型病毒性肝炎', '药物性肝损伤'))}",
        ],
        tables=[rows],
        closing=[
            f"送检医生：{fake.name()}　检验者：{fake.name()}　审核者：{fake.name()}",
            f"报告日期：{d[0]}-{d[1]:02d}-{d[2]:02d}",
            "本报告仅对所检标本负责",
        ],
        label="medical_record",
        kind="b3_mr_lab_report",
        key_phrases=["检验报告单"],
    )


@family("b3_mr_nursing_record", "medical_record", "docx", "pdf-scan", "photo")
def _nursing_record(rng: random.Random, fake: Faker) -> Doc:
    """A general nursing record sheet (护理记录单) with vital signs and observations."""
    p = person(fake, 30, 90)
    ward = rng.choice(("心内科", "神经内科", "骨科", "呼吸与危重症医学科", "普外科"))
    d = ymd(rng, 2012, 2022)
    rows = [["日期时间", "T(℃)", "P/R", "BP(mmHg)", "病情观察及措施", "签名"]]
    obs = [
        "诉胸闷，予吸氧",
        "静滴通畅，卧床休息",
        "夜眠差，心理疏导",
        "敷料干燥无渗血",
        "翻身拍背，皮肤完好",
        "血糖12.4，报医生",
        "疼痛4分，予止痛",
    ]
    rng.shuffle(obs)
    for i, o in enumerate(obs[: rng.randint(4, 6)]):
        rows.append(
            [
                f"{d[1]}-{d[2]} {6 + i * 3:02d}:{rng.choice(('00', '15', '30', '45'))}",
                f"{rng.uniform(36.0, 38.6):.1f}",
                f"{rng.randint(60, 110)}/{rng.randint(14, 24)}",
                f"{rng.randint(100, 170)}/{rng.randint(60, 100)}",
                o,
                fake.name(),
            ]
        )
    return Doc(
        title="一般护理记录单",
        paragraphs=[
            f"科室：{ward}　床号：{rng.randint(1, 48)}　姓名：{p['name']}　性别：{p['sex']}　年龄：{rng.randint(35, 90)}　住院号：{rng.randint(200000, 999999)}　诊断：{rng.choice(('冠心病', '脑梗死', '股骨颈骨折', '慢阻肺急性加重', '2型糖尿病'))}"
        ],
        tables=[rows],
        label="medical_record",
        kind="b3_mr_nursing_record",
        key_phrases=["护理记录单"],
    )


@family("b3_mr_discharge_early_era", "medical_record", "docx", "pdf", "screenshot")
def _discharge_early_era(rng: random.Random, fake: Faker) -> Doc:
    """A 2008-2014 出院记录 as printed from an old HIS, sections in 【】 or ending with ：."""
    p = person(fake, 20, 85)
    d = ymd(rng, 2008, 2014)
    stay = rng.randint(5, 21)
    dx = rng.choice(
        (
            (
                "社区获得性肺炎",
                "予头孢曲松抗感染、化痰、补液等治疗",
                "胸部CT示右下肺斑片影",
                "发热、咳嗽",
                "呼吸内科",
                "患者一般情况可，体温正常，咳嗽明显减轻。",
                "注意休息，2周后复查胸部CT。",
            ),
            (
                "急性胆囊炎 胆囊结石",
                "完善检查后于全麻下行腹腔镜胆囊切除术，术后予抗感染、补液",
                "腹部B超示胆囊增大，壁毛糙，内见多发强回声",
                "右上腹痛",
                "普外科",
                "切口愈合良好，饮食睡眠可。",
                "低脂饮食，2周后普外科门诊复诊。",
            ),
            (
                "2型糖尿病 糖尿病周围神经病变",
                "予胰岛素强化降糖、营养神经治疗",
                "糖化血红蛋白9.8%",
                "口干多饮、双足麻木",
                "内分泌科",
                "空腹血糖控制在7mmol/L左右。",
                "规律用药，监测血糖，不适随诊。",
            ),
            (
                "甲型H1N1流感",
                "予奥司他韦抗病毒、对症支持治疗",
                "咽拭子甲型H1N1流感病毒核酸阳性",
                "发热、咽痛",
                "感染科",
                "体温正常3天，复查核酸阴性。",
                "居家休息1周，不适随诊。",
            ),
        )
    )
    br = rng.choice((("【", "】"), ("", "：")))
    secs = [
        (
            "入院情况",
            f"患者{p['name']}，{p['sex']}，{rng.randint(20, 85)}岁，因“{dx[3]}{rng.randint(2, 10)}天”入院。{dx[2]}。",
        ),
        ("入院诊断", dx[0]),
        ("诊疗经过", dx[1] + "，病情好转。"),
        ("出院情况", dx[5]),
        ("出院诊断", dx[0]),
        ("出院医嘱", dx[6]),
    ]
    hosp = place(rng) + rng.choice(("县人民医院", "市中心医院", "矿务局职工医院"))
    paras = [
        f"住院号：{rng.randint(10000, 99999)}　科别：{dx[4]}　入院日期：{d[0]}-{d[1]:02d}-{d[2]:02d}　住院天数：{stay}天"
    ]
    paras += [f"{br[0]}{k}{br[1]}{v}" for k, v in secs]
    return Doc(
        title=f"{hosp}出院记录",
        paragraphs=paras,
        closing=[f"医师签名：{fake.name()}"],
        label="medical_record",
        kind="b3_mr_discharge_early_era",
        key_phrases=["出院诊断"],
    )


# ================================================================ investigation_report


@family("b3_ir_work_accident", "investigation_report", "docx", "pdf")
def _work_accident(rng: random.Random, fake: Faker) -> Doc:
    """A 一般生产安全事故 investigation report (2011-2019) naming the injured and the liable."""
    cty = county(rng)
    d = ymd(rng, 2011, 2019)
    corp = place(rng) + rng.choice(
        ("建材有限公司", "建筑工程有限公司", "化工有限公司", "矿业有限公司")
    )
    kind = rng.choice(("高处坠落", "物体打击", "机械伤害", "起重伤害", "触电"))
    victim = person(fake, 25, 60, d[0])
    boss = fake.name()
    safety = fake.name()
    head = f"{cty}{corp}“{d[1]}·{d[2]}”{kind}事故调查报告"
    as_title = rng.random() < 0.5
    paras = [
        *([] if as_title else [head]),
        f"{cn_date(d)}{rng.randint(7, 17)}时许，{corp}{rng.choice(('厂区', '施工现场', '二号车间', '采区'))}发生一起{kind}事故，造成1人死亡，直接经济损失约{rng.randint(80, 180)}万元。依据《生产安全事故报告和调查处理条例》，县政府成立了由应急管理（安监）、公安、总工会、人社等部门组成的事故调查组。",
        "一、事故经过",
        f"当日，作业人员{victim['name']}（{victim['sex']}，身份证号{victim['ssn']}，{rng.choice(('外省', '本县', '邻县'))}籍）在未系挂安全带、无人监护的情况下进行作业，{rng.choice(('不慎从约9米高处坠落', '被脱落构件砸中头部', '衣袖被卷入传动部位'))}，经送医抢救无效死亡。",
        "二、事故原因",
        "直接原因：作业人员违章作业，安全防护措施缺失。间接原因：企业安全生产主体责任不落实，未开展安全教育培训，现场安全管理混乱，隐患排查流于形式。",
        "三、责任认定及处理建议",
        f"1.{boss}，{corp}法定代表人，未履行安全生产管理职责，对事故发生负有主要领导责任，建议由县应急管理局依法给予罚款处罚。",
        f"2.{safety}，{corp}安全员，未及时发现和制止违章作业，建议由企业解除劳动合同。",
        f"3.{corp}对事故发生负有责任，建议处以{rng.randint(20, 50)}万元罚款。",
        "四、整改措施建议（略）",
    ]
    return Doc(
        title=head if as_title else "",
        paragraphs=paras,
        closing=[f"{cty}“{d[1]}·{d[2]}”事故调查组", cn_date((d[0], min(d[1] + 2, 12), d[2]))],
        label="investigation_report",
        kind="b3_ir_work_accident",
        identifiers=[victim["ssn"]],
        key_phrases=["事故调查报告"],
    )


@family("b3_ir_trajectory_check_form", "investigation_report", "docx", "pdf-scan", "photo")
def _trajectory_check(rng: random.Random, fake: Faker) -> Doc:
    """A 行程轨迹核查表: key:value identity rows then a time/place/contact table."""
    p = person(fake)
    d = ymd(rng, 2020, 2022)
    kv = [
        ["被核查人", p["name"], "性别", p["sex"]],
        ["身份证号", p["ssn"], "联系电话", p["phone"]],
        ["现住址", f"{town(rng)}{village(rng)}{rng.randint(1, 30)}号", "工作单位", fake.company()],
        [
            "核查来源",
            rng.choice(("大数据推送", "协查函", "自主报告", "疾控转办")),
            "风险类别",
            rng.choice(("时空伴随", "密接", "次密接", "涉疫场所暴露")),
        ],
    ]
    track = [["时间", "地点", "活动", "同行/接触人员", "核实方式"]]
    for _ in range(rng.randint(4, 7)):
        track.append(
            [
                f"{d[1]}月{rng.randint(1, 28)}日 {time_hm(rng, 7, 21)}",
                rng.choice(
                    (
                        place(rng) + "超市",
                        place(rng) + "农贸市场",
                        "高铁站",
                        place(rng) + "酒店",
                        "单位",
                        place(rng) + "诊所",
                        "KTV",
                    )
                ),
                rng.choice(("购物", "就餐", "上班", "乘车", "就诊", "聚会")),
                rng.choice(("无", fake.name(), f"{fake.name()}、{fake.name()}", "同事3人")),
                rng.choice(("电话询问", "调取监控", "支付记录", "当面核实")),
            ]
        )
    return Doc(
        title="行程轨迹核查表",
        paragraphs=[f"核查单位：{county(rng)}疾病预防控制中心 {town(rng)}卫生院"],
        tables=[kv, track],
        closing=[
            f"核查人：{fake.name()}、{fake.name()}　核查日期：{cn_date(d)}",
            rng.choice(("结论：初步核查，待进一步研判", "结论：已排除/未排除（手写勾选）", "")),
        ],
        label="investigation_report",
        kind="b3_ir_trajectory_check_form",
        identifiers=[p["ssn"], p["phone"]],
    )


@family("b3_ir_bank_complaint_verification", "investigation_report", "docx", "pdf")
def _bank_complaint(rng: random.Random, fake: Faker) -> Doc:
    """A bank's internal verification report on a customer complaint, naming customer and staff."""
    bank = place(rng) + rng.choice(("农商银行", "分行", "信用联社"))
    cust = person(fake, 30, 80)
    staff = fake.name()
    d = ymd(rng, 2014, 2021)
    acct = f"6{rng.randint(10**17, 10**18 - 1)}"
    issue = rng.choice(
        (
            ("理财产品销售误导", "客户经理在销售过程中未进行风险评估录音录像"),
            ("存款被冒领", "柜员未严格核对取款人身份证件"),
            ("贷款搭售保险", "客户经理以办理保险为放款前提"),
        )
    )
    unverified = rng.random() < 0.5
    return Doc(
        title=f"关于客户{cust['name']}投诉{issue[0]}问题的核查报告",
        preamble=["（初步核查情况，未经审定）"] if unverified else [],
        paragraphs=[
            "分行内控合规部：",
            f"{cn_date(d)}，客户{cust['name']}（身份证号{cust['ssn']}，账号{acct}）通过{rng.choice(('12378银行保险消费者投诉热线', '监管转办', '来行来访'))}投诉我行{issue[0]}。接件后，支行成立核查小组，调阅了业务凭证、监控录像和系统日志，并与相关员工进行了谈话。",
            f"经核查，{issue[1]}，涉事员工{staff}对上述情况予以承认。客户称其损失约{rng.randint(2, 40)}万元，目前正在进一步核实。",
            f"核查结论：投诉{rng.choice(('基本属实', '部分属实', '尚待进一步核实'))}。建议对{staff}给予{rng.choice(('诫勉谈话', '警告处分', '经济处罚并调离岗位'))}，对支行分管行长进行约谈。",
        ],
        closing=[f"{bank}{place(rng)}支行", cn_date((d[0], d[1], min(d[2] + 5, 28)))],
        label="investigation_report",
        kind="b3_ir_bank_complaint_verification",
        identifiers=[cust["ssn"]],
    )


@family("b3_ir_school_food_incident", "investigation_report", "docx", "txt", "phone-screenshot")
def _school_food_incident(rng: random.Random, fake: Faker) -> Doc:
    """A preliminary 情况报告 on an online rumour about a school canteen, with sick pupils named."""
    cty = county(rng)
    school = place(rng) + rng.choice(("中学", "小学", "寄宿制学校"))
    d = ymd(rng, 2012, 2023)
    n = rng.randint(3, 6)
    kids = [
        f"{fake.name()}（{rng.randint(7, 16)}岁，{rng.choice(('腹痛', '呕吐', '腹泻', '发热'))}）"
        for _ in range(n)
    ]
    draft = rng.choice(("（初稿）", "（未经核定，仅供领导参阅）", ""))
    return Doc(
        title=f"关于网传{school}学生食物中毒事件的调查情况报告{draft}",
        paragraphs=[
            f"{md(d)}晚，网民“{rng.choice(('清风徐来', '小城故事', '老张说事', '一路向北'))}”在{rng.choice(('微博', '抖音', '本地论坛'))}发帖称{school}“多名学生吃了食堂饭菜后集体中毒”，截至次日上午阅读量{rng.randint(2, 30)}万，评论{rng.randint(200, 3000)}条。",
            f"接报后，县教育局会同市场监管局、卫健局连夜赶赴现场调查。经初步调查，{md(d)}午餐后共有{n}名学生出现不适，分别为：{'、'.join(kids)}，均在{town(rng)}卫生院就诊，目前病情平稳。",
            f"食堂留样已送检，结果尚未出具。初步判断{rng.choice(('为诺如病毒感染可能性大', '与当日凉拌菜有关', '原因尚不能确定'))}。食堂承包人{fake.name()}已被责令停业整顿。",
            "下一步：一是做好学生家长安抚工作；二是统一对外口径，未经批准不得接受媒体采访；三是加强网上舆情监测引导。",
        ],
        closing=[f"{cty}教育局", cn_date(d)],
        label="investigation_report",
        kind="b3_ir_school_food_incident",
        key_phrases=["调查情况报告"],
    )


# ================================================================ internal_material


@family("b3_im_soe_party_minutes", "internal_material", "docx", "pdf")
def _soe_party_minutes(rng: random.Random, fake: Faker) -> Doc:
    """A state-owned enterprise's 党委会会议纪要 (internal, decisions on personnel and money)."""
    corp = place(rng) + rng.choice(
        ("投资集团有限公司", "能源有限责任公司", "城建集团", "粮食储备公司")
    )
    d = ymd(rng, 2009, 2021)
    chair = fake.name()
    attendees = "、".join(fake.name() for _ in range(rng.randint(4, 7)))
    items = [
        f"研究同意{fake.name()}同志任公司{rng.choice(('财务部', '工程部', '审计部', '办公室'))}副经理（试用期一年）。",
        f"研究{rng.choice(('对外担保', '资产处置', '二期项目追加投资'))}事项，同意按{rng.randint(1200, 9800)}万元上限执行，由{rng.choice(('财务部', '投资发展部'))}牵头落实。",
        f"通报了{rng.choice(('巡察反馈问题整改', '审计发现问题', '信访举报核查'))}情况，要求{rng.choice(('举一反三', '限期整改到位', '严肃追责'))}。",
        "会议要求，会议研究事项在正式发文前严格保密，不得外传。",
    ]
    rng.shuffle(items[:3])
    return Doc(
        title=f"中共{corp}委员会会议纪要",
        preamble=[
            rng.choice(("内部资料", "内部资料 注意保存", "仅限党委委员阅")),
            f"〔{d[0]}〕第{rng.randint(1, 30)}期",
        ],
        paragraphs=[
            f"{cn_date(d)}，公司党委书记、董事长{chair}主持召开党委会。出席：{attendees}。列席：纪委书记、办公室主任。记录：{fake.name()}。",
            "会议议定事项如下：",
            *[f"{cn_num(i)}、{t}" for i, t in enumerate(items, 1)],
        ],
        closing=["分送：党委委员", f"{corp}党委办公室　{cn_date(d)}印发"],
        label="internal_material",
        kind="b3_im_soe_party_minutes",
        key_phrases=["会议纪要"],
    )


@family("b3_im_report_outline_unreviewed", "internal_material", "docx", "pdf", "photo")
def _report_outline(rng: random.Random, fake: Faker) -> Doc:
    """A 工作汇报提纲 for a leader's visit; the do-not-publish mark sits in the footer or body."""
    cty = county(rng)
    unit = cty + rng.choice(("生态环境分局", "应急管理局", "人民法院", "公安局", "教育局"))
    d = ymd(rng, 2010, 2019)
    gaps = [
        "基层执法力量严重不足，一人身兼数岗",
        f"历史遗留问题{rng.randint(8, 40)}件尚未化解，其中{rng.randint(2, 6)}件存在越级上访风险",
        "部分考核指标完成难度较大，年底前恐难以达标",
        "专项资金到位率仅为" + str(rng.randint(35, 70)) + "%",
    ]
    rng.shuffle(gaps)
    mark = "本材料未经审定，不得对外公开"
    where = rng.choice(("footer", "preamble", "tail"))
    doc = Doc(
        title=f"{unit}向{rng.choice(('市委督查组', '省厅调研组', '市人大视察组'))}的工作汇报提纲",
        preamble=[mark] if where == "preamble" else [],
        paragraphs=[
            f"（{cn_date(d)}）",
            "一、基本情况",
            f"全{cty[-1]}共有{rng.randint(3, 20)}个乡镇，{rng.randint(120, 600)}名干部职工。今年以来，我们坚持问题导向……（数据待办公室核实后补充）",
            "二、主要做法和成效",
            "（一）……（二）……（请业务股室补充具体事例）",
            "三、存在的困难和问题",
            *[f"{i}.{g}；" for i, g in enumerate(gaps[: rng.randint(2, 4)], 1)],
            "四、下一步打算及请求支持事项",
            f"恳请上级在{rng.choice(('编制', '资金', '项目'))}方面给予倾斜。",
        ],
        closing=[f"（{mark}）"] if where == "tail" else [],
        footer=mark if where == "footer" else "",
        label="internal_material",
        kind="b3_im_report_outline_unreviewed",
        key_phrases=[mark],
    )
    return doc


@family("b3_im_court_internal_bulletin", "internal_material", "docx", "pdf")
def _court_bulletin(rng: random.Random, fake: Faker) -> Doc:
    """A court's internal 工作动态 bulletin (内部刊物 注意保存) about case backlog and discipline."""
    court = place(rng) + rng.choice(("县人民法院", "市中级人民法院", "区人民法院"))
    d = ymd(rng, 2008, 2020)
    issue = rng.randint(3, 48)
    return Doc(
        title=rng.choice(("审判工作动态", "法院简报", "队伍建设简报")),
        preamble=[
            rng.choice(("内部刊物 注意保存", "内部资料 不得翻印", "内部刊物")),
            f"第{issue}期",
            f"{court}办公室编　{cn_date(d)}",
        ],
        paragraphs=[
            f"【本期要目】{rng.choice(('上半年审判执行数据分析', '一季度案件质效通报', '廉政风险排查情况'))}",
            f"截至{md(d)}，全院共受理各类案件{rng.randint(1500, 9000)}件，结案率{rng.randint(55, 88)}%，同比下降{rng.randint(1, 9)}个百分点。其中{rng.choice(('民一庭', '执行局', '刑庭'))}结案率排名末位，长期未结案件{rng.randint(10, 60)}件。",
            f"院党组对{rng.randint(2, 5)}名审判管理指标排名靠后的员额法官进行了约谈。{fake.name()}同志因{rng.choice(('违规会见当事人', '超期未结案件较多', '工作日饮酒'))}被给予{rng.choice(('诫勉谈话', '通报批评', '警告处分'))}。",
            "下一步，各部门要对照通报问题认真自查，于月底前形成整改报告报院审管办。",
        ],
        closing=[
            "报：市中院办公室　　送：院领导　　发：各庭室",
            f"（共印{rng.randint(20, 60)}份）",
        ],
        label="internal_material",
        kind="b3_im_court_internal_bulletin",
    )


@family("b3_im_speech_draft", "internal_material", "docx", "txt")
def _speech_draft(rng: random.Random, fake: Faker) -> Doc:
    """A leader's speech in draft for approval (送审稿/征求意见稿) with inline editing notes."""
    cty = county(rng)
    unit, field, metric = rng.choice(
        (
            ("生态环境局", "环境保护", "空气质量优良天数比例"),
            ("应急管理局", "安全生产", "生产安全事故起数"),
            ("教育局", "教育系统", "中考平均分"),
            ("国资委", "国资国企", "国有资产保值增值率"),
        )
    )
    d = ymd(rng, 2012, 2022)
    leader = fake.name()
    status = rng.choice(("（送审稿）", "（讨论稿）", "（第二稿，" + md(d) + "）", "（征求意见稿）"))
    return Doc(
        title=f"在全{cty[-1]}{field}工作会议上的讲话",
        preamble=[status],
        paragraphs=[
            f"{cty}{unit}{'主任' if unit == '国资委' else '局长'}　{leader}",
            f"（{cn_date(d)}）",
            "同志们：",
            f"这次会议的主要任务是……【此处请办公室补充去年主要数据】。去年全{cty[-1]}{metric}{rng.choice(('排名全市倒数第二', '未完成市里下达的目标', '较上年有所下滑'))}，这个问题不回避。",
            f"【{rng.choice(('XX局长意见：此段删去', '此段措辞是否过重，请领导定', '待与县委办统一口径'))}】个别单位负责人{rng.choice(('对上级交办事项敷衍应付', '存在弄虚作假现象', '对群众反映问题推诿扯皮'))}，{rng.choice(('年底考核将一票否决', '局党组已经点名批评', '下一步要严肃追责'))}。",
            "下面，我讲三点意见。一、……二、……三、……",
        ],
        footer=rng.choice(("", "内部讨论稿，请勿外传")),
        label="internal_material",
        kind="b3_im_speech_draft",
    )


# ================================================================ classified


@family("b3_cl_cover_plan", "classified", "docx", "pdf", "photo")
def _cover_plan(rng: random.Random, fake: Faker) -> Doc:
    """A work plan whose secrecy mark and copy number sit on a cover block above the title."""
    cty = county(rng)
    unit = rng.choice(("公安局", "人民政府", "国家安全工作领导小组办公室", "人民武装部"))
    d = ymd(rng, 2008, 2020)
    mark = rng.choice(("机密★5年", "机密★10年", "秘密★3年", "机密"))
    return Doc(
        title=f"{cty}{rng.choice(('重大活动安保工作方案', '重点目标防护工作预案', '应急通信保障方案', '重要设施巡查方案'))}",
        preamble=[f"份号：{rng.randint(1, 60):04d}", mark, f"{cty}{unit}", f"{d[0]}年{d[1]}月"],
        paragraphs=[
            "一、指导思想",
            "以确保万无一失为目标，坚持属地管理、分级负责，周密部署，严密组织。",
            "二、组织机构",
            f"成立工作领导小组，由{fake.name()}任组长，{fake.name()}、{fake.name()}任副组长，下设综合协调、{rng.choice(('现场警卫', '交通管控', '通信保障'))}、后勤保障等{rng.randint(4, 7)}个工作组。",
            "三、工作任务",
            f"（一）{rng.choice(('设置临时检查站', '落实重点部位值守', '开展重点人员稳控'))}{rng.randint(3, 12)}处，实行24小时值守。（二）……",
            "四、工作要求",
            "各工作组要严格落实保密规定，本方案不得复印、翻拍，用后收回。",
        ],
        closing=[f"{cty}{unit}办公室　{cn_date(d)}印发"],
        label="classified",
        kind="b3_cl_cover_plan",
        key_phrases=[mark],
    )


@family("b3_cl_header_only_stats", "classified", "docx", "pdf")
def _header_only_stats(rng: random.Random, fake: Faker) -> Doc:
    """Ordinary statistical analysis whose only secrecy mark is in the page header."""
    cty = county(rng)
    d = ymd(rng, 2010, 2021)
    mark = rng.choice(("秘密", "秘密★1年", "机密", "内部★秘密"))
    topic = rng.choice(
        (
            ("全县社会治安形势分析", "刑事案件立案", "盗窃案件", "电信诈骗", "公安局情报指挥中心"),
            ("全县粮食储备情况分析", "地方储备粮库存", "稻谷", "小麦", "发展和改革局"),
            ("全县征兵工作情况", "应征青年体检", "体检合格", "政治考核", "人民武装部"),
        )
    )
    return Doc(
        title=f"{d[0]}年{rng.choice(('上半年', '一季度', '前三季度'))}{topic[0]}",
        header=mark + rng.choice(("", "　　" + cty + "统计信息")),
        paragraphs=[
            f"今年以来，{topic[1]}{rng.randint(300, 4000)}起（件），同比{rng.choice(('上升', '下降'))}{rng.uniform(1, 20):.1f}%。其中{topic[2]}{rng.randint(50, 900)}起，占{rng.randint(10, 60)}%；{topic[3]}{rng.randint(20, 400)}起。",
            f"从区域分布看，{town(rng)}、{town(rng)}数量居前，两地合计占全县{rng.randint(30, 55)}%。",
            f"下一步，建议在{rng.choice(('重点时段', '重点区域', '重点环节'))}加强{rng.choice(('巡查', '管控', '监测'))}。",
        ],
        closing=[f"{cty}{topic[4]}", cn_date(d)],
        label="classified",
        kind="b3_cl_header_only_stats",
        key_phrases=[mark],
    )


@family("b3_cl_fenhao_redhead", "classified", "docx", "photo", "pdf-scan")
def _fenhao_redhead(rng: random.Random, fake: Faker) -> Doc:
    """A red-header document where copy number, mark and urgency share one first line."""
    cty = county(rng)
    d = ymd(rng, 2009, 2019)
    office = rng.choice(("委办公室", "人民政府办公室"))
    mark = rng.choice(("秘密★1年", "秘密★2年", "机密★5年", "秘密"))
    first = rng.choice(
        (
            f"{rng.randint(1, 200):06d}　{mark}",
            f"{rng.randint(1, 200):06d}　{mark}　{rng.choice(('特急', '加急', '平急'))}",
            f"份号 {rng.randint(1, 99):03d}　密级 {mark}",
        )
    )
    return Doc(
        title=f"关于{rng.choice(('调整部分乡镇领导班子', '做好重要节日期间维稳工作', '加强涉军群体服务管理', '处置企业职工集体上访'))}有关事项的通知",
        preamble=[first, f"{cty}{office}文件", f"{cty[0]}办发〔{d[0]}〕{rng.randint(1, 90)}号"],
        paragraphs=[
            "各乡镇党委、政府，县直各单位：",
            f"为{rng.choice(('切实维护社会大局稳定', '确保各项工作平稳有序', '做好有关工作衔接'))}，经县委同意，现就有关事项通知如下：",
            f"一、各单位要落实{rng.choice(('24小时值班', '领导包案', '信息日报告'))}制度，主要负责同志带班。",
            "二、发现苗头性问题，要第一时间报告，不得迟报、漏报、瞒报。",
            "三、本通知发至乡镇党委书记、县直单位主要负责同志，请严格按规定管理。",
        ],
        closing=[f"{cty}{office}", cn_date(d), f"（共印{rng.randint(30, 90)}份）"],
        label="classified",
        kind="b3_cl_fenhao_redhead",
        key_phrases=[mark],
    )


@family("b3_cl_dispatch_slip_kv", "classified", "docx", "pdf-scan", "photo")
def _dispatch_slip(rng: random.Random, fake: Faker) -> Doc:
    """A 发文稿纸 / 文件处理笺: a key:value form where 密级 is just one field among many."""
    cty = county(rng)
    d = ymd(rng, 2008, 2019)
    mark = rng.choice(("秘密", "机密", "绝密"))
    term = rng.choice(("1年", "5年", "10年", "长期"))
    rows = [
        ["发文字号", f"{cty[0]}政〔{d[0]}〕{rng.randint(1, 80)}号", "密级", mark],
        ["缓急", rng.choice(("特急", "急件", "平件")), "保密期限", term],
        ["主送", f"{place(rng)}市人民政府", "抄送", ""],
        [
            "拟稿单位",
            rng.choice(("县自然资源局", "县国资办", "县委组织部", "县发改局")),
            "拟稿人",
            fake.name(),
        ],
        ["核稿", fake.name(), "签发", fake.name()],
        ["印制份数", str(rng.randint(5, 30)), "日期", cn_date(d)],
    ]
    return Doc(
        title=rng.choice(("发文稿纸", "文件处理笺", "发文审批单")),
        preamble=[f"{cty}人民政府办公室"],
        paragraphs=[
            f"标题：关于{rng.choice(('征地补偿安置', '县属国企改制', '干部考察', '重大项目选址'))}有关问题的请示"
        ],
        tables=[rows],
        closing=["附：正文（略）"],
        label="classified",
        kind="b3_cl_dispatch_slip_kv",
        key_phrases=["密级"],
    )


@family("b3_cl_secret_case_brief", "classified", "docx", "txt", "phone-screenshot")
def _secret_case_brief(rng: random.Random, fake: Faker) -> Doc:
    """Mixed kind, very short: a one-paragraph investigation brief under a 绝密/机密 mark.
    Labelled classified (the mark is what forbids sharing first)."""
    cty = county(rng)
    d = ymd(rng, 2012, 2021)
    mark = rng.choice(("绝密", "机密★", "秘密★6个月"))
    return Doc(
        preamble=[mark],
        paragraphs=[
            f"{cty}{(org := rng.choice(('公安局', '纪委监委', '国家安全局')))}专报：{md(d)}，我{org[-1]}在{town(rng)}{rng.choice(('查获', '掌握', '初核'))}一起{rng.choice(('涉枪', '跨境赌博', '境外渗透', '非法集资'))}线索，涉案人员{fake.name()}等{rng.randint(2, 9)}人，目前{rng.choice(('已采取控制措施', '正在秘密侦查', '尚在初核'))}，请严格控制知悉范围。"
        ],
        label="classified",
        kind="b3_cl_secret_case_brief",
        key_phrases=[mark],
    )


# ================================================================ clean (hard negatives)


@family("b3_cn_drug_leaflet", "clean", "docx", "pdf", "photo")
def _drug_leaflet(rng: random.Random, fake: Faker) -> Doc:
    """A drug package insert with 【】 sections: symptoms, dosage and adverse reactions, no patient."""
    drug = rng.choice(
        (
            (
                "阿莫西林胶囊",
                "阿莫西林",
                "敏感菌所致的呼吸道感染、泌尿生殖道感染、皮肤软组织感染",
                "成人一次0.5g，每6～8小时1次",
                "恶心、呕吐、腹泻及皮疹",
            ),
            (
                "布洛芬缓释胶囊",
                "布洛芬",
                "缓解轻至中度疼痛如头痛、关节痛、牙痛、痛经，也用于普通感冒或流行性感冒引起的发热",
                "成人一次1粒，一日2次",
                "少数病人可出现恶心、胃烧灼感或轻度消化不良",
            ),
            (
                "蒙脱石散",
                "双八面体蒙脱石",
                "成人及儿童急、慢性腹泻",
                "成人一次1袋，一日3次，将本品倒入50ml温水中摇匀服用",
                "偶见便秘，大便干结",
            ),
            (
                "连花清瘟胶囊",
                "连翘、金银花、炙麻黄等",
                "清瘟解毒，宣肺泄热。用于治疗流行性感冒属热毒袭肺证",
                "口服，一次4粒，一日3次",
                "胃肠道不适、皮疹",
            ),
        )
    )
    maker = place(rng) + rng.choice(("制药有限公司", "药业股份有限公司"))
    secs = [
        ("药品名称", f"通用名称：{drug[0]}"),
        ("成份", f"本品主要成份为{drug[1]}。"),
        ("性状", rng.choice(("本品为胶囊剂，内容物为白色或类白色粉末。", "本品为灰白色粉末。"))),
        ("适应症", drug[2] + "。"),
        ("规格", rng.choice(("0.25g", "0.3g", "3g", "0.35g"))),
        ("用法用量", drug[3] + "，或遵医嘱。"),
        ("不良反应", drug[4] + "。"),
        ("禁忌", "对本品过敏者禁用。"),
        ("注意事项", "孕妇及哺乳期妇女慎用。如服用过量或出现严重不良反应，应立即就医。"),
        ("贮藏", "密封，置阴凉干燥处。"),
        ("批准文号", f"国药准字{rng.choice('HZ')}{rng.randint(10000000, 99999999)}"),
        ("生产企业", f"{maker}　电话：{landline(rng)}"),
    ]
    return Doc(
        title=f"{drug[0]}说明书",
        preamble=["请仔细阅读说明书并在医师指导下使用"] if rng.random() < 0.6 else [],
        paragraphs=[f"【{k}】{v}" for k, v in secs],
        label="clean",
        kind="b3_cn_drug_leaflet",
        key_phrases=["【不良反应】"],
    )


@family("b3_cn_health_encyclopedia", "clean", "txt", "pdf", "docx")
def _health_encyclopedia(rng: random.Random, fake: Faker) -> Doc:
    """A medical encyclopedia / popular science entry: symptoms, diagnosis, treatment in general."""
    dz = rng.choice(
        (
            (
                "慢性胃炎",
                "上腹部隐痛、饱胀、嗳气、反酸",
                "胃镜检查及胃黏膜活检是最可靠的诊断方法",
                "根除幽门螺杆菌、抑酸、保护胃黏膜",
                "舌苔厚腻、脉弦者，中医多辨为脾胃湿热",
            ),
            (
                "痛风",
                "第一跖趾关节突发红肿热痛，多在夜间发作",
                "血尿酸升高、关节液中找到尿酸盐结晶可确诊",
                "急性期使用秋水仙碱或非甾体抗炎药，缓解期降尿酸治疗",
                "限制高嘌呤饮食，多饮水",
            ),
            (
                "过敏性鼻炎",
                "阵发性喷嚏、清水样鼻涕、鼻塞、鼻痒",
                "结合病史、皮肤点刺试验及血清特异性IgE检测",
                "避免接触过敏原，鼻用糖皮质激素，口服抗组胺药",
                "症状严重者可考虑脱敏治疗",
            ),
            (
                "流行性感冒",
                "急起高热、头痛、全身肌肉酸痛、乏力，可伴咳嗽咽痛",
                "流感病毒核酸或抗原检测阳性",
                "发病48小时内使用神经氨酸酶抑制剂，对症支持",
                "每年接种流感疫苗是最有效的预防手段",
            ),
        )
    )
    return Doc(
        title=dz[0],
        paragraphs=[
            f"{dz[0]}是{rng.choice(('临床常见病、多发病', '一种常见疾病'))}。本词条由{rng.choice(('副主任医师', '主任医师', '主治医师'))}审核，仅供健康科普参考，不能替代医生诊疗。",
            f"症状：典型表现为{dz[1]}。",
            f"诊断：{dz[2]}。",
            f"治疗：{dz[3]}。{dz[4]}。",
            f"就医指南：建议就诊科室为{rng.choice(('消化内科', '风湿免疫科', '耳鼻喉科', '呼吸内科', '发热门诊'))}。",
        ],
        footer=rng.choice(("", "健康百科 · 科普中国")),
        label="clean",
        kind="b3_cn_health_encyclopedia",
    )


@family("b3_cn_public_consultation", "clean", "docx", "pdf", "screenshot")
def _public_consultation(rng: random.Random, fake: Faker) -> Doc:
    """A call for public comments on a draft regulation, addressed to society, with a deadline."""
    cty = county(rng)
    d = ymd(rng, 2013, 2024)
    subj = rng.choice(
        (
            "养犬管理规定",
            "城市绿化管理办法",
            "农村生活垃圾治理条例",
            "电动自行车管理规定",
            "物业管理办法",
        )
    )
    office = cty + rng.choice(("司法局", "城市管理局", "人民政府法制办公室"))
    return Doc(
        title=f"关于公开征求《{cty}{subj}（征求意见稿）》意见的公告",
        paragraphs=[
            f"为增强立法的公开性和透明度，提高立法质量，现将《{cty}{subj}（征求意见稿）》全文公布，向社会各界公开征求意见。",
            f"有关单位和各界人士可在{cn_date((d[0], d[1], min(d[2] + 30, 28) if d[2] < 28 else 28))}前，通过以下方式提出意见：",
            f"一、通过信函方式将意见寄至{office}（地址：{place(rng)}路{rng.randint(1, 300)}号，邮编{rng.randint(100000, 800000)}），并在信封上注明“征求意见”字样。",
            f"二、通过电子邮件发送至 zqyj{rng.randint(10, 99)}@{rng.choice(('163.com', 'gov.cn', '126.com'))}。",
            f"三、联系电话：{landline(rng)}。",
        ],
        closing=[office, cn_date(d), "（此件公开发布）" if rng.random() < 0.5 else ""],
        label="clean",
        kind="b3_cn_public_consultation",
        key_phrases=["公开征求"],
    )


@family("b3_cn_exam_notice", "clean", "pdf", "docx", "photo")
def _exam_notice(rng: random.Random, fake: Faker) -> Doc:
    """A public-institution recruitment exam notice to candidates, with a registration table."""
    cty = county(rng)
    d = ymd(rng, 2009, 2024)
    rows = [["招聘单位", "岗位代码", "岗位名称", "招聘人数", "学历要求", "专业要求"]]
    for i in range(rng.randint(3, 6)):
        rows.append(
            [
                *(
                    job := rng.choice(
                        (
                            (f"{cty}人民医院", "临床医生", "临床医学"),
                            (f"{town(rng)}卫生院", "护理", "护理学"),
                            (f"{cty}第一中学", "语文教师", "汉语言文学"),
                            (f"{cty}疾控中心", "检验技师", "医学检验技术"),
                            (f"{cty}环境监测站", "环境监测", "环境工程"),
                            (f"{cty}财政国库支付中心", "会计", "会计学"),
                        )
                    )
                )[:1],
                f"{d[0] % 100:02d}{i + 1:03d}",
                job[1],
                str(rng.randint(1, 5)),
                rng.choice(("大专及以上", "本科及以上", "研究生")),
                job[2],
            ]
        )
    return Doc(
        title=f"{cty}{d[0]}年事业单位公开招聘工作人员公告",
        paragraphs=[
            f"根据《事业单位公开招聘人员暂行规定》，经研究，{cty}{d[0]}年面向社会公开招聘事业单位工作人员{sum(int(r[3]) for r in rows[1:])}名。",
            f"一、报名时间：{md(d)}9:00至{d[1]}月{min(d[2] + 5, 28)}日17:00，逾期不予受理。",
            "二、报名方式：网上报名，考生须如实填写报名信息，上传本人近期免冠照片。",
            f"三、笔试时间另行通知，请考生及时关注{cty}人民政府网站。",
            f"咨询电话：{landline(rng)}（工作日）",
        ],
        tables=[rows],
        closing=[f"{cty}人力资源和社会保障局", cn_date(d)],
        label="clean",
        kind="b3_cn_exam_notice",
        key_phrases=["公开招聘"],
    )


@family("b3_cn_supplier_directory", "clean", "xlsx", "csv-gbk", "pdf")
def _supplier_directory(rng: random.Random, fake: Faker) -> Doc:
    """A business / supplier directory: company names, contact names, landlines, main business."""
    rows = [["企业名称", "联系人", "联系电话", "主营", "地址"]]
    for _ in range(rng.randint(6, 12)):
        rows.append(
            [
                fake.company(),
                fake.last_name() + rng.choice(("经理", "总", "先生", "女士")),
                landline(rng),
                rng.choice(
                    (
                        "劳保用品",
                        "办公耗材",
                        "建材五金",
                        "医用耗材",
                        "食品配送",
                        "印刷",
                        "电线电缆",
                        "消防器材",
                    )
                ),
                f"{place(rng)}路{rng.randint(1, 500)}号",
            ]
        )
    return Doc(
        title=rng.choice(("合格供应商名录", f"{place(rng)}商会会员企业通讯录", "本地企业黄页")),
        tables=[rows],
        closing=[
            rng.choice(
                ("（按拼音排序，排名不分先后）", f"更新时间：{cn_date(ymd(rng, 2012, 2024))}", "")
            )
        ],
        label="clean",
        kind="b3_cn_supplier_directory",
    )


@family("b3_cn_news_discipline_quote", "clean", "txt", "pdf", "phone-screenshot")
def _news_discipline(rng: random.Random, fake: Faker) -> Doc:
    """A published disciplinary bulletin that quotes the names of the internal documents leaked."""
    cty = county(rng)
    d = ymd(rng, 2016, 2024)
    who = masked_name(rng, fake)
    cases = [
        f"{cty}{rng.choice(('卫健局', '教育局', '应急管理局'))}干部{who}将《{rng.choice(('关于做好重点人员排查的交办单', '督办通知单', '密接人员名单'))}》拍照发至家庭微信群，造成不良影响。{who}受到党内警告处分。",
        f"{town(rng)}工作人员{masked_name(rng, fake)}擅自将未经审定的{rng.choice(('调查报告', '会议纪要', '讨论稿'))}转发至同学群，受到通报批评。",
        f"{place(rng)}医院医生{masked_name(rng, fake)}将患者住院病历截图外传，被给予政务警告处分，并调离岗位。",
    ]
    rng.shuffle(cases)
    return Doc(
        title=f"{cty}纪委监委通报{len(cases)}起违反工作纪律泄露信息典型问题",
        paragraphs=[
            f"{cn_date(d)} 来源：{cty}纪委监委网站",
            f"近日，{cty}纪委监委对{len(cases)}起违反工作纪律、泄露内部信息的典型问题进行公开通报。",
            *[f"{cn_num(i)}、{c}" for i, c in enumerate(cases, 1)],
            "上述问题警示广大党员干部，要严守工作纪律和保密纪律，切实增强保密意识。",
        ],
        label="clean",
        kind="b3_cn_news_discipline_quote",
        key_phrases=["通报"],
    )


@family("b3_cn_public_tonggao", "clean", "docx", "pdf", "photo")
def _public_tonggao(rng: random.Random, fake: Faker) -> Doc:
    """A 通告 to 广大市民 with a deadline, marked as published (此件主动公开)."""
    cty = county(rng)
    d = ymd(rng, 2010, 2024)
    subj = rng.choice(
        (
            ("禁止燃放烟花爆竹", "城区范围内全年禁止燃放烟花爆竹", "公安机关依法予以处罚"),
            (
                "清理违规占道经营",
                f"请相关经营户于{md(d)}前自行清理",
                "逾期未清理的，由城管部门依法处置",
            ),
            (
                "开展第七次人口普查入户登记",
                "请广大市民如实申报，积极配合普查员工作",
                "普查员将出示普查员证",
            ),
            (
                "暂停部分公交线路",
                f"{md(d)}起暂停{rng.randint(1, 30)}路公交运营",
                "恢复时间另行通告",
            ),
        )
    )
    return Doc(
        title=f"关于{subj[0]}的通告",
        preamble=[f"{cty}人民政府"] if rng.random() < 0.5 else [],
        paragraphs=[
            "广大市民朋友：",
            f"为{rng.choice(('维护公共安全', '改善城市环境', '保障群众出行'))}，现就有关事项通告如下：",
            f"一、{subj[1]}。",
            f"二、{subj[2]}。",
            f"三、举报电话：{landline(rng)}。",
            "特此通告。",
        ],
        closing=[
            f"{cty}人民政府",
            cn_date(d),
            rng.choice(("（此件主动公开）", "（此件公开发布）")),
        ],
        label="clean",
        kind="b3_cn_public_tonggao",
        key_phrases=["通告"],
    )


@family("b3_cn_case_bulletin", "clean", "txt", "phone-screenshot", "pdf")
def _case_bulletin(rng: random.Random, fake: Faker) -> Doc:
    """A published, de-identified case bulletin (病例1：男，45岁…) as health commissions post it."""
    cty = county(rng)
    d = ymd(rng, 2020, 2022)
    paras = [
        f"{cty}卫生健康委员会关于新增{rng.randint(2, 4)}例确诊病例的情况通报",
        f"{md(d)}0—24时，{cty}新增确诊病例，均在集中隔离管控中发现。现将病例基本情况通报如下：",
    ]
    for i in range(1, rng.randint(3, 5)):
        paras.append(
            f"病例{i}：{rng.choice('男女')}，{rng.randint(8, 80)}岁，现住{town(rng)}，系{rng.choice(('此前通报病例的密切接触者', '外省返回人员', '重点人群主动筛查发现'))}，{md(d)}核酸检测结果阳性，经专家组会诊诊断为确诊病例（{rng.choice(('普通型', '轻型'))}），已转运至定点医院隔离治疗。"
        )
    paras.append(
        f"请广大市民做好个人防护，如有发热等症状，请及时到发热门诊就诊。咨询电话：{landline(rng)}。"
    )
    return Doc(
        paragraphs=paras,
        closing=[f"{cty}卫生健康委员会", cn_date(d)],
        label="clean",
        kind="b3_cn_case_bulletin",
    )


@family("b3_cn_job_posting", "clean", "txt", "pdf", "phone-screenshot")
def _job_posting(rng: random.Random, fake: Faker) -> Doc:
    """A company job posting with salary, requirements and an HR contact."""
    corp = fake.company()
    job = rng.choice(("仓库管理员", "出纳", "护士（民营医院）", "驾驶员", "销售代表", "安全员"))
    return Doc(
        title=f"{corp}招聘{job}",
        paragraphs=[
            f"岗位：{job}　人数：{rng.randint(1, 5)}人　薪资：{rng.randint(3, 6)}000-{rng.randint(7, 12)}000元/月",
            f"要求：{rng.choice(('高中及以上学历', '大专及以上学历', '持C1驾照'))}，{rng.randint(1, 3)}年以上相关工作经验，身体健康，能吃苦耐劳。",
            "待遇：五险一金，包住宿，节日福利，带薪年假。",
            f"有意者请携带简历、身份证复印件到公司人事部面试，或发送简历至 hr{rng.randint(100, 999)}@{rng.choice(('163.com', 'qq.com'))}。",
            f"联系人：{fake.last_name()}女士　电话：{fake.phone_number()}",
        ],
        label="clean",
        kind="b3_cn_job_posting",
    )


@family("b3_cn_school_parent_letter", "clean", "docx", "photo", "phone-screenshot")
def _school_parent_letter(rng: random.Random, fake: Faker) -> Doc:
    """A school's open letter to parents (holiday safety), with dates and a return slip."""
    school = place(rng) + rng.choice(("小学", "实验学校", "初级中学"))
    d = ymd(rng, 2011, 2024)
    return Doc(
        title=rng.choice(
            ("致家长的一封信", f"{school}{rng.choice(('寒假', '暑假', '国庆'))}安全告家长书")
        ),
        paragraphs=[
            "尊敬的家长朋友：",
            f"根据上级安排，我校{md(d)}起放假，{rng.choice(('2月', '9月', '10月'))}{rng.randint(1, 20)}日正式上课。为了让孩子度过一个安全、愉快的假期，请您做好以下几点：",
            "一、防溺水：不私自下水游泳，不到无安全设施、无救护人员的水域玩耍。",
            "二、交通安全：不乘坐无牌无证车辆，12周岁以下儿童不骑自行车上路。",
            "三、健康生活：合理安排作息，控制使用电子产品时间，如孩子出现发热等症状请及时就医。",
            "请家长填写下方回执，开学第一天交班主任。",
            "回执：学生姓名：________　班级：________　家长签字：________",
        ],
        closing=[school, cn_date(d)],
        label="clean",
        kind="b3_cn_school_parent_letter",
    )


@family("b3_cn_menu_price_list", "clean", "photo", "pdf", "xlsx")
def _menu_price_list(rng: random.Random, fake: Faker) -> Doc:
    """A restaurant menu / price list with phone numbers for delivery."""
    shop = place(rng) + rng.choice(("农家乐", "小厨", "面馆", "土菜馆", "快餐店"))
    prices = {
        "红烧肉": 48,
        "酸菜鱼": 58,
        "小炒黄牛肉": 52,
        "西红柿炒蛋": 18,
        "干锅花菜": 22,
        "手撕包菜": 15,
        "土鸡汤": 68,
        "剁椒鱼头": 78,
        "米饭": 2,
        "牛肉面": 16,
        "凉拌黄瓜": 10,
        "鱼香肉丝": 26,
    }
    dishes = list(prices)
    rng.shuffle(dishes)
    rows = [["菜名", "价格（元）", "备注"]]
    for dsh in dishes[: rng.randint(6, 10)]:
        rows.append(
            [
                dsh,
                str(prices[dsh] + rng.choice((-2, 0, 0, 2, 5))),
                rng.choice(("", "", "招牌", "辣", "时价")),
            ]
        )
    return Doc(
        title=f"{shop}菜单",
        paragraphs=[
            f"订餐电话：{fake.phone_number()}　{landline(rng)}",
            rng.choice(("满50元免费送餐", "可包厢预订", "本店不收取餐位费")),
        ],
        tables=[rows],
        label="clean",
        kind="b3_cn_menu_price_list",
    )


@family("b3_cn_product_manual", "clean", "pdf", "docx")
def _product_manual(rng: random.Random, fake: Faker) -> Doc:
    """A household appliance manual: safety, installation, troubleshooting, after-sales hotline."""
    item = rng.choice(("电热水器", "空气净化器", "电动自行车", "智能门锁"))
    brand = place(rng) + rng.choice(("电器", "科技", "智能"))
    return Doc(
        title=f"{brand}{item}使用说明书",
        paragraphs=[
            "感谢您选购本产品。使用前请仔细阅读本说明书，并妥善保管。",
            "一、安全注意事项：请勿用湿手触摸插头；产品应可靠接地；儿童须在成人监护下使用。",
            f"二、安装说明：本产品须由专业人员安装，安装位置应{rng.choice(('远离火源', '通风良好', '避免阳光直射'))}。",
            "三、常见故障及处理：指示灯不亮——检查电源是否接通；有异响——请停止使用并联系售后。",
            "四、保修条款：整机保修一年，主要部件保修三年。请保留购买凭证及保修卡。",
            f"全国服务热线：400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        ],
        label="clean",
        kind="b3_cn_product_manual",
    )


@family("b3_cn_novel_excerpt", "clean", "txt", "docx", "pdf")
def _novel_excerpt(rng: random.Random, fake: Faker) -> Doc:
    """Fiction that mentions 秘密, 病历 and 调查 in passing."""
    hero = fake.first_name()
    other = fake.name()
    return Doc(
        title=f"第{cn_num(rng.randint(2, 30))}章　{rng.choice(('旧病历', '雨夜', '抽屉里的秘密', '小城往事'))}",
        paragraphs=[
            f"{hero}在母亲的樟木箱底翻出一本泛黄的病历，封皮上写着“{place(rng)}县人民医院”，字迹已经模糊。",
            f"她忽然明白，这就是母亲守了{rng.randint(10, 40)}年的秘密。那年冬天，{other}骑着自行车来过一趟，说是来做什么调查，坐了不到十分钟就走了。",
            rng.choice(
                (
                    "窗外的雨一直没停。她把病历放回原处，像什么也没发生过。",
                    "她想起小时候，母亲总说：“有些事，知道了也不能说。”",
                    "多年以后，她才知道那份调查报告从未被人读过。",
                )
            ),
        ],
        label="clean",
        kind="b3_cn_novel_excerpt",
    )


@family("b3_cn_meeting_news", "clean", "txt", "pdf", "screenshot")
def _meeting_news(rng: random.Random, fake: Faker) -> Doc:
    """Public meeting news (会议强调…) that mentions 督办, 排查 and deadlines in general terms."""
    cty = county(rng)
    d = ymd(rng, 2008, 2024)
    topic = rng.choice(("安全生产", "生态环境保护", "防汛减灾", "信访维稳", "营商环境"))
    return Doc(
        title=f"{cty}召开{topic}工作推进会",
        paragraphs=[
            f"本报讯（记者 {fake.name()}）{md(d)}，{cty}召开{topic}工作推进会。县委副书记、县长{fake.name()}出席会议并讲话。",
            f"会议通报了前一阶段{topic}工作开展情况，对{rng.randint(2, 6)}个工作滞后的单位进行了通报批评。",
            f"会议强调，各乡镇、各部门要压实责任，对照问题清单逐项整改，实行挂牌督办、销号管理，确保{rng.choice(('年底前', '汛期前', '节前'))}全部整改到位。要深入开展隐患大排查，做到不留死角。",
            "会议要求，要强化督查考核，对工作不力、推诿扯皮的严肃问责。",
        ],
        closing=[f"来源：{cty}融媒体中心　{cn_date(d)}"],
        label="clean",
        kind="b3_cn_meeting_news",
    )


@family("b3_cn_blank_declaration_form", "clean", "docx", "pdf", "photo")
def _blank_declaration_form(rng: random.Random, fake: Faker) -> Doc:
    """A public blank form (健康申报/来访登记/开户申请): field labels, no one's data filled in."""
    kind = rng.choice(
        (
            (
                "入境人员健康申报表",
                [
                    "姓名",
                    "性别",
                    "身份证号/护照号",
                    "联系电话",
                    "14天内旅居地",
                    "近期是否有发热、咳嗽等症状（是/否）",
                ],
            ),
            (
                "个人银行结算账户开户申请书",
                ["户名", "证件类型", "证件号码", "联系电话", "职业", "住址"],
            ),
            (
                "法院来访人员登记表",
                ["来访人姓名", "身份证号码", "联系电话", "来访事由", "案号", "接待人"],
            ),
        )
    )
    rows = [["项目", "填写内容"]] + [[f, ""] for f in kind[1]]
    return Doc(
        title=kind[0],
        paragraphs=[
            rng.choice(
                (
                    "（本表可从官网下载，复印有效）",
                    "填表说明：请用黑色签字笔填写，字迹工整。",
                    "请如实填写，隐瞒或虚假填报将依法承担责任。",
                )
            )
        ],
        tables=[rows],
        closing=[
            "申请人签字：________　日期：____年__月__日",
            rng.choice(("", f"咨询电话：{landline(rng)}")),
        ],
        label="clean",
        kind="b3_cn_blank_declaration_form",
    )


@family("b3_cn_env_disclosure", "clean", "docx", "pdf")
def _env_disclosure(rng: random.Random, fake: Faker) -> Doc:
    """A company's published environmental information disclosure (主动公开), with emissions data."""
    corp = place(rng) + rng.choice(
        ("热电有限公司", "水泥有限公司", "造纸有限公司", "污水处理有限公司")
    )
    d = ymd(rng, 2014, 2024)
    rows = [["污染物", "排放方式", "排放口数量", "排放浓度（mg/m3）", "执行标准", "是否超标"]]
    for pol in rng.sample(("二氧化硫", "氮氧化物", "颗粒物", "化学需氧量", "氨氮"), 3):
        rows.append(
            [
                pol,
                rng.choice(("有组织", "连续排放")),
                str(rng.randint(1, 3)),
                str(rng.randint(5, 90)),
                "GB 13223-2011",
                "否",
            ]
        )
    return Doc(
        title=f"{corp}{d[0]}年度环境信息公开",
        paragraphs=[
            "根据《企业事业单位环境信息公开办法》，现将我公司环境信息公开如下：",
            f"一、基础信息：单位名称：{corp}；法定代表人：{fake.name()}；生产地址：{place(rng)}工业园区；联系电话：{landline(rng)}。",
            "二、排污信息见下表。三、防治污染设施建设和运行情况：各项设施运行正常。",
        ],
        tables=[rows],
        closing=[corp, cn_date(d), "（主动公开）"],
        label="clean",
        kind="b3_cn_env_disclosure",
    )


@family("b3_cn_bank_branch_notice", "clean", "photo", "pdf", "docx")
def _bank_branch_notice(rng: random.Random, fake: Faker) -> Doc:
    """A bank branch's customer notice (营业时间调整 / 防诈骗提示) posted in the lobby."""
    bank = place(rng) + rng.choice(("农商银行", "邮储银行", "村镇银行"))
    d = ymd(rng, 2010, 2024)
    return Doc(
        title=rng.choice(("温馨提示", "公告", "关于调整营业时间的公告")),
        paragraphs=[
            "尊敬的客户：",
            rng.choice(
                (
                    f"因系统升级，本行将于{md(d)}0:00至6:00暂停网上银行、手机银行服务，柜面业务不受影响。",
                    f"自{md(d)}起，本网点营业时间调整为周一至周五9:00-17:00，周末及节假日照常营业。",
                    "近期电信诈骗高发，请不要向任何人透露验证码，不要轻信“安全账户”。银行工作人员不会要求您转账。",
                )
            ),
            f"如有疑问，请拨打客服热线{rng.choice(('96', '95'))}{rng.randint(100, 999)}或网点电话{landline(rng)}。给您带来的不便，敬请谅解。",
        ],
        closing=[f"{bank}{place(rng)}支行", cn_date(d)],
        label="clean",
        kind="b3_cn_bank_branch_notice",
    )


@family("b3_cn_teacher_group_reminder", "clean", "txt", "phone-screenshot")
def _teacher_group_reminder(rng: random.Random, fake: Faker) -> Doc:
    """A very short class-parents chat message: @所有人, a deadline, nothing confidential."""
    teacher = fake.last_name() + "老师"
    what = rng.choice(
        (
            f"明天学校组织秋游，请于{rng.choice(('7:30', '7:40', '8:00'))}前送孩子到校，带好水杯、雨具和午餐",
            f"本周五{rng.choice(('下午3点', '晚上7点'))}召开家长会，地点在本班教室，请每户至少一位家长参加",
            "请于本周日晚8点前在小程序上完成假期作业打卡，未完成的同学开学补交",
            "下周一开始冬季作息，下午放学时间调整为4:30，请按时接孩子",
        )
    )
    return Doc(
        paragraphs=[
            f"{teacher}：@所有人 各位家长好，{what}。{rng.choice(('收到请回复，谢谢配合！', '有问题请私信我，群里请不要刷屏。', '天气转凉，请给孩子添衣，谢谢大家！'))}"
        ],
        closing=[
            f"（{place(rng)}小学{rng.randint(1, 6)}年级{rng.randint(1, 9)}班家长群，群公告同步）"
        ],
        label="clean",
        kind="b3_cn_teacher_group_reminder",
    )
