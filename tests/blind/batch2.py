# ruff: noqa: E501  (Chinese text data: long lines read better unbroken)
"""Blind evaluation batch 2: document families written independently of the detector.

Author: the `blind2` engineer (worktree /work/wt/blind2), written 2026-12-02 between 06:00 and
07:00 UTC. Batch 1 (`tests/blind/batch1.py`) is written by another engineer at the same time;
this author did not read it.

Independence: while writing this batch the author did NOT open anything under `detectors/` or
`policies/`, nor the detector/policy/seed-case/evasion tests, nor `bench/accuracy.py`, and did not
run shareguard's scan/check/explain on these documents. Only the Doc/render/corpus API of
`tests/docgen/` was read, and `tests/docgen/templates.py` skimmed for the shape of a template
function. The families were written to look unlike those templates: other issuing bodies
(flood control, safety production, petition offices, hospitals' wards, enterprises, schools),
other eras (2016-2024, not only the 2020 epidemic), other layouts (chat pastes, cover pages,
header-only marks, key-value forms, header-less tables, narrative notes without headings).

Protocol: measure the detector on this batch ONCE, before any tuning against it, and record that
first number (per label and overall) in the report/commit that measures it. After that the batch
may join the training/tuning material; later numbers on it are no longer blind.

    FAMILIES: list[Template]          every family, split="blind2"
    FORMATS: dict[str, tuple[str, ...]]  family name -> formats such a document really travels in

People, IDs and phones come from Faker zh_CN (valid-checksum fake resident IDs); place and unit
names are invented or generic. No real person's data.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from faker import Faker

from tests.docgen.doc import Doc
from tests.docgen.templates import Template

Builder = Callable[[random.Random, Faker], Doc]
SPLIT = "blind2"

FAMILIES: list[Template] = []
FORMATS: dict[str, tuple[str, ...]] = {}


def family(name: str, label: str, formats: tuple[str, ...]) -> Callable[[Builder], Builder]:
    """Register a builder as a blind family with the formats it realistically travels in."""
    assert name.startswith("b2_"), name

    def deco(fn: Builder) -> Builder:
        def build(rng: random.Random, fake: Faker) -> Doc:
            doc = fn(rng, fake)
            doc.label = label
            doc.kind = name
            return doc

        FAMILIES.append(Template(name, label, SPLIT, build))
        FORMATS[name] = formats
        return fn

    return deco


# ------------------------------------------------------------------------- shared pieces

COUNTIES = [
    "桐川县",
    "江屿县",
    "白沙河市",
    "岚山区",
    "北溪县",
    "宁川市",
    "云岭县",
    "清河县",
    "石潭县",
    "梅溪区",
]
TOWNS = [
    "安平镇",
    "大坪乡",
    "河口镇",
    "金鸡街道",
    "龙泉街道",
    "双溪乡",
    "柏林镇",
    "东关街道",
    "新桥镇",
]
VILLAGES = [
    "杨柳村",
    "上坪村",
    "河口村",
    "大湾村",
    "石桥村",
    "新民社区",
    "东关社区",
    "黄土岭村",
    "茶园村",
    "桂花社区",
    "枫树坪村",
]
GROUPS = ["一组", "二组", "三组", "四组", "五组", "六组"]
HOSPITALS = ["人民医院", "中医院", "第二人民医院", "妇幼保健院", "中西医结合医院"]
CN_DIGITS = "〇一二三四五六七八九"
MALE_GIVEN = [
    "建国",
    "志强",
    "伟",
    "磊",
    "军",
    "勇",
    "杰",
    "涛",
    "明",
    "超",
    "鹏",
    "浩然",
    "建华",
    "国庆",
    "海军",
    "文斌",
    "宏伟",
    "振华",
    "德明",
    "永刚",
    "俊",
    "晓东",
    "立新",
    "春生",
    "子轩",
    "宇航",
    "金龙",
    "世平",
]
FEMALE_GIVEN = [
    "秀英",
    "桂英",
    "丽",
    "敏",
    "静",
    "燕",
    "芳",
    "玉兰",
    "淑珍",
    "红梅",
    "海燕",
    "婷",
    "雪",
    "晓梅",
    "丽娟",
    "春花",
    "凤英",
    "美玲",
    "佳怡",
    "欣怡",
    "子涵",
    "雨桐",
    "翠兰",
    "慧",
]


def _cn_year(y: int) -> str:
    return "".join(CN_DIGITS[int(c)] for c in str(y))


def _cn_small(n: int) -> str:
    """1..31 as Chinese numerals (十一, 二十三)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def _ymd(rng: random.Random, years: tuple[int, int] = (2016, 2024)) -> tuple[int, int, int]:
    return rng.randint(*years), rng.randint(1, 12), rng.randint(1, 28)


def _date(y: int, m: int, d: int, rng: random.Random) -> str:
    """A 落款 date: Arabic (GB/T 9704-2012) or the older Chinese-numeral style."""
    if rng.random() < 0.3:
        return f"{_cn_year(y)}年{_cn_small(m)}月{_cn_small(d)}日"
    return f"{y}年{m}月{d}日"


def _person(
    fake: Faker, rng: random.Random, year: int, min_age: int = 2, max_age: int = 88
) -> dict[str, str]:
    # Faker draws birth dates relative to today: shift the range so the person has that age in `year`
    shift = max(0, datetime.date.today().year - year)
    ssn = fake.ssn(min_age=min_age + shift, max_age=max_age + shift)
    male = int(ssn[16]) % 2 == 1
    return {
        "name": fake.last_name() + rng.choice(MALE_GIVEN if male else FEMALE_GIVEN),
        "sex": "男" if male else "女",
        "id": ssn,
        "phone": fake.phone_number(),
        "age": str(max(1, year - int(ssn[6:10]))),
        "birth": f"{ssn[6:10]}-{ssn[10:12]}-{ssn[12:14]}",
    }


def _home(rng: random.Random) -> str:
    return f"{rng.choice(TOWNS)}{rng.choice(VILLAGES)}{rng.choice(GROUPS)}{rng.randint(1, 88)}号"


def _landline(rng: random.Random) -> str:
    return f"0{rng.randint(710, 899)}-{rng.randint(2, 8)}{rng.randint(100000, 999999)}"


def _short(county: str) -> str:
    return county[0]


def _docno(rng: random.Random, county: str, year: int, kind: str) -> str:
    n = rng.randint(1, 160)
    c = _short(county)
    return rng.choice(
        {
            "zf": [
                f"{c}政办发〔{year}〕{n}号",
                f"{c}政发〔{year}〕{n}号",
                f"[{year}]{n}号",
                f"{c}政办函〔{year}〕{n}号",
            ],
            "db": [
                f"{c}督字〔{year}〕第{n}号",
                f"{c}督办〔{year}〕{n}号",
                f"督查字[{year}]第{n:03d}号",
            ],
            "dept": [
                f"{c}防指〔{year}〕{n}号",
                f"{c}安委办〔{year}〕{n}号",
                f"{c}卫健发〔{year}〕{n}号",
                f"[{year}]{n}号",
            ],
        }[kind]
    )


def _pick(rng: random.Random, items: list[str], lo: int, hi: int) -> list[str]:
    items = list(items)
    rng.shuffle(items)
    return items[: rng.randint(lo, min(hi, len(items)))]


# ------------------------------------------------------------------------- control_order

CHAT_TASKS = [
    ("防汛", "辖区内地质灾害隐患点、危房户和需转移人员名单", "今晚20:00前", "镇应急办邮箱"),
    ("秸秆禁烧", "今日巡查台账和火点处置情况（附照片）", "今天17:00前", "群里"),
    ("医保征缴", "城乡居民医保缴费进度表，未缴费户要逐户说明原因", "明天上午10点前", "镇社保所"),
    ("森林防火", "护林员在岗情况及进山路口值守登记表", "今天18:00前", "镇林业站"),
    ("疫情防控", "近7日省外返乡人员摸排表（含身份证号、联系电话）", "今天17:00前", "镇党政办邮箱"),
    ("人口普查", "短表登记进度和空挂户清单", "周五12:00前", "普查办"),
]


@family("b2_chat_group_order", "control_order", ("txt", "phone-screenshot", "screenshot"))
def chat_group_order(rng: random.Random, fake: Faker) -> Doc:
    town = rng.choice(TOWNS)
    topic, what, when, where = rng.choice(CHAT_TASKS)
    sender = fake.name()
    lines: list[str] = []
    if rng.random() < 0.7:
        lines.append(f"{town}{topic}工作群({rng.randint(25, 180)})")
    lines.append(
        rng.choice(
            [
                "昨天 16:42",
                "上午 9:05",
                f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日 下午3:1{rng.randint(0, 9)}",
                "11:27",
            ]
        )
    )
    lines.append(
        f"{sender}（{rng.choice(['镇党政办', '镇应急办', '镇长', '分管领导', '驻村工作队'])}）"
    )
    opener = rng.choice(["@所有人 ", "@所有人 【紧急通知】", "@所有人\n", "【重要】@所有人 "])
    penalty = rng.choice(
        [
            "逾期未报的，镇纪委将予以通报批评。",
            "未按时报送的村，纳入年终考核扣分。",
            "对逾期未报的单位予以通报批评，并约谈村支书。",
            "谁的村没报，明天早会点名。",
        ]
    )
    body = (
        f"{opener}接县{topic}指挥部通知，请各村（社区）于{when}将{what}报送至{where}，"
        f"{rng.choice(['零报告也要报。', '要求数据准确，不得漏报瞒报。', ''])}{penalty}收到请回复。"
    )
    lines.extend(body.split("\n"))
    if rng.random() < 0.5:
        lines.append(
            f"附件：{topic}信息统计表（{rng.choice(['第二版', '最新', '请用此表'])}）.xlsx"
        )
    for v in _pick(rng, VILLAGES, 2, 5):
        lines.append(
            f"{v} {fake.name()}：{rng.choice(['收到', '收到！', '收到，马上落实', '好的'])}"
        )
    return Doc(paragraphs=lines, key_phrases=["@所有人", when])


BREAKDOWN_TOPICS = {
    "优化营商环境": [
        ("压减企业开办时间", "企业开办全流程压缩至1个工作日以内", "县市场监管局", "县政务服务中心"),
        (
            "推行工程建设项目审批“容缺受理”",
            "制定容缺受理事项清单并公布",
            "县住建局",
            "县自然资源局",
        ),
        ("清理拖欠民营企业账款", "建立台账，逐笔销号", "县财政局", "县工信局"),
        ("开展涉企收费专项检查", "对行业协会商会乱收费问题全面排查", "县发改局", "县市场监管局"),
        ("落实“首违不罚”清单", "各执法部门公布首违不罚事项", "县司法局", "县直各执法单位"),
        ("提升不动产登记效率", "一般登记3个工作日内办结", "县自然资源局", "县税务局"),
    ],
    "农村人居环境整治": [
        ("推进农村改厕", "完成户厕改造任务并逐户验收", "县农业农村局", "各乡镇"),
        ("生活垃圾治理", "行政村保洁员配备率达到100%", "县城管局", "各乡镇"),
        ("生活污水治理", "完成集镇污水管网建设", "县生态环境分局", "县住建局"),
        ("村庄清洁行动", "开展春季村庄清洁集中行动", "各乡镇", "县妇联"),
        ("畜禽养殖污染治理", "规模养殖场粪污处理设施配套率达95%", "县畜牧中心", "县生态环境分局"),
    ],
    "安全生产专项整治": [
        (
            "危险化学品企业安全风险隐患排查",
            "对辖区危化企业逐一开展“体检式”检查",
            "县应急管理局",
            "县工信局",
        ),
        ("城镇燃气安全整治", "排查餐饮场所燃气报警装置安装情况", "县住建局", "县市场监管局"),
        (
            "道路交通安全整治",
            "重点整治农村面包车超员、三轮车违法载人",
            "县公安局交警大队",
            "县交通运输局",
        ),
        ("自建房安全排查", "对经营性自建房开展全覆盖排查", "县住建局", "各乡镇"),
        ("消防安全隐患整治", "整治电动自行车违规停放充电", "县消防救援大队", "各街道"),
        ("建筑施工安全", "开展高支模、深基坑专项检查", "县住建局", "县质监站"),
    ],
    "创建国家卫生县城": [
        ("农贸市场提质改造", "完成3个农贸市场升级改造", "县商务局", "县市场监管局"),
        ("病媒生物防制", "四害密度控制水平达到C级以上", "县爱卫办", "县疾控中心"),
        ("背街小巷整治", "硬化破损路面，规范管线", "县城管局", "各街道"),
        ("控烟工作", "公共场所设置禁烟标识", "县卫健局", "县教育局"),
        ("健康教育阵地建设", "每个社区建成健康教育宣传栏", "县卫健局", "各社区"),
    ],
}


