# ruff: noqa: E501  (Chinese text data: long lines read better unbroken)
"""Blind batch 6: 40 document families (24 positives, 4 per category; 16 hard negatives), split ``blind6``.

Author: engineer "blind6" (worktree ``blind6``), written 2026-12-02 (UTC). Batches 1-5 were written
by the engineers "blind" to "blind5"; this author read only the first 60 lines of batch 5 (for the
module shape, the ``family()`` decorator and the FAMILIES/FORMATS/SPLIT conventions) and none of the
others.

Independence: the author did not open ``detectors/``, ``policies/``, ``bench/accuracy.py``,
``bench/train_model.py``, the detector/policy/seed-case/evasion tests, ``tests/docgen/mutate.py``
or ``templates.py`` beyond its opening, and did not run shareguard's scan/check/explain/run or any
detection/accuracy bench on these documents. Read only: the docgen API (``doc.py``, ``render.py``,
``corpus.py``), ``tests/blind/README.md``, ``tests/test_blind_batches.py``,
``../shared/seed-cases.md`` and a few samples of ``../shared/corpus/real`` (how real records and
公文 are written; no text copied).

Bias of this batch, on purpose (what earlier batches probably under-covered):

- control orders without the usual form words: a 镇长's chat message with tasks and a deadline, a
  meeting-decision list (会议议定事项), a 工作提示 from a railway station in 2003, a village order in
  Sichuan dialect;
- rosters with no header row or with odd headers: names and ID numbers in prose, two people per
  row, a list pasted into a chat, a sheet whose columns are 甲/乙/丙/丁;
- medical content in prose: an HR e-mail on a check-up, a doctor's WeChat summary, a nurse's
  shift handover, a counselling-centre record;
- positives carrying an appended clause that sounds exculpatory or public (已通报批评, 以上内容仅供
  参考, 欢迎转发 in a chat footer), which must not make a real internal document look public;
- investigation reports not titled 调查报告 (情况汇报, 复盘, 核查情况, 事故分析);
- eras from 2003 to 2026 and sectors from schools and hospitals to factories, banks, villages and
  railways; hard negatives that are public, official-looking or personal (a textbook page on 密级
  标志, a news report about a leak, a masked-ID 公示, a blank registration form, a novel, a menu).

Rule: **measure this batch once, before any tuning, and record that first number** (command and
commit) in tests/blind/README.md. Only after that may it join the training/tuning material.

People are Faker zh_CN (valid-checksum IDs that belong to nobody); place names are settings only,
every event, unit number and person is invented.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from faker import Faker

from tests.docgen.doc import Doc
from tests.docgen.templates import Template

SPLIT = "blind6"
FAMILIES: list[Template] = []
FORMATS: dict[str, tuple[str, ...]] = {}

Builder = Callable[[random.Random, Faker], Doc]


def family(name: str, label: str, *formats: str) -> Callable[[Builder], Builder]:
    """Register a builder as family `name` (label, realistic formats; the first has a text layer)."""

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


# ------------------------------------------------------------------ shared bits

CN_NUM = "〇一二三四五六七八九"
COUNTIES = [
    "安化县",
    "通道县",
    "会同县",
    "宁乡市",
    "蒙自市",
    "弥勒市",
    "昭平县",
    "永福县",
    "岑溪市",
    "乐业县",
    "丹凤县",
    "汉阴县",
    "五河县",
    "泗县",
    "临泉县",
]
TOWNS = [
    "梅城镇",
    "东坪镇",
    "双江镇",
    "林城镇",
    "雨母镇",
    "草街镇",
    "龙潭镇",
    "沙坪乡",
    "白石乡",
    "大洲乡",
]
VILLAGES = ["石门村", "枫木村", "新塘村", "长冲村", "青山村", "杨柳村", "塘湾村", "花桥村"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def pick(rng: random.Random, xs):
    return xs[rng.randrange(len(xs))]


def person(fake: Faker, rng: random.Random, lo: int = 18, hi: int = 75) -> dict[str, str]:
    ssn = fake.ssn(min_age=lo, max_age=hi)
    return {
        "name": fake.name(),
        "id": ssn,
        "phone": fake.phone_number(),
        "sex": "男" if int(ssn[16]) % 2 else "女",
        "born": ssn[6:10],
    }


def masked(name: str) -> str:
    return name[0] + "某" + ("某" if len(name) > 2 else "")


def md(rng: random.Random, months: tuple[int, int] = (1, 12)) -> tuple[int, int]:
    """A month in `months` and a day early enough that the "+N days" in a document stay in the month."""
    return rng.randint(*months), rng.randint(1, 20)


def cn_day(d: int) -> str:
    """1-31 as written in a 公文 date (二〇〇三年五月二十四日)."""
    tens, ones = divmod(d, 10)
    return (
        ("" if tens < 2 else CN_NUM[tens]) + ("十" if tens else "") + (CN_NUM[ones] if ones else "")
    )


def hm(rng: random.Random) -> str:
    return f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}"


# ================================================================= control_order (4)


@family("b6_zhenzhang_chat_tasks", "control_order", "txt", "phone-screenshot", "screenshot")
def zhenzhang_chat_tasks(rng: random.Random, fake: Faker) -> Doc:
    """A 镇长's message in the town's work WeChat group: tasks per 村, a deadline, no form words."""
    county, town = pick(rng, COUNTIES), pick(rng, TOWNS)
    boss = rng.choice(SURNAMES) + "镇长"
    y = rng.choice([2020, 2021, 2022])
    m, d = md(rng, (1, 12))
    t = hm(rng)
    vs = rng.sample(VILLAGES, 4)
    hour = rng.choice(["今晚8点", "明天上午10点", "今天下午5点半", "明早9点"])
    tasks = [
        f"1、{vs[0]}、{vs[1]}：把近7天从外省回来的人员再过一遍，户户见面，名单{hour}前报镇防控办{rng.choice(SURNAMES)}主任，一个不能漏。",
        f"2、{vs[2]}：卡点今晚起24小时有人，村干部轮班，{rng.choice(SURNAMES)}书记亲自排班，排班表发群里。",
        f"3、{vs[3]}：居家的{rng.randint(3, 14)}户每天两次上门测温，拍照留痕，晚上9点前在群里接龙。",
        f"4、各村：明天起暂停办酒席，已经定了的由村支书负责劝停，劝不停的{hour}前报我本人。",
    ]
    head = tasks[:3]
    rng.shuffle(head)
    tasks = [f"{i}、{t[2:]}" for i, t in enumerate([*head, tasks[3]], 1)]
    footer = rng.choice(
        [
            "（以上内容仅供参考，具体以县指挥部文件为准）",
            "——转自镇防控工作群，欢迎转发，让更多人知道",
            "收到请回复“收到+村名”",
        ]
    )
    lines = [
        f"{town}防控工作群（{rng.randint(38, 96)}）",
        f"{y}年{m}月{d}日 {t}",
        f"{boss}：@所有人 各村书记、主任注意，县里刚开完视频会，今晚必须落实以下几件事：",
        *tasks,
        f"{boss}：哪个村{hour}前没报上来的，明天上午到我办公室当面说明情况。县督查组这两天会暗访{county}各乡镇，出了问题要追责的。",
        f"{rng.choice(SURNAMES)}支书-{vs[0]}：收到",
        f"{rng.choice(SURNAMES)}主任-{vs[2]}：收到，马上安排",
        footer,
    ]
    return Doc(paragraphs=lines, key_phrases=[tasks[0][2:20], footer])


@family("b6_meeting_decisions", "control_order", "docx", "pdf", "photo")
def meeting_decisions(rng: random.Random, fake: Faker) -> Doc:
    """会议议定事项 of a county 防控 meeting (or a factory's): decision, 牵头单位, 完成时限 — no 交办单 words."""
    county = pick(rng, COUNTIES)
    y = rng.choice([2020, 2021, 2022, 2023])
    m, d = md(rng)
    n = rng.randint(3, 31)
    kind = rng.choice(["county", "factory"])
    if kind == "county":
        title = f"{county}应对疫情工作领导小组第{n}次会议议定事项"
        rows = [
            ["序号", "议定事项", "牵头", "配合", "时限"],
            [
                "1",
                f"对{pick(rng, TOWNS)}集中隔离点进行全面复查，消杀记录逐日补齐",
                "县卫健局",
                "属地乡镇",
                f"{m}月{d + 1}日前",
            ],
            [
                "2",
                "高速路口查验点增加2个通道，人员由县公安局统筹",
                "县公安局",
                "县交通运输局",
                f"{m}月{d}日24时前",
            ],
            [
                "3",
                "全县农贸市场冷链食品全部下架待检，检测结果未出一律不得上架",
                "县市场监管局",
                "各乡镇",
                "即日起",
            ],
            [
                "4",
                "县直各单位干部下沉社区，名单报县委组织部",
                "县委组织部",
                "县直各单位",
                f"{m}月{d + 2}日12时前",
            ],
        ]
        closing = [
            f"{county}应对疫情工作领导小组办公室",
            f"{y}年{m}月{d}日",
            "（此件发至各乡镇、县直各单位，请按议定事项抓好落实，落实情况每日18时前报领导小组办公室）",
        ]
    else:
        co = fake.company()
        title = f"{co}疫情防控专题会议决定事项"
        rows = [
            ["序号", "决定事项", "责任部门", "责任人", "完成时间"],
            ["1", "三号门停用，员工一律从一号门刷脸测温进厂", "保卫部", fake.name(), f"{m}月{d}日"],
            [
                "2",
                "外地返厂员工先在宿舍B栋单独住满7天，期间不上产线",
                "人力资源部",
                fake.name(),
                "即日起",
            ],
            ["3", "食堂改为分时段打包取餐，不得堂食", "后勤部", fake.name(), f"{m}月{d + 1}日"],
            [
                "4",
                "各车间每日上报人员健康情况，未报的车间主任扣当月绩效",
                "生产部",
                fake.name(),
                "每日16时前",
            ],
        ]
        closing = [
            f"{co}综合办公室",
            f"{y}年{m}月{d}日",
            "以上事项请各责任部门抓好落实，完成情况报总经理办公室。",
        ]
    paras = [
        f"{y}年{m}月{d}日{rng.choice(['上午', '下午', '晚上'])}，{rng.choice(SURNAMES)}{rng.choice(['县长', '副县长', '总经理', '常务副总'])}主持召开会议，研究部署近期疫情防控工作。会议议定如下："
    ]
    return Doc(
        title=title, paragraphs=paras, tables=[rows], closing=closing, key_phrases=[rows[1][1]]
    )


@family("b6_sichuan_dialect_order", "control_order", "txt", "phone-screenshot")
def sichuan_dialect_order(rng: random.Random, fake: Faker) -> Doc:
    """A village cadre's spoken-style order in Sichuan dialect (voice-to-text into the 组长 group)."""
    village = pick(rng, VILLAGES)
    cadre = fake.name()
    y = rng.choice([2020, 2021, 2022])
    m, d = md(rng, (1, 3))
    when = rng.choice(["明天晌午十二点", "今天黑了之前", "后天早上八点", "明天吃晌午饭之前"])
    body = [
        f"{village}组长群 {y}年{m}月{d}日 语音转文字",
        f"{cadre}（村主任）：各位组长注意哈，我说几个事情，都听到起。",
        f"第一个，你们各个组哪些屋头有从外头回来的，不管是打工回来的还是读书回来的，{when}必须给我报到村上来，名字、电话、哪天回来的、坐啥子车回来的，一样都不能少。",
        "第二个，回来的人一律在屋头待起，莫要出去打牌、赶场，组长每天去看一道，量个体温，有发烧的马上给村医打电话，莫得拖。",
        f"第三个，{rng.choice(['坝坝宴', '酒席', '寿酒', '满月酒'])}一律不准办，哪个组办了，组长负责，镇上要来查的，查到了我也保不到你们。",
        f"就这几个事，{when}我要看到名单，哪个组没交的莫怪我点名哈。",
        rng.choice(
            [
                "（村上已经通报批评了两个组，这个话是转给大家晓得的，没得啥子秘密，可以转发）",
                "（以上是主任语音，仅供参考，具体以镇上通知为准）",
                "组长甲：收到，晓得了",
            ]
        ),
    ]
    return Doc(paragraphs=body, key_phrases=[f"{when}必须给我报到村上来"])


@family("b6_railway_work_tips_2003", "control_order", "docx", "txt-gbk", "photo")
def railway_work_tips_2003(rng: random.Random, fake: Faker) -> Doc:
    """A 2003 SARS 工作提示 from a railway station's 防非办 to its 车间/班组: tasks and deadlines, no 交办单 form."""
    station = rng.choice(["怀化", "柳州", "襄樊", "宝鸡", "蚌埠", "株洲"]) + "站"
    m, d = rng.choice([4, 5]), rng.randint(1, 28)
    n = rng.randint(5, 30)
    title = rng.choice(["工作提示", "防非工作提示", "近期重点工作任务清单"])
    tasks = [
        f"一、各客运车间自{m}月{d}日起对进站旅客全部测量体温，体温37.5℃以上的一律劝留，交站留验室，由值班站长签字登记。",
        f"二、{rng.choice(['K', 'T', ''])}{rng.randint(10, 899)}次等经停北京、广州方向列车到站后，客运员逐节车厢登记下车旅客去向，当日22时前报站防非办。",
        "三、候车室每4小时消毒一次，消毒记录由车间主任签字，站防非办每天抽查。",
        f"四、职工一律不得请假外出，确需离开的报站长批准；{m}月{d + 2}日前各车间将职工家属外出情况摸清报站。",
        "五、以上工作纳入本月安全考核，落实不到位的，对车间主任、班组长一并考核。",
    ]
    return Doc(
        preamble=[f"{station}防治非典型肺炎工作领导小组办公室", f"第{n}期"],
        title=title,
        paragraphs=[
            "各车间、各班组：",
            "根据路局防非电话会议精神，现将近期重点工作提示如下，请认真抓好落实：",
            *tasks,
        ],
        closing=[
            f"{station}防非办",
            f"二〇〇三年{CN_NUM[m]}月{cn_day(d)}日",
            rng.choice(
                [
                    "（本提示已在全站交班会上宣读）",
                    "联系人：" + fake.name() + "  站内电话：" + str(rng.randint(20000, 29999)),
                ]
            ),
        ],
        key_phrases=[tasks[1][:24]],
    )


# ================================================================= screening_list (4)


@family("b6_prose_returnee_roster", "screening_list", "docx", "txt", "photo")
def prose_returnee_roster(rng: random.Random, fake: Faker) -> Doc:
    """A village's 情况说明: the returnees named with ID and phone inside sentences, no table at all."""
    county, town, village = pick(rng, COUNTIES), pick(rng, TOWNS), pick(rng, VILLAGES)
    y = rng.choice([2020, 2021, 2022])
    m, d = md(rng, (1, 2))
    people = [person(fake, rng) for _ in range(rng.randint(3, 5))]
    origin = rng.choice(
        ["湖北省武汉市", "湖北省孝感市", "黑龙江省绥化市", "河北省石家庄市", "上海市浦东新区"]
    )
    paras = [f"{town}防控办：", f"经我村{m}月{d}日逐户走访，现将从{origin}返乡人员情况报告如下："]
    for i, p in enumerate(people, 1):
        paras.append(
            f"{i}. {p['name']}，{p['sex']}，身份证号{p['id']}，联系电话{p['phone']}，{rng.choice(['在当地务工', '在当地读书', '探亲'])}，"
            f"{m}月{max(1, d - rng.randint(1, 10))}日{rng.choice(['自驾', '乘高铁', '乘长途客车', '搭老乡的车'])}返回，现居家观察，体温正常。"
        )
    paras.append("以上人员均已签订居家观察承诺书，村医每日上门测温两次。以上情况如有变化及时续报。")
    return Doc(
        title=f"{village}关于{origin[:3]}返乡人员情况的说明",
        paragraphs=paras,
        closing=[f"{county}{town}{village}村民委员会", f"{y}年{m}月{d}日"],
        identifiers=[p["id"] for p in people] + [people[0]["phone"]],
        key_phrases=[people[1]["name"]],
    )


@family("b6_two_per_row_school_test", "screening_list", "xlsx", "pdf", "scan-png")
def two_per_row_school_test(rng: random.Random, fake: Faker) -> Doc:
    """A school's 核酸 sampling list printed two students per row (姓名 身份证号 结果 | 姓名 身份证号 结果)."""
    school = rng.choice(["县第二中学", "城关中学", "实验小学", "民族中学", "职业中专"])
    cls = f"{rng.randint(1, 3)}年级{rng.randint(1, 12)}班"
    y = rng.choice([2021, 2022])
    m, d = md(rng)
    kids = [person(fake, rng, 11, 20) for _ in range(rng.randint(6, 10))]
    if len(kids) % 2:
        kids.append(person(fake, rng, 11, 20))
    rows = [["姓名", "身份证号", "结果", "姓名", "身份证号", "结果"]]
    half = len(kids) // 2
    for i in range(half):
        a, b = kids[i], kids[i + half]
        rows.append(
            [a["name"], a["id"], rng.choice(["阴性", "阴性", "待复检"]), b["name"], b["id"], "阴性"]
        )
    return Doc(
        title=f"{pick(rng, COUNTIES)}{school}{cls}学生核酸检测结果（{m}月{d}日）",
        paragraphs=[
            f"采样时间：{y}年{m}月{d}日{hm(rng)}  采样点：学校风雨操场  班主任：{fake.name()}"
        ],
        tables=[rows],
        closing=["复检学生由班主任通知家长，复检前不得返校。"],
        identifiers=[k["id"] for k in kids],
    )


@family("b6_chat_pasted_isolation_list", "screening_list", "txt", "phone-screenshot")
def chat_pasted_isolation_list(rng: random.Random, fake: Faker) -> Doc:
    """A 转运/隔离 list pasted into a WeChat group line by line, with a chatty footer."""
    hotel = rng.choice(["锦江之星", "城市便捷酒店", "如家酒店", "县党校", "职教中心宿舍"])
    y = rng.choice([2021, 2022])
    m, d = md(rng)
    people = [person(fake, rng, 3, 80) for _ in range(rng.randint(4, 7))]
    lines = [
        f"社区网格员群  {y}年{m}月{d}日 {hm(rng)}",
        f"{fake.name()}：今晚转运{hotel}的名单，各网格核对一下，有错马上说",
    ]
    for i, p in enumerate(people, 1):
        sep = rng.choice([" ", "，", "  "])
        lines.append(
            f"{i}.{p['name']}{sep}{p['id']}{sep}{p['phone']}{sep}{rng.randint(1, 12)}栋{rng.randint(1, 3)}单元{rng.randint(1, 30)}0{rng.randint(1, 4)}{sep}{rng.choice(['密接', '次密接', '时空伴随', '密接（小孩随父母）'])}"
        )
    lines.append(
        rng.choice(
            [
                "以上名单仅供参考，以区指挥部最终名单为准",
                "大家辛苦了，欢迎转发到各楼栋群，通知到本人",
                "[已通报批评上次漏报的网格] 这次务必准确",
            ]
        )
    )
    lines.append(f"{fake.name()}：收到")
    return Doc(
        paragraphs=lines, identifiers=[p["id"] for p in people] + [p["phone"] for p in people[:2]]
    )


@family("b6_jiayibing_vaccine_sheet", "screening_list", "xlsx", "csv", "screenshot")
def jiayibing_vaccine_sheet(rng: random.Random, fake: Faker) -> Doc:
    """A factory's vaccination-status sheet whose columns are headed 甲/乙/丙/丁/戊 (meaning kept in a note)."""
    co = fake.company()
    people = [person(fake, rng, 20, 58) for _ in range(rng.randint(6, 12))]
    cols = rng.choice(
        [
            ["甲", "乙", "丙", "丁", "戊"],
            ["A", "B", "C", "D", "E"],
            ["列1", "列2", "列3", "列4", "列5"],
        ]
    )
    rows = [cols]
    for p in people:
        rows.append(
            [
                p["name"],
                p["id"],
                p["phone"],
                rng.choice(["冲压", "焊装", "涂装", "总装", "仓储"]),
                rng.choice(["未接种", "第一针", "两针", "加强针", "禁忌症"]),
            ]
        )
    note = f"说明：{cols[0]}=姓名，{cols[1]}=证件号，{cols[2]}=手机，{cols[3]}=车间，{cols[4]}=接种情况。未接种人员周五前由车间主任逐人说明原因。"
    return Doc(
        title=f"{co}员工接种统计（{rng.choice(['第一批', '第二批', '补录'])}）",
        tables=[rows],
        paragraphs=[note],
        identifiers=[p["id"] for p in people],
    )


# ================================================================= medical_record (4)


@family("b6_hr_checkup_email", "medical_record", "txt", "docx", "screenshot")
def hr_checkup_email(rng: random.Random, fake: Faker) -> Doc:
    """An HR e-mail to a department head about a named employee's annual check-up findings, in prose."""
    emp = person(fake, rng, 28, 58)
    hr, head = fake.name(), fake.name()
    co = fake.company()
    y = rng.choice([2019, 2023, 2024, 2025, 2026])
    m, d = md(rng)
    finding = rng.choice(
        [
            f"胸部CT提示右肺上叶磨玻璃结节，大小约{rng.randint(6, 14)}mm，体检中心建议三个月内到胸外科复查，必要时手术",
            f"空腹血糖{rng.randint(78, 130) / 10:.1f} mmol/L，糖化血红蛋白{rng.randint(65, 95) / 10:.1f}%，体检医生考虑2型糖尿病，建议内分泌科就诊",
            f"谷丙转氨酶{rng.randint(90, 260)} U/L，乙肝表面抗原阳性，B超提示肝实质回声增粗，建议感染科进一步检查",
            f"心电图提示房颤，血压{rng.randint(160, 185)}/{rng.randint(95, 115)} mmHg，体检中心已电话通知本人尽快到心内科就诊",
        ]
    )
    paras = [
        f"发件人：{hr}（人力资源部）",
        f"收件人：{head}",
        f"主题：{rng.choice(['关于部门员工体检异常情况的沟通', '体检结果跟进（请勿转发）', 'RE: 年度体检异常人员'])}",
        f"发送时间：{y}-{m:02d}-{d:02d} {hm(rng)}",
        f"{head[0]}经理您好：",
        f"今年公司年度体检的报告已经出来了。贵部门{emp['name']}（工号{rng.randint(10000, 99999)}，{emp['sex']}，{y - int(emp['born'])}岁）的报告中有一项需要重点关注：{finding}。",
        f"本人说{rng.choice(['之前没有相关病史', '去年体检就有异常，但一直没去复查', '家里父亲有类似病史'])}。按公司规定，体检异常人员可以申请{rng.randint(1, 3)}天带薪复查假，请您近期安排一下他的工作，也请注意不要在部门里传，涉及员工隐私。",
        f"复查结果出来后请他把门诊病历和检查单拍照发我，人力这边存档。联系电话{emp['phone']}。",
        f"{hr}",
        f"{co} 人力资源部",
        "-----原始邮件-----",
        f"{head}：{hr}你好，我们部门有没有体检需要复查的？",
    ]
    return Doc(paragraphs=paras, identifiers=[emp["phone"]], key_phrases=[finding[:16]])


@family("b6_doctor_wechat_summary", "medical_record", "txt", "phone-screenshot")
def doctor_wechat_summary(rng: random.Random, fake: Faker) -> Doc:
    """A doctor's WeChat message summarising a named inpatient for a colleague (history, findings, plan)."""
    pt = person(fake, rng, 35, 88)
    age = rng.choice([2024, 2025, 2026]) - int(pt["born"])
    bed = rng.randint(1, 48)
    dx = rng.choice(
        [
            (
                "胸闷胸痛3小时",
                "心电图II、III、aVF导联ST段抬高，肌钙蛋白I 4.6ng/ml",
                "急性下壁心肌梗死",
                "已急诊行PCI，右冠植入支架1枚",
                "心内科",
            ),
            (
                "发热咳嗽5天",
                "胸部CT双肺多发斑片影，血氧饱和度91%，CRP 86mg/L",
                "重症肺炎",
                "已上高流量吸氧，美罗培南抗感染",
                "呼吸科",
            ),
            (
                "突发左侧肢体无力2小时",
                "头颅CT未见出血，NIHSS评分7分",
                "急性脑梗死",
                "已静脉溶栓，收入神经内科监护室",
                "神经内科",
            ),
            (
                "反复黑便1周",
                "血红蛋白68g/L，胃镜见十二指肠球部溃疡伴出血",
                "十二指肠溃疡出血",
                "已内镜下止血，输悬浮红细胞2U",
                "消化科",
            ),
        ]
    )
    lines = [
        f"{fake.name()}主任（{dx[4]}医生群）  {hm(rng)}",
        f"{rng.choice(['张', '刘', '陈'])}老师，跟你说下{bed}床的情况：{pt['name']}，{pt['sex']}，{age}岁，身份证{pt['id']}，因“{dx[0]}”昨晚急诊入院。",
        f"既往{rng.choice(['高血压10年，规律服药', '糖尿病史，胰岛素控制', '无特殊', '吸烟40年，每天一包'])}。查体：BP {rng.randint(90, 170)}/{rng.randint(55, 100)}mmHg，HR {rng.randint(55, 120)}次/分。",
        f"检查：{dx[1]}。诊断考虑{dx[2]}。{dx[3]}。",
        f"家属（{rng.choice(['儿子', '女儿', '老伴'])}，电话{fake.phone_number()}）情绪比较激动，明天查房你帮我再沟通一下病情和费用。",
        rng.choice(["以上内容仅供参考，具体看病历系统", "别转出去哈，家属是本地的", "[图片]"]),
    ]
    return Doc(paragraphs=lines, identifiers=[pt["id"]], key_phrases=[f"诊断考虑{dx[2]}"])


@family("b6_nurse_handover", "medical_record", "docx", "pdf", "photo")
def nurse_handover(rng: random.Random, fake: Faker) -> Doc:
    """A ward nurse's shift handover note (交班记录): bed, name, diagnosis, vitals, what to watch."""
    ward = rng.choice(["普外科", "骨科", "呼吸内科", "心内科", "产科"])
    y = rng.choice([2009, 2015, 2020, 2024])
    m, d = md(rng)
    pts = [person(fake, rng, 20, 90) for _ in range(rng.randint(3, 5))]
    dxs = [
        ("胆囊结石术后第1天", "引流液淡红色约30ml，注意观察"),
        ("右股骨颈骨折", "疼痛评分6分，已遵医嘱予止痛"),
        ("慢阻肺急性加重", "持续低流量吸氧，SpO2 93%"),
        ("冠心病 不稳定型心绞痛", "夜间诉胸闷1次，含服硝酸甘油后缓解"),
        ("G2P1 孕39周 待产", "胎心145次/分，宫缩不规则"),
        ("2型糖尿病酮症", "夜间血糖2次，随机血糖16.2"),
        ("阑尾炎术后", "已下床活动，肛门已排气"),
    ]
    rows = [["床号", "姓名", "诊断", "病情/生命体征", "交班重点"]]
    for p in pts:
        dx, watch = pick(rng, dxs)
        rows.append(
            [
                f"{rng.randint(1, 40)}床",
                p["name"],
                dx,
                f"T {rng.randint(363, 392) / 10}℃ P {rng.randint(60, 120)} BP {rng.randint(95, 165)}/{rng.randint(55, 100)}",
                watch,
            ]
        )
    return Doc(
        preamble=[f"{ward}护理交接班记录"],
        title=f"{y}年{m}月{d}日 {rng.choice(['白班→夜班', '夜班→白班', '小夜→大夜'])}",
        paragraphs=[
            f"原有{rng.randint(28, 45)}人，新入{rng.randint(0, 4)}人，出院{rng.randint(0, 6)}人，手术{rng.randint(0, 5)}人，病危{rng.randint(0, 2)}人。重点交班如下："
        ],
        tables=[rows],
        closing=[f"交班护士：{fake.name()}  接班护士：{fake.name()}"],
        key_phrases=[rows[1][1]],
    )


@family("b6_counselling_record", "medical_record", "docx", "pdf", "scan-png")
def counselling_record(rng: random.Random, fake: Faker) -> Doc:
    """A university counselling centre's session record for a named student: complaint, assessment, risk."""
    st = person(fake, rng, 18, 24)
    uni = rng.choice(["某理工学院", "师范学院", "医学高等专科学校", "职业技术学院"])
    y = rng.choice([2018, 2021, 2024, 2026])
    m, d = md(rng, (3, 12))
    score = rng.randint(16, 26)
    return Doc(
        preamble=[f"{uni}心理健康教育与咨询中心"],
        title="个体咨询记录",
        paragraphs=[
            f"来访者：{st['name']}  性别：{st['sex']}  学号：{y - 1}{rng.randint(100000, 999999)}  学院：{rng.choice(['机械工程学院', '外国语学院', '护理学院', '经济管理学院'])}  电话：{st['phone']}",
            f"咨询日期：{y}年{m}月{d}日  第{rng.randint(1, 6)}次  咨询师：{fake.name()}",
            f"来访原因：自述近两个月{rng.choice(['失眠、早醒，食欲下降', '情绪低落，对什么都提不起兴趣', '反复担心挂科，心慌手抖'])}，上课无法集中注意力，{rng.choice(['与室友关系紧张', '父母离异后很少回家', '失恋后症状加重'])}。",
            f"评估：PHQ-9 {score}分，GAD-7 {rng.randint(10, 19)}分。有过消极念头，否认具体计划。初步印象：{rng.choice(['中度抑郁发作可能', '焦虑状态', '适应障碍'])}。",
            "处理：已进行危机评估，签署安全承诺；建议到精神专科医院进一步诊治；通知辅导员加强关注。",
            "风险等级：" + rng.choice(["二级（密切关注）", "一级（高危）", "三级（一般关注）"]),
        ],
        closing=["本记录属来访者个人隐私，按咨询伦理保存，不得外借。"],
        identifiers=[st["phone"]],
        key_phrases=[f"PHQ-9 {score}分"],
    )


# ================================================================= investigation_report (4)


@family("b6_cluster_trace_briefing", "investigation_report", "docx", "pdf", "photo")
def cluster_trace_briefing(rng: random.Random, fake: Faker) -> Doc:
    """关于…聚集性疫情溯源情况的汇报: a CDC's chain of transmission with named cases — not titled 调查报告."""
    county = pick(rng, COUNTIES)
    y = rng.choice([2021, 2022])
    m, d = md(rng)
    place = rng.choice(["某服装厂", "某农贸市场", "某KTV", "某养老院", "某物流园"])
    cases = [person(fake, rng, 20, 85) for _ in range(4)]
    paras = [
        "县指挥部：",
        f"{m}月{d}日以来，我县{place}相关病例累计报告{rng.randint(6, 30)}例。经流行病学调查和基因测序，现将溯源情况汇报如下：",
        f"一、首发病例。{cases[0]['name']}（{cases[0]['sex']}，{y - int(cases[0]['born'])}岁，{place}员工），{m}月{max(1, d - 5)}日出现咽痛，自行购药未就医，{m}月{max(1, d - 2)}日在单位例行检测中发现阳性。",
        f"二、传播链。{cases[1]['name']}为其同车间工友，{cases[2]['name']}为其配偶，{cases[3]['name']}为{cases[2]['name']}就职超市的同事。经比对，四例基因序列同源，为同一传播链。",
        f"三、存在问题。{place}未落实每日健康监测，{rng.randint(2, 9)}名员工核酸检测记录系补填；首发病例所购药品药店未按要求登记。",
        "四、下一步建议。对涉事单位负责人约谈，相关人员扩大筛查两轮，问题移交县纪委监委核查。",
        rng.choice(
            ["（首发病例所在单位已被通报批评）", "以上情况仅为初步结论，尚需省疾控复核。", ""]
        ),
    ]
    return Doc(
        title=f"关于{place}聚集性疫情溯源情况的汇报",
        paragraphs=[p for p in paras if p],
        closing=[f"{county}疾病预防控制中心", f"{y}年{m}月{d + rng.randint(0, 3)}日"],
        key_phrases=[f"一、首发病例。{cases[0]['name']}"],
    )


@family("b6_bank_incident_review", "investigation_report", "docx", "pdf")
def bank_incident_review(rng: random.Random, fake: Faker) -> Doc:
    """A bank branch's 事件复盘/核查情况 on a teller's irregular withdrawals: findings and responsibility."""
    bank = rng.choice(["农村商业银行", "农村信用合作联社", "村镇银行"])
    branch = pick(rng, TOWNS) + "支行"
    teller, victim = person(fake, rng, 25, 45), person(fake, rng, 60, 85)
    y = rng.choice([2012, 2016, 2019, 2024])
    m, d = md(rng)
    amt = rng.randint(3, 48) * 10000 + rng.randint(0, 9999)
    title = rng.choice(
        [
            f"关于{branch}柜员违规操作事件的复盘",
            f"{branch}客户资金异常事件核查情况",
            f"关于{branch}“{m}·{d}”操作风险事件的情况说明",
        ]
    )
    return Doc(
        preamble=[f"{pick(rng, COUNTIES)}{bank}"],
        title=title,
        paragraphs=[
            f"{y}年{m}月{d}日，客户{victim['name']}（{victim['id']}）的子女到{branch}反映其存折余额与实际不符。总行稽核部于次日成立核查组，调阅{rng.randint(2, 4)}年业务流水和监控录像，约谈相关人员{rng.randint(4, 9)}人次。",
            f"经核查，该支行柜员{teller['name']}利用老年客户不熟悉业务的机会，在为客户代办业务时多次以“补登折”为名私自支取现金，共{rng.randint(6, 30)}笔，合计{amt}元。",
            "暴露问题：一是授权柜员未认真核对凭证，“一人操作、事后补签”现象长期存在；二是支行行长对大额现金支取的事后监督流于形式；三是监控录像保存不全。",
            f"处理意见：{teller['name']}已移送公安机关；对支行行长、授权柜员分别给予记过、警告处分，已在全辖通报批评。款项已由该支行先行垫付。",
        ],
        closing=[
            "稽核部",
            f"{y}年{m}月{min(d + 9, 28)}日",
            rng.choice(["报：行长室", "抄送：监事会办公室、风险管理部"]),
        ],
        identifiers=[victim["id"]],
        key_phrases=[f"经核查，该支行柜员{teller['name']}"],
    )


@family("b6_school_outbreak_check", "investigation_report", "txt", "docx", "photo-shadow")
def school_outbreak_check(rng: random.Random, fake: Faker) -> Doc:
    """关于…学生呕吐腹泻事件的核查情况 (a county CDC, 2006-2014): cases, samples, cause, conclusion."""
    county = pick(rng, COUNTIES)
    school = pick(rng, TOWNS) + rng.choice(["中心小学", "初级中学", "寄宿制小学"])
    y = rng.choice([2006, 2009, 2013, 2014])
    m, d = md(rng, (3, 11))
    d = max(d, 2)
    n = rng.randint(12, 68)
    agent = rng.choice(["诺如病毒", "副溶血性弧菌", "蜡样芽胞杆菌", "沙门氏菌"])
    paras = [
        f"{y}年{m}月{d}日{rng.randint(8, 11)}时，县疾控中心接{school}报告，该校自{m}月{d - 1}日晚起陆续有学生出现呕吐、腹泻。中心即派{rng.randint(3, 6)}人赶赴现场。",
        f"现场情况：截至{m}月{d}日18时，共发现符合病例定义者{n}例，其中住院{rng.randint(0, 6)}例，无重症。病例分布于{rng.randint(3, 9)}个班级，首例为住校生{masked(fake.name())}。",
        f"采样检测：采集病例肛拭子{rng.randint(8, 20)}份、食堂留样{rng.randint(3, 8)}份、厨工手拭子{rng.randint(2, 5)}份，其中{rng.randint(4, 12)}份病例标本及1份厨工手拭子{agent}检测阳性。",
        f"原因分析：食堂厨工{fake.name()}发病前一天有腹泻症状仍在岗，食堂未执行晨检制度；学校未按规定向教育局和卫生局报告，延误约{rng.randint(10, 30)}小时。",
        f"结论：这是一起由{agent}引起的食源性疾病暴发事件（本结论未经市疾控复核，请勿对外引用）。",
    ]
    return Doc(
        title=f"关于{school}学生呕吐腹泻事件的核查情况",
        paragraphs=paras,
        closing=[
            f"{county}疾病预防控制中心",
            f"{y}年{m}月{d + 2}日",
            rng.choice(["抄报：县卫生局、县教育局", "（此件校长已被通报批评，材料仅供参考）"]),
        ],
        key_phrases=[f"由{agent}引起的食源性疾病暴发事件"],
    )


@family("b6_railway_accident_analysis", "investigation_report", "docx", "pdf", "pdf-scan")
def railway_accident_analysis(rng: random.Random, fake: Faker) -> Doc:
    """A railway depot's 事故分析 of a shunting incident: course, causes, responsibility (not titled 调查报告)."""
    depot = rng.choice(["怀化", "贵阳南", "柳州", "襄阳北", "鹰潭"]) + rng.choice(
        ["车务段", "机务段", "工务段"]
    )
    y = rng.choice([2004, 2008, 2011, 2017])
    m, d = md(rng)
    drv, ctl = fake.name(), fake.name()
    kind = rng.choice(["调车冲突", "调车脱轨", "挤岔"])
    return Doc(
        preamble=[depot],
        title=f"“{m}·{d}”{kind}一般D类事故分析",
        paragraphs=[
            f"一、概况：{y}年{m}月{d}日{hm(rng)}，{rng.choice(['怀化西', '枫木', '南丹', '金城江'])}站{rng.randint(3, 12)}道调车作业时发生{kind}，造成{rng.randint(1, 3)}辆货车{rng.choice(['轮对脱轨', '车钩损坏', '道岔尖轨损坏'])}，中断行车{rng.randint(40, 180)}分钟，直接经济损失约{rng.randint(3, 40)}万元。",
            f"二、经过：调车长{ctl}在未确认进路的情况下，用无线调车灯显发出推进信号；司机{drv}未按规定一度停车确认，以约{rng.randint(12, 25)}km/h速度推进，越过{rng.randint(3, 30)}号道岔。",
            "三、原因：1.调车长违反“要道还道”制度；2.司机臆测行车；3.车站值班员对调车作业计划变更未重新传达。",
            f"四、定责：定{depot}主要责任。调车长{ctl}负主要责任，司机{drv}负重要责任，值班员负次要责任。",
            "五、整改：组织全段调车人员重新学习《技规》有关条款，开展为期一个月的调车作业专项检查。",
        ],
        closing=[
            f"{depot}安全科",
            f"{y}年{m}月{min(d + 5, 28)}日",
            rng.choice(["（内部分析材料，已在全段安全例会上通报批评）", ""]),
        ],
        key_phrases=[f"调车长{ctl}负主要责任"],
    )


# ================================================================= internal_material (4)


@family("b6_pay_reform_draft_email", "internal_material", "docx", "pdf")
def pay_reform_draft_email(rng: random.Random, fake: Faker) -> Doc:
    """A company's 薪酬改革方案（讨论稿） as circulated for comment (2025-2026), stage mark in the title only."""
    co = fake.company()
    y = rng.choice([2025, 2026])
    stage = rng.choice(["（讨论稿）", "（征求意见稿）", "（第二稿）", "（送审稿）"])
    m, d = md(rng)
    return Doc(
        title=f"{co}{y}年度薪酬绩效改革方案{stage}",
        paragraphs=[
            f"为进一步激发员工活力，结合公司{y - 1}年经营情况，拟对现行薪酬绩效体系作如下调整：",
            f"一、岗位工资。管理序列岗位工资下调{rng.randint(5, 15)}%，差额转入季度绩效；技术序列维持不变。",
            f"二、末位调整。年度考核排名后{rng.randint(3, 10)}%的员工降一档，连续两年末位的解除劳动合同（此条待法务评估）。",
            f"三、年终奖。总额按利润的{rng.randint(3, 8)}%提取，部门负责人二次分配。",
            f"请各部门负责人于{m}月{d}日前将修改意见反馈人力资源部{fake.name()}，方案未经总经理办公会审议，请勿在部门内传达。",
        ],
        closing=["人力资源部", f"{y}年{m}月{max(1, d - 7)}日"],
        key_phrases=[stage],
    )


@family("b6_hospital_internal_notice", "internal_material", "txt", "docx", "phone-screenshot")
def hospital_internal_notice(rng: random.Random, fake: Faker) -> Doc:
    """A hospital's internal-only notice on staff discipline and bonus deductions, then a public-sounding tail."""
    hosp = pick(rng, COUNTIES) + rng.choice(["人民医院", "中医医院", "妇幼保健院"])
    y = rng.choice([2017, 2023, 2024])
    m, d = md(rng)
    mark = rng.choice(
        ["内部通知，仅限院内传达，不得外传", "院内文件 注意保管 不得转发至院外", "内部传达"]
    )
    return Doc(
        preamble=[mark],
        title="关于近期医德医风问题的内部通报",
        paragraphs=[
            "各科室：",
            f"近期院纪检监察室收到患者投诉{rng.randint(3, 9)}件，经核实：{rng.choice(['骨科', '产科', '急诊科'])}{fake.name()}医师收受患者家属红包{rng.randint(1, 5)}000元；{rng.choice(['检验科', '放射科'])}工作人员上班时间玩手机游戏被患者拍下。",
            f"院周会研究决定：扣发当事人{rng.randint(1, 6)}个月绩效，取消年度评优资格；所在科室主任扣发当月绩效{rng.randint(10, 30)}%。",
            "请各科室主任在科室早交班时口头传达，不得以书面形式张贴，不得在微信群、朋友圈转发。",
            rng.choice(["以上内容仅供参考。", "（欢迎转发学习，引以为戒）", "当事人已通报批评。"]),
        ],
        closing=[f"{hosp}院办", f"{y}年{m}月{d}日"],
        key_phrases=[mark],
    )


@family("b6_gov_work_report_comment_draft", "internal_material", "docx", "pdf", "photo")
def gov_work_report_comment_draft(rng: random.Random, fake: Faker) -> Doc:
    """A county 政府工作报告 sent to departments for comment before the 人代会 (mark in the header line)."""
    county = pick(rng, COUNTIES)
    y = rng.choice([2010, 2014, 2019, 2026])
    stage = rng.choice(["征求意见稿", "讨论稿", "初稿", "修改稿（第三稿）"])
    m, d = md(rng, (1, 2))
    gdp = rng.randint(80, 320)
    return Doc(
        header=f"{stage}  注意保存  会后收回",
        title="政府工作报告",
        paragraphs=[
            f"——{y}年{m}月{d + 10}日在{county}第{rng.choice(['十五', '十六', '十七', '十八'])}届人民代表大会第{rng.choice(['三', '四', '五'])}次会议上",
            f"县长 {fake.name()}",
            "各位代表：",
            f"过去一年，全县地区生产总值预计完成{gdp}亿元（数据待统计局最终核定），增长{rng.randint(40, 85) / 10}%……",
            f"今年主要预期目标：地区生产总值增长{rng.randint(50, 80) / 10}%左右，一般公共预算收入增长{rng.randint(3, 8)}%。（【县财政局：此数请再核】）",
            f"请各单位于{m}月{d}日前将修改意见书面反馈县政府办公室，本稿未经县政府常务会议审定，不得引用、外传。",
        ],
        key_phrases=["不得引用、外传"],
    )


@family("b6_depot_party_minutes", "internal_material", "docx", "xlsx", "scan-png")
def depot_party_minutes(rng: random.Random, fake: Faker) -> Doc:
    """A railway depot's 党委会 minutes: personnel decisions, 内部资料 mark as the first line."""
    depot = rng.choice(["怀化", "贵阳南", "柳州", "襄阳北", "鹰潭"]) + rng.choice(
        ["车务段", "机务段", "车辆段"]
    )
    y = rng.choice([2008, 2015, 2021, 2025])
    m, d = md(rng)
    n = rng.randint(3, 40)
    names = [fake.name() for _ in range(5)]
    return Doc(
        preamble=[rng.choice(["内部资料 注意保管", "内部资料·严禁外传", "仅供党委委员阅"])],
        title=f"{depot}党委会议纪要",
        paragraphs=[
            f"〔{y}〕第{n}期",
            f"{y}年{m}月{d}日，段党委书记{names[0]}主持召开党委会。出席：{'、'.join(names[1:4])}。记录：{names[4]}。",
            f"一、研究了干部调整事项。同意{fake.name()}任{rng.choice(['运转车间', '客运车间', '检修车间'])}主任（试用期一年），免去{fake.name()}现职，另行安排。",
            f"二、研究了{rng.choice(['“3·12”调车事故', '职工信访', '年度评先'])}有关问题。会议认为……责成安全科一周内拿出处理意见，报党委会再议。",
            "三、议定：以上人事事项在公示前一律不得向外透露。",
        ],
        closing=["分送：段领导、党群办", f"{depot}党委办公室  {y}年{m}月{min(d + 2, 28)}日印发"],
        key_phrases=["以上人事事项在公示前一律不得向外透露"],
    )


# ================================================================= classified (4)


@family("b6_stability_plan_header_mark", "classified", "docx", "pdf", "photo")
def stability_plan_header_mark(rng: random.Random, fake: Faker) -> Doc:
    """A county 维稳 work plan whose secrecy mark sits in the page header and on the first line."""
    county = pick(rng, COUNTIES)
    y = rng.choice([2009, 2016, 2019, 2024])
    mark = rng.choice(["秘密★5年", "机密★10年", "秘密★1年", "秘密 ★ 2年"])
    n = rng.randint(2, 40)
    m, d = md(rng)
    return Doc(
        header=f"{mark}    {county}维护稳定工作领导小组办公室",
        preamble=[mark, f"{county}维稳办〔{y}〕{n}号"],
        title=f"关于做好{rng.choice(['重大节日期间', '重点时段', '全国两会期间'])}维护稳定工作的实施方案",
        paragraphs=[
            f"一、重点人员稳控。全县共排查重点信访人员{rng.randint(12, 80)}名，实行“一人一专班”，由乡镇党委书记包保，{m}月{d}日起每日零报告。",
            f"二、进京赴省预警。县公安局在高铁站、汽车站设置{rng.randint(2, 6)}个工作点，发现苗头立即报告县维稳办{fake.name()}同志。",
            "三、网上舆情。县委网信办24小时监测，重大舆情1小时内报告。",
            "四、工作纪律。本方案内容不得在任何非涉密网络和即时通信工具中传递。",
        ],
        closing=[f"{county}维护稳定工作领导小组办公室", f"{y}年{m}月{d}日"],
        key_phrases=[mark],
    )


@family("b6_factory_production_plan_jimi", "classified", "xlsx", "pdf", "screenshot")
def factory_production_plan_jimi(rng: random.Random, fake: Faker) -> Doc:
    """A state factory's production schedule table marked 机密 (first line above the table, no page header)."""
    plant = "国营第" + "".join(CN_NUM[int(c)] for c in str(rng.randint(101, 999))) + "厂"
    y = rng.choice([2005, 2013, 2021, 2026])
    mark = rng.choice(["机密", "机密★长期", "机密 ★ 15年", "秘密"])
    rows = [["型号代号", "批次", "计划数量", "交付单位代号", "交付时间"]]
    for _ in range(rng.randint(4, 8)):
        rows.append(
            [
                f"{rng.choice(['QJ', 'HZ', 'XB', 'JT'])}-{rng.randint(10, 99)}{rng.choice(['A', 'B', 'C', ''])}",
                f"{y}-{rng.randint(1, 12):02d}",
                str(rng.randint(4, 200)),
                f"{rng.randint(10000, 99999)}部队",
                f"{y}年{rng.randint(1, 12)}月",
            ]
        )
    return Doc(
        preamble=[f"密级：{mark}", f"份号：{rng.randint(1, 30):03d}"],
        title=f"{plant}{y}年度军品生产计划表",
        tables=[rows],
        closing=[f"{plant}计划处  {y}年{rng.randint(1, 3)}月", "本表阅后退回计划处，不得复印。"],
        key_phrases=[f"密级：{mark}"],
    )


@family("b6_juemi_telegram_2003", "classified", "txt-gbk", "pdf-scan", "photo")
def juemi_telegram_2003(rng: random.Random, fake: Faker) -> Doc:
    """A 2003 明传/密码电报 style notice headed 绝密·特急 on SARS case numbers before publication."""
    prov, city = rng.choice(
        [("湖南", "怀化"), ("广西", "柳州"), ("陕西", "汉中"), ("安徽", "阜阳"), ("云南", "昭通")]
    )
    m, d = rng.choice([4, 5]), rng.randint(1, 28)
    mark = rng.choice(["绝密·特急", "绝密  特提", "机密·特急"])
    return Doc(
        preamble=[
            f"发电单位：{prov}省防治非典型肺炎指挥部",
            f"签发：{fake.name()}",
            mark,
            f"{prov}防非电〔2003〕{rng.randint(10, 99)}号",
        ],
        title=f"关于{prov}省非典疫情有关情况的通报",
        paragraphs=[
            "各市州防非指挥部：",
            f"截至{m}月{d}日12时，全省累计报告临床诊断病例{rng.randint(3, 30)}例、疑似病例{rng.randint(10, 90)}例，其中{city}市{rng.randint(2, 9)}例尚未向社会公布。",
            "上述数字以省指挥部新闻发布会公布的为准，发布前各地一律不得对外透露，不得在任何会议上传达具体数字。",
            "请各地务必严格保密，确保社会稳定。",
        ],
        closing=[
            f"{prov}省防治非典型肺炎指挥部",
            f"二〇〇三年{CN_NUM[m]}月{cn_day(d)}日",
            "（共印30份）",
        ],
        key_phrases=[mark.split()[0] if " " in mark else mark],
    )


@family("b6_secret_forward_in_chat", "classified", "txt", "phone-screenshot")
def secret_forward_in_chat(rng: random.Random, fake: Faker) -> Doc:
    """A 秘密-marked 通知 retyped into a chat by a 股长, with a relaxed chat footer underneath."""
    county = pick(rng, COUNTIES)
    y = rng.choice([2018, 2020, 2022, 2025])
    m, d = md(rng)
    mark = rng.choice(["秘密★1年", "秘密 ★ 6个月", "【秘密】", "机密★5年"])
    topic = rng.choice(
        ["征兵体检复查人员", "领导干部出国（境）证照集中保管", "重点项目征地补偿标准调整"]
    )
    lines = [
        f"{rng.choice(['局办公室', '股室负责人群', '综合股'])}  {hm(rng)}",
        f"{fake.name()}：转发县里的文件，大家看一下，按要求办",
        mark,
        f"{county}人民政府办公室关于{topic}有关事项的通知",
        f"各乡镇、县直有关单位：经县政府研究，{topic}工作按以下要求办理：一、{m}月{d}日前完成人员摸底，名单报县政府办{fake.name()}；二、有关标准暂按内部掌握，不对外公布；三、本通知不得上网、不得翻印。",
        f"{county}人民政府办公室  {y}年{m}月{d}日",
        rng.choice(["以上内容仅供参考", "欢迎转发，互相提醒", "看完记得撤回哈"]),
    ]
    return Doc(paragraphs=lines, key_phrases=[mark, topic])


# ================================================================= clean (16)


@family("b6_clean_bus_route_notice", "clean", "pdf", "photo")
def clean_bus_route_notice(rng: random.Random, fake: Faker) -> Doc:
    """A published 通告 with 文号 on restoring bus routes (the final version, posted at stops)."""
    city, area = rng.choice(
        [("银川市", "0951"), ("怀化市", "0745"), ("柳州市", "0772"), ("宝鸡市", "0917")]
    )
    y = rng.choice([2020, 2022, 2023])
    m, d = md(rng)
    n = rng.randint(1, 30)
    lines = [f"{rng.randint(1, 60)}路", f"{rng.randint(61, 120)}路", f"{rng.randint(121, 300)}路"]
    return Doc(
        preamble=[f"{city}公共交通有限公司", f"{city[:2]}公交通〔{y}〕{n}号"],
        title="关于恢复部分公交线路运营的通告",
        paragraphs=[
            "广大市民乘客：",
            f"根据疫情防控形势，经研究，自{y}年{m}月{d}日首班车起恢复{'、'.join(lines)}等{rng.randint(3, 20)}条线路运营，发车间隔暂调整为{rng.randint(10, 20)}分钟。",
            "乘车时请全程佩戴口罩，配合驾驶员测温扫码。",
            f"咨询电话：{area}-{rng.randint(5000000, 6999999)}（服务时间8:00-18:00）。",
            "特此通告。",
        ],
        closing=[f"{city}公共交通有限公司", f"{y}年{m}月{max(1, d - 2)}日"],
    )


@family("b6_clean_health_stats_bulletin", "clean", "pdf", "docx")
def clean_health_stats_bulletin(rng: random.Random, fake: Faker) -> Doc:
    """A published 卫生健康事业发展统计公报 (aggregate numbers, no persons)."""
    county = pick(rng, COUNTIES)
    y = rng.choice([2019, 2023, 2024, 2025])
    rows = [["指标", "单位", f"{y}年", "比上年增长(%)"]]
    for k, u, lo, hi in [
        ("医疗卫生机构", "个", 150, 600),
        ("床位", "张", 1800, 6500),
        ("卫生技术人员", "人", 2500, 8000),
        ("总诊疗人次", "万人次", 120, 520),
        ("出院人数", "万人", 3, 14),
    ]:
        rows.append([k, u, str(rng.randint(lo, hi)), f"{rng.randint(-50, 90) / 10}"])
    return Doc(
        title=f"{y}年{county}卫生健康事业发展统计公报",
        paragraphs=[
            f"{county}卫生健康局  {county}统计局  {y + 1}年{rng.randint(4, 8)}月{rng.randint(1, 28)}日发布",
            f"{y}年，全县卫生健康事业稳步发展，孕产妇死亡率为{rng.randint(0, 20)}/10万，婴儿死亡率{rng.randint(20, 60) / 10}‰，法定报告传染病发病率{rng.randint(150, 400)}/10万。",
        ],
        tables=[rows],
        closing=["注：本公报数据为快报数，来源于卫生健康统计直报系统。"],
    )


@family("b6_clean_zhengwu_gongkai_page", "clean", "txt", "screenshot")
def clean_zhengwu_gongkai_page(rng: random.Random, fake: Faker) -> Doc:
    """A 政务公开 web page listing published documents with 文号 and 公开方式 (screenshot of the site)."""
    county = pick(rng, COUNTIES)
    y = rng.choice([2021, 2024, 2026])
    lines = [
        f"{county}人民政府门户网站 > 政务公开 > 政策文件",
        "索引号 | 文号 | 标题 | 发布日期 | 公开方式",
    ]
    for _ in range(rng.randint(5, 8)):
        m, d = md(rng)
        lines.append(
            f"{rng.randint(100000, 999999)}/{y}-{rng.randint(10000, 99999)} | {county[:2]}政办发〔{y}〕{rng.randint(1, 80)}号 | 关于印发{rng.choice(['春季森林防火工作方案', '城乡居民医保缴费工作方案', '农村危房改造实施办法', '防汛抗旱应急预案', '“十五五”教育发展规划'])}的通知 | {y}-{m:02d}-{d:02d} | 主动公开"
        )
    lines += [
        "共 " + str(rng.randint(40, 300)) + " 条  首页 上一页 1 2 3 下一页 尾页",
        "主办："
        + county
        + "人民政府办公室  网站标识码 "
        + str(rng.randint(4300000000, 4399999999)),
        "（此页面内容均为主动公开信息，欢迎转载，请注明来源）",
    ]
    return Doc(paragraphs=lines)


@family("b6_clean_textbook_secrecy_marks", "clean", "pdf", "scan-png")
def clean_textbook_secrecy_marks(rng: random.Random, fake: Faker) -> Doc:
    """A 文秘/保密 textbook page explaining how 密级 and 保密期限 are marked (examples quoted, nothing secret)."""
    ch = rng.randint(3, 9)
    return Doc(
        header=f"第{CN_NUM[ch]}章  公文的格式与保密管理",
        title=f"{ch}.{rng.randint(1, 4)}  密级和保密期限的标注",
        paragraphs=[
            "涉密公文应当根据涉密程度分别标注“绝密”“机密”“秘密”和保密期限，标注在版心左上角第二行，密级和保密期限之间用“★”隔开，例如“秘密★1年”“机密★10年”。",
            "【例题】某县政府办公室拟印发一份涉及征地补偿标准的通知，拟定为秘密级，保密期限6个月，应如何标注？答：标注为“秘密★6个月”。",
            "【思考题】1.“内部资料”“注意保存”是否属于密级标志？2.未标注保密期限的秘密级事项，保密期限如何确定？",
            "【小结】密级标志只能由定密责任人确定。本节内容参考《党政机关公文格式》（GB/T 9704—2012）。",
        ],
        footer=f"— {rng.randint(60, 240)} —",
        author=f"{fake.name()} 主编",
    )


@family("b6_clean_news_leak_case", "clean", "txt", "phone-screenshot")
def clean_news_leak_case(rng: random.Random, fake: Faker) -> Doc:
    """A news report (纪委 public account) on officials punished for forwarding a 交办单 and a 讨论稿."""
    county = pick(rng, COUNTIES)
    y = rng.choice([2020, 2021, 2022])
    m, d = md(rng)
    return Doc(
        title=rng.choice(
            [
                "随手一转，泄密了！这些教训要记牢",
                "通报三起违反疫情防控工作纪律典型问题",
                "微信群不是“保险箱”",
            ]
        ),
        paragraphs=[
            f"{county}纪委监委  {y}-{m:02d}-{d:02d}  阅读 {rng.randint(300, 9000)}",
            f"近日，{county}纪委监委通报了三起疫情防控期间泄露工作信息的典型问题。",
            "一是某镇干部刘某某将《疫情防控交办单》拍照发至亲属群，受到警告处分。二是某单位范某某将《关于恢复营业场所的通告（讨论稿）》发至工作群后被转发，被免职。三是某卫生院职工将一名疑似患者的病历拍照外传，被立案审查。",
            "县纪委监委提醒：涉及疫情防控的交办单、排查名单、病历、未定稿文件，一律不得擅自转发。",
            "欢迎转发，互相提醒！",
        ],
    )


@family("b6_clean_nurse_job_posting", "clean", "docx", "png")
def clean_nurse_job_posting(rng: random.Random, fake: Faker) -> Doc:
    """A county hospital's public recruitment notice for nurses (报名 deadline, office phone, requirements)."""
    hosp = pick(rng, COUNTIES) + "人民医院"
    y = rng.choice([2016, 2024, 2026])
    m, d = md(rng)
    n = rng.randint(5, 40)
    return Doc(
        title=f"{hosp}{y}年公开招聘合同制护理人员公告",
        paragraphs=[
            f"因工作需要，我院拟公开招聘合同制护理人员{n}名，现将有关事项公告如下：",
            "一、招聘条件：全日制大专及以上学历，护理学专业；取得护士执业资格证或已通过考试；年龄35周岁以下。",
            f"二、报名时间：{y}年{m}月{d}日至{m}月{min(d + 10, 28)}日（工作日8:00-17:30），逾期不予受理。",
            "三、报名材料：报名表、身份证、毕业证、资格证原件及复印件，近期免冠照片2张。",
            "四、考试：笔试占40%，面试占40%，操作考核占20%。体检标准参照公务员录用体检通用标准。",
            f"联系电话：0745-{rng.randint(2100000, 2999999)}（人事科）",
        ],
        closing=[hosp, f"{y}年{m}月{max(1, d - 3)}日"],
    )


@family("b6_clean_masked_subsidy_publicity", "clean", "pdf", "photo")
def clean_masked_subsidy_publicity(rng: random.Random, fake: Faker) -> Doc:
    """A village's 低保/临时救助 公示 posted on the noticeboard: names and masked ID numbers."""
    village = pick(rng, VILLAGES)
    y = rng.choice([2019, 2024, 2025])
    rows = [["序号", "户主姓名", "身份证号", "家庭人口", "救助类别", "月救助金额(元)"]]
    for i in range(rng.randint(5, 9)):
        p = person(fake, rng, 30, 85)
        rows.append(
            [
                str(i + 1),
                p["name"],
                p["id"][:6] + "********" + p["id"][-4:],
                str(rng.randint(1, 5)),
                rng.choice(["低保", "特困供养", "临时救助"]),
                str(rng.randint(3, 9) * 100),
            ]
        )
    m, d = md(rng)
    return Doc(
        title=f"{village}{y}年第{rng.randint(1, 4)}季度城乡低保、特困人员公示",
        paragraphs=[
            f"经本人申请、村民代表评议、乡镇审核，拟将以下人员纳入救助范围，现予公示。公示期7天（{m}月{d}日至{m}月{d + 7}日）。如有异议，请向乡民政办反映，电话0774-{rng.randint(6000000, 6999999)}。"
        ],
        tables=[rows],
        closing=[f"{pick(rng, TOWNS)}人民政府", f"{y}年{m}月{d}日"],
    )


@family("b6_clean_checkup_science_article", "clean", "txt", "phone-screenshot")
def clean_checkup_science_article(rng: random.Random, fake: Faker) -> Doc:
    """A public health-science article on reading a check-up report (结节, 转氨酶, 血糖), no patient."""
    return Doc(
        title=rng.choice(
            [
                "体检报告上这几个箭头，到底要不要紧？",
                "拿到体检报告别慌，医生教你看懂关键指标",
                "肺结节就是肺癌吗？",
            ]
        ),
        paragraphs=[
            f"{rng.choice(['健康科普', '医院公众号', '家庭医生在线'])}  作者：{fake.name()}（{rng.choice(['呼吸科', '内分泌科', '健康管理中心'])}副主任医师）",
            "每年体检季，很多人拿到报告都会被各种“↑”“↓”吓一跳。其实，并不是所有异常都需要治疗。",
            "肺结节：体检CT发现的肺结节，绝大多数是良性的。小于6mm的实性结节一般建议一年后复查；8mm以上、或者磨玻璃结节持续存在的，应到胸外科或呼吸科就诊。",
            "转氨酶：谷丙转氨酶（ALT）轻度升高常见于熬夜、饮酒、脂肪肝，复查前一周应清淡饮食、避免剧烈运动。",
            "空腹血糖：正常值3.9-6.1mmol/L，如果在6.1-7.0之间，属于空腹血糖受损，建议加做糖化血红蛋白。",
            "温馨提示：本文仅供科普参考，不能代替医生面诊。欢迎转发给关心的家人。",
        ],
    )


@family("b6_clean_novel_county_office", "clean", "txt", "docx")
def clean_novel_county_office(rng: random.Random, fake: Faker) -> Doc:
    """A chapter of a workplace novel set in a county office: a character reads a 机密 file in the story."""
    hero, boss = fake.name(), fake.name()
    ch = rng.randint(8, 60)
    return Doc(
        title=f"第{ch}章  {rng.choice(['红头文件', '夜班', '那份名单', '交办单'])}",
        paragraphs=[
            f"{hero}把那份盖着“机密”红章的文件放回抽屉，又锁上。窗外的雨下了一整夜，县政府大院里只有值班室还亮着灯。",
            f"“小{hero[0]}，那个交办单办了没有？”{boss}推门进来，手里端着搪瓷缸子，“明天上午十点前，县长要看结果。”",
            f"{hero}点点头，没说话。他想起三年前那个讨论稿被人转到微信群里的事，那一次，整个办公室的人都挨了通报批评。",
            "雨停的时候，天已经蒙蒙亮了。他在草稿纸上写下一行字，又划掉了。",
            rng.choice(
                ["（未完待续）", "——本章完——", "作者有话说：本文纯属虚构，如有雷同，纯属巧合。"]
            ),
        ],
        author=fake.name(),
    )


@family("b6_clean_canteen_menu", "clean", "xlsx", "photo")
def clean_canteen_menu(rng: random.Random, fake: Faker) -> Doc:
    """A factory canteen's weekly menu table (甲/乙 meal sets), posted at the canteen door."""
    co = fake.company()
    dishes = [
        "红烧肉",
        "番茄炒蛋",
        "酸辣土豆丝",
        "宫保鸡丁",
        "清炒油麦菜",
        "鱼香肉丝",
        "麻婆豆腐",
        "蒜蓉西兰花",
        "糖醋里脊",
        "香菇青菜",
        "回锅肉",
        "冬瓜排骨汤",
    ]
    rows = [["星期", "甲套餐", "乙套餐", "汤", "主食"]]
    for day in ["一", "二", "三", "四", "五"]:
        a, b = rng.sample(dishes, 2)
        rows.append(
            [
                f"星期{day}",
                a,
                b,
                rng.choice(["紫菜蛋花汤", "冬瓜汤", "绿豆汤"]),
                rng.choice(["米饭", "馒头", "米饭/面条"]),
            ]
        )
    return Doc(
        title=f"{co}职工食堂第{rng.randint(1, 52)}周菜谱",
        tables=[rows],
        paragraphs=[
            f"甲套餐12元，乙套餐10元，刷工卡。就餐时间：11:30-13:00。意见建议请联系后勤部{fake.name()}。"
        ],
    )


@family("b6_clean_quarantine_diary", "clean", "txt", "docx")
def clean_quarantine_diary(rng: random.Random, fake: Faker) -> Doc:
    """A person's own diary of home quarantine (own temperature and mood), published on a blog."""
    y = rng.choice([2020, 2022])
    m, d = md(rng)
    days = []
    for i in range(rng.randint(3, 5)):
        days.append(
            f"{m}月{d + i}日  体温{rng.randint(362, 372) / 10}℃。{rng.choice(['今天社区送来了菜，有土豆和白菜。', '网课第三天，孩子终于适应了。', '楼下又贴了封控通知，心里有点慌。', '和妈妈视频了半小时，她说老家一切都好。', '做了一次核酸，排队的时候看见好多熟人。'])}"
        )
    return Doc(
        title=rng.choice(["隔离日记", "封控第N天", "我的居家观察十四天"]),
        paragraphs=[
            f"作者：{fake.user_name()}  {y}年{m}月发布于个人博客",
            *days,
            "写下来，算是给自己留个纪念。",
        ],
    )


@family("b6_clean_blank_returnee_form", "clean", "xlsx", "docx", "pdf")
def clean_blank_returnee_form(rng: random.Random, fake: Faker) -> Doc:
    """A blank 返乡人员登记表 template (headers, empty rows) downloaded from a county site."""
    county = pick(rng, COUNTIES)
    head = rng.choice(
        [
            ["序号", "姓名", "性别", "身份证号", "联系电话", "返乡日期", "来自何地", "健康状况"],
            ["序号", "姓名", "身份证号码", "手机号", "现住址", "出发地", "交通方式", "备注"],
        ]
    )
    rows = [head] + [[str(i + 1)] + [""] * (len(head) - 1) for i in range(rng.randint(8, 15))]
    return Doc(
        title=f"{county}返乡人员信息登记表（样表）",
        paragraphs=[
            "填表单位：________  填表人：________  填表日期：____年__月__日",
            f"说明：本表由{county}卫生健康局制定，供各村（社区）下载使用，填写后请按规定保管，不得外传。",
        ],
        tables=[rows],
    )


@family("b6_clean_railway_timetable_notice", "clean", "pdf", "screenshot")
def clean_railway_timetable_notice(rng: random.Random, fake: Faker) -> Doc:
    """A railway bureau's public announcement of a timetable change (trains, times, 12306)."""
    bureau = rng.choice(["南宁局集团公司", "广铁集团", "西安局集团公司", "上海局集团公司"])
    y = rng.choice([2019, 2024, 2026])
    m, d = md(rng)
    rows = [["车次", "区间", "开点", "到点", "调整内容"]]
    for _ in range(rng.randint(4, 7)):
        rows.append(
            [
                f"{rng.choice(['G', 'D', 'K', 'Z'])}{rng.randint(10, 9999)}",
                rng.choice(["南宁东—柳州", "怀化南—长沙南", "西安北—汉中", "合肥南—阜阳西"]),
                hm(rng),
                hm(rng),
                rng.choice(["停运", "恢复开行", "调整时刻", "增停站"]),
            ]
        )
    return Doc(
        title=f"关于{y}年{m}月{d}日起实行新列车运行图的公告",
        paragraphs=[
            f"{bureau}将于{y}年{m}月{d}日零时起实行新的列车运行图，现将部分旅客列车调整情况公告如下：",
            "具体信息以12306网站、车站公告为准。",
        ],
        tables=[rows],
        closing=[bureau, f"{y}年{m}月{max(1, d - 10)}日"],
    )


@family("b6_clean_exam_score_publicity", "clean", "xlsx", "pdf")
def clean_exam_score_publicity(rng: random.Random, fake: Faker) -> Doc:
    """A public-recruitment written-exam score list (准考证号, name, score, 是否进入面试)."""
    county = pick(rng, COUNTIES)
    y = rng.choice([2023, 2025, 2026])
    rows = [["准考证号", "姓名", "报考岗位", "笔试成绩", "是否进入面试"]]
    for i in range(rng.randint(6, 12)):
        rows.append(
            [
                f"{y}{rng.randint(10, 99)}{i + 1:04d}",
                fake.name(),
                rng.choice(["乡镇卫生院临床", "中小学语文教师", "乡镇综合岗"]),
                f"{(score := rng.randint(550, 880)) / 10}",
                "是" if score >= 700 else "否",
            ]
        )
    return Doc(
        title=f"{county}{y}年事业单位公开招聘笔试成绩公示",
        paragraphs=[
            "现将笔试成绩予以公示，公示期3个工作日。如对成绩有疑问，请于公示期内向县人社局申请复核。"
        ],
        tables=[rows],
        closing=[
            f"{county}人力资源和社会保障局",
            f"{y}年{rng.randint(4, 9)}月{rng.randint(1, 28)}日",
        ],
    )


@family("b6_clean_school_sports_notice", "clean", "docx", "phone-screenshot")
def clean_school_sports_notice(rng: random.Random, fake: Faker) -> Doc:
    """A school's notice to classes about the spring sports meet: tasks per class and a 报名 deadline."""
    school = pick(rng, TOWNS) + rng.choice(["中心小学", "中学"])
    y = rng.choice([2014, 2019, 2025, 2026])
    m, d = md(rng, (3, 5))
    return Doc(
        preamble=[f"{school}校发〔{y}〕{rng.randint(1, 30)}号"],
        title=f"关于举办{y}年春季田径运动会的通知",
        paragraphs=[
            "各班主任、体育组：",
            f"经学校研究，定于{m}月{d}日至{d + 1}日举办春季田径运动会。现将有关事项通知如下：",
            f"一、各班于{m}月{max(1, d - 7)}日下午放学前将报名表交体育组{fake.name()}老师，逾期视为弃权。",
            "二、每人限报两项，接力项目除外。",
            "三、运动会期间各班班主任负责本班学生安全，家长可入校观看。",
        ],
        closing=[f"{school}", f"{y}年{m}月{max(1, d - 14)}日"],
    )


@family("b6_clean_secrecy_training_poster", "clean", "pdf", "photo")
def clean_secrecy_training_poster(rng: random.Random, fake: Faker) -> Doc:
    """A 保密宣传 poster/slide for staff: do not forward 交办单, 名单, 病历, 讨论稿 (a public reminder)."""
    unit = pick(rng, COUNTIES) + rng.choice(["保密局", "卫生健康局", "人民医院"])
    return Doc(
        title=rng.choice(
            ["保密提醒“十不准”", "微信工作群保密须知", "全民国家安全教育日 | 保密知识宣传"]
        ),
        paragraphs=[
            "一、不准在微信、QQ等即时通信工具中传递涉密信息和内部工作材料。",
            "二、不准将交办单、督办单、排查名单拍照发送至家庭群、朋友群。",
            "三、不准将患者病历、检验报告等个人隐私信息截图外传。",
            "四、不准转发未定稿的讨论稿、征求意见稿。",
            "五、发现误发，立即撤回并向本单位保密工作机构报告。",
            f"{unit}  宣",
            "欢迎转发，人人都是保密员！",
        ],
    )
