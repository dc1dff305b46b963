# ruff: noqa: E501  (Chinese text data: long lines read better unbroken)
"""Blind batch 4 (split `blind4`): document families for measuring the detector blind.

Author: engineer "blind4" (worktree `blind4`), written 2026-12-02 (UTC).

Independence: the author did not open `detectors/`, `policies/`, the detector/policy/seed-case/
evasion tests, `bench/accuracy.py` or the other blind batches, and did not run shareguard's
scan/check/explain on these documents. Read only: `tests/docgen/doc.py`, `render.py`, `corpus.py`
(API), the opening of `templates.py` (to see how a template is written, then wrote unlike it),
`tests/test_blind_batches.py` (to register the batch), `../shared/seed-cases.md` and samples of
`../shared/corpus/real` (for how real Chinese documents are written; no text copied).

Aim: kinds and phrasings earlier batches probably missed — other sectors (tax, customs, railways,
universities, water conservancy, market regulation, 信访, community grid offices, village
committees, company HR/compliance), other eras (2003 SARS with 15-digit IDs, 2015-2019,
2023-2026), regional wording (粤/川/东北 flavour in chats), tables with merged header rows or odd
column orders, two-column rosters, forwarded chat logs with timestamps and nicknames, e-mails with
quoted replies, and hard negatives that are public but look official (政府信息公开 pages, 招标公告,
masked court judgments, 统计公报, 志愿者招募, a textbook page on 公文格式 with example 文号).

Rule: **measure this batch once, before any tuning, and record that first number** (command and
commit). Only after that may it join training/tuning material; later numbers on it are not blind.

People come from Faker zh_CN (valid-checksum IDs that belong to nobody); place names are real
counties used only as settings, and every event, unit and person is invented.
"""

from __future__ import annotations

import random

from faker import Faker

from tests.docgen.doc import Doc
from tests.docgen.templates import Template

SPLIT = "blind4"
FAMILIES: list[Template] = []
FORMATS: dict[str, tuple[str, ...]] = {}


def family(name: str, label: str, *formats: str):
    """Register a builder as a blind-4 family travelling in `formats` (first: a text layer)."""

    def deco(fn):
        def build(rng: random.Random, fake: Faker) -> Doc:
            doc = fn(rng, fake)
            doc.label, doc.kind = label, name
            return doc

        FAMILIES.append(Template(name, label, SPLIT, build))
        FORMATS[name] = formats
        return fn

    return deco


# ------------------------------------------------------------------------- shared pieces

COUNTIES = [
    "闽清县",
    "会泽县",
    "榆中县",
    "潜江市",
    "桦甸市",
    "鄯善县",
    "都匀市",
    "揭西县",
    "岢岚县",
    "汨罗市",
    "宁陵县",
    "巴彦县",
    "仁寿县",
    "博白县",
]
TOWNS = [
    "梅溪镇",
    "坪山乡",
    "城北街道",
    "新圩镇",
    "白沙镇",
    "河口乡",
    "东关街道",
    "三合镇",
    "龙湖镇",
]
VILLAGES = ["上洋村", "岭头村", "大坪村", "柿子沟村", "前进屯", "新民村", "黄泥塘村", "石桥社区"]
CN_NUM = "一二三四五六七八九十"


def _pick(rng: random.Random, items, k: int) -> list:
    return rng.sample(list(items), k)