@family("b2_task_breakdown_table", "control_order", ("xlsx", "docx", "pdf", "photo"))
def task_breakdown_table(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    topic = rng.choice(list(BREAKDOWN_TOPICS))
    year = rng.randint(2017, 2024)
    tasks = list(BREAKDOWN_TOPICS[topic])
    rng.shuffle(tasks)
    with_helper = rng.random() < 0.6
    time_word = rng.choice(["完成时限", "时间节点", "完成时间"])
    header = (
        ["序号", "重点任务", "具体措施", "牵头单位"]
        + (["配合单位"] if with_helper else [])
        + ["责任人", time_word]
    )
    rows = [header]
    for i, (task, measure, lead, helper) in enumerate(tasks[: rng.randint(4, len(tasks))], 1):
        person = (
            f"{fake.name()}（{rng.choice(['局长', '副局长', '主任', '分管副镇长', '大队长'])}）"
        )
        deadline = rng.choice(
            [
                f"{year}年{rng.randint(3, 12)}月底前",
                f"{year}年{rng.randint(3, 12)}月{rng.randint(1, 28)}日前",
                "长期坚持",
                f"{year}年6月30日前",
            ]
        )
        rows.append(
            [str(i), task, measure, lead] + ([helper] if with_helper else []) + [person, deadline]
        )
    closing = []
    if rng.random() < 0.7:
        closing.append(
            rng.choice(
                [
                    "备注：各牵头单位须于每月25日前将工作进展报县委督查室，未按时报送的纳入年度绩效考核扣分。",
                    "说明：牵头单位主要负责人为第一责任人，配合单位要主动对接，不得推诿扯皮。",
                    "注：请各责任单位每季度末报送一次推进情况，县政府督查室将适时开展专项督查。",
                ]
            )
        )
    return Doc(
        preamble=[f"附件{rng.randint(1, 3)}"] if rng.random() < 0.6 else [],
        title=f"{county}{year}年{topic}重点任务分解表",
        tables=[rows],
        closing=closing,
        key_phrases=["牵头单位", "责任人"],
    )


DUBAN_SOURCES = [
    ("县委主要领导批示件", "关于{v}群众反映饮水困难问题的批示", "制定整改方案，确保群众饮水安全"),
    (
        "省生态环境保护督察反馈问题",
        "{v}砂石厂无证开采、扬尘污染问题",
        "立即停产整顿，限期完成生态修复",
    ),
    ("12345市长热线转办件", "{v}小区业主反映物业违规收费问题", "调查核实并答复来电人"),
    ("人大代表建议", "关于改善{v}通村公路路况的建议", "提出办理意见并与代表见面沟通"),
    (
        "县政府常务会议议定事项",
        "{v}安置小区不动产权证办理滞后问题",
        "明确办证时间表并向县政府专题报告",
    ),
]


@family("b2_duban_notice_form", "control_order", ("docx", "photo", "pdf-scan", "pdf"))
def duban_notice_form(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2018, 2024))
    source, matter, req = rng.choice(DUBAN_SOURCES)
    village = rng.choice(TOWNS) + rng.choice(VILLAGES)
    days = rng.choice([5, 7, 10, 15])
    docno = _docno(rng, county, y, "db")
    unit = rng.choice(
        [
            f"{county}住房和城乡建设局",
            f"{county}水利局",
            f"{rng.choice(TOWNS)}人民政府",
            f"{county}自然资源局",
        ]
    )
    rows = [
        ["督办编号", docno],
        ["督办事项来源", source],
        ["督办事项", matter.format(v=village)],
        ["承办单位", unit],
        ["办理要求", f"{req}，于{m}月{d}日起{days}个工作日内书面报送办理结果。"],
        ["签收人", rng.choice(["", fake.name()])],
        ["签收时间", rng.choice(["", f"{y}.{m}.{d}"])],
    ]
    if rng.random() < 0.5:
        rows.insert(4, ["督办等级", rng.choice(["A类（限时办结）", "特急", "重点督办"])])
    closing = []
    if rng.random() < 0.7:
        closing.append(
            "注：请承办单位于接单后3个工作日内反馈办理方案，逾期未反馈的将在全县督查通报中予以通报批评。"
        )
    closing += [
        f"联系人：{fake.name()}　电话：{_landline(rng)}",
        f"{county}人民政府督查室",
        _date(y, m, d, rng),
    ]
    return Doc(
        preamble=[f"{county}人民政府督查室"] if rng.random() < 0.5 else [],
        title=rng.choice(["督查督办通知单", "督办通知单", "督 办 单"]),
        tables=[rows],
        closing=closing,
        key_phrases=[docno],
    )


MEETINGS = [
    ("全县防汛抗旱工作调度会", "汇报本辖区山洪灾害危险区人员转移预案落实情况"),
    ("全县安全生产工作推进会", "汇报“打非治违”专项行动开展情况及下步打算"),
    ("全市信访维稳工作会议", "汇报重点信访积案化解进度"),
    ("全县巩固脱贫成果后评估迎检工作会", "汇报监测对象帮扶措施落实情况"),
    ("全县秋冬季森林防火工作会议", "汇报野外火源管控和护林员巡山情况"),
]


@family("b2_meeting_notice_tasks", "control_order", ("docx", "pdf", "photo", "txt"))
def meeting_notice_tasks(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2016, 2024))
    d = min(d, 24)
    meeting, report = rng.choice(MEETINGS)
    issuer = f"{county}人民政府办公室"
    preamble = []
    if rng.random() < 0.4:
        preamble.append(rng.choice(["特急", "急件"]))
    number = rng.random() < 0.75
    if number:
        preamble.append(_docno(rng, county, y, "zf"))
    mday = d + rng.randint(2, 4)
    paras = [
        rng.choice(
            ["各乡镇人民政府、街道办事处，县直有关单位：", "各乡镇（街道），县政府各部门："]
        ),
        f"经县人民政府同意，定于{y}年{m}月{mday}日召开{meeting}。现将有关事项通知如下：",
        f"一、会议时间：{m}月{mday}日（星期{rng.choice('一二三四五')}）{rng.choice(['上午9:00', '下午2:30', '上午8:30'])}，会期半天。",
        f"二、会议地点：{rng.choice(['县行政中心四楼会议室', '县政府第一会议室', '县应急指挥中心'])}。",
        f"三、参会人员：各乡镇（街道）{rng.choice(['党（工）委书记', '乡镇长（主任）', '分管负责同志'])}，县直有关单位主要负责人。",
        f"四、会议议程：1.听取各乡镇（街道）{report}；2.{fake.name()}副县长部署下阶段工作；3.县长讲话。",
        "五、有关要求",
        f"1.请各乡镇（街道）准备5分钟书面发言材料，于{m}月{mday - 1}日12:00前报送至县政府办{rng.choice(['综合股', '秘书一股'])}邮箱。",
        "2.参会人员原则上不得请假，确因特殊情况不能参会的，须向县政府主要领导请假并报县政府办备案。",
        rng.choice(
            [
                "3.请参会人员提前10分钟入场，会议期间手机调至静音，对无故缺席、迟到的单位予以通报批评。",
                "3.会议实行签到制度，县委督查室、县政府督查室将对参会情况进行督查并通报。",
            ]
        ),
        f"联系人：{fake.name()}，电话：{_landline(rng)}。",
    ]
    return Doc(
        preamble=preamble,
        title=f"关于召开{meeting}的通知",
        paragraphs=paras,
        closing=[issuer, _date(y, m, d, rng)],
        key_phrases=[meeting],
    )


TIPS = {
    "汛期安全": [
        "严格落实24小时值班和领导带班制度，值班人员不得脱岗，手机保持畅通。",
        "对山塘水库、地质灾害隐患点每日巡查不少于一次，并做好巡查记录。",
        "遇强降雨时，提前转移危险区域群众，做到“应转尽转、应转早转”。",
        "险情灾情发生后30分钟内电话报告、1小时内书面报告，不得迟报、漏报、瞒报。",
    ],
    "节前廉洁": [
        "严禁违规收送礼品礼金、消费卡和电子红包。",
        "严禁公款吃喝、违规发放津补贴或福利。",
        "严禁公车私用，节假日公务用车一律封存停放。",
        "各科室负责人要对本科室人员开展一次提醒谈话，谈话记录于节后3日内报纪检组。",
    ],
    "冬季供暖": [
        "各供热单位须于11月10日前完成管网试压和注水。",
        "对低保户、特困户供暖情况逐户回访，建立问题台账。",
        "供暖热线实行24小时值守，群众诉求2小时内响应。",
        "发生停暖事故的，须立即报告县住建局应急值班室。",
    ],
    "信访维稳": [
        "敏感时段各单位落实“零报告”制度，每日16:00前报送稳控情况。",
        "对重点人员落实“一人一专班”，掌握动态，防止赴省进京上访。",
        "发现异常动向立即报告县信访联席办，不得延误。",
    ],
}


@family("b2_work_tip_sheet", "control_order", ("docx", "photo", "txt", "pdf"))
def work_tip_sheet(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2017, 2024))
    topic = rng.choice(list(TIPS))
    unit = rng.choice(
        [
            f"{county}应急管理局",
            f"{county}纪委监委",
            f"{county}住房和城乡建设局",
            f"{county}委政法委",
            f"{county}防汛抗旱指挥部办公室",
        ]
    )
    items = list(TIPS[topic])
    rng.shuffle(items)
    paras = [rng.choice(["各乡镇（街道）、县直各单位：", "各科室、各下属单位：", "各村（社区）："])]
    paras.append(f"为做好{topic}相关工作，现提示如下：")
    paras += [f"{'一二三四五'[i]}、{t}" for i, t in enumerate(items)]
    paras.append(
        rng.choice(
            [
                f"请于{m}月{d}日前将落实情况报{unit}，联系电话：{_landline(rng)}。",
                "请各单位认真对照落实，县里将适时开展暗访检查，发现问题严肃追责。",
            ]
        )
    )
    return Doc(
        preamble=[unit] if rng.random() < 0.5 else [],
        title=rng.choice(
            [f"{topic}工作提示单", f"工作提示单（{topic}）", f"关于做好{topic}工作的提示"]
        )
        + rng.choice(["", f"（第{rng.randint(1, 30)}期）"]),
        paragraphs=paras,
        closing=[unit, _date(y, m, d, rng)],
        key_phrases=["提示"],
    )


# ------------------------------------------------------------------------- screening_list

ORIGINS = [
    ("武汉", 2020),
    ("上海", 2022),
    ("西安", 2021),
    ("孝感", 2020),
    ("石家庄", 2021),
    ("广州", 2021),
    ("郑州", 2022),
    ("黄冈", 2020),
]
TRAINS = [
    "G1234",
    "G872",
    "K1158",
    "D2207",
    "Z38",
    "T145",
    "G3108",
    "自驾",
    "大巴",
    "MU2473",
    "CA1856",
]


@family("b2_chat_pasted_returnees", "screening_list", ("txt", "phone-screenshot", "txt-gbk"))
def chat_pasted_returnees(rng: random.Random, fake: Faker) -> Doc:
    origin, year = rng.choice(ORIGINS)
    village = rng.choice(VILLAGES)
    m = 1 if year == 2020 else rng.randint(1, 12)
    lines: list[str] = []
    if rng.random() < 0.6:
        lines.append(
            rng.choice(
                [
                    f"{village}从{origin}返回人员（截至{m}月{rng.randint(20, 28)}日）",
                    f"{origin}返乡的",
                    f"今天新摸排{origin}回来的：",
                ]
            )
        )
    sep = rng.choice([" ", "，", "  ", "、"])
    with_id = rng.random() < 0.5
    ids, phones = [], []
    for i in range(rng.randint(4, 11)):
        p = _person(fake, rng, year)
        parts = [p["name"], p["sex"]]
        if rng.random() < 0.4:
            parts.append(f"{p['age']}岁")
        if with_id:
            parts.append(p["id"])
            ids.append(p["id"])
        parts.append(p["phone"])
        phones.append(p["phone"])
        parts.append(
            rng.choice(
                [village + rng.choice(GROUPS), rng.choice(TOWNS) + rng.choice(VILLAGES), village]
            )
        )
        day = rng.randint(1, 28)
        parts.append(
            rng.choice([f"{m}月{day}日从{origin}返回", f"{m}.{day}{origin}回", f"{m}月{day}日到家"])
        )
        parts.append(rng.choice(TRAINS))
        if rng.random() < 0.3:
            parts.append(rng.choice(["居家观察", "无发热", "已测体温36.5", "同行2人"]))
        num = rng.choice([f"{i + 1}. ", f"{i + 1}、", f"{i + 1}."])
        lines.append(num + sep.join(parts))
    if rng.random() < 0.4:
        lines.append(
            rng.choice(
                ["以上人员请网格员今天上门核实", "[转发自 村两委工作群]", "还有2个在外面没联系上"]
            )
        )
    return Doc(paragraphs=lines, identifiers=ids + phones)


@family("b2_health_monitoring_sheet", "screening_list", ("xlsx", "csv-gbk", "photo", "docx"))
def health_monitoring_sheet(rng: random.Random, fake: Faker) -> Doc:
    origin, year = rng.choice(ORIGINS)
    village = rng.choice(TOWNS) + rng.choice(VILLAGES)
    days = rng.randint(5, 7)
    header = (
        [
            "序号",
            "姓名",
            "性别",
            rng.choice(["身份证号码", "公民身份号码"]),
            "联系电话",
            "来源地",
            "抵达日期",
        ]
        + [f"第{i}天" for i in range(1, days + 1)]
        + ["有无症状"]
    )
    rows = [header]
    ids, phones = [], []
    for i in range(rng.randint(4, 10)):
        p = _person(fake, rng, year)
        ids.append(p["id"])
        phones.append(p["phone"])
        temps = [
            f"{rng.choice([36.1, 36.3, 36.4, 36.5, 36.6, 36.8, 37.0, 37.4])}" for _ in range(days)
        ]
        rows.append(
            [
                str(i + 1),
                p["name"],
                p["sex"],
                p["id"],
                p["phone"],
                origin + rng.choice(["市", "", "（中风险区）"]),
                f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
                *temps,
                rng.choice(["无", "无", "咳嗽", "无"]),
            ]
        )
    return Doc(
        title=rng.choice(
            [
                f"{village}居家健康监测人员登记表",
                "健康监测登记表",
                f"{origin}来（返）人员健康监测表",
            ]
        ),
        tables=[rows],
        closing=[f"监测责任人（村医）：{fake.name()}", f"包保干部：{fake.name()}"]
        if rng.random() < 0.7
        else [],
        identifiers=ids + phones,
    )


REFUSALS = [
    "高血压未控制",
    "妊娠期",
    "恶性肿瘤化疗中",
    "长期卧床",
    "本人拒绝",
    "外出务工未返",
    "对疫苗成分过敏史",
    "年龄大家属不同意",
    "癫痫病史",
]


@family("b2_vaccine_pending_list", "screening_list", ("xlsx", "csv-gbk", "docx", "photo"))
def vaccine_pending_list(rng: random.Random, fake: Faker) -> Doc:
    year = rng.choice([2021, 2022])
    village = rng.choice(VILLAGES)
    cols = [
        "序号",
        "姓名",
        "性别",
        "年龄",
        "身份证号",
        "联系电话",
        "所属网格",
        "未接种原因",
        "是否有禁忌证",
        "备注",
    ]
    if rng.random() < 0.4:
        cols.remove("备注")
    if rng.random() < 0.3:
        cols.remove("性别")
    rows = [cols]
    ids = []
    for i in range(rng.randint(5, 12)):
        p = (
            _person(fake, rng, year, min_age=60, max_age=92)
            if rng.random() < 0.7
            else _person(fake, rng, year, 18, 59)
        )
        ids.append(p["id"])
        reason = rng.choice(REFUSALS)
        values = {
            "序号": str(i + 1),
            "姓名": p["name"],
            "性别": p["sex"],
            "年龄": p["age"],
            "身份证号": p["id"],
            "联系电话": p["phone"],
            "所属网格": f"第{rng.randint(1, 6)}网格",
            "未接种原因": reason,
            "是否有禁忌证": "是"
            if reason in ("妊娠期", "恶性肿瘤化疗中", "对疫苗成分过敏史", "癫痫病史")
            else "否",
            "备注": rng.choice(["", "已劝导", "需医生评估", "子女在外"]),
        }
        rows.append([values[c] for c in cols])
    return Doc(
        title=rng.choice(
            [
                f"{village}未接种新冠病毒疫苗人员摸排表",
                "60岁以上未接种人员清单",
                f"{rng.choice(TOWNS)}疫苗接种“应接未接”人员台账",
            ]
        ),
        tables=[rows],
        closing=[
            f"填表人：{fake.name()}",
            f"填表时间：{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        ],
        identifiers=ids,
    )


@family(
    "b2_contact_tracing_headerless",
    "screening_list",
    ("xlsx", "csv-gbk", "txt", "phone-screenshot"),
)
def contact_tracing_headerless(rng: random.Random, fake: Faker) -> Doc:
    year = rng.choice([2020, 2021, 2022])
    rows: list[list[str]] = [[]]  # header-less: the first row is empty
    ids = []
    for _ in range(rng.randint(4, 12)):
        p = _person(fake, rng, year)
        ids.append(p["id"])
        row = [p["name"], p["sex"], p["age"], p["id"], p["phone"]]
        row.append(
            rng.choice(["同事", "同住家属", "同乘G2356", "同一棋牌室", "共同就餐", "同一理发店"])
        )
        row.append(rng.choice(["密接", "密接", "次密接", "一般接触"]))
        row.append(rng.choice(["集中隔离", "居家隔离", "已转运", "待转运"]))
        if rng.random() < 0.5:
            row.append(_home(rng))
        rows.append(row)
    paras = []
    if rng.random() < 0.5:
        paras.append(rng.choice(["密接 次密接", f"{rng.choice(TOWNS)}的", "转：第二批"]))
    return Doc(title="", paragraphs=paras, tables=[rows], identifiers=ids)


@family("b2_isolation_hotel_ledger", "screening_list", ("xlsx", "photo", "csv-gbk", "pdf"))
def isolation_hotel_ledger(rng: random.Random, fake: Faker) -> Doc:
    year = rng.choice([2020, 2021, 2022])
    hotel = rng.choice(["锦江之星", "如家", "城投大酒店", "县党校", "格林豪泰", "金色港湾宾馆"])
    cols = [
        "房号",
        "姓名",
        "性别",
        "身份证号",
        "手机号",
        "来源",
        "入住时间",
        "第1次核酸",
        "第2次核酸",
        "拟解除时间",
    ]
    rows = [cols]
    ids = []
    for _ in range(rng.randint(5, 12)):
        p = _person(fake, rng, year)
        ids.append(p["id"])
        m, d = rng.randint(1, 12), rng.randint(1, 20)
        rows.append(
            [
                str(rng.choice([2, 3, 5, 6]) * 100 + rng.randint(1, 30)),
                p["name"],
                p["sex"],
                p["id"],
                p["phone"],
                rng.choice(["入境", "密接", "高风险区来返", "次密接"]),
                f"{m}.{d}",
                rng.choice(["阴性", "阴性", "待出"]),
                rng.choice(["阴性", "待采", ""]),
                f"{m}.{d + rng.choice([7, 10, 14])}",
            ]
        )
    return Doc(
        title=f"{rng.choice(COUNTIES)}{hotel}集中隔离观察点人员台账",
        tables=[rows],
        closing=[
            f"点长：{fake.name()}　统计时间：{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        ]
        if rng.random() < 0.7
        else [],
        identifiers=ids,
    )


# ------------------------------------------------------------------------- medical_record

TCM_CASES = [
    (
        "胃脘部胀痛反复2年，加重1周",
        "胃脘痛",
        "肝胃不和证",
        "慢性非萎缩性胃炎",
        "舌淡红，苔薄白，脉弦",
        "疏肝理气，和胃止痛",
        "柴胡10g 白芍15g 枳壳10g 香附10g 川芎6g 陈皮10g 炙甘草6g 延胡索10g",
    ),
    (
        "失眠多梦3月余",
        "不寐",
        "心脾两虚证",
        "睡眠障碍",
        "舌淡，苔薄白，脉细弱",
        "补益心脾，养血安神",
        "黄芪20g 党参15g 白术10g 当归10g 茯神15g 酸枣仁20g 远志6g 龙眼肉10g",
    ),
    (
        "腰膝酸软，夜尿频多半年",
        "腰痛",
        "肾阳虚证",
        "腰肌劳损",
        "舌淡胖，苔白，脉沉细",
        "温补肾阳",
        "熟地黄20g 山药15g 山茱萸10g 杜仲15g 菟丝子15g 肉桂3g 附子6g（先煎）",
    ),
    (
        "咳嗽咳痰5天，痰黄稠",
        "咳嗽",
        "痰热壅肺证",
        "急性支气管炎",
        "舌红，苔黄腻，脉滑数",
        "清热化痰，宣肺止咳",
        "桑白皮15g 黄芩10g 浙贝母10g 瓜蒌皮15g 杏仁10g 桔梗6g 鱼腥草20g 甘草6g",
    ),
    (
        "月经后期伴小腹冷痛4月",
        "月经后期",
        "寒凝血瘀证",
        "月经失调",
        "舌暗，苔白，脉沉紧",
        "温经散寒，活血调经",
        "当归12g 川芎8g 吴茱萸5g 桂枝10g 白芍12g 艾叶10g 香附10g 益母草15g",
    ),
]


@family("b2_tcm_outpatient_note", "medical_record", ("docx", "photo", "pdf", "screenshot"))
def tcm_outpatient_note(rng: random.Random, fake: Faker) -> Doc:
    y, m, d = _ymd(rng, (2016, 2024))
    p = _person(fake, rng, y, 16, 80)
    complaint, tcm_dx, pattern, western, tongue, method, rx = rng.choice(TCM_CASES)
    hosp = rng.choice(COUNTIES) + rng.choice(["中医院", "中西医结合医院"])
    ident = rng.choice(
        [
            f"姓名：{p['name']}　性别：{p['sex']}　年龄：{p['age']}岁　门诊号：{rng.randint(10**7, 10**8 - 1)}",
            f"{p['name']}，{p['sex']}，{p['age']}岁，{rng.choice(['退休', '教师', '务农', '个体', '职员'])}。就诊日期：{y}-{m:02d}-{d:02d}",
        ]
    )
    paras = [
        ident,
        f"主诉：{complaint}。",
        f"现病史：患者{complaint.split('，')[0]}，{rng.choice(['曾自服中成药未见明显好转', '于外院查胃镜提示慢性胃炎', '情志不畅时加重', '纳差，二便调'])}。{rng.choice(['无发热恶寒。', '口干口苦。', '神疲乏力，纳少。'])}",
        f"舌脉：{tongue}。"
        if rng.random() < 0.5
        else f"望闻切诊：面色{rng.choice(['萎黄', '少华', '如常'])}，{tongue}。",
        f"中医诊断：{tcm_dx}（{pattern}）",
        f"西医诊断：{western}",
        f"治法：{method}。",
        f"处方：{rx}　{rng.choice([5, 7, 14])}剂，水煎服，日一剂，早晚分服。",
        rng.choice(["医嘱：忌生冷辛辣，调畅情志，一周后复诊。", "嘱：清淡饮食，不适随诊。"]),
    ]
    if rng.random() < 0.4:
        paras.insert(
            3,
            f"既往史：{rng.choice(['体健', '高血压病史5年', '否认肝炎结核病史', '糖尿病史3年'])}。过敏史：{rng.choice(['否认', '青霉素过敏'])}。",
        )
    return Doc(
        preamble=[hosp] if rng.random() < 0.7 else [],
        title=rng.choice(["门诊病历", "中医门诊病历", ""]),
        paragraphs=paras,
        closing=[f"医师签名：{fake.name()}", f"{y}年{m}月{d}日"],
        key_phrases=[tongue.split("，")[0]],
        identifiers=[],
    )


@family(
    "b2_nursing_record_sheet", "medical_record", ("xlsx", "photo", "pdf-scan", "pdf", "screenshot")
)
def nursing_record_sheet(rng: random.Random, fake: Faker) -> Doc:
    y, m, d = _ymd(rng, (2017, 2024))
    p = _person(fake, rng, y, 30, 90)
    dept = rng.choice(["心内科", "呼吸与危重症医学科", "神经内科", "骨科", "普外科", "ICU"])
    dx = rng.choice(
        [
            "急性心肌梗死",
            "慢性阻塞性肺疾病急性加重",
            "脑梗死",
            "股骨颈骨折术后",
            "急性胰腺炎",
            "重症肺炎",
        ]
    )
    header = [
        "日期",
        "时间",
        "体温℃",
        "脉搏次/分",
        "呼吸次/分",
        "血压mmHg",
        "SpO2%",
        "入量ml",
        "出量ml",
        "病情观察及护理措施",
        "签名",
    ]
    notes = [
        "患者神志清，精神差，诉胸闷，予持续低流量吸氧2L/min",
        "遵医嘱予静脉滴注，输液通畅，无外渗",
        "协助翻身拍背，皮肤完整无压红",
        "患者夜间睡眠差，已告知值班医生",
        "留置导尿通畅，尿色淡黄",
        "伤口敷料干燥，无渗血渗液",
        "心电监护示窦性心律，未见明显异常",
        "已做好跌倒坠床风险宣教，家属表示理解",
    ]
    rows = [header]
    nurses = [fake.name() for _ in range(3)]
    for i in range(rng.randint(5, 9)):
        hh = (8 + i * 3) % 24
        rows.append(
            [
                f"{m}-{min(28, d + (8 + i * 3) // 24):02d}",
                f"{hh:02d}:{rng.choice(['00', '10', '30', '45'])}",
                f"{rng.choice([36.4, 36.7, 37.2, 37.8, 38.3])}",
                str(rng.randint(62, 118)),
                str(rng.randint(16, 26)),
                f"{rng.randint(100, 165)}/{rng.randint(58, 98)}",
                str(rng.randint(89, 99)),
                rng.choice(["", "250", "500", "100"]),
                rng.choice(["", "300", "450", "200"]),
                rng.choice(notes),
                rng.choice(nurses),
            ]
        )
    hosp = rng.choice(COUNTIES) + rng.choice(HOSPITALS)
    ident = f"科别：{dept}　床号：{rng.randint(1, 45)}　姓名：{p['name']}　性别：{p['sex']}　年龄：{p['age']}　住院号：{rng.randint(200000, 999999)}"
    return Doc(
        preamble=[hosp],
        title=rng.choice(["护理记录单", "一般护理记录单", "危重患者护理记录单"]),
        paragraphs=[ident, f"入院诊断：{dx}"] if rng.random() < 0.6 else [ident],
        tables=[rows],
        footer=f"第{rng.randint(1, 6)}页",
        key_phrases=["护理记录"],
    )


PROGRESS = [
    (
        "反复咳嗽咳痰10余年，加重伴气促3天",
        "慢性阻塞性肺疾病急性加重期",
        "今日患者精神较前好转，诉夜间仍有阵发性咳嗽，咳白色黏痰，量约20ml，气促较入院时减轻。双肺呼吸音粗，双下肺可闻及少许湿性啰音，心率88次/分，律齐。复查血常规白细胞9.6×10^9/L，较前下降。",
    ),
    (
        "突发左侧肢体无力6小时",
        "急性脑梗死",
        "今日患者神志清楚，言语稍含糊，左上肢肌力3级，左下肢肌力4级，较昨日略有改善。头颅MRI示右侧基底节区急性梗死灶。继续予抗血小板聚集、调脂稳斑及改善循环治疗。",
    ),
    (
        "上腹痛伴呕吐1天",
        "急性胰腺炎（轻症）",
        "患者今日腹痛明显缓解，未再呕吐，已排气排便。上腹部轻压痛，无反跳痛。血淀粉酶降至210U/L。今日可试进少量流质饮食，观察有无腹痛反复。",
    ),
    (
        "发热伴尿频尿痛2天",
        "急性肾盂肾炎",
        "患者昨日最高体温38.6℃，今晨37.3℃，尿路刺激症状减轻，右肾区叩痛较前减轻。尿培养回报大肠埃希菌，对左氧氟沙星敏感，继续原抗感染方案。",
    ),
]


@family("b2_progress_note_plain", "medical_record", ("screenshot", "photo", "docx", "txt"))
def progress_note_plain(rng: random.Random, fake: Faker) -> Doc:
    """A 病程记录 with no section headings: dated narrative paragraphs only."""
    y, m, d = _ymd(rng, (2016, 2024))
    p = _person(fake, rng, y, 35, 88)
    complaint, dx, today = rng.choice(PROGRESS)
    doctor, senior = fake.name(), fake.name()
    hh = rng.randint(8, 11)
    paras = [
        f"{y}-{m:02d}-{d:02d} {hh:02d}:{rng.randint(0, 59):02d}　{rng.choice(['首次病程记录', '主治医师查房记录'])}",
        f"患者{p['name']}，{p['sex']}，{p['age']}岁，因“{complaint}”于{y}-{m:02d}-{max(1, d - 1):02d}入院。入院后完善相关检查，诊断为{dx}。",
        today,
        f"{senior}{rng.choice(['主治医师', '副主任医师', '主任医师'])}查房后指示：{rng.choice(['继续目前治疗，密切观察生命体征变化。', '病情较前好转，可考虑下调抗生素级别。', '注意复查电解质，必要时请相关科室会诊。'])}",
        f"{y}-{m:02d}-{min(28, d + 1):02d} {rng.randint(8, 11):02d}:{rng.randint(0, 59):02d}",
        rng.choice(
            [
                "患者今日一般情况可，饮食睡眠尚可，二便正常，无新发不适，继续观察。",
                "患者家属要求签署知情同意书，已详细告知病情及可能风险，家属表示理解。",
                "今日病情平稳，复查结果已回报，与上级医师沟通后拟于近日出院。",
            ]
        ),
    ]
    header = (
        f"{rng.choice(COUNTIES)}{rng.choice(HOSPITALS)}　住院号：{rng.randint(100000, 999999)}　床号：{rng.randint(1, 40)}"
        if rng.random() < 0.6
        else ""
    )
    return Doc(
        header=header,
        paragraphs=paras,
        closing=[f"医师签名：{doctor}"] if rng.random() < 0.6 else [],
        key_phrases=[dx],
    )


CHECKUP_ITEMS = [
    ("收缩压", lambda r: str(r.randint(105, 162)), "90-139 mmHg", 139),
    ("舒张压", lambda r: str(r.randint(62, 102)), "60-89 mmHg", 89),
    ("空腹血糖", lambda r: f"{r.uniform(4.2, 8.1):.2f}", "3.9-6.1 mmol/L", 6.1),
    ("总胆固醇", lambda r: f"{r.uniform(3.6, 6.8):.2f}", "<5.2 mmol/L", 5.2),
    ("甘油三酯", lambda r: f"{r.uniform(0.6, 3.9):.2f}", "<1.7 mmol/L", 1.7),
    ("丙氨酸氨基转移酶", lambda r: str(r.randint(9, 88)), "7-40 U/L", 40),
    ("尿酸", lambda r: str(r.randint(230, 560)), "150-420 μmol/L", 420),
    ("血红蛋白", lambda r: str(r.randint(108, 168)), "115-175 g/L", 999),
]


@family("b2_checkup_report", "medical_record", ("pdf", "photo", "docx", "phone-screenshot"))
def checkup_report(rng: random.Random, fake: Faker) -> Doc:
    y, m, d = _ymd(rng, (2016, 2024))
    p = _person(fake, rng, y, 22, 65)
    rows = [["检查项目", "结果", "参考范围", "提示"]]
    abnormal = []
    for name, gen, ref, hi in CHECKUP_ITEMS:
        v = gen(rng)
        flag = "↑" if float(v) > hi else ""
        if flag:
            abnormal.append(name)
        rows.append([name, v, ref, flag])
    conclusions = [f"{name}偏高" for name in abnormal[:3]] + [
        rng.choice(
            [
                "脂肪肝（轻度）",
                "甲状腺右叶结节（TI-RADS 3类）",
                "窦性心动过缓",
                "肺部小结节（建议随访）",
            ]
        )
    ]
    paras = [
        f"体检编号：TJ{y}{rng.randint(100000, 999999)}",
        f"姓名：{p['name']}　性别：{p['sex']}　年龄：{p['age']}",
        f"单位：{fake.company()}" if rng.random() < 0.7 else f"身份证号：{p['id']}",
        f"体检日期：{y}-{m:02d}-{d:02d}",
    ]
    return Doc(
        preamble=[
            rng.choice(COUNTIES) + rng.choice(HOSPITALS) + rng.choice(["健康管理中心", "体检中心"])
        ],
        title=rng.choice(["健康体检报告", "职工健康体检报告", "入职体检报告"]),
        paragraphs=paras,
        tables=[rows],
        closing=[
            "总检结论：" + "；".join(f"{i + 1}.{c}" for i, c in enumerate(conclusions)),
            f"建议：{rng.choice(['低盐低脂饮食，适当运动，3个月后复查。', '内分泌科就诊，进一步检查。', '定期复查，不适随诊。'])}",
            f"总检医师：{fake.name()}",
        ],
        identifiers=[p["id"]] if p["id"] in paras[2] else [],
    )


# ------------------------------------------------------------------------- investigation_report

ACCIDENTS = [
    (
        "机械伤害",
        "在清理{place}皮带输送机托辊积料时，未停机断电，右臂被卷入滚筒",
        "{company}生产车间",
        "设备未设置防护罩，作业前未执行停机挂牌制度",
    ),
    (
        "高处坠落",
        "在{place}屋面更换彩钢瓦时，踩穿采光板从约8米高处坠落",
        "{company}仓库",
        "未系挂安全带，采光板下方未设置安全网",
    ),
    (
        "燃气爆炸",
        "{place}后厨液化石油气钢瓶连接软管老化泄漏，遇明火发生爆燃",
        "{company}餐厅",
        "使用不合格减压阀，未安装燃气泄漏报警装置",
    ),
    (
        "中毒窒息",
        "进入{place}污水池清淤时吸入硫化氢气体晕倒，施救人员盲目施救",
        "{company}污水处理站",
        "有限空间作业未审批、未检测、未通风",
    ),
]


@family("b2_accident_investigation", "investigation_report", ("docx", "pdf", "pdf-scan"))
def accident_investigation(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2016, 2024))
    kind, how, place_t, cause = rng.choice(ACCIDENTS)
    company = (
        fake.company_prefix()
        + {"机械伤害": "建材", "高处坠落": "物流", "燃气爆炸": "餐饮管理", "中毒窒息": "食品"}[kind]
        + "有限公司"
    )
    business = {
        "机械伤害": "建材生产",
        "高处坠落": "仓储物流",
        "燃气爆炸": "餐饮服务",
        "中毒窒息": "食品加工",
    }[kind]
    place = place_t.format(company=company)
    died = rng.random() < 0.6
    victim = _person(fake, rng, y, 20, 60)
    boss, foreman, officer = fake.name(), fake.name(), fake.name()
    paras = [
        f"{y}年{m}月{d}日{rng.randint(7, 22)}时许，{place}发生一起{kind}事故，造成{'1人死亡' if died else '1人重伤'}，直接经济损失约{rng.randint(80, 260)}万元。",
        "一、事故单位基本情况",
        f"{company}成立于{rng.randint(2005, y - 1)}年，法定代表人{boss}，主要从事{business}。",
        "二、事故经过及救援情况",
        f"当日，该公司员工{victim['name']}（{victim['sex']}，{victim['age']}岁，身份证号{victim['id']}）"
        + how.format(place=place)
        + f"。现场班组长{foreman}发现后拨打120，伤者经送医抢救{'无效死亡' if died else '后脱离生命危险'}。",
        "三、事故原因",
        f"直接原因：{cause}。间接原因：企业安全生产主体责任不落实，安全教育培训流于形式；{rng.choice(['属地乡镇', '行业主管部门'])}监管不到位。",
        "四、事故性质",
        "经调查认定，该起事故是一起一般生产安全责任事故。",
        "五、责任认定及处理建议",
        f"1.{boss}，公司法定代表人，未履行安全生产管理职责，对事故发生负有主要领导责任，建议由县应急管理局依法处以上一年年收入40%的罚款。",
        f"2.{foreman}，班组长，违章指挥，建议由公司予以辞退。",
        f"3.{officer}，{rng.choice(TOWNS)}安监站工作人员，日常检查流于形式，建议移交县纪委监委依规依纪处理。",
        "六、整改措施建议",
        "（略）"
        if rng.random() < 0.4
        else "企业要立即开展全面隐患排查，完善操作规程，对全体员工开展再培训。",
    ]
    return Doc(
        title=f"{company}“{m}·{d}”{kind}事故调查报告",
        paragraphs=paras,
        closing=[
            f"{county}“{m}·{d}”{kind}事故调查组",
            _date(y + (m == 12), m % 12 + 1, rng.randint(1, 28), rng),
        ],
        identifiers=[victim["id"]],
        key_phrases=["事故调查报告"],
    )


DISEASES = [
    ("布鲁氏菌病", "从事羊只养殖，发病前曾为母羊接产", "虎红平板凝集试验阳性，试管凝集1:200（++）"),
    ("细菌性痢疾", "发病前1天在村宴就餐，同桌另有2人腹泻", "粪便培养福氏志贺菌阳性"),
    ("手足口病", "所在幼儿园同班有3名幼儿出现类似症状", "肠道病毒71型核酸阳性"),
    ("恙虫病", "发病前10天曾到山上砍柴", "外斐试验OXk 1:320"),
    ("人感染H9N2禽流感", "发病前曾到活禽市场购买活鸡并现场宰杀", "咽拭子H9亚型核酸阳性"),
]


@family("b2_case_survey_form", "investigation_report", ("docx", "photo", "pdf-scan", "xlsx"))
def case_survey_form(rng: random.Random, fake: Faker) -> Doc:
    y, m, d = _ymd(rng, (2016, 2024))
    disease, exposure, lab = rng.choice(DISEASES)
    p = _person(fake, rng, y, 2, 75)
    contacts = "、".join(fake.name() for _ in range(rng.randint(2, 4)))
    symptoms = rng.sample(
        ["发热√", "乏力√", "腹泻√", "关节痛√", "皮疹√", "头痛√", "咳嗽√", "多汗√"], 3
    )
    rows = [
        ["患者姓名", p["name"], "性别", p["sex"]],
        [
            "出生日期",
            p["birth"],
            "职业",
            rng.choice(["农民", "散居儿童", "幼托儿童", "家务及待业", "学生"]),
        ],
        ["身份证号", p["id"], "联系电话", p["phone"]],
        ["现住址", _home(rng), "", ""],
        ["发病日期", f"{y}-{m:02d}-{d:02d}", "诊断日期", f"{y}-{m:02d}-{min(28, d + 3):02d}"],
        ["临床表现", " ".join(symptoms), "", ""],
        [
            "就诊经过",
            f"先后在{rng.choice(VILLAGES)}卫生室、{rng.choice(TOWNS)}卫生院就诊，后转{rng.choice(COUNTIES)}{rng.choice(HOSPITALS)}",
            "",
            "",
        ],
        ["实验室检测", lab, "", ""],
        ["可疑暴露史", exposure, "", ""],
        ["密切接触者", contacts, "", ""],
    ]
    if rng.random() < 0.4:
        rows = [[r[0], r[1]] for r in rows] + [[r[2], r[3]] for r in rows if r[2]]
    return Doc(
        title=f"{disease}病例个案调查表" if rng.random() < 0.7 else f"{disease}个案流行病学调查表",
        preamble=[f"编号：{y}{rng.randint(1000, 9999)}"] if rng.random() < 0.5 else [],
        tables=[rows],
        closing=[
            f"调查单位：{rng.choice(COUNTIES)}疾病预防控制中心",
            f"调查者：{fake.name()}、{fake.name()}",
            f"调查日期：{y}年{m}月{min(28, d + 4)}日",
        ],
        identifiers=[p["id"], p["phone"]],
    )


COMPLAINTS = [
    (
        "在危房改造补助发放中优亲厚友，将补助资金发给其亲属",
        "经调取{y}年危改对象评议记录、入户核实，{rel}确系该主任弟媳，但其房屋经鉴定为C级危房，符合补助条件，程序完整。",
        "不属实",
    ),
    (
        "侵占村集体土地出租收入",
        "经查村集体账目，{y}年至今的土地租金共{n}万元，其中{m}万元未入账，存放于该主任个人账户。",
        "属实",
    ),
    (
        "在低保评定中收受好处",
        "走访低保户{k}户，其中1户反映曾送给该主任香烟两条，该主任承认收受但称已退还，无证据证明已退。",
        "部分属实",
    ),
    (
        "违规发包村道硬化工程",
        "该工程未经村民代表会议表决，直接由该主任妻弟承建，工程量存在虚报约{n}万元。",
        "属实",
    ),
]


@family("b2_petition_verification", "investigation_report", ("docx", "pdf", "photo"))
def petition_verification(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2017, 2024))
    town, village = rng.choice(TOWNS), rng.choice(VILLAGES)
    cadre = _person(fake, rng, y, 35, 62)
    items = rng.sample(COMPLAINTS, rng.randint(2, 3))
    paras = [
        f"{y}年{rng.randint(1, m)}月，县纪委监委信访室收到{rng.choice(['署名', '匿名', '实名'])}信访件，反映{town}{village}村委会主任{cadre['name']}存在违纪违法问题。经批准，{town}纪委成立核查组进行了核查，现将核查情况报告如下。",
        "一、被反映人基本情况",
        f"{cadre['name']}，{cadre['sex']}，{cadre['age']}岁，中共党员，{rng.randint(2008, y - 1)}年起任{village}村委会主任。",
        "二、反映的问题及核查情况",
    ]
    verdicts = []
    for i, (issue, finding, verdict) in enumerate(items, 1):
        paras.append(f"（{'一二三'[i - 1]}）反映“{issue}”的问题。")
        paras.append(
            finding.format(
                y=y - 1,
                rel=fake.name(),
                n=rng.randint(3, 30),
                m=rng.randint(1, 3),
                k=rng.randint(8, 20),
            )
            + f"该问题{verdict}。"
        )
        verdicts.append(verdict)
    paras.append("三、核查结论及处理建议")
    if "属实" in verdicts or "部分属实" in verdicts:
        paras.append(
            f"{cadre['name']}的行为违反了《中国共产党纪律处分条例》有关规定，建议给予党内严重警告处分，并责令退还违规所得。"
        )
    else:
        paras.append(
            "反映问题不属实，建议予以了结，并向信访人反馈核查结果，必要时为被反映人澄清正名。"
        )
    preamble = []
    if rng.random() < 0.5:
        preamble.append(rng.choice(["（初核情况，未经审定）", "内部材料", "此件不公开"]))
    return Doc(
        preamble=preamble,
        title=f"关于{village}村委会主任{cadre['name']}被反映问题的核查情况报告",
        paragraphs=paras,
        closing=[f"{county}{town}纪委核查组", _date(y, m, d, rng)],
        key_phrases=["核查"],
    )