def _date(rng: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> tuple[int, int, int]:
    return year, rng.randint(*months), rng.randint(1, 28)


def _cn(y: int, m: int, d: int) -> str:
    return f"{y}年{m}月{d}日"


def _cn_upper_year(y: int) -> str:
    digits = "〇一二三四五六七八九"
    return "".join(digits[int(c)] for c in str(y)) + "年"


def _person(fake: Faker, year: int, min_age: int = 18, max_age: int = 80) -> dict[str, str]:
    """A fake person whose age is counted at `year` (the year the document was written)."""
    lo = max(min_age + (2026 - year), 1)
    ssn = fake.ssn(min_age=lo, max_age=lo + (max_age - min_age))
    male = int(ssn[16]) % 2 == 1
    return {
        "name": fake.name_male() if male else fake.name_female(),
        "id": ssn,
        "id15": ssn[:6] + ssn[8:17],  # the first-generation 15-digit form still common in 2003
        "phone": fake.phone_number(),
        "sex": "男" if male else "女",
        "age": str(year - int(ssn[6:10])),
        "addr": fake.street_address(),
    }


def _masked_surname(name: str, rng: random.Random) -> str:
    return name[0] + rng.choice(["某", "某某", "*", "**"])


def _officer(fake: Faker) -> str:
    return fake.name()


# ========================================================================= control_order


@family("b4_tax_duban_notice_table", "control_order", "docx", "pdf", "photo")
def tax_duban_notice_table(rng: random.Random, fake: Faker) -> Doc:
    """A tax bureau's 督办 form: mostly a key/value table, one line of instruction."""
    county = rng.choice(COUNTIES)
    y, m, d = _date(rng, rng.choice([2016, 2018, 2019]))
    no = rng.choice(
        [
            f"{county[0]}税督字〔{y}〕第{rng.randint(2, 40)}号",
            f"督办编号：DB-{y}-{rng.randint(10, 99):03d}",
            f"{county[:2]}税办督〔{y}〕{rng.randint(1, 30)}号",
        ]
    )
    unit = rng.choice(
        ["第一税务分局", "征管和科技发展股", "纳税服务股", f"{rng.choice(TOWNS)}税务所"]
    )
    matter = rng.choice(
        [
            "“放管服”改革涉税事项清理情况自查",
            "个人所得税汇算清缴欠税户逐户清理",
            "增值税发票异常抵扣线索核查",
            "社保费征收划转数据比对差异整改",
        ]
    )
    boss, staff = fake.name(), fake.name()
    dl = f"{m}月{min(d + rng.randint(3, 10), 28)}日"
    table = [
        ["督办事项", matter],
        ["承办单位", unit],
        ["协办单位", rng.choice(["办公室", "法制股", "收入核算股", "无"])],
        [
            "督办要求",
            rng.choice(
                [
                    "逐户建立台账，办结一户销号一户",
                    "查明原因，提出处理意见并附佐证材料",
                    "形成书面报告，由主要负责人签字",
                ]
            ),
        ],
        ["办结时限", dl + "前"],
        ["督办人", f"{boss}（局办公室）"],
        ["承办单位负责人签收", ""],
    ]
    if rng.random() < 0.5:
        table.insert(1, ["交办领导", f"{fake.name()}副局长"])
    penalty = rng.choice(
        [
            "逾期未办结且无正当理由的，纳入年度绩效考评扣分。",
            "对推诿拖延、敷衍塞责的，将按规定予以通报并追究责任。",
            "未按时限反馈的，由局督查组约谈承办单位主要负责人。",
        ]
    )
    title = rng.choice(
        ["督办事项通知单", "重点工作督办单", f"国家税务总局{county}税务局督办通知单"]
    )
    return Doc(
        preamble=[no],
        title=title,
        paragraphs=[
            f"请{unit}按以下要求抓紧办理，并于{dl}前将办理结果书面报局办公室（督查室）。{penalty}"
        ],
        tables=[table],
        closing=[f"国家税务总局{county}税务局办公室", _cn(y, m, d), f"联系人：{staff}"],
        key_phrases=[matter, dl + "前"],
    )


@family("b4_railway_task_breakdown_merged", "control_order", "xlsx", "docx", "pdf")
def railway_task_breakdown(rng: random.Random, fake: Faker) -> Doc:
    """A 任务分解表 whose header spans two rows (merged cells left empty); deadline first."""
    y = rng.choice([2023, 2024, 2025])
    section = rng.choice(["车务段", "工务段", "电务段", "客运段", "机务段"])
    city = rng.choice(["怀化", "襄阳", "哈密", "赣州", "宝鸡", "株洲"])
    tasks = [
        ("春运安全隐患排查整治", "安全科", "各车间"),
        ("站车消防器材逐件检查登记", "技术科", "各站区"),
        ("防洪重点处所24小时看守人员到岗", "防洪办", "线路车间"),
        ("劳务派遣人员安全培训补考", "职教科", "劳人科"),
        ("旅客列车晚点应急预案修订", "调度科", "客运科"),
        ("监控视频调阅抽查（每周不少于3次）", "安全科", "各车间"),
        ("职工家属反映问题逐条回复", "党群办", "工会"),
    ]
    rows = []
    for i, (task, lead, coop) in enumerate(_pick(rng, tasks, rng.randint(4, 6)), 1):
        m, d = rng.randint(1, 12), rng.randint(1, 28)
        rows.append([f"{m}月{d}日前", str(i), task, lead, coop, fake.name()])
    head1 = ["完成时限", "序号", "工作任务", "责任分工", "", ""]
    head2 = ["", "", "", "牵头部门", "配合部门", "责任人"]
    order = rng.choice(["keep", "swap"])
    if order == "swap":  # some offices put 序号 first after all
        head1 = [head1[1], head1[0], *head1[2:]]
        head2 = [head2[1], head2[0], *head2[2:]]
        rows = [[r[1], r[0], *r[2:]] for r in rows]
    title = f"中国铁路{rng.choice(['南宁', '武汉', '乌鲁木齐', '南昌', '西安'])}局集团有限公司{city}{section}{rng.choice(['重点工作任务分解表', '专项整治任务分解表'])}"
    sentence = rng.choice(
        [
            "请各牵头部门对照时限抓好落实，每周五17:00前将进度报段办公室，段将按周通报。",
            "各部门要明确到人、倒排工期，未按期完成的纳入月度考核。",
            "现将任务分解下发，请认真组织实施，完成一项销号一项。",
        ]
    )
    return Doc(
        title=title,
        paragraphs=[sentence],
        tables=[[head1, head2, *rows]],
        closing=[f"{city}{section}办公室", _cn(y, rng.randint(1, 12), rng.randint(1, 28))],
        key_phrases=["牵头部门", "责任人", rows[0][2]],
    )


@family("b4_grid_chat_forward_log", "control_order", "txt", "phone-screenshot")
def grid_chat_forward_log(rng: random.Random, fake: Faker) -> Doc:
    """A forwarded chat record from a community grid group: timestamps, nicknames, orders."""
    y, m, d = _date(rng, rng.choice([2022, 2023, 2024]))
    comm = rng.choice(["石桥社区", "东风社区", "锦绣社区", "南门社区"]) + "网格"
    boss = rng.choice(["网格长-老周", "社区书记 陈", "A刘主任", "街道网格办-小何"])
    members = [f"{n}号网格-{fake.name()}" for n in _pick(rng, range(1, 12), 3)]
    dialect = rng.choice(["plain", "sichuan", "dongbei"])
    hh = rng.randint(7, 9)
    minutes = iter(sorted(rng.sample(range(5, 59), 4)))
    due = rng.choice(["下午4点半", "今天17:00", "中午12点", "晚上8点"])
    task = rng.choice(
        [
            "把辖区独居老人、重点人员名单核一遍，电话号码要准确",
            "入户核查出租屋新增住户，登记身份证号和来源地",
            "把上周走访的矛盾纠纷台账补齐",
            "排查本网格有没有从外地回来没报备的",
        ]
    )
    order = f"@所有人 各网格员{due}前{task}，报到社区群里，格式按附件"
    if dialect == "sichuan":
        order += "。莫得报的明天早上点名哈，要得不？"
        reply = "要得，收到"
    elif dialect == "dongbei":
        order += "，整完了吱一声。谁家没报的明天例会上点名，别磨叽。"
        reply = "收到，马上整"
    else:
        order += "。逾期未报的网格，周例会通报批评。"
        reply = "收到"
    lines = [
        f"{comm}工作群的聊天记录",
        f"{y}-{m:02d}-{d:02d}",
        f"{boss}  {hh:02d}:{next(minutes):02d}",
        order,
    ]
    for mem in members:
        lines += [f"{mem}  {hh:02d}:{next(minutes):02d}", rng.choice([reply, "收到", "好的", "1"])]
    lines += [
        f"{boss}  {hh + 1:02d}:{rng.randint(0, 59):02d}",
        rng.choice(
            [
                "再强调一下，这个是街道交办的任务，名单只在群里报，不要外传。",
                "街道督查组下午来抽查，各网格不要掉链子。",
                "昨天3号网格又是最后一个报的，今天注意。",
            ]
        ),
    ]
    return Doc(paragraphs=lines, key_phrases=["@所有人", due + "前"])


@family("b4_xinfang_transfer_email", "control_order", "txt", "pdf")
def xinfang_transfer_email(rng: random.Random, fake: Faker) -> Doc:
    """信访 office hands a case to a township by e-mail; the reply is quoted below."""
    y, m, d = _date(rng, rng.choice([2017, 2019, 2024, 2025]))
    county = rng.choice(COUNTIES)
    town = rng.choice(TOWNS)
    case = f"XF{y}{m:02d}{rng.randint(100, 999)}"
    p = _person(fake, y, 35, 75)
    issue = rng.choice(
        [
            "反映征地补偿款未足额发放",
            "反映邻居违建占用通道，多次协调未果",
            "反映企业拖欠农民工工资",
            "反映低保资格被取消不服",
        ]
    )
    officer = fake.name()
    days = rng.choice(["5个工作日", "7日", "15日"])
    sender = f"{county}信访局办信科"
    body = [
        f"发件人：{sender}<xfj_bxk@{rng.choice(['163', '126'])}.com>",
        f"收件人：{town}党政办",
        f"主题：转办：信访事项交办（编号{case}）",
        "",
        f"{town}党委、政府：",
        f"现将{p['name']}（身份证号{p['id']}，联系电话{p['phone']}）{issue}一事交你单位办理。请接件后指定专人负责，于{days}内调查核实，按程序出具书面处理意见并送达信访人，同时将处理意见书、送达回证扫描件回复本邮箱。",
        rng.choice(
            [
                "此件列入县领导包案督办，逾期未办结的将报县委县政府督查室予以通报。",
                "请勿将信访人信息转给被反映人。",
                "对超期未答复的，按《信访工作条例》有关规定追责。",
            ]
        ),
        f"{sender}  {officer}",
        f"{y}年{m}月{d}日",
        "",
        rng.choice(
            [
                "-----原始邮件-----",
                f"在 {y}年{m}月{min(d + 1, 28)}日，{town}党政办 写道：",
            ]
        ),
        f"> 收到，已转{rng.choice(['综治中心', '司法所', '民政办', '村建办'])}{fake.name()}办理，{rng.choice(['下周一前', '本周内'])}回复。",
        f"> {town}党政办",
    ]
    return Doc(
        paragraphs=body,
        key_phrases=[f"信访事项交办（编号{case}）", f"于{days}内调查核实"],
        identifiers=[p["id"], p["phone"]],
    )


@family("b4_flood_work_tip_sheet", "control_order", "docx", "pdf", "photo")
def flood_work_tip_sheet(rng: random.Random, fake: Faker) -> Doc:
    """A water-conservancy 工作提示单 with a period number instead of a 文号, tasks by time."""
    y, m, d = _date(rng, rng.choice([2023, 2024, 2025, 2026]), (5, 8))
    county = rng.choice(COUNTIES)
    issue = rng.randint(3, 28)
    title = rng.choice(["防汛工作提示单", "水旱灾害防御工作提示单", "汛期安全工作提示"])
    has_no = rng.random() < 0.6
    pre = [f"{county}水利局"] + ([f"第{issue}期"] if has_no else [])
    items = [
        f"{m}月{d}日20时起，各水库管理站实行24小时值班，值班表于当日18时前报局防汛办。",
        f"各乡镇（街道）水利站对辖区{rng.randint(12, 60)}座小型水库逐库检查溢洪道，发现堵塞的立即清除。",
        "山洪灾害危险区转移责任人、预警员名单如有调整，于明日上午10时前更新报送。",
        "县防指巡查组将对值班值守情况进行电话抽查，未接听的一律通报。",
        f"{rng.choice(VILLAGES)}、{rng.choice(VILLAGES)}等险工险段安排专人巡堤，每2小时报告一次水位。",
    ]
    rng.shuffle(items)
    body = [f"各乡镇（街道）水利站、各水库管理站、{rng.choice(['县河道管理所', '灌区管理处'])}："]
    body.append(
        f"据气象部门预报，{m}月{d}日至{min(d + 3, 28)}日我县将有{rng.choice(['强降雨', '大到暴雨', '持续性强降雨'])}过程。现将有关工作提示如下："
    )
    body += [f"{CN_NUM[i]}、{t}" for i, t in enumerate(items[: rng.randint(3, 5)])]
    return Doc(
        preamble=pre,
        title=title,
        paragraphs=body,
        closing=[
            f"{county}防汛抗旱指挥部办公室（代章）" if rng.random() < 0.5 else "局防汛办",
            _cn(y, m, d),
            f"联系电话：{fake.phone_number()}",
        ],
        key_phrases=[title, "各水库管理站"],
    )


@family("b4_sars_2003_fax_notice", "control_order", "txt-gbk", "docx", "pdf-scan")
def sars_2003_fax_notice(rng: random.Random, fake: Faker) -> Doc:
    """A 2003 非典 notice sent by fax: bracketed 文号, 主送, daily zero-report deadlines."""
    y, m, d = 2003, rng.choice([4, 5]), rng.randint(1, 28)
    county = rng.choice(COUNTIES)
    no = rng.choice(
        [
            f"{county[0]}防非办〔2003〕{rng.randint(3, 40)}号",
            f"[2003]{rng.randint(3, 40)}号",
            f"{county[:2]}政明电〔2003〕{rng.randint(3, 40)}号",
        ]
    )
    hh = rng.choice([9, 10, 15, 16])
    title = rng.choice(
        [
            "关于进一步加强外出务工返乡人员防治非典型肺炎工作的紧急通知",
            "关于严格执行非典疫情日报告和零报告制度的通知",
            "关于做好“五一”期间非典型肺炎防治工作的紧急通知",
        ]
    )
    paras = [
        "各乡（镇）人民政府，县直有关单位：",
        "当前，北京、广东等地非典型肺炎疫情仍在蔓延，近日我县返乡人员明显增多。经县防治非典型肺炎领导小组研究，现就有关事项通知如下：",
        f"一、各乡镇要对{m}月1日以来从疫区返乡人员逐户登记，登记表须写明姓名、身份证号码、返乡时间、乘坐车次，每日{hh}时前传真至县防非办（传真：{rng.randint(2, 8)}{rng.randint(100000, 999999)}）。",
        "二、实行日报告和零报告制度，无新增情况也必须报告“零”。",
        "三、对返乡人员一律实行10天医学观察，由村医每日上、下午各测一次体温。",
        rng.choice(
            [
                "四、对瞒报、迟报、漏报的乡镇，县委、县政府将予以通报批评，情节严重的追究主要领导责任。",
                "四、各单位主要负责人为第一责任人，务必24小时开机。",
            ]
        ),
    ]
    return Doc(
        preamble=[f"{county}防治非典型肺炎领导小组办公室", no],
        title=title,
        paragraphs=paras,
        closing=[f"{county}防治非典型肺炎领导小组办公室", _cn(y, m, d), "（此件发至乡镇）"],
        key_phrases=[no, "零报告"],
    )


# ========================================================================= screening_list


@family("b4_sars_2003_returnee_ledger", "screening_list", "xlsx", "docx", "photo")
def sars_2003_returnee_ledger(rng: random.Random, fake: Faker) -> Doc:
    """A village's 2003 returnee ledger: date first, mixed 15- and 18-digit IDs, 车次."""
    village = rng.choice(VILLAGES)
    town = rng.choice(TOWNS)
    head = [
        "返乡日期",
        "姓名",
        "性别",
        "年龄",
        "身份证号码",
        "从何地返回",
        "车次/车牌",
        "体温(℃)",
        "观察期满日",
    ]
    rows, ids = [], []
    for _ in range(rng.randint(5, 9)):
        p = _person(fake, 2003, 17, 55)
        ident = p["id15"] if rng.random() < 0.5 else p["id"]
        ids.append(ident)
        m, d = rng.choice([4, 5]), rng.randint(1, 18)
        rows.append(
            [
                f"{m}.{d}",
                p["name"],
                p["sex"],
                p["age"],
                ident,
                rng.choice(["广州白云区", "北京海淀", "东莞长安镇", "太原", "深圳宝安"]),
                rng.choice(
                    [
                        f"K{rng.randint(10, 999)}",
                        f"T{rng.randint(10, 300)}",
                        f"粤B{rng.randint(10000, 99999)}",
                        "长途大巴",
                    ]
                ),
                f"{rng.choice([36.2, 36.4, 36.5, 36.8, 37.1])}",
                f"{m}.{d + 10}",
            ]
        )
    return Doc(
        title=f"{town}{village}外出返乡人员登记表（2003年）",
        tables=[[head, *rows]],
        closing=[f"登记人：{fake.name()}（村医）", f"村主任签字：{fake.name()}"],
        key_phrases=["返乡日期", "观察期满日"],
        identifiers=ids,
    )


@family("b4_customs_inbound_abnormal", "screening_list", "xlsx", "csv-gbk", "docx")
def customs_inbound_abnormal(rng: random.Random, fake: Faker) -> Doc:
    """A port health-quarantine list of inbound travellers with symptoms, passed to the county."""
    y, m, d = _date(rng, rng.choice([2020, 2022, 2023]))
    port = rng.choice(
        ["拱北口岸", "罗湖口岸", "霍尔果斯口岸", "绥芬河口岸", "二连浩特口岸", "厦门高崎机场"]
    )
    head = [
        "序号",
        "姓名",
        "证件类型",
        "证件号码",
        "入境航班/车次",
        "入境时间",
        "申报症状",
        "测温",
        "手机",
        "落地去向",
    ]
    rows, idents = [], []
    for i in range(1, rng.randint(5, 8)):
        p = _person(fake, y, 18, 70)
        passport = rng.random() < 0.4
        ident = f"E{rng.randint(10000000, 99999999)}" if passport else p["id"]
        idents += [p["phone"]] + ([] if passport else [ident])
        rows.append(
            [
                str(i),
                p["name"],
                "护照" if passport else "居民身份证",
                ident,
                rng.choice(
                    [
                        f"CZ{rng.randint(300, 899)}",
                        f"MU{rng.randint(200, 799)}",
                        "旅检大厅",
                        f"K{rng.randint(3, 30)}次",
                    ]
                ),
                f"{m}月{d}日{rng.randint(6, 22)}:{rng.randint(0, 59):02d}",
                rng.choice(["发热、咳嗽", "乏力", "咽痛", "无（同行者阳性）", "腹泻"]),
                f"{rng.choice([37.3, 37.6, 38.1, 36.9])}",
                p["phone"],
                rng.choice(["集中隔离酒店", "定点医院", "居家隔离", "转运至属地"]),
            ]
        )
    if rng.random() < 0.5:  # the office that forwarded it moved 手机 before the ID column
        head = [head[0], head[1], head[8], *head[2:8], head[9]]
        rows = [[r[0], r[1], r[8], *r[2:8], r[9]] for r in rows]
    return Doc(
        title=f"{port}海关入境有症状人员移交名单（{y}年{m}月{d}日）",
        paragraphs=["请属地联防联控机制接收后逐人落实闭环管理，并反馈接收情况。"],
        tables=[[head, *rows]],
        closing=[f"{port}海关旅检科", f"经办人：{fake.name()}"],
        key_phrases=["申报症状", "落地去向"],
        identifiers=idents,
    )


@family("b4_campus_unvaccinated_merged", "screening_list", "xlsx", "docx", "csv-gbk")
def campus_unvaccinated_merged(rng: random.Random, fake: Faker) -> Doc:
    """A university college's list of students not yet vaccinated; two header rows, 学号 not ID."""
    y = rng.choice([2021, 2022])
    school = rng.choice(
        ["机电工程学院", "外国语学院", "护理学院", "土木与水利学院", "经济管理学院"]
    )
    uni = rng.choice(["某某理工大学", "某某师范学院", "某某农业大学", "某某职业技术学院"])
    head1 = ["学生信息", "", "", "", "接种情况", "", "未接种原因", "辅导员"]
    head2 = ["学号", "姓名", "班级", "手机号码", "第一针", "第二针", "", ""]
    rows, phones = [], []
    counselor = fake.name()
    for _ in range(rng.randint(5, 9)):
        p = _person(fake, y, 18, 23)
        phones.append(p["phone"])
        rows.append(
            [
                f"{y - rng.randint(0, 3)}{rng.randint(10, 99)}{rng.randint(1000, 9999)}",
                p["name"],
                f"{rng.choice(['机制', '英语', '护理', '土木', '会计'])}{rng.randint(19, 22)}{rng.randint(1, 4)}班",
                p["phone"],
                rng.choice(["未接种", "已接种"]),
                "未接种",
                rng.choice(
                    [
                        "甲亢（有诊断证明）",
                        "妊娠期",
                        "过敏体质，家长不同意",
                        "正在发热",
                        "恶性肿瘤治疗中",
                        "本人拒绝，未说明原因",
                    ]
                ),
                counselor,
            ]
        )
    return Doc(
        title=f"{uni}{school}新冠疫苗未接种学生统计表",
        paragraphs=[
            rng.choice(
                [
                    "请各辅导员逐一核实未接种原因，有禁忌症的收齐证明材料。",
                    "统计截至本周三，数据不对外。",
                ]
            )
        ],
        tables=[[head1, head2, *rows]],
        key_phrases=["未接种原因"],
        identifiers=phones,
    )


@family("b4_village_chat_pasted_lines", "screening_list", "txt", "phone-screenshot")
def village_chat_pasted_lines(rng: random.Random, fake: Faker) -> Doc:
    """Numbered returnee lines pasted into a village group, no header, mixed punctuation."""
    y, m = rng.choice([2020, 2022, 2023]), rng.choice([1, 2, 12])
    group = rng.choice(VILLAGES)
    src = rng.choice(["孝感", "武汉", "黄冈", "西安", "石家庄", "广州番禺"])
    lines, ids = [], []
    if rng.random() < 0.5:
        lines.append(f"{group}今天新摸排的，大家核对一下有没有漏的")
    for i in range(1, rng.randint(5, 9)):
        p = _person(fake, y, 16, 80)
        sep = rng.choice(["，", " ", "、"])
        parts = [p["name"], p["sex"], p["age"]]
        if rng.random() < 0.6:
            parts.append(p["id"])
            ids.append(p["id"])
        parts.append(p["phone"])
        ids.append(p["phone"])
        parts.append(f"{rng.randint(1, 9)}组")
        parts.append(
            f"{m}月{rng.randint(1, 28)}号从{src}{rng.choice(['坐大巴回', '自驾回', '坐高铁回', '搭老乡车回'])}"
        )
        parts.append(
            rng.choice(
                [
                    "居家观察第3天",
                    "体温正常",
                    "体温37.4，已叫村医去看",
                    "没回电话",
                    "在县城酒店隔离",
                ]
            )
        )
        num = rng.choice([f"{i}.", f"{i}、", f"{i}）"])
        lines.append(num + sep.join(parts))
    return Doc(paragraphs=lines, key_phrases=[], identifiers=ids)


@family("b4_home_monitor_two_column", "screening_list", "docx", "pdf", "photo")
def home_monitor_two_column(rng: random.Random, fake: Faker) -> Doc:
    """A grid office's 居家健康监测 roster printed two people per row to save paper."""
    y, m, d = _date(rng, rng.choice([2022, 2023]))
    comm = rng.choice(["锦绣", "东风", "望江", "北苑", "桥西"]) + "社区"
    cols = ["姓名", "楼栋房号", "联系电话", "监测起止"]
    head = [*cols, *cols] if rng.random() < 0.6 else []
    rows, phones = [], []
    people = [_person(fake, y, 3, 90) for _ in range(2 * rng.randint(3, 5))]
    for a, b in zip(people[::2], people[1::2], strict=True):
        row = []
        for p in (a, b):
            phones.append(p["phone"])
            s = rng.randint(1, 20)
            row += [
                p["name"],
                f"{rng.randint(1, 18)}栋{rng.randint(1, 30)}0{rng.randint(1, 4)}",
                p["phone"],
                f"{m}.{s}-{m}.{s + 7}",
            ]
        rows.append(row)
    table = [head, *rows] if head else [rows[0], *rows[1:]]
    return Doc(
        title=rng.choice(
            [f"{comm}居家健康监测人员一览表", f"{comm}“三天两检”人员（{m}月{d}日）", ""]
        ),
        paragraphs=["每日上午、下午各测体温一次，结果报网格员。"],
        tables=[table],
        closing=[f"{comm}网格办", f"{y}.{m}.{d}"],
        key_phrases=["每日上午、下午各测体温一次"],
        identifiers=phones,
    )


# ========================================================================= medical_record


@family("b4_tcm_outpatient_no_headings", "medical_record", "docx", "pdf", "photo")
def tcm_outpatient_no_headings(rng: random.Random, fake: Faker) -> Doc:
    """A 中医 outpatient note written as running prose: no 主诉/现病史 headings at all."""
    y, m, d = _date(rng, rng.choice([2015, 2017, 2019, 2025]))
    p = _person(fake, y, 25, 78)
    complaint, pattern, method, herbs = rng.choice(
        [
            (
                "胃脘胀满隐痛",
                "肝胃不和",
                "疏肝和胃",
                ["柴胡10g", "白芍15g", "枳壳10g", "香附10g", "陈皮6g", "佛手10g", "甘草6g"],
            ),
            (
                "失眠多梦，心烦",
                "心脾两虚",
                "健脾养心",
                ["黄芪20g", "党参15g", "白术10g", "当归10g", "酸枣仁20g", "远志6g", "龙眼肉10g"],
            ),
            (
                "腰膝酸软，夜尿频",
                "肾阳不足",
                "温补肾阳",
                ["熟地20g", "山药15g", "山萸肉10g", "杜仲15g", "菟丝子15g", "肉桂3g"],
            ),
            (
                "咳嗽痰黄黏稠",
                "痰热壅肺",
                "清热化痰",
                ["桑白皮15g", "黄芩10g", "浙贝母10g", "瓜蒌皮15g", "杏仁10g", "芦根20g"],
            ),
        ]
    )
    dropped = rng.choice(herbs).rstrip("0123456789g")
    weeks = rng.randint(2, 12)
    tongue = rng.choice(
        ["舌淡红，苔薄白腻", "舌红，苔黄腻", "舌淡胖，边有齿痕，苔白", "舌暗红，苔少"]
    )
    pulse = rng.choice(["脉弦细", "脉滑数", "脉沉细无力", "脉弦滑"])
    text = (
        f"{p['name']}，{p['sex']}，{p['age']}岁，{rng.choice(['教师', '农民', '退休工人', '个体', '公务员'])}。"
        f"{y}年{m}月{d}日初诊。{complaint}{weeks}周，{rng.choice(['饮食不节后加重', '情志不畅时明显', '遇寒加重', '劳累后尤甚'])}，"
        f"{rng.choice(['纳差', '纳可', '口干口苦', '大便溏'])}，{rng.choice(['眠差', '二便调', '小便黄'])}。"
        f"既往{rng.choice(['高血压病史5年', '慢性胃炎', '体健', '2型糖尿病，口服二甲双胍'])}。{tongue}，{pulse}。"
    )
    paras = [
        text,
        f"辨证属{pattern}。治以{method}为法。",
        f"处方：{' '.join(herbs)}。{rng.choice([7, 5, 10])}剂，水煎服，日一剂，早晚分服。",
        rng.choice(["嘱忌生冷油腻，畅情志。", "嘱一周后复诊。", "嘱避风寒，适寒温。"]),
        f"二诊（{m}月{min(d + 7, 28)}日）：症减大半，{rng.choice(['苔转薄', '脉稍缓', '夜寐稍安'])}，守方去{dropped}，续服7剂。",
    ]
    if rng.random() < 0.5:
        paras.insert(0, f"门诊号：{rng.randint(10000000, 99999999)}  电话：{p['phone']}")
    return Doc(
        paragraphs=paras,
        closing=[f"医师：{fake.name()}", rng.choice(["国医堂", "中医科门诊", "名中医工作室"])],
        key_phrases=[tongue, pulse],
        identifiers=[p["phone"]] if paras[0].startswith("门诊号") else [],
    )


@family("b4_nursing_record_sheet", "medical_record", "xlsx", "pdf", "photo")
def nursing_record_sheet(rng: random.Random, fake: Faker) -> Doc:
    """A 护理记录单: patient line above, then a vitals table with free-text observations."""
    y, m, d = _date(rng, rng.choice([2018, 2021, 2024, 2026]))
    p = _person(fake, y, 30, 88)
    dept = rng.choice(["心内科", "呼吸与危重症医学科", "神经内科", "普外科", "骨科"])
    diag = {
        "心内科": "冠心病 不稳定型心绞痛",
        "呼吸与危重症医学科": "慢性阻塞性肺疾病急性加重",
        "神经内科": "脑梗死（左侧基底节区）",
        "普外科": "急性胆囊炎 胆囊结石",
        "骨科": "右股骨颈骨折术后",
    }[dept]
    head = [
        "日期时间",
        "T(℃)",
        "P(次/分)",
        "R(次/分)",
        "BP(mmHg)",
        "SpO2(%)",
        "入量(ml)",
        "出量(ml)",
        "病情观察及护理措施",
        "签名",
    ]
    rows = []
    nurses = [fake.name() for _ in range(3)]
    obs = [
        "患者神志清，精神差，诉胸闷，予低流量吸氧2L/min",
        "遵医嘱予静脉输液，穿刺处无红肿",
        "协助翻身拍背，骶尾部皮肤完好",
        "夜间睡眠差，已告知值班医生",
        "留置尿管通畅，尿色淡黄",
        "疼痛评分4分，遵医嘱予止痛处理，30分钟后复评2分",
        "跌倒高风险，床栏已拉起，告知家属陪护",
    ]
    for i in range(rng.randint(4, 7)):
        hh = 8 + i * 2
        rows.append(
            [
                f"{m}-{d} {hh:02d}:00",
                f"{rng.choice([36.5, 36.8, 37.2, 37.9, 38.4])}",
                str(rng.randint(62, 112)),
                str(rng.randint(16, 26)),
                f"{rng.randint(100, 165)}/{rng.randint(60, 95)}",
                str(rng.randint(88, 99)),
                str(rng.choice([0, 100, 250, 500])),
                str(rng.choice([0, 150, 300, 400])),
                rng.choice(obs),
                rng.choice(nurses),
            ]
        )
    line = f"姓名：{p['name']}  性别：{p['sex']}  年龄：{p['age']}岁  科别：{dept}  床号：{rng.randint(1, 48)}  住院号：{rng.randint(200000, 899999)}"
    return Doc(
        title=rng.choice(["护理记录单", "一般护理记录单", "危重患者护理记录单"]),
        preamble=[f"{rng.choice(COUNTIES)}人民医院"],
        paragraphs=[line, f"诊断：{diag}"],
        tables=[[head, *rows]],
        key_phrases=["病情观察及护理措施", diag],
    )


@family("b4_hr_preemployment_exam", "medical_record", "pdf", "docx", "photo")
def hr_preemployment_exam(rng: random.Random, fake: Faker) -> Doc:
    """A company's 入职体检报告 with abnormal results: ID card, 检验项目 table, 总检结论."""
    y, m, d = _date(rng, rng.choice([2016, 2019, 2023, 2025]))
    p = _person(fake, y, 20, 45)
    company = fake.company()
    center = rng.choice(["健康管理中心", "体检中心", "美年大健康某某分院", "爱康国宾某某门店"])
    abnormal = rng.sample(
        [
            ("乙肝表面抗原(HBsAg)", "阳性(+)", "阴性", "感染科"),
            ("谷丙转氨酶(ALT)", f"{rng.randint(68, 160)} U/L ↑", "9-50", "消化内科"),
            ("空腹血糖(GLU)", f"{rng.choice([7.4, 8.1, 9.6])} mmol/L ↑", "3.9-6.1", "内分泌科"),
            ("尿酸(UA)", f"{rng.randint(480, 620)} μmol/L ↑", "208-428", "风湿免疫科"),
            ("血红蛋白(Hb)", f"{rng.randint(82, 105)} g/L ↓", "115-150", "血液科"),
            ("梅毒螺旋体抗体", "阳性(+)", "阴性", "皮肤性病科"),
        ],
        2,
    )
    normal = [
        ("白细胞计数(WBC)", f"{rng.choice([5.2, 6.8, 7.1])} ×10^9/L", "3.5-9.5"),
        ("肌酐(Cr)", f"{rng.randint(55, 95)} μmol/L", "57-111"),
    ]
    results = [list(r[:3]) for r in normal + abnormal]
    rng.shuffle(results)
    rows = [["检验项目", "结果", "参考范围"], *results]
    concl = [
        f"{i}. {a[0]}{a[1].split()[0]}，建议{a[3]}{rng.choice(['就诊', '复查', '随诊'])}。"
        for i, a in enumerate(abnormal, 1)
    ]
    return Doc(
        preamble=[center],
        title=rng.choice(["入职健康体检报告", "员工入职体检报告单"]),
        paragraphs=[
            f"姓名：{p['name']}    性别：{p['sex']}    年龄：{p['age']}",
            f"身份证号：{p['id']}    体检编号：{y}{m:02d}{d:02d}{rng.randint(1000, 9999)}",
            f"单位：{company}（人力资源部统一安排）",
            "一般检查：身高、体重、血压未见明显异常。",
            "总检结论：",
            *concl,
        ],
        tables=[rows],
        closing=[f"总检医师：{fake.name()}", _cn(y, m, d)],
        key_phrases=["总检结论", abnormal[0][0]],
        identifiers=[p["id"]],
    )


@family("b4_progress_note_ward_round", "medical_record", "docx", "txt", "screenshot")
def progress_note_ward_round(rng: random.Random, fake: Faker) -> Doc:
    """日常病程记录 copied out of the hospital system: time-stamped entries, no record headings."""
    y, m, d = _date(rng, rng.choice([2020, 2022, 2024, 2026]))
    p = _person(fake, y, 40, 85)
    bed = rng.randint(1, 60)
    doc1, doc2 = fake.name(), fake.name()
    dx = rng.choice(
        [
            ("社区获得性肺炎", "头孢曲松", "复查胸部CT示右下肺渗出较前吸收"),
            ("2型糖尿病伴酮症", "胰岛素泵", "末梢血糖波动于7.2-11.6mmol/L"),
            ("上消化道出血", "泮托拉唑", "大便潜血转阴"),
            ("心力衰竭（NYHA III级）", "呋塞米", "双下肢水肿较前减轻"),
        ]
    )
    entries = [
        f"{y}-{m:02d}-{d:02d} 09:{rng.randint(10, 50)}  {doc2}主治医师查房记录",
        f"患者{p['name']}，{p['sex']}，{p['age']}岁，因“{dx[0]}”入院第{rng.randint(2, 6)}天。今日诉{rng.choice(['咳嗽较前减少', '乏力', '夜间可平卧', '腹胀'])}，查体：T {rng.choice([36.6, 37.0, 37.8])}℃，{rng.choice(['双肺可闻及少许湿啰音', '心率82次/分，律齐', '腹软，无压痛'])}。{dx[2]}。{doc2}主治医师查看病人后指示：继续{dx[1]}治疗，{rng.choice(['注意监测电解质', '明日复查血常规', '加强营养支持'])}。",
        f"{y}-{m:02d}-{min(d + 1, 28):02d} 10:{rng.randint(10, 50)}  {doc1}住院医师记录",
        f"患者一般情况可，{rng.choice(['已与家属沟通病情，家属表示理解', '拟近日出院', '请心内科会诊，会诊意见已执行'])}。",
    ]
    if rng.random() < 0.5:
        entries.insert(0, f"{p['name']}  {bed}床  住院号{rng.randint(100000, 999999)}")
    return Doc(
        paragraphs=entries,
        closing=[f"医师签名：{doc1}"],
        key_phrases=["主治医师查房记录", dx[0]],
    )


@family("b4_ct_imaging_report", "medical_record", "pdf", "photo", "docx")
def ct_imaging_report(rng: random.Random, fake: Faker) -> Doc:
    """A CT report printed for the patient: 检查所见 / 诊断意见, patient strip on top."""
    y, m, d = _date(rng, rng.choice([2019, 2021, 2023, 2025]))
    p = _person(fake, y, 20, 85)
    part, seen, impression = rng.choice(
        [
            (
                "胸部CT平扫",
                "双肺见多发磨玻璃密度影，以胸膜下分布为主，右肺下叶见条索影，纵隔内未见肿大淋巴结。",
                "双肺多发磨玻璃影，考虑病毒性肺炎可能，请结合临床。",
            ),
            (
                "头颅CT平扫",
                "左侧基底节区见斑片状低密度影，边界欠清，中线结构居中，脑室系统未见扩大。",
                "左侧基底节区腔隙性脑梗死。",
            ),
            (
                "上腹部CT增强",
                "肝右叶见一类圆形低密度灶，大小约2.3×1.8cm，增强扫描动脉期边缘结节样强化。",
                "肝右叶占位，血管瘤可能，建议MRI进一步检查。",
            ),
            ("腰椎CT", "L4/5椎间盘向后突出，硬膜囊受压，双侧侧隐窝稍窄。", "L4/5椎间盘突出症。"),
        ]
    )
    strip = [
        ["姓名", p["name"], "性别", p["sex"], "年龄", p["age"] + "岁"],
        [
            "检查号",
            f"CT{y}{rng.randint(100000, 999999)}",
            "科室",
            rng.choice(["发热门诊", "急诊科", "神经内科", "肝胆外科", "骨科门诊"]),
            "床号",
            rng.choice(["-", str(rng.randint(1, 40))]),
        ],
    ]
    return Doc(
        preamble=[f"{rng.choice(COUNTIES)}{rng.choice(['人民医院', '中医医院', '第二人民医院'])}"],
        title="CT检查报告单",
        paragraphs=[f"检查部位：{part}", "检查所见：", seen, "诊断意见：", impression],
        tables=[strip],
        closing=[
            f"报告医师：{fake.name()}  审核医师：{fake.name()}",
            f"报告日期：{y}-{m:02d}-{d:02d}",
            "本报告仅供临床参考",
        ],
        key_phrases=["诊断意见", impression],
    )


# ========================================================================= investigation_report


@family("b4_railway_accident_prelim", "investigation_report", "docx", "pdf", "photo")
def railway_accident_prelim(rng: random.Random, fake: Faker) -> Doc:
    """A 初步调查 of a railway incident, names of the crew, cause not yet settled."""
    y, m, d = _date(rng, rng.choice([2016, 2018, 2024, 2025]))
    station = rng.choice(["七里坪站", "石门县北站", "白马垅站", "柳园站", "羊角山站"])
    driver, assistant, duty = _person(fake, y, 25, 55), _person(fake, y, 22, 40), fake.name()
    kind = rng.choice(
        [
            ("货物列车机车溜逸", "一般D类事故"),
            ("调车作业中挤岔", "一般D类事故"),
            ("旅客列车在区间停车", "一般C类事故"),
            ("道口与农用车刮碰", "一般B类事故"),
        ]
    )
    hh, mm = rng.randint(0, 23), rng.randint(0, 59)
    paras = [
        "一、事故概况",
        f"{y}年{m}月{d}日{hh}时{mm:02d}分，{rng.randint(10000, 89999)}次列车在{station}{rng.choice(['3道', '下行线K218+400处', '咽喉区'])}发生{kind[0]}，中断行车{rng.randint(18, 140)}分钟，无人员伤亡。",
        "二、有关人员情况",
        f"司机{driver['name']}，{driver['sex']}，{driver['age']}岁，身份证号{driver['id']}，{rng.choice(['2009年', '2013年', '2017年'])}取得驾驶证；副司机{assistant['name']}，{assistant['age']}岁，联系电话{assistant['phone']}；车站值班员{duty}。",
        "三、初步原因分析",
        rng.choice(
            [
                "经调阅LKJ运行记录和站内监控，初步判断为司机未按规定确认信号，副司机未履行呼唤应答。",
                "经现场勘查，初步认为制动机作用不良与乘务员操纵不当共同导致，具体原因待技术鉴定。",
                "据值班员陈述，联控用语不规范，但监控录像与口述存在出入，尚需进一步核实。",
            ]
        ),
        "四、下步工作",
        f"调查组将于{m}月{min(d + 5, 28)}日前完成技术鉴定，提出责任认定意见。",
    ]
    return Doc(
        preamble=[rng.choice(["初步调查报告（未经核定）", "事故调查组", "内部 调查情况"])],
        title=f"关于{station}“{m}·{d}”{kind[0]}的初步调查情况",
        paragraphs=paras,
        closing=[
            f"“{m}·{d}”事故调查组",
            _cn(y, m, min(d + 1, 28)),
            "以上情况为初步调查结果，最终定性以调查组结论为准。",
        ],
        key_phrases=["初步原因分析", kind[0]],
        identifiers=[driver["id"], assistant["phone"]],
    )


@family("b4_trajectory_check_sheet", "investigation_report", "xlsx", "docx", "photo")
def trajectory_check_sheet(rng: random.Random, fake: Faker) -> Doc:
    """A 行程轨迹核查表 for one person: a timeline table, one line saying how it was verified."""
    y, m, d = _date(rng, rng.choice([2021, 2022]))
    p = _person(fake, y, 18, 75)
    places = [
        "小区东门快递驿站",
        "“老街坊”面馆（堂食约40分钟）",
        f"{rng.choice(COUNTIES)}汽车站",
        "华润万家超市（一楼生鲜区）",
        "社区卫生服务中心核酸采样点",
        "公司（写字楼12层），同事约15人",
        "某某KTV 808包厢",
        "乘坐滴滴网约车（车牌尾号37K）",
    ]
    rows = [["日期", "时间段", "地点/场所", "同行及接触人员", "核实方式", "核实结果"]]
    for i, place in enumerate(_pick(rng, places, rng.randint(5, 7))):
        c = fake.name()
        start = rng.randint(7, 19)
        rows.append(
            [
                f"{m}月{max(d - 6 + i, 1)}日",
                f"{start}:{rng.choice(['00', '15', '30', '45'])}-{start + rng.randint(1, 3)}:{rng.choice(['00', '20', '40'])}",
                place,
                rng.choice([f"{c}（同事）", f"{c}（妻子）", "无", f"店主{c}"]),
                rng.choice(["本人陈述", "视频监控", "手机信令", "支付记录", "场所码"]),
                rng.choice(["属实", "属实", "与陈述不符，待补充核实", "已核实"]),
            ]
        )
    return Doc(
        title=rng.choice(["行程轨迹核查表", "重点人员活动轨迹核查登记表"]),
        paragraphs=[
            f"核查对象：{p['name']}  {p['sex']}  {p['age']}岁  身份证号：{p['id']}  手机：{p['phone']}",
            rng.choice(
                [
                    "轨迹经公安大数据与本人陈述交叉比对，不一致处已标注。",
                    "以下时间段由流调组逐项核实后填写。",
                ]
            ),
        ],
        tables=[rows],
        closing=[f"核查人：{fake.name()}、{fake.name()}", f"核查时间：{y}.{m}.{d}"],
        key_phrases=["核实方式"],
        identifiers=[p["id"], p["phone"]],
    )


@family("b4_market_complaint_verification", "investigation_report", "docx", "pdf")
def market_complaint_verification(rng: random.Random, fake: Faker) -> Doc:
    """A 市场监管 所's 核查报告 on a tip-off: the accused owner, what was found, proposal."""
    y, m, d = _date(rng, rng.choice([2017, 2019, 2023, 2026]))
    county = rng.choice(COUNTIES)
    owner = _person(fake, y, 28, 65)
    tipster = _person(fake, y, 20, 60)
    shop = fake.company_prefix() + rng.choice(
        ["餐饮店", "副食超市", "药房", "美容工作室", "农资店"]
    )
    problem = rng.choice(
        [
            ("销售过期食品", "货架上查见超过保质期的酸奶12盒"),
            ("无证经营", "未能出示营业执照和食品经营许可证"),
            ("虚假宣传", "店内宣传册称产品“治愈糖尿病”"),
            ("缺斤短两", "抽检电子秤，误差超出允许范围"),
        ]
    )
    paras = [
        f"{y}年{m}月{d}日，我所接到12315平台转来举报（举报人{tipster['name']}，电话{tipster['phone']}），反映{shop}{problem[0]}。",
        f"{m}月{min(d + 2, 28)}日，执法人员{fake.name()}、{fake.name()}到现场核查。经营者{owner['name']}（身份证号{owner['id']}）在场。",
        f"经查：{problem[1]}。{rng.choice(['当事人对上述事实无异议。', '当事人称系店员疏忽，拒绝在笔录上签字。', '当事人承认问题，已当场下架。'])}",
        rng.choice(
            [
                "核查结论：举报反映问题基本属实。建议立案调查，依法予以处罚。",
                "核查结论：举报反映问题部分属实。建议责令改正，暂不立案。",
                "核查结论：现有证据不足以认定，建议继续跟踪。",
            ]
        ),
        "举报人信息依法保密，不得向被举报人透露。",
    ]
    return Doc(
        preamble=[f"{county}市场监督管理局{rng.choice(TOWNS)}市场监管所"],
        title=rng.choice(["举报核查报告", f"关于{shop}被举报问题的核查报告"]),
        paragraphs=paras,
        closing=[f"承办人：{fake.name()}", _cn(y, m, min(d + 3, 28))],
        key_phrases=["核查结论"],
        identifiers=[owner["id"], tipster["phone"]],
    )


@family("b4_school_opinion_incident", "investigation_report", "docx", "txt")
def school_opinion_incident(rng: random.Random, fake: Faker) -> Doc:
    """A 网络舆情 incident write-up from the education bureau; verified and unverified parts."""
    y, m, d = _date(rng, rng.choice([2019, 2023, 2024, 2025]))
    county = rng.choice(COUNTIES)
    school = f"{county}{rng.choice(['第二中学', '实验小学', '城关初级中学', '职业中专'])}"
    teacher = fake.name()
    parent = _person(fake, y, 30, 55)
    child = fake.name()
    event, status = rng.choice(
        [
            (f"教师{teacher}体罚学生{child}", f"涉事教师{teacher}已停课接受调查"),
            (f"学生{child}在校食堂就餐后腹痛送医", f"学生{child}在院观察，生命体征平稳"),
            (f"学生{child}在宿舍楼梯摔伤", f"学生{child}右腿骨折，已手术"),
            (f"教师{teacher}向学生推销教辅资料", f"涉事教师{teacher}已作书面检讨"),
        ]
    )
    platform = rng.choice(["抖音", "微博", "快手", "本地论坛“某某在线”"])
    return Doc(
        preamble=[rng.choice(["仅供领导参阅", "未经核实 注意保存"])],
        title=f"关于{school}网络舆情事件的调查情况报告",
        paragraphs=[
            "一、舆情概况",
            f"{m}月{d}日晚，网民“{rng.choice(['清风徐来', '山城老李', '一个普通家长', 'momo'])}”在{platform}发布视频，称{event}，截至次日8时转发{rng.randint(200, 9000)}次。",
            "二、调查核实情况",
            f"经我局工作组与学校、家长{parent['name']}（手机{parent['phone']}）当面了解，{rng.choice(['事件基本属实，但网传细节有夸大', '部分情况尚在核实，目前说法不一', '网传内容与实际不符'])}。{status}。",
            "三、下步工作",
            rng.choice(
                [
                    "由宣传部门统一口径回应，其他人员不得擅自接受采访。",
                    "继续做好家长安抚工作，视情发布情况通报。",
                ]
            ),
        ],
        closing=[f"{county}教育局", _cn(y, m, min(d + 1, 28))],
        key_phrases=["调查核实情况", "舆情概况"],
        identifiers=[parent["phone"]],
    )


@family("b4_sars_2003_case_survey_form", "investigation_report", "docx", "txt-gbk", "photo")
def sars_2003_case_survey_form(rng: random.Random, fake: Faker) -> Doc:
    """A 2003 SARS 个案流行病学调查表 filled in by hand: key/value lines and a contacts table."""
    y, m, d = 2003, rng.choice([4, 5]), rng.randint(1, 25)
    p = _person(fake, y, 18, 70)
    ident = p["id15"] if rng.random() < 0.6 else p["id"]
    contacts = [["姓名", "关系", "接触方式", "末次接触", "目前状况"]]
    for _ in range(rng.randint(3, 5)):
        contacts.append(
            [
                fake.name(),
                rng.choice(["妻子", "丈夫", "父亲", "同事", "同车乘客", "邻居"]),
                rng.choice(["同住", "同桌吃饭", "同车", "陪护"]),
                f"{m}月{rng.randint(1, d)}日",
                rng.choice(["医学观察中", "已隔离", "无异常", "发热，已送县医院"]),
            ]
        )
    return Doc(
        title=rng.choice(["传染性非典型肺炎病例个案调查表", "非典型肺炎疑似病例流行病学调查表"]),
        paragraphs=[
            f"病例编号：{rng.choice(COUNTIES)[:2]}-2003-{rng.randint(1, 30):02d}",
            f"患者姓名：{p['name']}  性别：{p['sex']}  年龄：{p['age']}  身份证号：{ident}",
            f"现住址：{rng.choice(TOWNS)}{rng.choice(VILLAGES)}  职业：{rng.choice(['外出务工', '个体运输', '教师', '农民'])}",
            f"发病日期：{m}月{d}日  首发症状：{rng.choice(['发热38.9℃、干咳', '发热、头痛、肌肉酸痛', '畏寒、发热、胸闷'])}",
            f"发病前14天内活动：{rng.choice(['在广州打工，4月中旬乘火车返乡', '曾到北京探亲', '曾陪护一名发热病人'])}",
            "密切接触者：",
        ],
        tables=[contacts],
        closing=[
            f"调查单位：{rng.choice(COUNTIES)}卫生防疫站",
            f"调查者：{fake.name()}",
            f"调查日期：2003年{m}月{min(d + 1, 28)}日",
        ],
        key_phrases=["密切接触者", "首发症状"],
        identifiers=[ident],
    )


# ========================================================================= internal_material


@family("b4_university_party_minutes", "internal_material", "docx", "pdf")
def university_party_minutes(rng: random.Random, fake: Faker) -> Doc:
    """A university 党委常委会 会议纪要 with personnel and discipline items; 内部 in the header."""
    y, m, d = _date(rng, rng.choice([2018, 2023, 2024, 2025]))
    uni = rng.choice(["某某理工大学", "某某医科大学", "某某师范大学", "某某交通学院"])
    n = rng.randint(3, 40)
    items = [
        f"会议研究了{rng.choice(['机械学院', '附属医院', '后勤集团'])}{fake.name()}同志违纪问题的处理意见，同意给予党内警告处分，暂不公开。",
        f"会议同意{fake.name()}同志任{rng.choice(['研究生院副院长', '财务处处长', '图书馆馆长'])}（试用期一年），待公示后发文。",
        f"会议讨论了{y}年招生计划调整方案，原则同意，由招生办根据会议意见修改后报省教育厅。",
        "会议听取了校园网络安全检查问题整改情况汇报，要求于月底前全部整改到位。",
        f"会议原则同意{rng.choice(['新校区二期工程', '学生公寓改造', '实验楼维修'])}追加预算{rng.randint(120, 980)}万元，由审计处全程跟踪。",
    ]
    rng.shuffle(items)
    return Doc(
        header=rng.choice(["内部文件 注意保存", "内部资料  不得外传"]),
        preamble=[f"中共{uni}委员会"],
        title=f"党委常委会会议纪要（第{n}次）",
        paragraphs=[
            f"{y}年{m}月{d}日，党委书记{fake.name()}主持召开{y}年第{n}次党委常委会。出席：{'、'.join(fake.name() for _ in range(4))}。列席：{fake.name()}（纪委）、{fake.name()}（党办）。",
            "会议议定事项如下：",
            *[f"{CN_NUM[i]}、{t}" for i, t in enumerate(items[: rng.randint(3, 5)])],
        ],
        closing=["送：校领导", f"党委办公室  {_cn(y, m, min(d + 2, 28))}印发"],
        key_phrases=["会议议定事项如下", f"党委常委会会议纪要（第{n}次）"],
    )


@family("b4_compliance_policy_draft_email", "internal_material", "docx", "pdf", "txt")
def compliance_policy_draft_email(rng: random.Random, fake: Faker) -> Doc:
    """A company's compliance department circulates a 征求意见稿 by e-mail: internal only."""
    y, m, d = _date(rng, rng.choice([2019, 2024, 2025, 2026]))
    company = fake.company()
    policy = rng.choice(
        [
            "员工违规举报处理办法",
            "商业伙伴反贿赂尽职调查指引",
            "员工出差费用报销管理规定",
            "数据出境合规管理办法",
        ]
    )
    who = fake.name()
    return Doc(
        paragraphs=[
            f"发件人：合规与内控部 {who}",
            "收件人：各事业部负责人；人力资源部；财务部",
            f"主题：【征求意见】《{policy}（征求意见稿）》请于{m}月{min(d + 5, 28)}日前反馈",
            "各位同事：",
            f"附件为《{policy}（征求意见稿）》，本稿尚未经公司总经理办公会审议，请各部门组织核心人员研读，于{m}月{min(d + 5, 28)}日前以修订模式反馈意见。",
            rng.choice(
                [
                    "本稿仅限内部征求意见使用，请勿转发外部人员或上传公共网盘。",
                    "草稿内容涉及调查流程和处分标准，请勿外传。",
                ]
            ),
            "附：正文摘要",
            f"第一条 为规范{policy[:-2]}……",
            f"第七条 对举报人打击报复的，视情节给予{rng.choice(['警告至解除劳动合同', '降级直至开除'])}处分。",
            f"第十二条 本办法自印发之日起施行，原《{policy[:-2]}暂行规定》同时废止。",
        ],
        closing=[f"{company} 合规与内控部", f"{y}-{m:02d}-{d:02d}"],
        key_phrases=["征求意见稿", "请勿"],
    )


@family("b4_leader_speech_for_review", "internal_material", "docx", "txt", "pdf")
def leader_speech_for_review(rng: random.Random, fake: Faker) -> Doc:
    """A 领导讲话稿（送审稿） for a water-conservancy or tax work meeting; bracketed date line."""
    y, m, d = _date(rng, rng.choice([2016, 2019, 2024, 2026]), (1, 3))
    county = rng.choice(COUNTIES)
    sector = rng.choice(["水利", "税务", "信访", "市场监管"])
    mark = rng.choice(["送审稿", "第三稿", "（代拟稿）", "讲话稿 送审"])
    return Doc(
        preamble=[mark, *rng.choice([["（未经本人审阅）"], ["（请勿外传）"], []])],
        title=f"在全县{sector}工作会议上的讲话",
        paragraphs=[
            f"{county}副县长  {fake.name()}",
            f"（{y}年{m}月{d}日）",
            "同志们：",
            f"刚才，{rng.choice(['局长', '主任'])}{fake.name()}同志总结了去年工作，我都同意。下面，我再强调三点意见。",
            f"第一，{rng.choice(['问题要正视', '底线要守牢', '责任要压实'])}。去年全县{sector}工作{rng.choice(['个别乡镇排名靠后', '出现了两起被上级通报的事件', '群众满意度下滑'])}，{rng.choice(['这个情况不能在会上讲得太细', '具体名单会后单独反馈'])}。",
            f"第二，{rng.choice(['重点要突出', '短板要补齐'])}。今年要完成{rng.randint(3, 20)}项硬任务，{rng.choice(['资金缺口约两千万，还在和财政协调', '人员编制问题暂不对外表态'])}。",
            "第三，作风要过硬。对工作不力的，该问责的坚决问责。",
        ],
        closing=["（根据录音整理，有改动）" if rng.random() < 0.4 else ""],
        key_phrases=[mark.strip("（）")] if mark != "讲话稿 送审" else ["讲话稿"],
    )


@family("b4_tax_internal_bulletin_twocol", "internal_material", "pdf", "docx", "photo")
def tax_internal_bulletin_twocol(rng: random.Random, fake: Faker) -> Doc:
    """An internal 工作简报 laid out in two columns (a table of two text cells per row)."""
    y, m, d = _date(rng, rng.choice([2015, 2018, 2023, 2025]))
    county = rng.choice(COUNTIES)
    org = rng.choice(
        [
            f"国家税务总局{county}税务局",
            f"{county}水利局",
            f"{county}信访局",
            f"{county}市场监督管理局",
        ]
    )
    issue = rng.randint(2, 60)
    left = [
        f"【工作动态】{m}月{d}日，局党委召开专题会，通报{rng.choice(['上级巡察反馈的8个问题', '绩效考评排名', '干部作风暗访情况'])}。",
        f"【问题通报】{rng.choice(TOWNS)}所{fake.name()}等2人上班期间脱岗，已约谈。",
        f"【数据】1-{m}月累计{rng.choice([f'组织收入{rng.randint(3000, 90000)}万元', f'办结信访件{rng.randint(30, 900)}件', f'立案查处{rng.randint(12, 300)}件'])}，同比{rng.choice(['下降', '增长'])}{rng.randint(2, 18)}%。",
    ]
    right = [
        f"【基层声音】{rng.choice(['人少事多，加班常态化', '系统频繁卡顿', '考核指标过多'])}，建议{rng.choice(['减少报表', '优化系统', '合并检查'])}。",
        f"【领导批示】{fake.name()}局长批示：请办公室牵头，{rng.choice(['一周内拿出整改方案', '逐项对账销号'])}。",
        "【下期预告】年中工作会议筹备情况。",
    ]
    return Doc(
        preamble=[rng.choice(["内部资料 注意保存", "内部刊物 注意保存"]), f"第{issue}期"],
        title="工作简报",
        paragraphs=[f"{org}办公室编    {_cn(y, m, d)}"],
        tables=[[["本期要目", ""], *[[a, b] for a, b in zip(left, right, strict=True)]]],
        closing=[f"报：局领导    送：各股室、各分局    共印{rng.randint(20, 60)}份"],
        key_phrases=["注意保存", "工作简报"],
    )


@family("b4_petition_report_outline", "internal_material", "docx", "txt")
def petition_report_outline(rng: random.Random, fake: Faker) -> Doc:
    """A 工作汇报提纲 for a visiting leader, with the unreviewed-material warning at the end."""
    y, m, _d = _date(rng, rng.choice([2017, 2020, 2024, 2026]))
    county = rng.choice(COUNTIES)
    town = rng.choice(TOWNS)
    warn = rng.choice(
        ["本材料未经审定，不得对外公开", "（未经审定，请勿外传）", "此稿仅供汇报使用，不作公开"]
    )
    paras = [
        f"一、基本情况：全镇{rng.randint(9, 30)}个村（社区），{y - 1}年受理信访件{rng.randint(40, 300)}件，越级访{rng.randint(1, 9)}批次。",
        f"二、突出问题：{rng.choice(['征地拆迁遗留问题', '退役军人待遇诉求', '农民工欠薪', '移民后扶资金'])}占比{rng.randint(30, 60)}%，其中{fake.name()}等{rng.randint(2, 8)}人属长期重复访，{rng.choice(['已列入重点稳控', '近期有进京苗头'])}。",
        "三、下步打算：坚持领导包案，落实“一人一策”。",
        "四、需要帮助解决的问题：（略，汇报时口头补充）",
    ]
    return Doc(
        title=rng.choice(
            [f"{town}信访维稳工作汇报提纲", f"向{county}委主要领导汇报提纲（{town}）"]
        ),
        paragraphs=paras,
        closing=[warn, f"{y}年{m}月"],
        key_phrases=[warn],
    )


# ========================================================================= classified


@family("b4_cover_page_mark_plan", "classified", "docx", "pdf")
def cover_page_mark_plan(rng: random.Random, fake: Faker) -> Doc:
    """A plan bound with a cover page: 份号 and the mark on the cover, ordinary content after."""
    y, m, d = _date(rng, rng.choice([2015, 2019, 2024, 2026]))
    county = rng.choice(COUNTIES)
    mark = rng.choice(["机密★5年", "机密★10年", "秘密★2年", "机密"])
    subject = rng.choice(
        [
            ("边境口岸临时管控", "口岸联检单位"),
            ("重大活动安保", "公安、武警、消防"),
            ("水库溃坝应急处置", "水利、应急、武装部"),
            ("重点税源企业风险应对", "税务、公安经侦"),
        ]
    )
    cover = [
        f"份号：{rng.randint(1, 80):06d}",
        mark,
        "",
        f"{county}{subject[0]}工作方案",
        "",
        f"{county}{rng.choice(['人民政府办公室', '应急管理局', '公安局'])}",
        _cn(y, m, d),
    ]
    cover = [c for c in cover if c]
    return Doc(
        preamble=cover,
        title=f"{subject[0]}工作方案",
        paragraphs=[
            "一、总体要求",
            f"坚持统一指挥、分级负责，由{subject[1]}等单位组成联合工作组，确保{rng.choice(['万无一失', '不发生重大事件'])}。",
            "二、力量部署",
            f"设{rng.randint(3, 8)}个工作组，共抽调人员{rng.randint(60, 400)}名，具体点位见附件{rng.randint(1, 3)}。",
            "三、工作要求",
            "各单位要严格按方案执行，方案内容不得擅自扩大知悉范围。",
        ],
        closing=[f"（共印{rng.randint(15, 50)}份）"],
        key_phrases=[mark],
    )


@family("b4_header_only_mark_notice", "classified", "docx", "pdf")
def header_only_mark_notice(rng: random.Random, fake: Faker) -> Doc:
    """The secrecy mark sits only in the page header; the body reads like a routine notice."""
    y, m, d = _date(rng, rng.choice([2017, 2018, 2023, 2025]))
    county = rng.choice(COUNTIES)
    mark = rng.choice(["秘密★1年", "秘密", "机密★3年", "密级：秘密"])
    title, to, extra, sender = rng.choice(
        [
            (
                "关于做好征兵体检政治考核工作的通知",
                "县公安局、各乡镇",
                "对涉及人员的政治考核结论，只在工作人员范围内掌握。",
                "人民武装部",
            ),
            (
                "关于调整部分干部职务的通知",
                "各科室、各直属单位",
                "请各单位做好工作交接，新任职人员于三日内到岗。",
                "委组织部",
            ),
            (
                "关于开展涉税数据安全检查的通知",
                "各税务分局、各股室",
                "检查中发现问题的，要立即整改，整改情况一并报送。",
                "税务局",
            ),
            (
                "关于做好防汛物资储备点核查的通知",
                "各乡镇水利站、县物资储备库",
                "请各单位确定一名联络员，联络员名单随情况报送。",
                "水利局",
            ),
        ]
    )
    return Doc(
        header=mark,
        title=title,
        paragraphs=[
            f"{to}：",
            f"根据上级部署，现就有关事项通知如下：请于{m}月{min(d + 7, 28)}日前完成，并将情况书面报送。",
            extra,
        ],
        closing=[f"{county}{sender}", _cn(y, m, d)],
        key_phrases=[title],
    )


@family("b4_fenhao_mark_same_line", "classified", "docx", "pdf", "photo")
def fenhao_mark_same_line(rng: random.Random, fake: Faker) -> Doc:
    """份号 and secrecy mark share the first line (red-header layout), then a routine 通知."""
    y = rng.choice([2016, 2020, 2024, 2026])
    county = rng.choice(COUNTIES)
    mark = rng.choice(["秘密★1年", "机密★5年", "秘密★6个月", "绝密★长期"])
    first = rng.choice(
        [
            f"{rng.randint(1, 99):06d}    {mark}",
            f"{mark}    {rng.randint(1, 99):06d}",
            f"{rng.randint(1, 99):04d}  {mark}  特急",
        ]
    )
    issuer, code = rng.choice([("委办公室", "委办"), ("维护稳定工作领导小组办公室", "维稳办")])
    no = f"{county[:2]}{code}〔{y}〕{rng.randint(1, 90)}号"
    event, m, start, end = rng.choice(
        [("国庆", 10, 1, 7), ("全国两会", 3, 4, 12), ("春节", 2, 9, 17), ("高考", 6, 7, 10)]
    )
    m0, d0 = (m - 1, rng.randint(15, 28)) if m > 1 else (1, rng.randint(2, 8))
    return Doc(
        preamble=[first, f"{county}{issuer}文件", no],
        title=f"关于做好{event}期间{rng.choice(['维稳安保', '重点人员稳控', '值班值守'])}工作的通知",
        paragraphs=[
            "各乡镇党委、县直各单位：",
            f"{event}期间（{m}月{start}日至{m}月{end}日），各单位要严格执行领导带班和24小时值班制度，重要情况随时报告。",
            f"请各单位将值班表于{m}月{start - 1 if start > 1 else 1}日前报县{issuer}。",
        ],
        closing=[
            f"{county}{issuer}",
            _cn(y, m0, d0),
            "（此件不公开）" if rng.random() < 0.3 else "",
        ],
        key_phrases=[mark, no],
    )


@family("b4_telegram_form_mark_line", "classified", "pdf", "docx", "photo")
def telegram_form_mark_line(rng: random.Random, fake: Faker) -> Doc:
    """A 电报 form: the classification sits in the form lines next to 等级/签批, body below."""
    y, m, d = _date(rng, rng.choice([2015, 2019, 2022, 2025]))
    county = rng.choice(COUNTIES)
    mark = rng.choice(["机密", "秘密", "秘密★1年", "机密★5年"])
    sender = f"{county}{rng.choice(['人民政府', '公安局', '应急管理局'])}"
    form = [
        f"发电单位：{sender}      签批盖章：{fake.name()}",
        f"等级：{rng.choice(['特提', '特急', '加急'])}      密级：{mark}",
        f"{county[:2]}电〔{y}〕{rng.randint(1, 60)}号      共{rng.randint(1, 3)}页",
    ]
    if rng.random() < 0.5:
        form[0], form[1] = form[1], form[0]
    return Doc(
        preamble=[rng.choice(["密码电报", "电报", "发电"]), *form],
        title=rng.choice(
            [
                "关于加强近期重点时段防范工作的电报",
                "关于做好暴雨过程防范应对的紧急电报",
                "关于开展节前安全大检查的电报",
            ]
        ),
        paragraphs=[
            f"各乡镇、县直各单位：{m}月{d}日起，各单位务必落实领导在岗带班，发现重要情况1小时内报告。",
            "请接电后立即传达，确保落实。",
        ],
        closing=[sender, _cn(y, m, d)],
        key_phrases=["密级", mark],
    )


@family("b4_exam_paper_before_use", "classified", "pdf", "docx", "photo")
def exam_paper_before_use(rng: random.Random, fake: Faker) -> Doc:
    """An exam paper marked 绝密★启用前: ordinary questions, but secret until the exam starts."""
    y = rng.choice([2016, 2019, 2024, 2026])
    subject = rng.choice(["数学", "语文", "思想政治", "物理", "英语"])
    exam = rng.choice(
        [
            f"{y}年普通高等学校招生全国统一考试",
            f"{y}年{rng.choice(['某某省', '某某市'])}初中学业水平考试",
            f"{y}年全国硕士研究生招生考试",
            f"{y}年度公务员录用考试",
        ]
    )
    mark = rng.choice(["绝密★启用前", "绝密★考试结束前", "机密★启用前"])
    qs = {
        "数学": [
            "1. 已知集合A={x|x²-3x+2=0}，B={1,3}，则A∩B=（  ）",
            "2. 函数f(x)=ln(x+1)的定义域为（  ）",
            "3. 已知向量a=(1,2)，b=(k,-1)，若a⊥b，则k=（  ）",
        ],
        "语文": [
            "1. 下列词语中，加点字的读音全都正确的一项是（  ）",
            "2. 阅读下面的文字，完成后面题目。",
            "3. 补写出下列句子中的空缺部分。",
        ],
        "思想政治": [
            "1. 下列关于社会主义市场经济的说法，正确的是（  ）",
            "2. 某企业推出“以旧换新”活动，这说明（  ）",
            "3. 结合材料，运用矛盾观点分析题。",
        ],
        "物理": [
            "1. 一物体做匀加速直线运动，初速度为2m/s（  ）",
            "2. 关于电磁感应现象，下列说法正确的是（  ）",
            "3. 如图所示，质量为m的小球用细线悬挂（  ）",
        ],
        "英语": [
            "1. —Would you mind my opening the window? —_______.",
            "2. 阅读理解 A",
            "3. 书面表达：假定你是李华……",
        ],
    }[subject]
    return Doc(
        preamble=[mark],
        title=f"{exam}  {subject}试卷",
        paragraphs=[
            "注意事项：",
            "1. 答卷前，考生务必将自己的姓名、准考证号填写在答题卡上。",
            f"2. 考试时间{rng.choice([90, 120, 150])}分钟，满分{rng.choice([100, 120, 150])}分。",
            "一、选择题",
            *qs,
        ],
        footer=f"{subject}试题 第1页（共{rng.randint(4, 8)}页）",
        key_phrases=[mark],
    )


# ========================================================================= clean (hard negatives)


@family("b4_gov_disclosure_page", "clean", "pdf", "txt", "screenshot")
def gov_disclosure_page(rng: random.Random, fake: Faker) -> Doc:
    """A 政府信息公开 web page: index fields with 文号, then a task notice marked 主动公开."""
    y, m, d = _date(rng, rng.choice([2018, 2021, 2024, 2025]))
    county = rng.choice(COUNTIES)
    no = f"{county[:2]}政办发〔{y}〕{rng.randint(1, 60)}号"
    title = rng.choice(
        [
            f"{county}人民政府办公室关于印发{county}农村人居环境整治提升行动方案的通知",
            f"{county}人民政府办公室关于做好{y}年度森林防火工作的通知",
            f"{county}人民政府办公室关于进一步加强城市供水安全保障的通知",
        ]
    )
    fields = [
        [
            "索引号",
            f"{rng.randint(10000000, 99999999)}X/{y}-{rng.randint(10, 999):05d}",
            "主题分类",
            rng.choice(["城乡建设、环境保护", "农业、林业、水利", "综合政务"]),
        ],
        ["发布机构", f"{county}人民政府办公室", "成文日期", _cn(y, m, d)],
        ["文号", no, "发布日期", _cn(y, m, min(d + 3, 28))],
    ]
    return Doc(
        preamble=[f"{county}人民政府门户网站 > 政府信息公开 > 法定主动公开内容 > 政府文件"],
        tables=[fields],
        title=title,
        paragraphs=[
            "各乡镇人民政府，县政府各部门：",
            f"经县人民政府同意，现将有关事项通知如下，请认真贯彻落实。各乡镇、各部门要于{m}月{min(d + 20, 28)}日前制定具体措施。",
            f"{county}人民政府办公室",
            _cn(y, m, d),
            "（此件公开发布）",
        ],
        closing=[
            "【打印本页】 【关闭窗口】",
            f"主办：{county}人民政府办公室  ICP备案号：{rng.choice(['闽', '滇', '陇', '鄂', '吉'])}ICP备{rng.randint(10000000, 99999999)}号",
        ],
        key_phrases=["政府信息公开", "（此件公开发布）"],
    )


@family("b4_tender_announcement", "clean", "pdf", "docx")
def tender_announcement(rng: random.Random, fake: Faker) -> Doc:
    """A 招标公告: project number, deadlines, qualification list, landline contacts."""
    y, m, d = _date(rng, rng.choice([2017, 2022, 2025, 2026]))
    county = rng.choice(COUNTIES)
    proj, buyer, qual = rng.choice(
        [
            ("中小河流治理工程（二期）", "水利局", "水利水电工程施工总承包三级及以上"),
            ("智慧税务办税服务厅改造项目", "税务局", "建筑装修装饰工程专业承包二级及以上"),
            ("高标准农田建设项目", "农业农村局", "水利水电工程施工总承包三级及以上"),
            ("乡镇卫生院医疗设备采购项目", "卫生健康局", "医疗器械经营许可"),
        ]
    )
    no = f"{rng.choice(['ZFCG', 'GC', 'SL'])}-{y}-{rng.randint(100, 999)}"
    agent = fake.company()
    return Doc(
        title=f"{county}{proj}招标公告",
        paragraphs=[
            f"1. 招标条件：本招标项目{proj}已由{county}发展和改革局批准建设，项目编号{no}，招标人为{county}{buyer}，招标代理机构为{agent}。项目已具备招标条件，现对该项目进行公开招标。",
            f"2. 投标人资格要求：具备{qual}资质，近三年无重大违法记录。",
            f"3. 招标文件获取：{y}年{m}月{d}日至{m}月{min(d + 5, 28)}日，每日9:00-17:00，登录公共资源交易平台下载。",
            f"4. 投标截止时间：{y}年{m}月{min(d + 20, 28)}日9时30分，逾期送达的投标文件不予受理。",
            "5. 本公告同时在中国招标投标公共服务平台发布。",
        ],
        closing=[
            f"招标人：{county}  联系电话：0{rng.randint(591, 999)}-{rng.randint(5000000, 8999999)}",
            f"招标代理机构：{agent}  联系人：{fake.last_name()}工",
            _cn(y, m, d),
        ],
        key_phrases=["投标截止时间", no],
    )


@family("b4_court_judgment_masked", "clean", "pdf", "txt")
def court_judgment_masked(rng: random.Random, fake: Faker) -> Doc:
    """A judgment as published online: parties masked to 某/某某, 案号, reasoning, 判决."""
    y, m, _d = _date(rng, rng.choice([2016, 2019, 2023, 2025]))
    county = rng.choice(COUNTIES)
    plaintiff, defendant = _masked_surname(fake.name(), rng), _masked_surname(fake.name(), rng)
    case = f"（{y}）{rng.choice(['闽0124', '云0326', '甘0123', '鄂9005'])}民初{rng.randint(100, 9999)}号"
    matter, ruling = rng.choice(
        [
            (
                "民间借贷纠纷",
                f"被告{defendant}于本判决生效之日起十日内偿还原告{plaintiff}借款{rng.randint(2, 30)}0000元及利息",
            ),
            (
                "机动车交通事故责任纠纷",
                f"被告某保险公司赔偿原告{plaintiff}医疗费、误工费等共计{rng.randint(12000, 98000)}元",
            ),
            ("劳动争议", f"被告某某公司支付原告{plaintiff}经济补偿金{rng.randint(8000, 60000)}元"),
        ]
    )
    return Doc(
        preamble=["中国裁判文书网"],
        title=f"{plaintiff}与{defendant}{matter}一审民事判决书",
        paragraphs=[
            f"{county}人民法院",
            "民 事 判 决 书",
            case,
            f"原告：{plaintiff}，{rng.choice(['男', '女'])}，{rng.choice(['汉族', '回族', '壮族'])}，住{county}。",
            f"被告：{defendant}，{rng.choice(['男', '女'])}，住{county}。",
            f"原告{plaintiff}与被告{defendant}{matter}一案，本院立案后，依法适用简易程序，公开开庭进行了审理。本案现已审理终结。",
            "本院认为，当事人对自己提出的诉讼请求所依据的事实，有责任提供证据加以证明。",
            f"判决如下：{ruling}。",
            "如不服本判决，可在判决书送达之日起十五日内，向本院递交上诉状。",
        ],
        closing=[
            f"审判员  {fake.last_name()}某",
            _cn_upper_year(y) + f"{CN_NUM[m - 1] if m <= 10 else '十' + CN_NUM[m - 11]}月",
            "书记员  " + fake.last_name() + "某某",
        ],
        key_phrases=[case, "判决如下"],
    )


@family("b4_statistical_bulletin", "clean", "pdf", "docx", "xlsx")
def statistical_bulletin(rng: random.Random, fake: Faker) -> Doc:
    """A county 国民经济和社会发展统计公报 with a small table of indicators."""
    y = rng.choice([2016, 2019, 2023, 2025])
    county = rng.choice(COUNTIES)
    gdp = rng.randint(80, 600)
    rows = [
        ["指标", "单位", "绝对数", "比上年增长(%)"],
        [
            "地区生产总值",
            "亿元",
            f"{gdp}.{rng.randint(1, 9)}",
            f"{rng.choice([4.6, 5.2, 6.8, 7.1])}",
        ],
        [
            "第一产业增加值",
            "亿元",
            f"{gdp // 5}.{rng.randint(1, 9)}",
            f"{rng.choice([3.1, 3.9, 4.2])}",
        ],
        [
            "一般公共预算收入",
            "亿元",
            f"{gdp // 12}.{rng.randint(1, 9)}",
            f"{rng.choice([-2.3, 1.8, 6.5])}",
        ],
        [
            "城镇居民人均可支配收入",
            "元",
            str(rng.randint(26000, 48000)),
            f"{rng.choice([5.0, 6.1, 7.2])}",
        ],
        ["年末常住人口", "万人", f"{rng.randint(18, 95)}.{rng.randint(1, 9)}", "—"],
    ]
    return Doc(
        title=f"{county}{y}年国民经济和社会发展统计公报",
        paragraphs=[
            f"{county}统计局  {y + 1}年{rng.randint(3, 4)}月",
            f"{y}年，全县上下坚持稳中求进工作总基调，经济运行总体平稳。初步核算，全年地区生产总值{rows[1][2]}亿元，按不变价格计算，比上年增长{rows[1][3]}%。",
            "注：本公报中部分数据为初步统计数，各项数据均未包括驻县中央、省属单位。",
        ],
        tables=[rows],
        key_phrases=["统计公报", "地区生产总值"],
    )


@family("b4_volunteer_recruitment", "clean", "docx", "phone-screenshot", "txt")
def volunteer_recruitment(rng: random.Random, fake: Faker) -> Doc:
    """A 志愿者招募 call with a deadline and an empty sign-up table (headers only)."""
    y, m, d = _date(rng, rng.choice([2019, 2023, 2025, 2026]))
    what = rng.choice(
        [
            "马拉松赛事",
            "社区核酸采样点秩序维护",
            "全国文明城市创建",
            "图书馆周末导读",
            "防汛物资搬运",
        ]
    )
    org = rng.choice(
        [
            f"共青团{rng.choice(COUNTIES)}委员会",
            f"{rng.choice(COUNTIES)}志愿服务联合会",
            "某某大学青年志愿者协会",
        ]
    )
    return Doc(
        title=f"{what}志愿者招募啦！",
        paragraphs=[
            f"为保障{what}顺利开展，现面向社会公开招募志愿者{rng.randint(20, 300)}名。",
            "招募条件：年满18周岁，身体健康，热心公益；有急救证、会外语者优先。",
            f"报名方式：请于{m}月{d}日18:00前扫描下方二维码填写报名表，或发送邮件至volunteer{rng.randint(1, 99)}@{rng.choice(['163.com', 'qq.com'])}。",
            "服务保障：提供餐食、饮用水及志愿服务证明，服务时长计入全国志愿服务信息系统。",
            f"咨询电话：0{rng.randint(591, 999)}-{rng.randint(5000000, 8999999)}（工作日）",
        ],
        tables=[[["姓名", "性别", "身份证号", "手机号码", "可服务时间", "特长"]]],
        closing=[org, _cn(y, m, max(d - 10, 1))],
        key_phrases=["志愿者", "报名方式"],
    )


@family("b4_textbook_gongwen_format", "clean", "pdf", "docx", "photo")
def textbook_gongwen_format(rng: random.Random, fake: Faker) -> Doc:
    """A textbook page on 公文格式 that quotes example 文号, secrecy marks and deadlines."""
    chapter = rng.randint(2, 9)
    ex_no = rng.choice(
        ["国办发〔2013〕101号", "×政办发〔2021〕12号", "××函〔2019〕5号", "××督字〔2020〕第11号"]
    )
    return Doc(
        preamble=[f"第{CN_NUM[chapter - 1]}章  公文格式"],
        title=f"第{CN_NUM[chapter - 1]}节  版头部分各要素的编排",
        paragraphs=[
            f"一、份号。份号是同一公文印制若干份时每份公文的顺序编号。涉密公文应当标注份号，一般用6位阿拉伯数字，顶格编排在版心左上角第一行，例如“{rng.randint(1, 999):06d}”。",
            "二、密级和保密期限。涉密公文应当根据涉密程度分别标注“绝密”“机密”“秘密”和保密期限，如“秘密★1年”“机密★5年”。",
            f"三、发文字号。由发文机关代字、年份、发文顺序号组成，年份用六角括号“〔〕”括入，例如“{ex_no}”。初学者常把六角括号误写为方括号“[ ]”，应注意纠正。",
            "四、主送机关。指公文的主要受理机关，如“各省、自治区、直辖市人民政府：”。",
            "【思考与练习】",
            f"1. 下列发文字号中，写法正确的是（  ）。A. {ex_no.replace('〔', '[').replace('〕', ']')}  B. {ex_no}",
            "2. 某通知要求“请于3月15日前报送”，这属于公文正文中的哪一部分？",
        ],
        footer=f"《{rng.choice(['应用文写作', '公文写作与处理', '秘书实务'])}》（第{rng.randint(2, 5)}版） · {rng.randint(40, 180)}",
        key_phrases=["发文字号", "保密期限"],
    )


@family("b4_tcm_drug_leaflet", "clean", "pdf", "docx", "photo")
def tcm_drug_leaflet(rng: random.Random, fake: Faker) -> Doc:
    """A 中成药 package leaflet: bracketed sections, 批准文号, manufacturer hotline."""
    name, func, usage = rng.choice(
        [
            (
                "逍遥丸",
                "疏肝健脾，养血调经。用于肝郁脾虚所致的郁闷不舒、胸胁胀痛、头晕目眩、食欲减退。",
                "口服。一次8丸，一日3次。",
            ),
            (
                "藿香正气口服液",
                "解表化湿，理气和中。用于外感风寒、内伤湿滞所致的感冒，症见头痛昏重、胸膈痞闷、脘腹胀痛、呕吐泄泻。",
                "口服。一次5～10ml，一日2次，用时摇匀。",
            ),
            (
                "板蓝根颗粒",
                "清热解毒，凉血利咽。用于肺胃热盛所致的咽喉肿痛、口咽干燥。",
                "开水冲服。一次5～10g，一日3～4次。",
            ),
            (
                "六味地黄丸",
                "滋阴补肾。用于肾阴亏损，头晕耳鸣，腰膝酸软，骨蒸潮热，盗汗遗精。",
                "口服。一次8丸，一日3次。",
            ),
        ]
    )
    return Doc(
        preamble=["请仔细阅读说明书并按说明使用或在药师指导下购买和使用"],
        title=f"{name}说明书",
        paragraphs=[
            f"【药品名称】通用名称：{name}",
            f"【功能主治】{func}",
            f"【用法用量】{usage}",
            "【不良反应】尚不明确。",
            "【禁忌】孕妇禁用。" if rng.random() < 0.5 else "【禁忌】对本品过敏者禁用。",
            "【注意事项】1.忌辛辣、生冷、油腻食物。2.服药2周症状无缓解，应去医院就诊。3.儿童必须在成人监护下使用。",
            f"【批准文号】国药准字Z{rng.randint(10000000, 69999999)}",
            f"【生产企业】{fake.company()}  服务热线：400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        ],
        key_phrases=["【功能主治】", "【用法用量】"],
    )


@family("b4_health_encyclopedia_entry", "clean", "txt", "pdf", "screenshot")
def health_encyclopedia_entry(rng: random.Random, fake: Faker) -> Doc:
    """A health-encyclopedia entry: 症状, 诊断, 治疗 headings for a disease, no patient."""
    dept, disease, symptoms, diagnosis, treatment = rng.choice(
        [
            (
                "消化内科",
                "胃食管反流病",
                "典型症状为烧心和反流，可伴胸痛、慢性咳嗽。",
                "胃镜检查、24小时食管pH监测有助于诊断。",
                "抑酸治疗为主，常用质子泵抑制剂；睡前避免进食，抬高床头。",
            ),
            (
                "风湿免疫科",
                "痛风",
                "急性发作时关节红肿热痛，多见于第一跖趾关节，夜间起病。",
                "血尿酸升高结合关节液查见尿酸盐结晶可确诊。",
                "急性期可用非甾体抗炎药或秋水仙碱，长期控制血尿酸。",
            ),
            (
                "皮肤科",
                "带状疱疹",
                "沿神经分布的簇集性水疱，伴明显神经痛。",
                "根据典型皮损即可临床诊断。",
                "早期抗病毒治疗，必要时营养神经和止痛。",
            ),
            (
                "血液科",
                "缺铁性贫血",
                "乏力、头晕、面色苍白，活动后心悸。",
                "血常规示小细胞低色素性贫血，血清铁蛋白降低。",
                "补充铁剂，同时寻找并去除病因。",
            ),
        ]
    )
    return Doc(
        preamble=[f"健康百科 > {dept}"],
        title=disease,
        paragraphs=[
            f"{disease}是临床常见病。本词条由{fake.name()}主任医师审核。",
            f"【症状】{symptoms}",
            f"【诊断】{diagnosis}",
            f"【治疗】{treatment}",
            "【就医提示】以上内容仅供健康科普，不能代替医生面诊。",
        ],
        closing=[f"最后修订：{rng.choice([2019, 2022, 2025])}年{rng.randint(1, 12)}月"],
        key_phrases=["【症状】", "【治疗】"],
    )


@family("b4_public_consultation_call", "clean", "docx", "pdf")
def public_consultation_call(rng: random.Random, fake: Faker) -> Doc:
    """A 公开征求意见 notice addressed to the public about a 征求意见稿, with a deadline."""
    y, m, d = _date(rng, rng.choice([2018, 2023, 2025, 2026]))
    county = rng.choice(COUNTIES)
    reg = rng.choice(
        [
            "城市养犬管理规定",
            "农村自建房安全管理办法",
            "河道采砂管理办法",
            "电动自行车停放充电管理办法",
        ]
    )
    return Doc(
        title=f"关于公开征求《{county}{reg}（征求意见稿）》意见的公告",
        paragraphs=[
            f"为提高立法质量，广泛听取社会各界意见，现将《{county}{reg}（征求意见稿）》全文公布，征求社会各界意见。",
            f"社会公众可于{y}年{m}月{d}日至{m}月{min(d + 20, 28)}日，通过以下方式提出意见：",
            f"1. 发送电子邮件至{rng.choice(['zfsf', 'sfj', 'fzb'])}@{rng.choice(['gov.cn', '163.com'])}，邮件主题注明“{reg}意见”；",
            f"2. 信函寄至{county}司法局（邮编{rng.randint(100000, 899999)}），信封注明“征求意见”字样。",
            "感谢您的参与和支持！",
        ],
        closing=[f"{county}司法局", _cn(y, m, d)],
        key_phrases=["公开征求", "社会公众"],
    )


@family("b4_public_institution_recruit", "clean", "docx", "pdf", "xlsx")
def public_institution_recruit(rng: random.Random, fake: Faker) -> Doc:
    """A 事业单位公开招聘 notice to candidates: positions table, 报名 deadline, exam schedule."""
    y, m, d = _date(rng, rng.choice([2017, 2021, 2024, 2026]))
    county = rng.choice(COUNTIES)
    rows = [["岗位代码", "招聘单位", "岗位名称", "人数", "学历要求", "专业要求"]]
    posts = [
        ("水利工程管理站", "专技岗", "水利水电工程"),
        ("疾病预防控制中心", "专技岗", "预防医学"),
        ("人民医院", "临床医师", "临床医学"),
        ("信访服务中心", "管理岗", "不限"),
        ("林业站", "专技岗", "林学"),
        ("人民医院", "会计", "会计学"),
    ]
    for i, (unit, post, major) in enumerate(_pick(rng, posts, rng.randint(3, 6))):
        rows.append(
            [
                f"{y}{rng.randint(1, 9):02d}{i + 1:02d}",
                county + unit,
                post,
                str(rng.randint(1, 4)),
                rng.choice(["本科及以上", "大专及以上", "硕士研究生"]),
                major,
            ]
        )
    return Doc(
        title=f"{county}{y}年公开招聘事业单位工作人员公告",
        paragraphs=[
            f"根据工作需要，经研究决定，面向社会公开招聘事业单位工作人员{sum(int(r[3]) for r in rows[1:])}名。",
            f"一、报名时间：{y}年{m}月{d}日9:00至{m}月{min(d + 5, 28)}日17:00，逾期不予受理。",
            "二、报名方式：网上报名，考生登录县人社局网站填写报名信息，上传本人近期免冠照片。",
            "三、笔试时间另行通知，请考生及时关注网站，因考生未及时查看造成的后果自负。",
            f"咨询电话：0{rng.randint(591, 999)}-{rng.randint(5000000, 8999999)}",
        ],
        tables=[rows],
        closing=[f"{county}人力资源和社会保障局", _cn(y, m, max(d - 7, 1))],
        key_phrases=["公开招聘", "报名时间"],
    )


@family("b4_supplier_directory", "clean", "xlsx", "csv-gbk", "docx")
def supplier_directory(rng: random.Random, fake: Faker) -> Doc:
    """A 供应商名录: companies, landlines, 主营, and a contact surname with 经理."""
    head = ["企业名称", "主营", "所在地", "联系人", "电话", "备注"]
    rows = [head]
    for _ in range(rng.randint(6, 10)):
        rows.append(
            [
                fake.company(),
                rng.choice(
                    [
                        "防汛物资（编织袋、救生衣）",
                        "办公用品",
                        "医用耗材",
                        "劳保用品",
                        "钢材、水泥",
                        "食堂食材配送",
                    ]
                ),
                fake.city(),
                fake.last_name() + rng.choice(["经理", "总", "女士", "先生"]),
                f"0{rng.randint(10, 999)}-{rng.randint(5000000, 8999999)}",
                rng.choice(["", "年度框架协议", "可开专票", "已入库"]),
            ]
        )
    if rng.random() < 0.5:
        rows = [[r[0], r[4], r[1], r[3], r[2], r[5]] for r in rows]
    return Doc(
        title=rng.choice(
            [
                f"{rng.choice(COUNTIES)}政府采购供应商名录（{rng.choice([2019, 2024, 2025])}年）",
                "合格供应商名录",
            ]
        ),
        tables=[rows],
        key_phrases=["主营"],
    )


@family("b4_discipline_news_report", "clean", "txt", "phone-screenshot", "pdf")
def discipline_news_report(rng: random.Random, fake: Faker) -> Doc:
    """A published 纪委 bulletin/news item: officials punished, names partly masked."""
    y, m, d = _date(rng, rng.choice([2019, 2020, 2023, 2025]))
    county = rng.choice(COUNTIES)
    cases = [
        f"{rng.choice(TOWNS)}党委委员{_masked_surname(fake.name(), rng)}在疫情防控期间擅自将工作群内部文件转发至家族微信群，造成不良影响，受到党内警告处分。",
        f"县水利局{_masked_surname(fake.name(), rng)}在防汛值班期间脱岗，受到通报批评。",
        f"县税务局{rng.choice(TOWNS)}税务所所长{_masked_surname(fake.name(), rng)}违规收受礼金，受到党内严重警告处分。",
        f"{rng.choice(VILLAGES)}村委会主任{_masked_surname(fake.name(), rng)}虚报冒领低保金，被给予撤销党内职务处分。",
    ]
    rng.shuffle(cases)
    return Doc(
        preamble=[f"来源：{county}纪委监委  发布时间：{y}-{m:02d}-{d:02d}"],
        title=f"{county}纪委监委通报{len(cases[:3])}起违反工作纪律典型问题",
        paragraphs=[
            f"近日，{county}纪委监委对{len(cases[:3])}起违反工作纪律典型问题进行通报。具体如下：",
            *[f"{CN_NUM[i]}、{c}" for i, c in enumerate(cases[:3])],
            "上述问题反映出个别党员干部纪律意识淡薄。全县党员干部要引以为戒，对顶风违纪的将严肃追责问责。",
        ],
        closing=[f"阅读 {rng.randint(200, 9000)}  在看 {rng.randint(3, 80)}"],
        key_phrases=["典型问题"],
    )


@family("b4_citizen_water_cut_notice", "clean", "pdf", "photo", "docx")
def citizen_water_cut_notice(rng: random.Random, fake: Faker) -> Doc:
    """A public 停水/交通 通告 to 广大市民 with dates and deadlines; 主动公开."""
    y, m, d = _date(rng, rng.choice([2016, 2022, 2025, 2026]))
    county = rng.choice(COUNTIES)
    kind, cause, advice = rng.choice(
        [
            ("停水", "供水管网改造", "提前储备生活用水"),
            ("道路封闭施工", "雨污分流工程施工", "绕行并合理安排出行"),
            ("河道清淤禁止下河", "汛前河道清淤", "看管好未成年人，勿到施工河段游泳、垂钓"),
        ]
    )
    return Doc(
        title=f"关于{rng.choice(['城区部分区域', '滨河路段', '新区片区'])}{kind}的通告",
        paragraphs=[
            "广大市民朋友：",
            f"因{cause}，定于{y}年{m}月{d}日8:00至{m}月{min(d + 2, 28)}日20:00实施{kind}。",
            f"影响范围：{fake.street_name()}以东、{fake.street_name()}以北区域。请广大市民提前做好准备，于{m}月{d}日前{advice}。",
            f"如有疑问，请拨打服务热线：{rng.choice(['0', ''])}{rng.randint(591, 999)}{rng.randint(1000, 9999)}（24小时）。给您带来的不便，敬请谅解！",
            "特此通告。",
        ],
        closing=[
            f"{county}{rng.choice(['供水有限公司', '住房和城乡建设局', '水利局'])}",
            _cn(y, m, max(d - 3, 1)),
            rng.choice(["（此件主动公开）", ""]),
        ],
        key_phrases=["广大市民", "特此通告"],
    )


@family("b4_school_parent_letter", "clean", "docx", "phone-screenshot", "pdf")
def school_parent_letter(rng: random.Random, fake: Faker) -> Doc:
    """A school's 致家长的一封信 with a 回执 to hand back by a date (blank fill-in lines)."""
    topic, m, reason = rng.choice(
        [
            ("暑假安全", 7, "暑假将至"),
            ("防溺水", rng.choice([5, 6]), "天气转热"),
            ("国庆假期安全", 9, "国庆假期将至"),
            ("流感季节防控", rng.choice([11, 12]), "流感进入高发期"),
        ]
    )
    y, d = rng.choice([2018, 2023, 2025, 2026]), rng.randint(3, 28)
    school = (
        f"{rng.choice(COUNTIES)}{rng.choice(['第一小学', '实验中学', '城关幼儿园', '民族中学'])}"
    )
    return Doc(
        title=f"{topic}致家长的一封信",
        paragraphs=[
            "尊敬的家长：",
            f"您好！{reason}，为保障孩子安全健康，请您配合做好以下工作：",
            "1. 教育孩子不私自下水游泳，不到无安全设施、无人看管的水域玩耍。",
            "2. 孩子如出现发热、咳嗽等症状，请及时就医，并向班主任请假，痊愈后返校。",
            "3. 请关注学校公众号发布的通知，不信谣、不传谣。",
            f"请于{m}月{d}日前将下方回执交班主任。",
            "————————————回执————————————",
            "学生姓名：________  班级：________  家长签字：________  联系电话：________",
        ],
        closing=[school, _cn(y, m, max(d - 2, 1))],
        key_phrases=["尊敬的家长", "回执"],
    )


@family("b4_restaurant_menu", "clean", "pdf", "photo", "docx")
def restaurant_menu(rng: random.Random, fake: Faker) -> Doc:
    """A restaurant menu and price list with delivery phone numbers."""
    name = rng.choice(["老湘味农家菜", "蜀香园", "东北饺子王", "客家土楼饭店", "西北面馆"])
    dishes = [
        ("剁椒鱼头", 68),
        ("小炒黄牛肉", 48),
        ("回锅肉", 36),
        ("锅包肉", 42),
        ("猪肉酸菜饺（半斤）", 22),
        ("盐焗鸡（半只）", 58),
        ("酿豆腐", 28),
        ("油泼面", 16),
        ("手抓羊肉（斤）", 98),
        ("清炒时蔬", 18),
    ]
    rows = [["菜名", "价格（元）", "推荐"]] + [
        [n, str(p + rng.choice([0, 2, -2])), rng.choice(["★", "", ""])]
        for n, p in _pick(rng, dishes, rng.randint(6, 9))
    ]
    phone = fake.phone_number()
    return Doc(
        title=f"{name}  菜单",
        paragraphs=[
            f"地址：{fake.street_address()}",
            f"订餐电话：{phone}  {rng.choice(['可送外卖', '满50元免费送', '包间需提前预订'])}",
        ],
        tables=[rows],
        closing=[rng.choice(["价格如有变动以店内为准", "本店不收取餐位费", "欢迎光临"])],
        key_phrases=["订餐电话"],
        identifiers=[phone],
    )


@family("b4_novel_excerpt_secret", "clean", "txt", "pdf")
def novel_excerpt_secret(rng: random.Random, fake: Faker) -> Doc:
    """A novel excerpt that mentions 秘密, 病历 and a 通知 in passing; fiction, nothing to leak."""
    a, b = fake.first_name(), fake.name()
    ch = rng.randint(3, 40)
    paras = [
        f"{a}把那份病历在手里翻了又翻，纸页已经泛黄，字迹是外婆年轻时候的。",
        f"“这是我们家的秘密，”{b}低声说，“你外婆一辈子都没告诉过别人。”",
        f"窗外的雨一直下，县城的广播里还在念着什么通知，{rng.choice(['说是明天停水', '说是河水要涨', '说是学校提前放假'])}。{a}没有心思听。",
        f"{rng.choice(['一九八七年', '二〇〇三年', '那年春天'])}，外婆在{rng.choice(COUNTIES)}的卫生院当护士，{rng.choice(['谁也不知道她为什么突然辞职', '她在日记里只写了一句话'])}。",
        f"{a}合上病历，决定{rng.choice(['去一趟老家', '给舅舅打个电话', '等天晴了再说'])}。",
    ]
    return Doc(
        title=f"第{ch}章  {rng.choice(['雨夜', '旧信', '外婆的抽屉', '回乡'])}",
        paragraphs=paras,
        key_phrases=["秘密", "病历"],
    )


@family("b4_meeting_news_public", "clean", "txt", "screenshot", "docx")
def meeting_news_public(rng: random.Random, fake: Faker) -> Doc:
    """A published news item about a work meeting: 会议强调 and assigned tasks, reported."""
    y, m, d = _date(rng, rng.choice([2017, 2021, 2024, 2026]))
    county = rng.choice(COUNTIES)
    topic = rng.choice(["防汛抗旱", "安全生产", "信访工作", "税收征管", "市场监管"])
    leader = fake.name()
    return Doc(
        title=f"{county}召开{y}年{topic}工作会议",
        paragraphs=[
            f"{m}月{d}日，{county}召开{y}年{topic}工作会议，县委副书记、县长{leader}出席并讲话。",
            f"会议强调，各乡镇、各部门要{rng.choice(['压紧压实责任', '坚持底线思维', '强化督查问责'])}，对工作不力、造成严重后果的，严肃追究相关人员责任。",
            f"会议要求，{rng.choice(['汛期前完成隐患排查', '6月底前完成专项整治', '年底前实现积案清零'])}，确保各项任务落到实处。",
            f"县直有关部门负责人、各乡镇分管负责同志参加会议。（记者 {fake.name()} 通讯员 {fake.name()}）",
        ],
        closing=[f"来源：{county}融媒体中心  编辑：{fake.name()}"],
        key_phrases=["会议强调"],
    )


@family("b4_public_case_bulletin_2022", "clean", "txt", "screenshot", "pdf")
def public_case_bulletin_2022(rng: random.Random, fake: Faker) -> Doc:
    """A published, de-identified case bulletin: 病例N with age, residence, movements, no names."""
    y, m, d = _date(rng, rng.choice([2021, 2022]))
    county = rng.choice(COUNTIES)
    cases = []
    for i in range(1, rng.randint(3, 5)):
        cases.append(
            f"病例{i}：{rng.choice(['男', '女'])}，{rng.randint(4, 80)}岁，居住于{rng.choice(TOWNS)}{rng.choice(['某小区', '某村'])}，"
            f"{rng.choice(['系此前报告病例的密切接触者', '为重点人群主动筛查发现', '发热门诊就诊发现'])}，{m}月{d}日核酸检测结果阳性，"
            f"已转运至定点医院隔离治疗。{rng.choice(['其活动轨迹已公布。', '其密切接触者均已落实管控措施。', ''])}"
        )
    return Doc(
        title=f"{county}新增{len(cases)}例新冠病毒感染者的情况通报",
        paragraphs=[
            f"{m}月{d}日0时至24时，{county}新增本土确诊病例{len(cases)}例。具体情况如下：",
            *cases,
            "请近期有上述场所活动轨迹的市民主动向社区报备，配合做好核酸检测。",
        ],
        closing=[f"{county}新冠肺炎疫情防控指挥部", _cn(y, m, min(d + 1, 28))],
        key_phrases=["病例1"],
    )


@family("b4_company_job_posting", "clean", "txt", "phone-screenshot", "docx")
def company_job_posting(rng: random.Random, fake: Faker) -> Doc:
    """A job posting from a company HR: duties, requirements, pay, e-mail to apply."""
    company = fake.company()
    job = rng.choice(
        [
            "合规专员",
            "人事行政主管",
            "护士（体检中心）",
            "税务会计",
            "铁路货运调度员",
            "水利工程技术员",
        ]
    )
    return Doc(
        title=f"【招聘】{job}",
        paragraphs=[
            f"公司：{company}",
            f"工作地点：{fake.city()}  薪资：{rng.randint(5, 12)}-{rng.randint(13, 25)}K·{rng.choice([13, 14])}薪",
            "岗位职责：1. 负责相关制度的起草与执行；2. 配合部门完成日常报表；3. 领导交办的其他事项。",
            f"任职要求：{rng.choice(['本科及以上学历', '大专及以上学历'])}，{rng.randint(1, 5)}年以上相关经验，持证者优先。",
            f"简历请投递至hr@{rng.choice(['example', 'company', 'corp'])}.com，邮件标题注明“应聘{job}+姓名”，{rng.randint(3, 15)}个工作日内回复。",
        ],
        key_phrases=["任职要求", "岗位职责"],
    )


@family("b4_kettle_product_manual", "clean", "pdf", "docx")
def kettle_product_manual(rng: random.Random, fake: Faker) -> Doc:
    """A product manual: safety warnings, steps, troubleshooting table, 400 hotline."""
    product = rng.choice(["电热水壶", "空气净化器", "家用血压计", "电动自行车充电器"])
    model = f"{rng.choice(['SK', 'AP', 'BP', 'EC'])}-{rng.randint(100, 999)}"
    return Doc(
        title=f"{product}使用说明书  型号：{model}",
        paragraphs=[
            "感谢您购买本产品，使用前请仔细阅读本说明书并妥善保存。",
            "【安全警告】请勿将产品浸入水中；儿童须在成人监护下使用；电源线损坏时须由专业人员更换。",
            "【使用方法】1. 接通电源；2. 按下开关，指示灯亮起；3. 使用完毕拔下插头。",
            f"【售后服务】整机保修{rng.choice(['一年', '两年', '三年'])}。服务热线：400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        ],
        tables=[
            [
                ["故障现象", "可能原因", "处理方法"],
                ["指示灯不亮", "电源未接通", "检查插座"],
                ["异响", "放置不平", "放在平稳台面"],
            ]
        ],
        closing=[f"制造商：{fake.company()}"],
        key_phrases=["使用说明书", "【安全警告】"],
    )


# ========================================================================= added before first measurement


@family("b4_cantonese_village_chat_order", "control_order", "txt", "phone-screenshot")
def cantonese_village_chat_order(rng: random.Random, fake: Faker) -> Doc:
    """A 村委 order typed in Cantonese-flavoured chat: 今日/唔该/搞掂, deadline, a roll-call threat."""
    y, m, d = _date(rng, rng.choice([2020, 2022, 2024, 2025]))
    village = rng.choice(["塘尾村", "石井村", "新围村", "大岭村", "沙头村"])
    who = rng.choice(["村委陈姑娘", "阿强书记", "村委-细妹", "治保主任 老黄"])
    task = rng.choice(
        [
            "每个经济社将外地返嚟嘅人登记好，身份证号码同手机号码一齐报",
            "逐户通知三防转移，危房户名单核对清楚",
            "出租屋新租客登记表填好，房东签名",
            "各社将未打疫苗嘅老人家名单报上嚟",
        ]
    )
    due = rng.choice(["今日下昼五点前", "听日朝早十点前", "今晚八点前"])
    hh = rng.randint(8, 10)
    return Doc(
        paragraphs=[
            f"{village}两委干部群",
            f"{y}年{m}月{d}日 {hh}:{rng.randint(10, 59)}",
            who,
            f"@所有人 镇里面刚刚落咗任务，{task}，{due}交到村委，唔该晒各位社长。",
            rng.choice(
                [
                    "边个社冇报嘅，镇里面会点名通报，唔好搞到全村被批评。",
                    "呢个系镇指挥部交办嘅，搞掂就喺群里回复“已报”。",
                    "逾期未报嘅，年底考核扣分，唔好话我冇提醒。",
                ]
            ),
            f"{rng.randint(1, 9)}社 {fake.last_name()}生",
            rng.choice(["收到", "收到，即刻去整", "好嘅"]),
        ],
        key_phrases=["@所有人", due],
    )


@family("b4_hr_return_to_work_roster", "screening_list", "xlsx", "csv-gbk", "docx")
def hr_return_to_work_roster(rng: random.Random, fake: Faker) -> Doc:
    """A private company's HR roster of staff returning after a holiday: travel and health."""
    y = rng.choice([2020, 2021, 2023])
    company = fake.company()
    head = [
        "工号",
        "部门",
        "姓名",
        "身份证号",
        "手机",
        "假期去向",
        "返岗日期",
        "健康码",
        "近14天症状",
        "备注",
    ]
    rows, idents = [], []
    for _ in range(rng.randint(5, 9)):
        p = _person(fake, y, 20, 55)
        with_id = rng.random() < 0.7
        idents += [p["phone"]] + ([p["id"]] if with_id else [])
        rows.append(
            [
                f"{rng.choice(['HR', 'SC', 'YF', 'XS'])}{rng.randint(1000, 9999)}",
                rng.choice(["生产部", "研发中心", "销售部", "仓储物流", "财务部"]),
                p["name"],
                p["id"] if with_id else "",
                p["phone"],
                rng.choice(
                    ["湖北黄冈", "河南信阳", "本市未离开", "广西玉林", "黑龙江绥化", "湖南邵阳"]
                ),
                f"{rng.choice([2, 3])}月{rng.randint(1, 28)}日",
                rng.choice(["绿码", "绿码", "黄码", "未申领"]),
                rng.choice(["无", "无", "咳嗽", "发热已退", "乏力"]),
                rng.choice(["", "需隔离14天后返岗", "家属为密接", "已做核酸阴性"]),
            ]
        )
    if rng.random() < 0.5:  # HR re-sorted the sheet and moved 姓名 to the front
        order = [2, 0, 1, 4, 3, 5, 6, 7, 8, 9]
        head = [head[i] for i in order]
        rows = [[r[i] for i in order] for r in rows]
    return Doc(
        title=rng.choice(["员工节后返岗健康情况汇总表", "返岗人员健康申报汇总（人力资源部）", ""]),
        paragraphs=["各部门负责人请核对本部门人员，黄码及有症状者暂缓返岗。"],
        tables=[[head, *rows]],
        closing=[f"{company} 人力资源部", f"{y}年{rng.choice([1, 2])}月{rng.randint(1, 28)}日"],
        key_phrases=["近14天症状", "返岗日期"],
        identifiers=idents,
    )


@family("b4_hiring_public_list_masked", "clean", "docx", "pdf", "xlsx")
def hiring_public_list_masked(rng: random.Random, fake: Faker) -> Doc:
    """A 拟聘用人员公示: names, 准考证号, masked ID numbers, scores; published, open to objection."""
    y, m, d = _date(rng, rng.choice([2018, 2022, 2025, 2026]))
    county = rng.choice(COUNTIES)
    head = ["序号", "姓名", "性别", "身份证号", "准考证号", "报考岗位", "综合成绩", "体检考察"]
    rows = []
    for i in range(1, rng.randint(5, 9)):
        p = _person(fake, y, 22, 35)
        rows.append(
            [
                str(i),
                p["name"],
                p["sex"],
                p["id"][:6] + "********" + p["id"][-4:],
                f"{y}{rng.randint(10, 99)}{rng.randint(1000, 9999)}",
                rng.choice(["水利技术员", "税收协管员", "社区专职网格员", "乡镇卫生院护士"]),
                f"{rng.randint(70, 89)}.{rng.randint(10, 99)}",
                "合格",
            ]
        )
    return Doc(
        title=f"{county}{y}年公开招聘工作人员拟聘用人员公示",
        paragraphs=[
            "根据招聘公告，经笔试、面试、体检和考察，现将拟聘用人员名单予以公示。",
            f"公示期：{y}年{m}月{d}日至{m}月{min(d + 6, 28)}日（5个工作日）。公示期间如有异议，请以书面形式实名向{county}人力资源和社会保障局反映。",
            f"监督电话：0{rng.randint(591, 999)}-{rng.randint(5000000, 8999999)}",
        ],
        tables=[[head, *rows]],
        closing=[f"{county}人力资源和社会保障局", _cn(y, m, d)],
        key_phrases=["拟聘用人员", "公示期"],
    )