@family("b2_initial_epi_trace", "investigation_report", ("docx", "txt", "phone-screenshot", "pdf"))
def initial_epi_trace(rng: random.Random, fake: Faker) -> Doc:
    year = rng.choice([2020, 2021, 2022])
    county = rng.choice(COUNTIES)
    m, d = rng.randint(1, 12), rng.randint(8, 28)
    p = _person(fake, rng, year, 18, 75)
    kind = rng.choice(["无症状感染者", "确诊病例", "核酸检测初筛阳性人员"])
    places = [
        "“老街”早餐店",
        "华润万家超市",
        f"{rng.choice(TOWNS)}农贸市场",
        "县人民医院门诊大厅",
        "“蜀香园”火锅店",
        "金辉小区快递驿站",
        "星辉网吧",
        "城北加油站",
    ]
    paras = [
        f"{m}月{d}日{rng.randint(1, 23)}时，{county}{rng.choice(['核酸检测常规筛查', '发热门诊', '重点人员排查'])}发现1例{kind}，经市疾控中心复核为阳性。现将初步流调情况报告如下：",
        f"一、基本情况：{p['name']}，{p['sex']}，{p['age']}岁，身份证号{p['id']}，联系电话{p['phone']}，现住{_home(rng)}，{rng.choice(['在某物流公司从事分拣工作', '个体经营户', '某小学教师', '退休在家'])}。共同居住人员{rng.randint(1, 4)}人。",
        "二、活动轨迹：",
    ]
    for back in range(rng.randint(3, 5), 0, -1):
        dd = max(1, d - back)
        seen = rng.sample(places, 2)
        paras.append(
            f"{m}月{dd}日：{rng.randint(7, 9)}:{rng.randint(10, 59)}从家中步行至{seen[0]}，停留约{rng.randint(10, 50)}分钟；{rng.randint(12, 19)}:{rng.randint(10, 59)}到{seen[1]}，同行人员{fake.name()}。"
        )
    paras += [
        f"三、密接及次密接判定：目前已判定密接{rng.randint(5, 40)}人、次密接{rng.randint(10, 90)}人，均已落实管控。",
        f"四、下一步工作：{rng.choice(['继续追踪其发病前4天行程，核实手机信令数据。', '对涉及场所进行终末消毒并开展环境采样。'])}",
    ]
    preamble = [
        rng.choice(
            [
                "（初步调查，未经核定，仅供内部研判）",
                "内部资料 注意保密",
                "【初步流调 请勿外传】",
                "",
            ]
        )
    ]
    return Doc(
        preamble=[x for x in preamble if x],
        title=rng.choice(
            [
                f"关于{county}新增1例{kind}的初步流调情况",
                "初步流行病学调查报告",
                f"{p['name'][0]}某某初步流调报告",
            ]
        ),
        paragraphs=paras,
        closing=[f"{county}疫情防控指挥部流调溯源组", f"{year}年{m}月{d}日"],
        identifiers=[p["id"], p["phone"]],
    )


@family("b2_opinion_incident_report", "investigation_report", ("docx", "pdf", "phone-screenshot"))
def opinion_incident_report(rng: random.Random, fake: Faker) -> Doc:
    y, m, d = _ymd(rng, (2018, 2024))
    county = rng.choice(COUNTIES)
    school = rng.choice(["县第二中学", "实验小学", "城关中心小学", "县职业中专"])
    event = rng.choice(
        [
            (
                f"{school}学生食堂饭菜发现异物",
                "食堂承包商未按规定留样，后厨卫生不达标",
                "系当事学生家长",
            ),
            (
                f"{school}一名学生在校内受伤",
                "体育课课前未检查器材，班主任处置不及时",
                "系受伤学生亲属",
            ),
            (f"{county}某小区业主聚集维权", "开发商延期交房，住建部门前期协调不力", "系该小区业主"),
        ]
    )
    poster = fake.name()
    parent = _person(fake, rng, y, 30, 50)
    paras = [
        f"{m}月{d}日晚，网民“{poster[0]}{rng.choice(['小妹', '家长', '路人甲'])}”在抖音、微信群发布视频，称“{event[0]}”，截至{m}月{min(28, d + 1)}日12时，相关视频播放量约{rng.randint(3, 40)}万次，评论{rng.randint(200, 3000)}条，部分评论情绪激烈。",
        f"经调查，发布者真实姓名{poster}，{rng.choice([event[2], event[2], '与事件无直接关系'])}。当事人{parent['name']}，联系电话{parent['phone']}，已由{rng.choice(TOWNS)}干部上门做思想工作。",
        f"初步查明：{event[1]}。",
        f"处置情况：县委网信办已协调平台对不实评论进行处置；{'属地街道' if '小区' in event[0] else '县教育局'}已约谈相关负责人。下一步建议：{rng.choice(['适时发布情况通报，回应社会关切。', '暂不发布通报，继续监测舆情走势。'])}",
    ]
    return Doc(
        preamble=[
            rng.choice(["舆情专报", f"网络舆情信息（第{rng.randint(3, 60)}期）", "内部资料"])
        ],
        title=f"关于“{event[0]}”网络舆情事件的调查情况",
        paragraphs=paras,
        closing=[f"{county}委网信办", _date(y, m, d, rng)],
        identifiers=[parent["phone"]],
    )


# ------------------------------------------------------------------------- internal_material

MINUTE_ITEMS = [
    "会议研究了{y}年度机关干部职工年度考核优秀等次推荐人选，同意推荐{a}、{b}为优秀等次人选，在局机关内部公示5个工作日。",
    "会议听取了办公室关于机关食堂外包合同续签情况的汇报，原则同意续签，由办公室与供应商就价格调整再行协商。",
    "会议研究了{a}同志提出的借调申请，同意借调至县委巡察办工作，借调期间工资福利由原单位发放。",
    "会议同意以{b}同志为组长成立专项整改工作专班，对审计反馈的{n}个问题逐项制定整改措施，{m}月底前完成整改销号。",
    "会议研究了{y}年度预算执行情况，要求压减一般性支出10%，暂停未开工的办公用房维修项目。",
    "会议研究了信访人{c}反复上访问题，明确由{a}同志牵头包案，下周内完成一次见面约谈。",
]


@family("b2_party_meeting_minutes", "internal_material", ("docx", "pdf", "photo"))
def party_meeting_minutes(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    unit = rng.choice(
        [
            f"{county}交通运输局",
            f"{county}农业农村局",
            f"{county}医疗保障局",
            f"{county}人民医院",
            f"{county}城市管理局",
        ]
    )
    y, m, d = _ymd(rng, (2016, 2024))
    kind = rng.choice(["党组会议", "局长办公会议", "党委会", "院长办公会"])
    names = [fake.name() for _ in range(6)]
    items = rng.sample(MINUTE_ITEMS, rng.randint(3, 5))
    paras = [
        f"{y}年{m}月{d}日，{names[0]}同志在{rng.choice(['局三楼会议室', '行政楼会议室', '本单位会议室'])}主持召开{kind}。现将会议议定事项纪要如下：",
    ]
    for i, it in enumerate(items):
        paras.append(
            f"{'一二三四五'[i]}、"
            + it.format(
                y=y,
                a=names[1],
                b=names[2],
                c=fake.name(),
                n=rng.randint(5, 18),
                m=rng.randint(1, 12),
            )
        )
    paras.append(f"出席：{'、'.join(names[:5])}")
    paras.append(
        f"列席：{names[5]}（纪检组）" if rng.random() < 0.6 else f"请假：{names[4]}（外出学习）"
    )
    paras.append(f"记录：{fake.name()}")
    return Doc(
        preamble=[
            f"{unit}{kind}纪要",
            rng.choice([f"〔{y}〕第{rng.randint(1, 30)}期", f"第{rng.randint(1, 30)}期"]),
        ],
        title="",
        paragraphs=paras,
        closing=[
            f"分送：{rng.choice(['局领导班子成员，各股室', '院领导，各职能科室'])}",
            f"{unit}办公室　　{y}年{m}月{min(28, d + 2)}日印发",
            rng.choice(["（共印12份）", "", "（内部资料，请勿外传）"]),
        ],
        key_phrases=["纪要"],
    )


OUTLINE_TOPICS = {
    "河长制工作": [
        "全县共设立县乡村三级河长{n}名，累计巡河{k}次。",
        "存在问题：部分乡镇河长巡河流于形式，{t}仍有{p}处非法采砂点未取缔。",
        "下步打算：迎接省级暗访前，集中两周时间对问题点位清零。",
    ],
    "耕地保护": [
        "全县“非农化”“非粮化”图斑{n}个，已整改{k}个。",
        "存在问题：{t}有{p}宗违法占地涉及县重点项目，整改难度大，建议暂缓拆除。",
        "下步打算：争取省厅对重点项目用地指标支持。",
    ],
    "债务化解": [
        "截至目前，全县隐性债务余额约{n}亿元，今年计划化解{k}亿元。",
        "存在问题：{t}平台公司{p}笔融资即将到期，偿债压力较大。",
        "下步打算：申请再融资债券置换，必要时协调金融机构展期。",
    ],
    "招商引资": [
        "今年新签约项目{n}个，协议投资额{k}亿元。",
        "存在问题：{p}个签约项目尚未开工，部分项目投资方资金链紧张。",
        "下步打算：对{t}工业园闲置用地开展清理，收回重新招商。",
    ],
}


@family("b2_report_outline_unreviewed", "internal_material", ("docx", "pdf", "txt", "photo"))
def report_outline_unreviewed(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2017, 2024))
    topic = rng.choice(list(OUTLINE_TOPICS))
    paras = [
        rng.choice(
            [
                f"（向{rng.choice(['省督导组', '市委主要领导', '调研组'])}汇报用）",
                f"{county}人民政府",
                f"{y}年{m}月{d}日",
            ]
        )
    ]
    for i, line in enumerate(OUTLINE_TOPICS[topic]):
        paras.append(
            f"{'一二三'[i]}、"
            + line.format(
                n=rng.randint(20, 400),
                k=rng.randint(10, 300),
                p=rng.randint(2, 9),
                t=rng.choice(TOWNS),
            )
        )
    if rng.random() < 0.5:
        paras.append(
            f"（此处数据请{rng.choice(['县统计局', '县财政局', '县自然资源局'])}{fake.name()}再核实）"
        )
    mark = rng.choice(
        ["本材料未经审定，不得对外公开", "未经审定　不得外传", "内部汇报材料　未经审定　请勿扩散"]
    )
    where = rng.choice(["preamble", "header", "both"])
    return Doc(
        preamble=[mark] if where in ("preamble", "both") else [],
        header=mark if where in ("header", "both") else "",
        title=f"关于{county}{topic}情况的汇报提纲",
        paragraphs=paras,
        key_phrases=[mark],
    )


@family("b2_internal_briefing", "internal_material", ("pdf", "docx", "photo", "pdf-scan"))
def internal_briefing(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2016, 2024))
    topic = rng.choice(
        ["脱贫攻坚", "扫黑除恶专项斗争", "安全生产", "乡村振兴", "作风建设", "信访工作"]
    )
    n = rng.randint(1, 80)
    items = [
        f"【工作动态】{rng.choice(TOWNS)}：{rng.choice(['组织干部走村入户开展大排查', '召开专题推进会', '建立问题清单和整改台账'])}，共排查问题{rng.randint(5, 60)}个，已整改{rng.randint(1, 5)}个。",
        f"【存在问题】暗访发现，{rng.choice(TOWNS)}{rng.choice(VILLAGES)}{rng.choice(['档案资料与实际不符', '干部对政策不熟悉，应知应会答不上来', '帮扶台账存在补填痕迹'])}，已责令限期整改，并对包村干部{fake.name()}进行约谈。",
        f"【排名通报】本周督查综合排名后三位：{'、'.join(rng.sample(TOWNS, 3))}。",
        f"【领导批示】{rng.choice(['县委书记', '县长'])}在第{n - 1 if n > 1 else 1}期简报上批示：“问题要逐条销号，下期简报报送整改结果。”",
    ]
    rng.shuffle(items)
    return Doc(
        header=rng.choice(["内部刊物　注意保存", "内部资料　注意保存", ""]),
        preamble=[
            rng.choice(["内部刊物　注意保存", "内部资料", "内部参考"]),
            f"{topic}工作简报",
            f"第{n}期",
        ],
        title="",
        paragraphs=[f"{county}{topic}工作领导小组办公室　　　　{y}年{m}月{d}日", *items],
        closing=[
            f"报：{rng.choice(['市委、市政府', '县委、县人大、县政府、县政协领导'])}",
            f"送：{rng.choice(['县直各部门', '各乡镇党委、政府'])}",
            f"（共印{rng.randint(30, 120)}份）",
        ],
        key_phrases=["简报"],
    )


@family("b2_speech_draft_review", "internal_material", ("docx", "pdf", "txt"))
def speech_draft_review(rng: random.Random, fake: Faker) -> Doc:
    y, m, d = _ymd(rng, (2016, 2024))
    meeting = rng.choice(
        ["全县经济工作会议", "全县项目建设推进大会", "全县干部作风整顿动员会", "全县教育工作会议"]
    )
    who = fake.name()
    status = rng.choice(["（送审稿）", "（讨论稿）", f"（{m}月{d}日修改稿）", "（初稿）"])
    where = rng.choice(["preamble", "title", "both"])
    paras = [
        rng.choice(["同志们：", "各位同志："]),
        f"今天召开{meeting}，主要任务是……刚才，{fake.name()}同志通报了{y - 1}年度考核情况，我都同意，请大家抓好落实。下面，我讲三点意见。",
        f"一、正视差距，认清形势。{y - 1}年全县地区生产总值增长{rng.uniform(3, 8):.1f}%〔数据待统计局最终核定〕，在全市排第{rng.randint(5, 12)}位，比上年后退{rng.randint(1, 4)}位。个别部门“等靠要”思想严重，{rng.choice(TOWNS)}全年没有引进一个过亿元项目。",
        "二、聚焦重点，攻坚突破。【此段请发改局补充重点项目清单】……",
        f"三、转变作风，狠抓落实。对年底考核排名末位的单位，主要负责同志要向县委作出书面检查；连续两年末位的，{rng.choice(['予以组织调整', '按程序调整岗位'])}。〔此句是否保留请{who}县长定〕",
        "同志们，……（结束语待定）",
    ]
    return Doc(
        preamble=[status] if where in ("preamble", "both") else [],
        title=f"在{meeting}上的讲话" + (status if where in ("title", "both") else ""),
        paragraphs=[f"{who}", f"（{y}年{m}月{d}日）", *paras],
        footer=rng.choice(["", "送审稿　请勿外传", "未定稿"]),
        key_phrases=[status.strip("（）")],
    )


@family("b2_internal_solicit_draft", "internal_material", ("docx", "pdf", "txt"))
def internal_solicit_draft(rng: random.Random, fake: Faker) -> Doc:
    unit = rng.choice(COUNTIES) + rng.choice(
        ["人民医院", "城市管理局", "税务局", "中学", "供电公司"]
    )
    y, m, d = _ymd(rng, (2016, 2024))
    policy = rng.choice(
        [
            "绩效工资分配办法",
            "职工考勤管理规定",
            "科室综合目标考核办法",
            "值班补助发放标准",
            "中层干部竞聘上岗实施方案",
        ]
    )
    stage = rng.choice(["征求意见稿", "讨论稿", "修改稿"])
    clauses = [
        "第一条　为进一步调动职工积极性，结合本单位实际，制定本办法。",
        f"第二条　本办法适用于在编在岗职工及{rng.choice(['合同制', '劳务派遣'])}人员。",
        f"第三条　绩效总额的{rng.choice([60, 70, 75])}%按岗位系数分配，其余部分按考核得分分配。",
        f"第四条　当月迟到早退累计{rng.randint(3, 5)}次以上的，扣发当月奖励性绩效的{rng.choice([10, 20, 30])}%。",
        "第五条　本办法由办公室负责解释，自印发之日起施行。",
    ]
    return Doc(
        preamble=[f"（{stage}）"] if rng.random() < 0.5 else [],
        title=f"{unit}{policy}（{stage}）"
        if rng.random() < 0.6
        else f"关于印发《{unit}{policy}》的通知（{stage}）",
        paragraphs=[
            "各科室（部门）：",
            f"现将《{policy}（{stage}）》印发给你们，请组织职工认真讨论，并于{m}月{min(28, d + 7)}日前将修改意见报办公室。本稿仅供内部讨论，请勿外传。",
            *clauses,
        ],
        closing=[f"{unit}办公室", _date(y, m, d, rng)],
        key_phrases=[stage],
    )


# ------------------------------------------------------------------------- classified

ORDINARY_NOTICES = [
    (
        "关于做好{y}年度文书档案整理归档工作的通知",
        [
            "各科室：",
            "根据档案管理有关规定，请各科室于{m}月{d}日前将本年度形成的文件材料整理后移交档案室。",
            "一、归档范围：本单位形成的发文、收文、会议记录等。",
            "二、整理要求：按年度—机构—保管期限分类，件内按正本在前、定稿在后排列。",
        ],
    ),
    (
        "关于调整机关公务用车使用管理的通知",
        [
            "各股室：",
            "为规范公务用车使用，现就有关事项通知如下：",
            "一、公务用车实行统一调度，用车须提前一天填写派车单。",
            "二、节假日期间车辆一律封存，确需使用的报分管领导批准。",
        ],
    ),
    (
        "关于{y}年上半年重点工作推进情况的通报",
        [
            "各乡镇，县直各部门：",
            "今年以来，各地各部门认真落实县委、县政府决策部署，重点工作总体推进有序。",
            "一、项目建设方面，{n}个重点项目已开工{k}个。",
            "二、下一步，各单位要对照年度目标，查漏补缺，确保完成全年任务。",
        ],
    ),
    (
        "关于开展{y}年度保密自查自评工作的通知",
        [
            "各科室、直属单位：",
            "按照上级部署，决定在全系统开展保密自查自评工作。",
            "一、自查内容：涉密人员管理、涉密载体管理、计算机及网络保密管理。",
            "二、请于{m}月{d}日前将自查报告报办公室。",
        ],
    ),
]
MARKS = ["秘密★1年", "秘密★6个月", "机密★5年", "秘密★2年", "机密★10年", "绝密★长期", "秘密"]


def _ordinary(rng: random.Random, y: int) -> tuple[str, list[str]]:
    title, paras = rng.choice(ORDINARY_NOTICES)
    kw = {
        "y": y,
        "m": rng.randint(1, 12),
        "d": rng.randint(1, 28),
        "n": rng.randint(20, 60),
        "k": rng.randint(5, 19),
    }
    return title.format(**kw), [p.format(**kw) for p in paras]


@family("b2_mark_first_line", "classified", ("docx", "pdf", "photo", "pdf-scan"))
def mark_first_line(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2016, 2024))
    mark = rng.choice(MARKS)
    if rng.random() < 0.5:
        mark = mark.replace("★", " ★ ")
    title, paras = _ordinary(rng, y)
    unit = county + rng.choice(["人民政府办公室", "发展和改革局", "财政局", "教育局"])
    return Doc(
        preamble=[mark, unit + rng.choice(["文件", ""]), _docno(rng, county, y, "zf")],
        title=title,
        paragraphs=paras,
        closing=[unit, _date(y, m, d, rng)],
        key_phrases=[mark],
    )


@family("b2_mark_header_only", "classified", ("docx", "pdf", "pdf-scan"))
def mark_header_only(rng: random.Random, fake: Faker) -> Doc:
    """The secrecy mark is only in the page header; the body reads like ordinary analysis."""
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2017, 2024))
    mark = rng.choice(MARKS)
    subject = rng.choice(
        ["经济运行情况分析", "财政收支情况分析", "重点项目资金需求测算", "人口变动情况统计分析"]
    )
    paras = [
        f"{y}年1-{m}月，全县{rng.choice(['地区生产总值', '一般公共预算收入', '固定资产投资'])}完成{rng.randint(10, 300)}.{rng.randint(0, 9)}亿元，同比增长{rng.uniform(-3, 9):.1f}%。",
        f"分行业看，{rng.choice(['工业', '建筑业', '批发零售业'])}增速回落明显，主要受{rng.choice(['龙头企业停产检修', '房地产市场下行', '原材料价格上涨'])}影响。",
        f"下阶段预计：全年增速在{rng.randint(3, 6)}%左右，完成年初目标存在一定压力。",
    ]
    return Doc(
        header=mark if rng.random() < 0.6 else f"{mark}　　　　{county}统计局",
        title=f"{county}{y}年1-{m}月{subject}",
        paragraphs=paras,
        closing=[
            f"{county}{rng.choice(['统计局', '发展和改革局', '财政局'])}",
            _date(y, m, d, rng),
        ],
        key_phrases=[mark],
    )


@family("b2_fenhao_secret_line", "classified", ("pdf", "pdf-scan", "photo", "docx"))
def fenhao_secret_line(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2016, 2024))
    mark = rng.choice(MARKS)
    copy_no = rng.randint(1, 60)
    line = rng.choice(
        [
            f"{copy_no:06d}　　　　　　{mark}",
            f"份号：{copy_no:04d}　　密级：{mark.split('★')[0]}　　保密期限：{mark.split('★')[1] if '★' in mark else '1年'}",
            f"第{copy_no}份　{mark}",
        ]
    )
    title, paras = rng.choice(
        [
            (
                f"关于{y}年{rng.choice(['春节', '国庆', '元旦'])}期间值班安排的通知",
                [
                    "各科室：",
                    f"现将值班安排通知如下：{m}月{d}日由{fake.name()}带班，{fake.name()}值班；次日由{fake.name()}带班。",
                    "值班人员须坚守岗位，不得擅离。",
                ],
            ),
            (
                "关于召开专题会议的通知",
                [
                    "各有关单位：",
                    f"定于{m}月{d}日上午9时在县委第二会议室召开专题会议，请主要负责同志参加。",
                    "请勿带随行人员。",
                ],
            ),
            (
                f"{county}{y}年度干部教育培训计划",
                [
                    f"一、全年计划举办主体班次{rng.randint(5, 15)}期。",
                    "二、培训对象为全县科级干部和年轻干部。",
                    "三、经费由县财政统筹安排。",
                ],
            ),
        ]
    )
    return Doc(
        preamble=[line, county + rng.choice(["委办公室", "人民政府办公室", "委组织部"])],
        title=title,
        paragraphs=paras,
        closing=[_date(y, m, d, rng), rng.choice(["（此件不得翻印）", "（共印20份）", ""])],
        key_phrases=[mark.split("★")[0]],
    )


@family("b2_cover_page_mark", "classified", ("docx", "pdf", "pdf-scan", "photo"))
def cover_page_mark(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, _d = _ymd(rng, (2016, 2024))
    level = rng.choice(["秘密", "机密", "绝密"])
    project = rng.choice(
        [
            "应急物资储备布局规划",
            "城区管网改造项目可行性研究报告",
            "重大活动安全保障方案",
            "水源地保护规划修编",
        ]
    )
    cover = [
        f"密级：{level}"
        if rng.random() < 0.5
        else f"{level}★{rng.choice(['5年', '10年', '长期'])}",
        f"编号：{rng.choice(['GH', 'AQ', 'SZ'])}-{y}-{rng.randint(1, 99):03d}",
        "",
        f"{county}{project}",
        "",
        f"{county}{rng.choice(['发展和改革局', '应急管理局', '水利局'])}",
        f"{_cn_year(y)}年{_cn_small(m)}月",
    ]
    return Doc(
        preamble=[c for c in cover if c],
        title="目　录",
        paragraphs=[
            "一、总则……1",
            "二、现状与问题……3",
            "三、总体布局……7",
            "四、保障措施……12",
            "一、总则",
            f"为做好{county}{project[:-2] if project.endswith(('规划', '方案', '报告')) else project}相关工作，依据有关法律法规，结合本县实际，编制本{project[-2:]}。",
        ],
        key_phrases=[level],
    )


# ------------------------------------------------------------------------- clean (hard negatives)

DRUGS = [
    (
        "布洛芬缓释胶囊",
        "布洛芬",
        "用于缓解轻至中度疼痛如头痛、关节痛、偏头痛、牙痛、肌肉痛、神经痛、痛经；也用于普通感冒或流行性感冒引起的发热。",
        "口服。成人，一次1粒，一日2次（早晚各一次）。",
        "少数病人可出现恶心、呕吐、胃烧灼感或轻度消化不良、胃肠道溃疡及出血、转氨酶升高、头痛、头晕、耳鸣、视力模糊。",
    ),
    (
        "阿莫西林胶囊",
        "阿莫西林",
        "适用于敏感菌所致的中耳炎、鼻窦炎、咽炎、扁桃体炎等上呼吸道感染；急性支气管炎、肺炎等下呼吸道感染。",
        "口服。成人一次0.5g，每6～8小时1次，一日剂量不超过4g。",
        "恶心、呕吐、腹泻及假膜性肠炎等胃肠道反应；皮疹、药物热和哮喘等过敏反应。",
    ),
    (
        "氯雷他定片",
        "氯雷他定",
        "用于缓解过敏性鼻炎有关的症状，如喷嚏、流涕、鼻痒、鼻塞以及眼部痒及烧灼感。",
        "口服。成人及12岁以上儿童：一日1次，一次1片（10mg）。",
        "常见有乏力、头痛、嗜睡、口干、胃肠道不适包括恶心、胃炎以及皮疹等。",
    ),
    (
        "蒙脱石散",
        "蒙脱石",
        "用于成人及儿童急、慢性腹泻。",
        "口服。成人：一次1袋，一日3次。儿童1岁以下一日1袋，分三次服。",
        "偶见便秘、大便干结。",
    ),
]


@family("b2_drug_leaflet", "clean", ("pdf", "photo", "docx", "txt"))
def drug_leaflet(rng: random.Random, fake: Faker) -> Doc:
    name, ingredient, indication, dosage, adverse = rng.choice(DRUGS)
    maker = fake.company_prefix() + rng.choice(
        ["制药有限公司", "药业股份有限公司", "药业集团有限公司"]
    )
    sections = [
        f"【药品名称】通用名称：{name}",
        f"【成份】本品主要成份为{ingredient}。辅料为{rng.choice(['淀粉、硬脂酸镁', '乳糖、微晶纤维素', '蔗糖、香精'])}。",
        f"【性状】本品为{rng.choice(['胶囊剂，内容物为白色颗粒', '白色片', '类白色粉末'])}。",
        f"【适应症】{indication}",
        f"【规格】{rng.choice(['0.3g', '0.25g', '10mg', '3g'])}",
        f"【用法用量】{dosage}",
        f"【不良反应】{adverse}",
        "【禁忌】对本品过敏者禁用。",
        "【注意事项】1.本品为对症治疗药，不宜长期或大量使用。2.孕妇及哺乳期妇女慎用。3.如正在使用其他药品，使用本品前请咨询医师或药师。",
        "【贮藏】遮光，密封保存。",
        f"【批准文号】国药准字H{rng.randint(10000000, 99999999)}",
        f"【生产企业】{maker}　客服热线：400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
    ]
    if rng.random() < 0.4:
        sections.insert(7, "【儿童用药】请在医师指导下使用。")
    return Doc(
        preamble=[
            rng.choice(
                ["核准日期：2007年03月12日", "请仔细阅读说明书并在医师或药师指导下使用", "OTC"]
            )
        ],
        title=f"{name}说明书",
        paragraphs=sections,
    )


ENCYCLOPEDIA = [
    (
        "带状疱疹",
        "由水痘-带状疱疹病毒再激活引起的感染性皮肤病",
        "沿一侧周围神经呈带状分布的簇集性水疱，伴明显神经痛；部分患者皮疹消退后遗留带状疱疹后神经痛。",
        "典型病例根据单侧、带状分布的疱疹及神经痛即可诊断；不典型者可行病毒核酸检测。",
        "抗病毒治疗（如阿昔洛韦、伐昔洛韦）应尽早开始，同时给予镇痛、营养神经等对症治疗。50岁以上人群可接种疫苗预防。",
    ),
    (
        "痛风",
        "嘌呤代谢紊乱和（或）尿酸排泄减少导致的代谢性疾病",
        "急性发作时关节红肿热痛，第一跖趾关节最常受累，多在夜间突然发作。",
        "血尿酸升高结合典型关节症状可临床诊断，关节液中找到尿酸盐结晶为金标准。",
        "急性期可使用非甾体抗炎药、秋水仙碱；缓解期长期降尿酸治疗，控制饮食，限制高嘌呤食物和饮酒。",
    ),
    (
        "手足口病",
        "由肠道病毒引起的儿童常见传染病",
        "发热，手、足、口腔等部位出现皮疹或疱疹，少数重症病例可出现脑膜炎、脑炎等并发症。",
        "根据流行病学史和临床表现诊断，病原学检测可确诊。",
        "目前无特效抗病毒药物，以对症治疗为主。勤洗手、喝开水、吃熟食、通风晒太阳是预防关键。",
    ),
    (
        "高血压",
        "以体循环动脉血压增高为主要特征的临床综合征",
        "早期多无明显症状，可有头晕、头痛、颈项板紧、疲劳、心悸等。",
        "非同日3次测量诊室血压，收缩压≥140mmHg和（或）舒张压≥90mmHg可诊断。",
        "生活方式干预贯穿始终：减盐、控制体重、戒烟限酒、规律运动；必要时在医生指导下长期服用降压药物。",
    ),
]


@family("b2_health_encyclopedia", "clean", ("txt", "pdf", "docx", "phone-screenshot"))
def health_encyclopedia(rng: random.Random, fake: Faker) -> Doc:
    disease, what, symptoms, diagnosis, treatment = rng.choice(ENCYCLOPEDIA)
    heads = rng.choice(
        [
            ("概述", "症状", "诊断", "治疗"),
            ("什么是" + disease, "有哪些表现", "怎么确诊", "如何治疗和预防"),
        ]
    )
    paras = [
        heads[0],
        f"{disease}是{what}。",
        heads[1],
        symptoms,
        heads[2],
        diagnosis,
        heads[3],
        treatment,
    ]
    if rng.random() < 0.5:
        paras.append(
            f"本文由{rng.choice(COUNTIES)}{rng.choice(HOSPITALS)}{rng.choice(['皮肤科', '风湿免疫科', '儿科', '心内科'])}{fake.name()}{rng.choice(['主任医师', '副主任医师'])}审核。"
        )
    paras.append(
        rng.choice(["本内容仅供健康科普，不能替代医生诊疗。", "温馨提示：如有不适请及时就医。"])
    )
    return Doc(
        title=f"{disease}" + rng.choice(["", "｜健康百科", "——你需要知道的知识"]), paragraphs=paras
    )


@family("b2_public_consultation", "clean", ("docx", "pdf", "txt", "phone-screenshot"))
def public_consultation(rng: random.Random, fake: Faker) -> Doc:
    """A call addressed to the public: carries 征求意见稿 but is published on purpose."""
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2016, 2024))
    law = rng.choice(
        [
            "养犬管理规定",
            "城市生活垃圾分类管理办法",
            "电动自行车管理规定",
            "物业管理条例实施细则",
            "文明行为促进条例",
        ]
    )
    paras = [
        f"为增强立法的公开性和透明度，广泛听取社会各界意见，现将《{county}{law}（征求意见稿）》全文公布，欢迎社会各界人士提出修改意见和建议。",
        f"一、征求意见时间：{y}年{m}月{d}日至{y + (m == 12)}年{m % 12 + 1}月{d}日。",
        "二、公众可通过以下方式提出意见：",
        f"（一）电子邮件：{rng.choice(['fzb', 'sfj', 'rdfgw'])}{rng.randint(10, 99)}@{rng.choice(['163.com', 'gov.cn'])}；",
        f"（二）信函：寄至{county}司法局立法科（邮编{rng.randint(400000, 699999)}），信封注明“意见建议”字样；",
        f"（三）登录{county}人民政府门户网站“政民互动”栏目留言。",
        f"联系电话：{_landline(rng)}",
        "附件：" + f"{county}{law}（征求意见稿）",
    ]
    return Doc(
        title=f"关于公开征求《{county}{law}（征求意见稿）》意见的公告",
        paragraphs=paras,
        closing=[
            f"{county}司法局" if rng.random() < 0.5 else f"{county}人大常委会法制工作委员会",
            _date(y, m, d, rng),
        ],
    )


@family("b2_recruitment_announcement", "clean", ("pdf", "docx", "xlsx", "phone-screenshot"))
def recruitment_announcement(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2016, 2024))
    posts = [
        ["岗位代码", "招聘单位", "岗位名称", "招聘人数", "学历要求", "专业要求", "其他条件"],
    ]
    units = [
        f"{county}{u}"
        for u in [
            "人民医院",
            "疾病预防控制中心",
            "第一中学",
            "融媒体中心",
            "不动产登记中心",
            "乡镇卫生院",
        ]
    ]
    for i in range(rng.randint(3, 7)):
        posts.append(
            [
                f"{y % 100:02d}{i + 1:03d}",
                rng.choice(units),
                rng.choice(["临床医师", "护理", "公共卫生", "语文教师", "新闻采编", "会计"]),
                str(rng.randint(1, 5)),
                rng.choice(["本科及以上", "大专及以上", "研究生"]),
                rng.choice(["临床医学", "护理学", "预防医学", "汉语言文学", "新闻学", "会计学"]),
                rng.choice(["35周岁以下", "取得执业资格证", "限本县户籍", "无"]),
            ]
        )
    paras = [
        f"根据《事业单位公开招聘人员暂行规定》，经研究，{county}{y}年事业单位公开招聘工作人员{sum(int(r[3]) for r in posts[1:])}名。现将有关事项公告如下：",
        "一、报名条件：具有中华人民共和国国籍，遵守宪法和法律，具有良好的品行，身体健康，符合岗位要求的其他条件。",
        f"二、报名时间：{y}年{m}月{d}日9:00至{m}月{min(28, d + 5)}日17:00，逾期不予受理。",
        f"三、报名方式：采取网上报名，考生登录{county}人事考试网填写报名表并上传近期免冠照片。",
        "四、笔试时间另行通知，请考生于考前一周登录网站打印准考证。",
        f"咨询电话：{_landline(rng)}（工作日）；监督电话：{_landline(rng)}。",
        "附件：招聘岗位及条件一览表",
    ]
    return Doc(
        title=f"{county}{y}年事业单位公开招聘工作人员公告",
        paragraphs=paras,
        tables=[posts],
        closing=[f"{county}人力资源和社会保障局", _date(y, m, d, rng)],
    )


@family("b2_supplier_directory", "clean", ("xlsx", "csv-gbk", "pdf", "docx"))
def supplier_directory(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    rows = [
        rng.choice(
            [
                ["序号", "企业名称", "联系人", "联系电话", "地址", "主营产品"],
                ["企业名称", "主营", "电话", "联系人", "地址"],
            ]
        )
    ]
    for i in range(rng.randint(6, 14)):
        name = fake.company()
        contact = fake.last_name() + rng.choice(["经理", "总", "先生", "女士", "主任"])
        phone = rng.choice(
            [
                _landline(rng),
                f"400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
                _landline(rng),
            ]
        )
        addr = f"{county}{rng.choice(['经济开发区', '工业园', '商贸城'])}{rng.choice(['一路', '创业大道', '纬二路'])}{rng.randint(1, 300)}号"
        prod = rng.choice(
            [
                "不锈钢制品",
                "办公用品、耗材",
                "医用耗材批发",
                "农资化肥",
                "预拌混凝土",
                "包装材料",
                "LED照明",
                "茶叶、土特产",
            ]
        )
        values = {
            "序号": str(i + 1),
            "企业名称": name,
            "联系人": contact,
            "联系电话": phone,
            "电话": phone,
            "地址": addr,
            "主营产品": prod,
            "主营": prod,
        }
        rows.append([values[c] for c in rows[0]])
    return Doc(
        title=rng.choice(
            [
                f"{county}{rng.choice(['工商联会员企业', '政府采购协议供应商', '商会'])}名录",
                f"{county}重点企业通讯录（{rng.randint(2016, 2024)}版）",
            ]
        ),
        tables=[rows],
        closing=[
            rng.choice(
                ["如信息有变动，请联系商会秘书处更新。", "以上信息由企业自行申报并同意公开。", ""]
            )
        ],
    )


@family("b2_discipline_news", "clean", ("txt", "pdf", "screenshot", "phone-screenshot"))
def discipline_news(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2016, 2024))
    cases = [
        f"{rng.choice(TOWNS)}党委委员、副镇长王某某在防汛值班期间擅离职守问题。{y}年{m}月，王某某在带班期间未经请假离开值班岗位，导致险情信息未能及时上报。王某某受到党内警告处分。",
        f"{county}某局办公室主任李某某违规转发内部工作文件问题。李某某将单位尚未公开的工作方案转发至个人微信群，造成不良影响，受到通报批评，并被责令作出书面检查。",
        f"{rng.choice(VILLAGES)}党支部书记张某某在低保评定中优亲厚友问题。张某某受到党内严重警告处分，违规享受的低保金已全部追回。",
        f"{county}某卫生院副院长赵某某在疫情防控中履职不力问题。赵某某受到政务记过处分。",
    ]
    rng.shuffle(cases)
    k = rng.randint(2, 4)
    paras = [
        f"{rng.choice(['中国纪检监察报', county + '纪委监委网站', '清风' + county[:2]])}讯　近日，{county}纪委监委公开通报{k}起{rng.choice(['形式主义、官僚主义', '违反工作纪律', '群众身边不正之风和腐败'])}典型问题。",
        *[f"{i + 1}.{c}" for i, c in enumerate(cases[:k])],
        "通报指出，上述问题反映出一些党员干部纪律规矩意识淡薄。各级党组织要引以为戒，举一反三，切实把纪律规矩挺在前面。",
        f"（来源：{county}纪委监委　编辑：{fake.name()}）",
    ]
    return Doc(
        title=f"{county}纪委监委通报{k}起典型问题",
        paragraphs=paras,
        closing=[f"发布时间：{y}-{m:02d}-{d:02d}"],
    )


@family("b2_public_tonggao", "clean", ("pdf", "photo", "phone-screenshot", "docx"))
def public_tonggao(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2016, 2024))
    topic, body = rng.choice(
        [
            (
                "禁止燃放烟花爆竹",
                [
                    f"自{y}年{m}月{d}日起，城区{rng.choice(['东至环城路', '南至滨江大道'])}范围内全年全天禁止燃放烟花爆竹。",
                    "对违反本通告的，由公安机关依法处以罚款；构成犯罪的，依法追究刑事责任。",
                ],
            ),
            (
                "开展城区全员核酸检测"
                if y in (2020, 2021, 2022)
                else "开展城区户外广告设施安全检查",
                [
                    f"请广大市民于{m}月{d}日8:00至18:00前往就近采样点进行核酸检测，采样时请全程佩戴口罩，保持一米间距。",
                    "行动不便的老人可联系所在社区预约上门采样。",
                ]
                if y in (2020, 2021, 2022)
                else [
                    f"请广大市民和沿街商户于{m}月{d}日前自查户外广告牌、店招店牌的安全状况。",
                    "逾期未整改存在安全隐患的，依法予以拆除。",
                ],
            ),
            (
                "城区道路临时交通管制",
                [
                    f"因{rng.choice(['马拉松赛事', '管网施工', '桥梁检测'])}需要，{m}月{d}日6:00至14:00对人民路、解放路实行临时交通管制。",
                    "请广大驾驶人提前规划出行路线，服从现场民警指挥。",
                ],
            ),
            (
                "清理违规占道经营",
                [
                    f"请沿街商户于{m}月{d}日前自行清理占道摆放的物品。",
                    "逾期未清理的，城管部门将依法予以暂扣。",
                ],
            ),
        ]
    )
    return Doc(
        title=f"关于{topic}的通告",
        paragraphs=[
            rng.choice(
                [
                    "广大市民朋友：",
                    f"为{rng.choice(['维护公共安全', '保障群众生命健康', '改善城市环境'])}，现将有关事项通告如下：",
                ]
            ),
            *body,
            f"咨询电话：{_landline(rng)}",
            "特此通告。",
        ],
        closing=[
            f"{county}人民政府"
            if rng.random() < 0.5
            else f"{county}{rng.choice(['公安局', '城市管理局', '疫情防控指挥部'])}",
            _date(y, m, d, rng),
        ],
    )


@family("b2_published_notice", "clean", ("pdf", "docx", "txt"))
def published_notice(rng: random.Random, fake: Faker) -> Doc:
    """A real-form 公文 with 文号 and 主送 that was released on purpose (主动公开)."""
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2016, 2024))
    subject = rng.choice(
        [
            "印发《{c}城乡居民基本医疗保险实施办法》",
            "做好{y}年春季农业生产工作",
            "进一步加强农村自建房安全管理",
            "公布{c}第一批县级非物质文化遗产代表性项目名录",
        ]
    ).format(c=county, y=y)
    paras = [
        "各乡镇人民政府、街道办事处，县政府各部门：",
        f"经县人民政府同意，现就{subject.replace('印发', '')}有关事项通知如下。",
        "一、提高思想认识。各地各部门要充分认识此项工作的重要意义，加强组织领导。",
        f"二、明确工作任务。各乡镇于{m}月底前完成辖区摸底，县直有关部门按职责分工抓好落实。",
        "三、强化督促检查。县政府将适时组织督查。",
    ]
    tail = rng.choice(["（此件公开发布）", "（此件主动公开）", "公开方式：主动公开"])
    return Doc(
        preamble=[
            f"{county}人民政府办公室文件" if rng.random() < 0.5 else "",
            _docno(rng, county, y, "zf"),
        ],
        title=f"{county}人民政府办公室关于{subject}的通知",
        paragraphs=paras,
        closing=[f"{county}人民政府办公室", _date(y, m, d, rng), tail],
    )


@family("b2_case_bulletin_public", "clean", ("txt", "pdf", "phone-screenshot", "screenshot"))
def case_bulletin_public(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    year = rng.choice([2020, 2021, 2022])
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    n = rng.randint(1, 4)
    paras = [
        f"{m}月{d}日0—24时，{county}新增本土{rng.choice(['确诊病例', '无症状感染者'])}{n}例。现将病例情况通报如下："
    ]
    for i in range(n):
        paras.append(
            f"病例{i + 1}：{rng.choice(['男', '女'])}，{rng.randint(3, 80)}岁，现住{rng.choice(TOWNS)}{rng.choice(['某小区', '某村'])}，系{rng.choice(['既往病例的密切接触者', '集中隔离点人员', '社区筛查发现'])}。{m}月{max(1, d - 1)}日核酸检测结果异常，现已转运至定点医院隔离治疗。"
        )
    paras.append(
        f"请{rng.choice(['广大市民', '近期有上述场所活动轨迹的人员'])}主动向所在社区报备，配合做好核酸检测。疫情防控咨询电话：{_landline(rng)}。"
    )
    return Doc(
        title=f"{county}卫生健康委员会关于新增本土病例情况的通报",
        paragraphs=paras,
        closing=[f"{county}卫生健康委员会", f"{year}年{m}月{min(28, d + 1)}日"],
    )


@family("b2_job_posting", "clean", ("txt", "phone-screenshot", "docx", "pdf"))
def job_posting(rng: random.Random, fake: Faker) -> Doc:
    company = fake.company()
    job = rng.choice(["行政文员", "销售代表", "仓库管理员", "医药代表", "会计", "档案管理员"])
    paras = [
        f"{company}因业务发展需要，现诚聘{job}{rng.randint(1, 5)}名。",
        "岗位职责：",
        rng.choice(
            [
                "1.负责公司文件收发、归档及会议记录；2.协助办理员工入职、社保手续。",
                "1.负责区域客户开发与维护；2.完成公司下达的销售任务。",
                "1.负责物料出入库登记；2.定期盘点，保证账实相符。",
            ]
        ),
        "任职要求：",
        f"1.{rng.choice(['大专及以上学历', '中专及以上学历', '本科及以上学历'])}，{rng.choice(['有相关经验者优先', '应届毕业生亦可'])}；2.熟练使用Office办公软件；3.责任心强，保守公司商业秘密。",
        f"薪资待遇：{rng.randint(3, 6)}000-{rng.randint(7, 12)}000元/月，五险一金，双休，节日福利。",
        f"报名截止：{rng.randint(2016, 2024)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日前将简历发送至hr@{rng.choice(['hr-mail', 'company', 'jobmail'])}.cn，或致电{_landline(rng)}（{fake.last_name()}女士）。",
    ]
    return Doc(title=rng.choice([f"{company}招聘启事", f"诚聘{job}", "招聘"]), paragraphs=paras)


@family("b2_school_parent_notice", "clean", ("phone-screenshot", "docx", "txt", "photo"))
def school_parent_notice(rng: random.Random, fake: Faker) -> Doc:
    school = rng.choice(COUNTIES) + rng.choice(["实验小学", "第二中学", "机关幼儿园", "城南小学"])
    y, m, d = _ymd(rng, (2017, 2024))
    topic, body = rng.choice(
        [
            (
                "寒假放假",
                [
                    f"根据上级安排，我校于1月{d}日起放寒假，下学期开学时间另行通知。",
                    "假期请家长督促孩子按时完成作业，注意防溺水、防火、防交通事故。",
                ],
            ),
            (
                "秋季学期学生体检",
                [
                    f"我校定于{m}月{d}日组织全体学生进行健康体检，体检当天请学生空腹到校。",
                    "体检结果将由班主任发放，请家长关注孩子视力、口腔等情况。",
                ],
            ),
            (
                "收看安全教育专题节目",
                ["请家长于本周五前陪同孩子在“安全教育平台”完成专题学习，并在平台上签名确认。"],
            ),
        ]
    )
    paras = [
        "尊敬的各位家长：",
        *body,
        rng.choice(
            [
                "请各位家长于今晚20:00前在班级群内回复“收到”。",
                "如有疑问，请与班主任联系。",
                "感谢您的理解与支持！",
            ]
        ),
    ]
    m = 1 if topic == "寒假放假" else m
    return Doc(
        title=rng.choice([f"致家长的一封信（{topic}）", f"关于{topic}的通知", ""]),
        paragraphs=paras,
        closing=[school, _date(y, m, d, rng)],
    )


@family("b2_menu_price_list", "clean", ("photo", "pdf", "xlsx", "phone-screenshot"))
def menu_price_list(rng: random.Random, fake: Faker) -> Doc:
    shop = rng.choice(["老街", "阿婆", "川味", "湘里", "家常", "有间"]) + rng.choice(
        ["小厨", "面馆", "饭庄", "土菜馆", "烧烤"]
    )
    dishes = [
        "红烧肉",
        "小炒黄牛肉",
        "剁椒鱼头",
        "酸辣土豆丝",
        "干锅花菜",
        "番茄炒蛋",
        "水煮肉片",
        "农家小炒肉",
        "麻婆豆腐",
        "清炒时蔬",
        "牛肉面",
        "酸菜鱼",
        "蒜蓉粉丝蒸扇贝",
        "米饭",
    ]
    rows = [rng.choice([["菜名", "价格（元）"], ["品名", "单价", "备注"]])]
    for dish in rng.sample(dishes, rng.randint(6, 12)):
        price = str(rng.randint(12, 88)) if dish != "米饭" else "2"
        rows.append(
            [dish, price]
            + ([rng.choice(["", "招牌", "微辣", "时价"])] if len(rows[0]) == 3 else [])
        )
    phone = fake.phone_number()
    return Doc(
        title=f"{shop}菜单",
        paragraphs=[rng.choice(["欢迎光临", "本店承接家宴、生日宴", "新店开业 全场九折"])],
        tables=[rows],
        closing=[
            f"订餐电话：{phone}",
            f"地址：{rng.choice(COUNTIES)}{rng.choice(['人民路', '解放街', '滨江路'])}{rng.randint(1, 200)}号",
            rng.choice(["营业时间：10:00-21:30", "外卖满30元免配送费", ""]),
        ],
        identifiers=[phone],
    )


@family("b2_bp_monitor_manual", "clean", ("pdf", "docx", "photo"))
def bp_monitor_manual(rng: random.Random, fake: Faker) -> Doc:
    model = f"{rng.choice(['YE', 'BP', 'HEM'])}-{rng.randint(600, 9900)}"
    paras = [
        "感谢您购买本产品。使用前请仔细阅读本说明书，并妥善保管。",
        "一、产品用途：本产品供成人在家庭中测量血压和脉率，测量结果仅供参考，不能替代医生诊断。",
        "二、测量方法：1.测量前安静休息5分钟；2.将袖带缠绕在上臂，下缘距肘窝约2cm；3.按下“开始/停止”键，测量过程中保持安静，不要说话或移动。",
        "三、读数说明：收缩压≥140mmHg或舒张压≥90mmHg时，屏幕显示高血压提示图标。如多次测量结果异常，请咨询医生。",
        "四、记忆功能：本机可存储2组×60次测量记录，便于就诊时向医生提供。",
        "五、故障排除：显示“E1”表示袖带未缠好，请重新佩戴；显示“Lo”表示电池电量不足。",
        f"六、售后服务：整机保修{rng.choice(['一年', '两年', '五年'])}，服务热线400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}。",
    ]
    return Doc(
        title=f"{rng.choice(['上臂式', '腕式'])}电子血压计 {model} 使用说明书",
        paragraphs=paras,
        closing=[
            f"医疗器械注册证编号：国械注准{rng.randint(2016, 2024)}2{rng.randint(100000, 999999)}",
            f"生产企业：{fake.company_prefix()}医疗器械有限公司",
        ],
    )


@family("b2_novel_excerpt", "clean", ("txt", "docx", "phone-screenshot", "pdf"))
def novel_excerpt(rng: random.Random, fake: Faker) -> Doc:
    a, b = fake.name(), fake.name()
    town = rng.choice(TOWNS)
    scenes = [
        f"那年冬天，{a}在{town}的卫生院里第一次见到{b}。她抱着一摞泛黄的病历，从走廊那头慢慢走过来，棉鞋踩在水泥地上，没有一点声音。",
        f"“这是个秘密，”{b}压低嗓子说，“你谁也不能告诉。”{a}点点头，心里却想，这世上哪有什么守得住的秘密呢？",
        "父亲的抽屉里有一份名单，是他当年做村会计时记下的，谁家借过粮，谁家还了，一笔一笔，像一本小小的账。",
        "后来很多年，我都记得那个下午的阳光，记得窗台上那盆快要枯死的吊兰，记得她说话时微微发抖的手。",
        f"{a}把那张诊断书折了又折，塞进贴身的口袋。他没有告诉母亲，也没有告诉任何人。",
        "镇上的人都说，老槐树底下埋着什么东西。孩子们不信，大人们也不说破，这事就成了全镇公开的秘密。",
    ]
    k = rng.randint(4, 6)
    chosen = scenes[:1] + rng.sample(scenes[1:], k - 1)
    return Doc(
        title=rng.choice(
            [
                f"第{_cn_small(rng.randint(2, 29))}章",
                f"《{rng.choice(['槐树下', '北方的河', '小镇医生', '旧抽屉'])}》（节选）",
                "",
            ]
        ),
        paragraphs=chosen,
        author=fake.name(),
    )


@family("b2_public_meeting_news", "clean", ("txt", "pdf", "phone-screenshot", "docx"))
def public_meeting_news(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y, m, d = _ymd(rng, (2016, 2024))
    topic = rng.choice(
        ["防汛工作", "安全生产工作", "秋冬季疫情防控工作", "森林防火工作", "优化营商环境工作"]
    )
    secretary, mayor = fake.name(), fake.name()
    paras = [
        f"{m}月{d}日，{county}召开{topic}会议，{rng.choice(['县委书记', '县长'])}{secretary}出席会议并讲话，{rng.choice(['县委副书记', '副县长'])}{mayor}主持会议。",
        f"会议强调，各乡镇、各部门要清醒认识当前{topic.replace('工作', '')}形势的严峻性和复杂性，坚决克服麻痹思想和侥幸心理。",
        f"会议要求，要压紧压实责任，{rng.choice(['于本月底前完成隐患排查整治', '严格落实24小时值班值守制度', '对工作不力、造成严重后果的严肃追责问责'])}；要加强宣传引导，提高群众{rng.choice(['防灾避险', '安全', '自我防护'])}意识。",
        f"县四大家领导，各乡镇、县直有关单位主要负责人参加会议。（记者 {fake.name()}）",
    ]
    return Doc(
        title=f"{county}召开{topic}会议",
        paragraphs=paras,
        closing=[f"来源：{county}融媒体中心　{y}-{m:02d}-{d:02d}"],
    )


@family("b2_clinic_duty_schedule", "clean", ("xlsx", "photo", "pdf", "phone-screenshot"))
def clinic_duty_schedule(rng: random.Random, fake: Faker) -> Doc:
    """A published outpatient roster: doctors' names and public numbers, no patient data."""
    hosp = rng.choice(COUNTIES) + rng.choice(HOSPITALS)
    days = ["周一", "周二", "周三", "周四", "周五", "周六"]
    rows = [["科室", "医生", "职称", *days]]
    for dept in rng.sample(
        ["心血管内科", "消化内科", "呼吸内科", "骨科", "妇科", "儿科", "皮肤科", "眼科", "中医科"],
        rng.randint(4, 7),
    ):
        for _ in range(rng.randint(1, 2)):
            rows.append(
                [
                    dept,
                    fake.name(),
                    rng.choice(["主任医师", "副主任医师", "主治医师"]),
                    *[rng.choice(["上午", "下午", "全天", "", ""]) for _ in days],
                ]
            )
    return Doc(
        title=f"{hosp}专家门诊出诊安排表",
        paragraphs=[rng.choice(["如遇专家临时停诊，以当日挂号系统为准。", "本表自下周一起执行。"])],
        tables=[rows],
        closing=[f"预约挂号电话：{_landline(rng)}", "也可通过医院微信公众号预约挂号"],
    )


@family("b2_health_faq", "clean", ("txt", "phone-screenshot", "pdf", "docx"))
def health_faq(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    qa = [
        (
            "问：从外地返回需要报备吗？",
            "答：请通过“健康{c}”小程序或所在社区完成报备，按要求进行核酸检测。",
        ),
        (
            "问：居家健康监测期间可以上班吗？",
            "答：居家健康监测期间应尽量减少外出，不前往人员密集场所，出现发热等症状及时就医。",
        ),
        (
            "问：密切接触者是怎么判定的？",
            "答：由疾控机构根据流调结果，综合接触时间、距离、防护情况等因素判定。",
        ),
        (
            "问：老年人接种疫苗安全吗？",
            "答：临床数据显示，老年人接种疫苗安全性良好。患有慢性病但病情稳定的老人也可接种。",
        ),
        ("问：核酸检测结果在哪里查询？", "答：一般24小时内可通过“健康{c}”小程序查询。"),
    ]
    chosen = rng.sample(qa, rng.randint(3, 5))
    paras = [
        f"近期，不少市民通过12345热线咨询疫情防控相关问题，{county}疾控中心整理了常见问题解答，供大家参考。"
    ]
    for q, a in chosen:
        paras += [q, a.format(c=county[:2])]
    paras.append(f"更多问题可拨打疾控中心咨询电话{_landline(rng)}。")
    return Doc(
        title=rng.choice(["疫情防控常见问题解答", f"{county}疾控提醒：这些问题你关心吗？"]),
        paragraphs=paras,
    )


@family("b2_er_record_photo", "medical_record", ("photo", "screenshot", "docx", "txt"))
def er_record_photo(rng: random.Random, fake: Faker) -> Doc:
    """A 急诊病历 as it looks on a hospital HIS screen: one line per field, terse."""
    y, m, d = _ymd(rng, (2016, 2024))
    p = _person(fake, rng, y, 5, 90)
    case = rng.choice(
        [
            (
                "发热3天，咳嗽1天",
                "T 38.9℃ P 104次/分 咽充血，双肺呼吸音粗，未闻及干湿啰音",
                "血常规：WBC 11.2×10^9/L，CRP 36mg/L；胸部CT：右下肺斑片影",
                "社区获得性肺炎",
            ),
            (
                "车祸致头部外伤伴意识不清30分钟",
                "GCS 12分，右颞部头皮血肿，双侧瞳孔等大等圆",
                "头颅CT：右侧额颞部硬膜下血肿",
                "急性硬膜下血肿",
            ),
            (
                "胸痛2小时",
                "BP 150/92mmHg，心率96次/分，律齐",
                "心电图：V1-V4导联ST段抬高；肌钙蛋白I 2.3ng/ml",
                "急性前壁心肌梗死",
            ),
            (
                "腹痛伴呕吐6小时",
                "右下腹压痛、反跳痛阳性，麦氏点压痛明显",
                "血常规：WBC 14.6×10^9/L；腹部彩超：阑尾增粗",
                "急性阑尾炎",
            ),
        ]
    )
    complaint, exam, tests, dx = case
    lines = [
        f"急诊号：JZ{y}{rng.randint(100000, 999999)}　分诊级别：{rng.choice(['Ⅱ级', 'Ⅲ级'])}",
        f"{p['name']}　{p['sex']}　{p['age']}岁　{rng.choice(['本院医保', '自费', '新农合'])}",
        f"就诊时间：{y}-{m:02d}-{d:02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        f"主诉：{complaint}",
        f"查体：{exam}",
        f"辅检：{tests}",
        f"初步诊断：{dx}",
        f"处理：{rng.choice(['收入院', '请专科会诊', '留观', '急诊手术'])}，{rng.choice(['已告知家属病情', '家属签字同意'])}",
        f"接诊医师：{fake.name()}",
    ]
    if rng.random() < 0.5:
        lines.insert(2, f"身份证号：{p['id']}　联系电话：{p['phone']}")
    return Doc(
        header=f"{rng.choice(COUNTIES)}{rng.choice(HOSPITALS)}急诊科电子病历系统"
        if rng.random() < 0.6
        else "",
        title=rng.choice(["急诊病历", ""]),
        paragraphs=lines,
        key_phrases=[dx],
    )


@family("b2_sealed_exam_paper", "classified", ("pdf", "docx", "photo", "pdf-scan"))
def sealed_exam_paper(rng: random.Random, fake: Faker) -> Doc:
    """An exam paper before the exam: 绝密★启用前 on top, ordinary questions below."""
    y = rng.randint(2016, 2024)
    county = rng.choice(COUNTIES)
    subject = rng.choice(["数学", "语文", "物理", "道德与法治"])
    mark = rng.choice(["绝密★启用前", "绝密★考试结束前", "秘密★启用前"])
    questions = {
        "数学": [
            "1.－3的绝对值是（　　）A.3　B.－3　C.1/3　D.－1/3",
            "2.下列运算正确的是（　　）A.a²·a³=a⁶　B.(a²)³=a⁵　C.a³÷a=a²　D.a+a=a²",
            "3.一元二次方程x²－4x＋3＝0的两根分别为______。",
        ],
        "语文": [
            "1.下列词语中加点字的读音完全正确的一项是（　　）",
            "2.依次填入下面横线处的词语，最恰当的一项是（　　）",
            "3.阅读下面的文言文，完成4～6题。",
        ],
        "物理": [
            "1.下列估测最接近实际的是（　　）A.教室门高约2m　B.人正常步行速度约5m/s",
            "2.关于声现象，下列说法正确的是（　　）",
            "3.用天平和量筒测量小石块的密度，请完成下列填空。",
        ],
        "道德与法治": [
            "1.下列行为中，体现尊重他人的是（　　）",
            "2.我国的根本政治制度是（　　）",
            "3.结合材料，谈谈青少年应如何增强法治观念。",
        ],
    }[subject]
    return Doc(
        preamble=[mark],
        title=f"{county}{y}年初中学业水平{rng.choice(['考试', '模拟考试'])}{subject}试题",
        paragraphs=[
            "注意事项：",
            f"1.本试卷共{rng.choice([6, 8])}页，满分{rng.choice([100, 120, 150])}分，考试时间{rng.choice([90, 120])}分钟。",
            "2.答题前，考生务必将自己的姓名、准考证号填写在答题卡上。",
            "一、选择题（本题共10小题，每小题3分）",
            *questions,
        ],
        footer=f"{subject}试题　第1页（共{rng.choice([6, 8])}页）",
        key_phrases=[mark],
    )
