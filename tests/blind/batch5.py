# ruff: noqa: E501  (Chinese text data: long lines read better unbroken)
"""Blind batch 5: 42 document families (24 positives, 4 per category; 18 hard negatives), split ``blind5``.

Author: engineer "blind5" (worktree ``blind5``), written 2026-12-02 (UTC). Batches 1-4 were written
by the engineers "blind", "blind2", "blind3" and "blind4"; this author did not read them.

Independence: the author did not open ``detectors/``, ``policies/``, the detector/policy/seed-case/
evasion tests or ``bench/accuracy.py``, did not read the other blind batches, and did not run
shareguard's scan/check/explain on these documents. Read only the docgen API (``doc.py``,
``render.py``, ``corpus.py``), the opening of ``templates.py`` (to see how a template is written,
then deliberately wrote unlike it) and ``../shared/seed-cases.md``.

Bias of this batch, on purpose: sectors the earlier batches probably left out (tax, customs,
railways, universities, water conservancy, market regulation, 信访, community grid offices, village
committees, private companies' HR/compliance), other eras (2003 SARS, 2015-2019, 2023-2026),
tables with unusual column orders or merged header rows, forwarded chat logs with timestamps and
nicknames, e-mails with quoted replies, two-column layouts, and hard negatives that are public
but official-looking (政府信息公开 pages, 招标公告, masked court judgments, 统计公报, textbooks on
公文格式 with example 文号).

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

SPLIT = "blind5"
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
COUNTIES = (
    ("黔东南州", "凯里市"),
    ("赣州市", "瑞金市"),
    ("榆林市", "神木市"),
    ("湛江市", "雷州市"),
    ("乐山市", "峨眉山市"),
    ("延边州", "珲春市"),
    ("红河州", "个旧市"),
    ("泉州市", "晋江市"),
    ("邵阳市", "武冈市"),
    ("阜阳市", "界首市"),
    ("呼伦贝尔市", "满洲里市"),
    ("喀什地区", "莎车县"),
)
TOWNS = ("城关镇", "新桥乡", "白沙镇", "河口街道", "龙泉镇", "石门乡", "东关街道", "柳林镇")
VILLAGES = ("上寨村", "水口村", "杨家湾村", "三合社区", "红星村", "高坪村", "大塘村", "沙坝社区")


def pick(rng: random.Random, seq):
    return seq[rng.randrange(len(seq))]


def cn_year(y: int) -> str:
    return "".join(CN_NUM[int(d)] for d in str(y))


def mobile(rng: random.Random) -> str:
    return pick(rng, ("138", "139", "152", "158", "177", "186", "189", "135")) + "".join(
        str(rng.randrange(10)) for _ in range(8)
    )


def landline(rng: random.Random) -> str:
    return f"0{rng.randint(310, 919)}-{rng.randint(2000000, 8999999)}"


def md(rng: random.Random, lo: int = 1, hi: int = 12) -> tuple[int, int]:
    return rng.randint(lo, hi), rng.randint(1, 28)


def mask_name(name: str) -> str:
    return name[0] + "某" + ("某" if len(name) > 2 else "")


# ================================================================== control_order


@family("b5_tax_duban_notice", "control_order", "docx", "pdf", "photo")
def tax_duban_notice(rng: random.Random, fake: Faker) -> Doc:
    """A tax bureau's 督办通知 to its branches, with 文号, 主送, deadline and a penalty clause."""
    _city, county = pick(rng, COUNTIES)
    year = rng.choice((2016, 2018, 2019, 2024))
    no = rng.randint(3, 48)
    wenhao = pick(
        rng,
        (
            f"{county[:2]}税督〔{year}〕{no}号",
            f"{county[:2]}税函字〔{year}〕第{no}号",
            f"[{year}]{no}号",
        ),
    )
    task = pick(rng, ("个人所得税汇算清缴疑点数据", "增值税留抵退税风险核查", "社保费欠费清理"))
    m, d = md(rng, 3, 11)
    branches = rng.sample(
        ("城区税务分局", "第一税务所", "第二税务所", "开发区税务分局", "稽查局"), 3
    )
    contact = fake.name()
    phone = mobile(rng)
    closing_clause = pick(
        rng,
        (
            "对逾期未报或报送数据不实的单位，将在全局范围内予以通报，并纳入年度绩效考评扣分。",
            "未按时完成的，由分管局领导向局党委作出书面说明。",
            "逾期不报的，视同未完成，按督办规定追究相关人员责任。",
        ),
    )
    return Doc(
        preamble=[f"国家税务总局{county}税务局", wenhao],
        title=f"关于限期完成{task}工作的督办通知",
        paragraphs=[
            "、".join(branches) + "：",
            f"经市局风险管理部门推送，我局{task}尚有{rng.randint(12, 300)}户未处理完毕，进度在全市排名靠后。"
            f"为确保按期完成，现就有关事项督办如下：",
            f"一、各单位主要负责人要亲自部署，于{m}月{d}日下班前完成全部疑点数据的核实和录入。",
            "二、核实情况一律通过内网报送征收管理股，不得通过微信、QQ等传输纳税人信息。",
            f"三、{closing_clause}",
            f"联系人：{contact}，联系电话：{phone}。",
        ],
        closing=[f"国家税务总局{county}税务局办公室", f"{year}年{m}月{max(1, d - 5)}日"],
        key_phrases=["督办如下", f"{m}月{d}日下班前"],
    )


@family("b5_village_wechat_order", "control_order", "txt", "phone-screenshot")
def village_wechat_order(rng: random.Random, fake: Faker) -> Doc:
    """A forwarded chat log: the town's instruction to village cadres, timestamps and nicknames."""
    _city, _county = pick(rng, COUNTIES)
    town = pick(rng, TOWNS)
    boss = fake.name()
    year = rng.choice((2020, 2022, 2023))
    m, d = md(rng)
    hh = rng.randint(8, 11)
    minute = rng.randint(0, 20)

    def stamp() -> str:
        nonlocal minute
        minute += rng.randint(1, 9)
        return f"{hh + minute // 60:02d}:{minute % 60:02d}"

    lines = [
        f"{town}村（社区）两委工作群 的聊天记录",
        f"—————  {year}-{m:02d}-{d:02d}  —————",
        f"{stamp()} 镇党政办-{boss}：",
        "@所有人 各村支书注意：县里刚开完调度会，以下事项今天必须落实到位。",
        f"1、今天下午{pick(rng, ('4点', '5点', '5点半'))}前把本村外出务工返乡人员底数报党政办，"
        "格式按群文件《返乡人员摸排表》，不得擅自改表头。",
        "2、各村卡口明天早上7点开始24小时值守，值守人员名单中午12点前报我。",
        "3、报送情况纳入本月考核，哪个村拖后腿，周一大会上点名。",
        "收到请回复。",
    ]
    for v in rng.sample(VILLAGES, rng.randint(3, 5)):
        lines.append(
            f"{stamp()} {v[:-1]}-{fake.name()}：收到"
            + pick(rng, ("", "，马上落实", "！", "，下午报"))
        )
    lines.append(f"{stamp()} 镇党政办-{boss}：还有两个村没回复，抓紧。")
    return Doc(paragraphs=lines, key_phrases=["@所有人", "不得擅自改表头"])


@family("b5_railway_task_table", "control_order", "xlsx", "docx", "pdf")
def railway_task_table(rng: random.Random, fake: Faker) -> Doc:
    """Mostly a table: a railway depot's task breakdown, one line of instruction, unusual columns."""
    depot = pick(rng, ("怀化车务段", "襄阳机务段", "包头工务段", "柳州供电段", "兰州西车辆段"))
    year = rng.choice((2015, 2017, 2025, 2026))
    topic = pick(rng, ("春运安全", "防洪防汛", "暑运客运组织", "冬季防寒过冬"))
    depts = ["安全科", "技术科", "调度室", "职教科", "劳人科", "办公室", "党委宣传部"]
    rows = [["完成时限", "序号", "工作任务", "责任人", "牵头部门", "配合部门"]]
    tasks = [
        "对管内车站安全设施开展一次全面检查，形成问题清单",
        "修订非正常行车应急预案并组织演练",
        "组织一线职工开展岗位应知应会抽考",
        "排查临时工、劳务工上岗资格",
        "每日18时前汇总当日安全信息报段调度",
        "对上级检查发现的问题逐项销号",
    ]
    rng.shuffle(tasks)
    for i, task in enumerate(tasks[: rng.randint(4, 6)], 1):
        m, d = md(rng)
        a, b = rng.sample(depts, 2)
        rows.append([f"{m}月{d}日前", str(i), task, fake.name(), a, b])
    return Doc(
        preamble=[f"{depot}{topic}工作任务分解表"],
        paragraphs=[
            f"各车间、科室：现将{year}年{topic}工作任务分解如下，请按时限完成，"
            "完成情况每周五报安全科，段将进行专项督查。"
        ],
        tables=[rows],
        key_phrases=["牵头部门", "完成时限"],
    )


# ================================================================== screening_list


@family("b5_sars_fever_register", "screening_list", "xlsx", "csv-gbk", "docx", "photo")
def sars_fever_register(rng: random.Random, fake: Faker) -> Doc:
    """2003: a work unit's register of staff back from Guangdong/Beijing under medical watch."""
    unit = pick(rng, ("县水利局", "县粮食局", "县农机公司", "第二中学", "县供电所"))
    rows = [["姓名", "性别", "年龄", "身份证号", "从何地返回", "返回日期", "体温(℃)", "观察地点"]]
    ids = []
    for _ in range(rng.randint(5, 8)):
        ssn = fake.ssn()
        ids.append(ssn)
        m, d = md(rng, 4, 5)
        rows.append(
            [
                fake.name(),
                pick(rng, ("男", "女")),
                str(rng.randint(18, 60)),
                ssn,
                pick(rng, ("广州", "北京", "深圳", "东莞", "太原")),
                f"{m}月{d}日",
                f"{rng.choice((36.2, 36.5, 36.8, 37.1, 37.4))}",
                pick(rng, ("居家", "单位宿舍", "乡卫生院")),
            ]
        )
    return Doc(
        preamble=[f"{unit}从非典疫区返回人员医学观察登记表"],
        paragraphs=[f"填报日期：二〇〇三年{rng.randint(4, 5)}月{rng.randint(1, 28)}日"],
        tables=[rows],
        closing=[f"填表人：{fake.name()}"],
        identifiers=ids[:2],
    )


@family("b5_grid_pasted_contacts", "screening_list", "txt", "phone-screenshot", "docx")
def grid_pasted_contacts(rng: random.Random, fake: Faker) -> Doc:
    """Numbered lines pasted into a chat by a community grid worker: 次密接, no header."""
    town = pick(rng, TOWNS)
    lines = []
    phones = []
    if rng.random() < 0.6:
        lines.append(
            f"{town}{pick(rng, ('第3网格', '第7网格', '东片区'))}今日新增次密接，请各楼栋长核实："
        )
    for i in range(1, rng.randint(5, 9)):
        ph = mobile(rng)
        phones.append(ph)
        m, d = md(rng)
        lines.append(
            f"{i}.{fake.name()} {pick(rng, ('男', '女'))} {rng.randint(3, 80)}岁 {ph} "
            f"{pick(rng, VILLAGES)}{rng.randint(1, 30)}栋{rng.randint(1, 6)}0{rng.randint(1, 4)} "
            f"{pick(rng, ('次密接', '密接的同住人', '时空伴随'))} {m}月{d}日"
            + pick(rng, ("在超市与病例同时段", "乘坐同一趟公交", "同一单位", "棋牌室"))
        )
    lines.append(pick(rng, ("以上人员居家健康监测，每天两次测温上报。", "核实后回复网格员", "")))
    return Doc(paragraphs=[x for x in lines if x], identifiers=phones[:2])


@family("b5_university_pending_vaccine", "screening_list", "xlsx", "csv-gbk", "docx")
def university_pending_vaccine(rng: random.Random, fake: Faker) -> Doc:
    """A university college's list of students not yet vaccinated, merged two-row header."""
    college = pick(rng, ("机械工程学院", "外国语学院", "化学化工学院", "马克思主义学院"))
    head1 = ["学生基本信息", "", "", "", "接种情况", "", "未接种原因"]
    head2 = ["学号", "姓名", "班级", "联系电话", "第一针", "第二针", ""]
    rows = [head1, head2]
    phones = []
    for _ in range(rng.randint(5, 9)):
        ph = mobile(rng)
        phones.append(ph)
        first = pick(rng, ("未接种", "已接种", "未接种"))
        rows.append(
            [
                f"20{rng.randint(19, 22)}{rng.randint(100000, 999999)}",
                fake.name(),
                f"{pick(rng, ('机制', '英语', '化工', '思政'))}{rng.randint(1, 4)}班",
                ph,
                first,
                "未接种",
                pick(rng, ("哮喘病史", "妊娠期", "过敏体质", "发热未愈", "本人拒绝", "在外地")),
            ]
        )
    return Doc(
        preamble=[f"{college}新冠疫苗未全程接种学生名单（辅导员核对用）"],
        tables=[rows],
        closing=["请各班辅导员逐人核实原因，周三前反馈学院学工办。"],
        identifiers=phones[:2],
    )


# ================================================================== medical_record


@family("b5_tcm_outpatient_note", "medical_record", "docx", "pdf", "photo", "screenshot")
def tcm_outpatient_note(rng: random.Random, fake: Faker) -> Doc:
    """A TCM outpatient note without section headings: 舌苔脉象, 辨证, 处方 in running text."""
    name = fake.name()
    sex = pick(rng, ("男", "女"))
    age = rng.randint(22, 78)
    herbs = rng.sample(
        (
            "黄芪",
            "党参",
            "白术",
            "茯苓",
            "陈皮",
            "半夏",
            "当归",
            "川芎",
            "柴胡",
            "白芍",
            "甘草",
            "丹参",
        ),
        7,
    )
    year = rng.choice((2017, 2019, 2024, 2025))
    m, d = md(rng)
    return Doc(
        preamble=[f"{pick(rng, COUNTIES)[1]}中医院  门诊号：{rng.randint(10**7, 10**8 - 1)}"],
        paragraphs=[
            f"{name}，{sex}，{age}岁，{year}年{m}月{d}日初诊。",
            f"{pick(rng, ('胃脘胀痛', '反复咳嗽', '失眠多梦', '腰膝酸软'))}{rng.randint(2, 12)}月余，"
            f"{pick(rng, ('食后尤甚，嗳气', '痰白质稀', '心烦易醒', '畏寒肢冷'))}，纳差，二便调。",
            f"舌{pick(rng, ('淡红', '暗红', '淡胖'))}，苔{pick(rng, ('薄白', '白腻', '黄腻'))}，"
            f"脉{pick(rng, ('弦细', '沉细', '滑数', '细弱'))}。",
            "辨证属{}，治以{}。".format(
                *pick(
                    rng,
                    (
                        ("肝郁脾虚", "疏肝健脾"),
                        ("脾胃虚弱", "健脾和胃"),
                        ("心肾不交", "交通心肾"),
                        ("肺脾气虚", "补肺健脾"),
                    ),
                )
            ),
            "处方："
            + "、".join(f"{h}{rng.choice((6, 9, 10, 12, 15, 20))}g" for h in herbs)
            + f"。{rng.choice((5, 7, 14))}剂，水煎服，日一剂。",
            f"医师：{fake.name()}",
        ],
        key_phrases=["舌", "脉"],
    )


@family("b5_nursing_shift_record", "medical_record", "docx", "xlsx", "photo")
def nursing_shift_record(rng: random.Random, fake: Faker) -> Doc:
    """A ward's 护理记录单: patient line on top, timed rows of vitals and observations."""
    name = fake.name()
    bed = rng.randint(1, 48)
    ward = pick(rng, ("心内科", "呼吸与危重症医学科", "神经外科", "肝胆外科"))
    diag = pick(rng, ("急性心肌梗死PCI术后", "重症肺炎", "脑出血术后", "胆囊结石伴急性胆囊炎"))
    rows = [["时间", "T℃", "P次/分", "R次/分", "BP mmHg", "SpO2%", "病情观察及护理措施", "签名"]]
    nurse = fake.name()
    for h in sorted(rng.sample(range(0, 24), rng.randint(4, 6))):
        rows.append(
            [
                f"{h:02d}:00",
                f"{rng.choice((36.4, 36.8, 37.6, 38.2))}",
                str(rng.randint(62, 118)),
                str(rng.randint(14, 26)),
                f"{rng.randint(96, 165)}/{rng.randint(55, 98)}",
                str(rng.randint(88, 99)),
                pick(
                    rng,
                    (
                        "神志清，诉胸闷较前缓解，遵医嘱予硝酸甘油泵入",
                        "患者咳黄痰，予雾化吸入，协助翻身拍背",
                        "伤口敷料干燥，引流管通畅，引流液淡红色约20ml",
                        "夜间睡眠欠佳，予心理护理",
                        "体温升高，予物理降温，已报告值班医师",
                    ),
                ),
                nurse,
            ]
        )
    return Doc(
        title="一般护理记录单",
        preamble=[f"{pick(rng, COUNTIES)[0]}人民医院"],
        paragraphs=[
            f"科别：{ward}  床号：{bed}  姓名：{name}  性别：{pick(rng, ('男', '女'))}  "
            f"年龄：{rng.randint(30, 89)}岁  住院号：{rng.randint(200000, 999999)}  诊断：{diag}"
        ],
        tables=[rows],
        key_phrases=["护理记录单", diag],
    )


@family("b5_checkup_abnormal_email", "medical_record", "txt", "docx", "screenshot")
def checkup_abnormal_email(rng: random.Random, fake: Faker) -> Doc:
    """A company HR e-mail forwarding a staff member's health-check results, with a quoted reply."""
    fake.company()
    hr = fake.name()
    emp = fake.name()
    boss = fake.name()
    year = rng.choice((2018, 2023, 2025, 2026))
    m, d = md(rng)
    findings = rng.sample(
        (
            f"谷丙转氨酶{rng.randint(80, 160)}U/L（↑）",
            "乙肝表面抗原阳性",
            f"空腹血糖{rng.choice((7.8, 8.6, 11.2))}mmol/L（↑）",
            f"甲状腺右叶结节，TI-RADS {rng.choice((3, '4a'))}类",
            "心电图：窦性心律，完全性右束支传导阻滞",
            f"尿酸{rng.randint(480, 600)}μmol/L（↑）",
        ),
        3,
    )
    return Doc(
        paragraphs=[
            f"发件人：{hr}",
            f"收件人：{boss}",
            f"主题：回复：{emp}入职体检复查结果",
            f"时间：{year}年{m}月{d}日 {rng.randint(9, 17)}:{rng.randint(10, 59)}",
            f"{boss}总，{emp}的复查报告医院已经出来了，主要异常如下：",
            *[f"  {i}. {f}" for i, f in enumerate(findings, 1)],
            "体检中心医生建议专科就诊，是否影响录用请您定夺。原报告扫描件见附件。",
            "-----原始邮件-----",
            f"发件人：{boss}",
            f"> 小{hr[0]}，{emp}体检那边什么情况？先别跟部门说，把报告发我看一下。",
        ],
        key_phrases=findings[:1],
    )


# ================================================================== investigation_report


@family("b5_petition_verification", "investigation_report", "docx", "pdf", "photo")
def petition_verification(rng: random.Random, fake: Faker) -> Doc:
    """A 信访 office's verification report on a named petitioner, findings and handling advice."""
    _city, _county = pick(rng, COUNTIES)
    who = fake.name()
    ssn = fake.ssn()
    year = rng.choice((2016, 2019, 2024))
    issue = pick(
        rng,
        (
            "反映征地补偿款被村干部截留",
            "反映企业拖欠工资",
            "反映邻居违建影响采光",
            "反映低保评定不公",
        ),
    )
    m, d = md(rng)
    return Doc(
        title=f"关于{who}信访事项的核查报告",
        paragraphs=[
            "县信访局：",
            f"{year}年{m}月{d}日，{who}（身份证号{ssn}，住{pick(rng, TOWNS)}{pick(rng, VILLAGES)}）"
            f"到县信访局{issue}。接转办件后，我镇成立核查组，现将核查情况报告如下。",
            "一、基本情况",
            f"信访人{who}，{pick(rng, ('务农', '个体户', '退休职工', '外出务工'))}，"
            f"此前已{rng.randint(2, 6)}次到县、{rng.randint(0, 3)}次到市上访，"
            f"{pick(rng, ('有缠访倾向', '情绪较为激动', '家庭困难'))}。",
            "二、核查情况",
            f"核查组调阅了{pick(rng, ('补偿款发放台账', '劳动合同及工资表', '规划许可资料', '低保评议记录'))}，"
            f"走访群众{rng.randint(5, 20)}人，经核实，信访人反映的问题"
            f"{pick(rng, ('部分属实', '不属实', '基本属实'))}。",
            "三、处理意见",
            "建议由镇司法所牵头做好信访人思想工作，落实稳控责任人，防止其进京赴省非访。",
        ],
        closing=[f"{pick(rng, TOWNS)}人民政府", f"{year}年{m}月{min(28, d + 9)}日"],
        identifiers=[ssn],
        key_phrases=["核查情况", "稳控"],
    )


@family("b5_market_complaint_probe", "investigation_report", "docx", "pdf", "txt")
def market_complaint_probe(rng: random.Random, fake: Faker) -> Doc:
    """A market-regulation bureau's 初步调查 on a food poisoning complaint, not yet concluded."""
    shop = pick(rng, ("老街烧烤", "鑫源快餐店", "好再来饭庄", "阿婆米粉", "校园食堂二楼档口"))
    n = rng.randint(3, 17)
    year = rng.choice((2015, 2018, 2023, 2026))
    m, d = md(rng, 5, 9)
    owner = fake.name()
    return Doc(
        preamble=["（初步调查情况，未经核定，仅供领导参考）"],
        title=f"关于{shop}疑似食物中毒事件的初步调查情况",
        paragraphs=[
            f"{year}年{m}月{d}日晚，我局接12315转办，称{n}名就餐者在{shop}用餐后出现腹痛、腹泻、"
            "呕吐等症状，其中"
            f"{rng.randint(1, 3)}人在{pick(rng, COUNTIES)[1]}人民医院留观。",
            f"接报后执法人员于当晚赶到现场，经营者{owner}（电话{mobile(rng)}）在场。现场发现："
            f"{pick(rng, ('生熟砧板混用', '冷藏柜温度12℃', '无健康证人员从事接触直接入口食品工作'))}；"
            f"留样{pick(rng, ('不全', '未按规定保存48小时', '无留样'))}。",
            "已封存剩余食品原料，采集样品送检，检测结果尚未出具，中毒原因暂不能确定。",
            "下一步：待疾控中心流行病学调查结论和检验结果出来后，依法作出处理。在结论出来前请勿对外发布。",
        ],
        closing=[f"市场监管局{pick(rng, ('城区', '开发区', '第三'))}分局", f"{m}月{d + 1}日"],
        key_phrases=["初步调查", "未经核定"],
    )


@family("b5_water_accident_report", "investigation_report", "docx", "pdf", "pdf-scan")
def water_accident_report(rng: random.Random, fake: Faker) -> Doc:
    """A water conservancy project drowning/collapse 事故调查报告 with named victims and liability."""
    project = pick(
        rng, ("灌区续建配套", "中小河流治理", "病险水库除险加固", "农村饮水安全巩固提升")
    )
    victim = fake.name()
    age = rng.randint(28, 61)
    contractor = fake.company()
    year = rng.choice((2017, 2021, 2025))
    m, d = md(rng, 4, 10)
    kind = pick(rng, ("基坑边坡坍塌", "围堰溃决", "施工人员溺水", "起重吊装"))
    return Doc(
        title=f"{pick(rng, COUNTIES)[1]}{project}工程“{m}·{d}”{kind}事故调查报告",
        paragraphs=[
            f"{year}年{m}月{d}日{rng.randint(8, 17)}时许，{contractor}承建的{project}工程"
            f"第{rng.randint(1, 6)}标段发生一起{kind}事故，造成1人死亡，直接经济损失约{rng.randint(90, 260)}万元。",
            "依据《生产安全事故报告和调查处理条例》，县政府成立事故调查组，由县应急管理局、水利局、"
            "公安局、总工会组成，并邀请县纪委监委派员参加。",
            f"一、事故经过。死者{victim}，男，{age}岁，{pick(rng, ('四川省', '贵州省', '河南省'))}人，"
            "系劳务分包班组工人，事发时未系安全带、未设专人监护。",
            "二、事故原因。直接原因为违章作业；间接原因为施工单位安全技术交底流于形式，"
            "监理单位未履行旁站职责，县水利局对工程建设安全监管不到位。",
            f"三、责任认定及处理建议。建议对项目经理{fake.name()}移送司法机关处理；"
            f"对县水利局分管副局长{fake.name()}给予政务警告处分；对施工单位处以罚款。",
        ],
        closing=["县“" + f"{m}·{d}" + "”事故调查组", f"{year}年{min(12, m + 1)}月{d}日"],
        key_phrases=["事故调查组", "责任认定"],
    )


# ================================================================== internal_material


@family("b5_customs_meeting_minutes", "internal_material", "docx", "pdf", "photo")
def customs_meeting_minutes(rng: random.Random, fake: Faker) -> Doc:
    """A customs office's 关务会 minutes: who said what, decisions, 内部资料 in the header."""
    office = pick(rng, ("满洲里海关", "瑞丽海关", "凭祥海关", "霍尔果斯海关", "黄埔海关某隶属海关"))
    year = rng.choice((2016, 2019, 2024, 2025))
    no = rng.randint(2, 30)
    chair = fake.name()
    items = rng.sample(
        (
            "研究口岸查验人员轮岗方案，原则同意，由人事科细化后再议",
            "通报上半年走私案件查办情况，缉私分局要加大对边民互市贸易的监控",
            "讨论关区业务用房维修经费，分管领导意见不一，暂缓",
            "对近期被投诉的两名查验关员，由督察内审科先行调查核实",
            "研究关区年度考核优秀名额分配",
        ),
        3,
    )
    return Doc(
        header="内部资料 注意保存",
        title=f"{office}关务会议纪要",
        preamble=[f"〔{year}〕第{no}期"],
        paragraphs=[
            f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日，关长{chair}主持召开关务会议。"
            f"出席：{'、'.join(fake.name() for _ in range(4))}。列席：各科室负责人。会议议定事项如下：",
            *[f"{'一二三'[i]}、{t}。" for i, t in enumerate(items)],
        ],
        closing=["发：关领导，各科室", f"{office}办公室  {year}年印发"],
        key_phrases=["会议议定事项"],
    )


@family("b5_hr_layoff_draft", "internal_material", "docx", "pdf", "txt")
def hr_layoff_draft(rng: random.Random, fake: Faker) -> Doc:
    """A private company's HR restructuring plan marked 讨论稿 and confidential to management."""
    company = fake.company()
    year = rng.choice((2019, 2024, 2025, 2026))
    n = rng.randint(30, 180)
    depts = rng.sample(
        ("华东销售大区", "客服中心", "研发二部", "行政部", "生产三车间", "物流中心"), 3
    )
    mark = pick(rng, ("（讨论稿）", "（征求意见稿，仅限管理层传阅）", "（第二稿 内部讨论 勿外传）"))
    return Doc(
        title=f"{company}{year}年组织架构优化方案{mark}",
        paragraphs=[
            f"为应对市场下行压力、控制人力成本，公司拟于{year}年第{rng.randint(1, 4)}季度对部分部门进行"
            f"架构调整，预计涉及岗位{n}个。",
            "一、调整范围：" + "、".join(depts) + "。",
            f"二、人员安置：优先内部转岗；无法安置的协商解除劳动合同，补偿按N+{rng.randint(0, 2)}执行。",
            "三、节奏安排：方案经总经理办公会审定后，由HRBP逐一沟通，沟通前严格保密，"
            "不得提前向员工透露，防止群体性事件。",
            "四、风险预案：法务部提前准备劳动仲裁应对口径。",
        ],
        closing=[f"人力资源部  {year}年{rng.randint(1, 12)}月"],
        key_phrases=[mark.strip("（）")[:3]],
    )


@family("b5_bureau_briefing_twocol", "internal_material", "docx", "pdf", "pdf-scan", "photo")
def bureau_briefing_twocol(rng: random.Random, fake: Faker) -> Doc:
    """An internal 工作简报 laid out in two columns (a two-column table), 内部刊物 注意保存."""
    body = pick(
        rng, ("市信访局", "县网格化服务管理中心", "市水务局", "市税务局", "区市场监督管理局")
    )
    year = rng.choice((2015, 2018, 2023, 2026))
    issue = rng.randint(1, 40)
    left = [
        f"【工作动态】{fake.name()}同志带队到{pick(rng, TOWNS)}调研，指出要把矛盾化解在基层。",
        f"【问题提示】近期个别单位存在数据报送不及时、台账不规范问题，{rng.randint(2, 6)}个单位被约谈。",
        f"【下步打算】{rng.randint(1, 12)}月底前完成专项整治“回头看”。",
    ]
    right = [
        f"【情况通报】本月共受理事项{rng.randint(100, 900)}件，办结率{rng.randint(80, 99)}%。",
        f"【领导批示】{fake.name()}同志批示：排名靠后的单位主要负责人要作表态发言。",
        "【经验交流】“一线工作法”在部分乡镇推广后效果明显，但尚需总结。",
    ]
    return Doc(
        preamble=["内部刊物  注意保存", "工作简报", f"第{issue}期"],
        paragraphs=[f"{body}办公室编  {year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"],
        tables=[[["", ""], *[[a, b] for a, b in zip(left, right, strict=False)]]],
        closing=[f"报：市委办、市政府办  送：各县（市、区）  （共印{rng.randint(20, 80)}份）"],
        key_phrases=["内部刊物"],
    )


# ================================================================== classified


@family("b5_classified_header_only", "classified", "docx", "pdf", "photo")
def classified_header_only(rng: random.Random, fake: Faker) -> Doc:
    """An ordinary-looking work plan whose only mark is in the page header."""
    body = pick(rng, ("市水利局", "铁路局集团公司", "市国动办", "市公安局交警支队", "市气象局"))
    year = rng.choice((2016, 2024, 2025))
    mark = pick(rng, ("秘密★1年", "机密★5年", "秘密 ★ 2年", "密级：秘密"))
    return Doc(
        header=mark,
        title=f"{body}{year}年{pick(rng, ('汛期', '重大活动', '应急通信', '重点目标'))}保障工作方案",
        paragraphs=[
            f"一、保障范围：{'、'.join(rng.sample(('调度中心', '备用指挥所', '一号泵站', '三号水库大坝', '枢纽站'), 3))}。",
            f"二、力量部署：抽调骨干{rng.randint(20, 120)}人，分{rng.randint(3, 6)}个小组，"
            f"24小时轮值，总指挥{fake.name()}，现场指挥{fake.name()}。",
            "三、通信保障：启用备用频率，值班电话不对外公布。",
            "四、工作要求：各组不得擅自扩大知悉范围，方案用毕收回。",
        ],
        closing=[f"{body}", f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"],
        key_phrases=[mark],
    )


@family("b5_classified_cover_fenhao", "classified", "docx", "pdf", "pdf-scan")
def classified_cover_fenhao(rng: random.Random, fake: Faker) -> Doc:
    """A report with a 份号 line carrying the mark on its cover, 2003-era or recent."""
    year = rng.choice((2003, 2005, 2017, 2023))
    copy_no = f"{rng.randint(1, 60):06d}"
    mark = pick(rng, ("机密", "秘密", "绝密"))
    stars = f"{mark}★{rng.choice((5, 10, 20))}年" if rng.random() < 0.6 else mark
    layout = rng.random()
    pre = [f"{copy_no}", stars] if layout < 0.5 else [f"份号：{copy_no}  密级：{stars}"]
    topic = pick(rng, ("边境管控情况", "重点人员稳控情况", "民族宗教领域形势", "突发事件处置情况"))
    return Doc(
        preamble=pre,
        title=f"关于{year}年上半年{topic}的报告",
        paragraphs=[
            f"{'省' if rng.random() < 0.5 else '市'}委：",
            f"现将{year}年上半年{topic}报告如下。总体看，形势平稳可控，但也存在一些值得关注的问题。",
            f"一是{pick(rng, ('境外势力渗透手段更加隐蔽', '个别重点人员活动频繁', '网上炒作时有发生'))}；"
            f"二是基层力量薄弱，{rng.randint(3, 9)}个乡镇专职人员不足。",
            "下一步，我们将进一步加强研判，落实属地责任。",
        ],
        closing=[
            f"中共{pick(rng, COUNTIES)[1]}委员会",
            f"{cn_year(year)}年{CN_NUM[rng.randint(1, 9)]}月",
        ],
        key_phrases=[stars],
    )


@family("b5_classified_chat_forward", "classified", "txt", "phone-screenshot", "docx")
def classified_chat_forward(rng: random.Random, fake: Faker) -> Doc:
    """Text copied from a marked document and pasted into a chat, mark kept in the first line."""
    mark = pick(rng, ("秘密★1年", "机密★3年", "秘密"))
    who = fake.name()
    year = rng.choice((2022, 2024, 2026))
    m, d = md(rng)
    return Doc(
        paragraphs=[
            f"[转发] {who}: 刚收到的文件，大家先看看",
            mark,
            f"关于做好{pick(rng, ('重要会议期间', '国庆期间', '敏感节点'))}安全稳定工作的通知",
            f"各{pick(rng, ('乡镇', '街道', '派出所', '站段'))}：{year}年{m}月{d}日至{m}月{min(28, d + 5)}日"
            f"为重要时段，现将有关部署通报如下：",
            f"1.重点人员实行“一人一策”，每日见面，{rng.randint(1, 5)}名以上人员异常流动立即上报。",
            "2.涉及部署的内容严禁在微信、QQ传播。",
            f"{fake.name()}：收到",
        ],
        key_phrases=[mark],
    )


# ================================================================== clean (hard negatives)


@family("b5_clean_gov_info_open", "clean", "pdf", "docx", "screenshot")
def clean_gov_info_open(rng: random.Random, fake: Faker) -> Doc:
    """A 政府信息公开 page reproducing a published notice with 文号, 主送 and 主动公开."""
    _city, county = pick(rng, COUNTIES)
    year = rng.choice((2016, 2019, 2024, 2025))
    no = rng.randint(1, 60)
    return Doc(
        preamble=[
            f"索引号：{rng.randint(10**8, 10**9 - 1)}/{year}-{rng.randint(10000, 99999)}",
            f"发布机构：{county}人民政府办公室   公开方式：主动公开",
            f"文号：{county[:2]}政办发〔{year}〕{no}号",
        ],
        title=f"{county}人民政府办公室关于印发{county}{pick(rng, ('城乡居民医保参保缴费', '农村公路养护管理', '冬春季森林防火'))}实施方案的通知",
        paragraphs=[
            "各乡镇人民政府、街道办事处，县直各单位：",
            "《实施方案》已经县人民政府同意，现印发给你们，请认真贯彻执行。",
            "（此件公开发布）",
            f"来源：{county}人民政府网  浏览次数：{rng.randint(100, 9000)}",
        ],
        closing=[
            f"{county}人民政府办公室",
            f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        ],
        key_phrases=["主动公开", "此件公开发布"],
    )


@family("b5_clean_bidding_notice", "clean", "pdf", "docx", "txt")
def clean_bidding_notice(rng: random.Random, fake: Faker) -> Doc:
    """A public 招标公告 for a water conservancy/railway project: deadlines, contacts, table."""
    project = pick(
        rng,
        (
            "灌区节水改造工程施工",
            "站房维修改造工程",
            "高校学生公寓家具采购",
            "税务系统办公设备采购",
        ),
    )
    year = rng.choice((2017, 2023, 2025))
    m, d = md(rng)
    rows = [["标段", "最高限价（万元）", "工期（日历天）", "资质要求"]]
    for i in range(1, rng.randint(2, 4)):
        rows.append(
            [
                f"第{i}标段",
                str(rng.randint(80, 2000)),
                str(rng.randint(60, 365)),
                pick(
                    rng, ("水利水电工程施工总承包三级及以上", "建筑工程施工总承包三级及以上", "无")
                ),
            ]
        )
    return Doc(
        title=f"{project}招标公告",
        paragraphs=[
            f"招标编号：ZB{year}-{rng.randint(100, 999)}",
            f"本招标项目已批准建设，招标人为{fake.company()}，资金来源为财政资金，现对该项目进行公开招标。",
            f"投标文件递交截止时间为{year}年{m}月{d}日9时30分，逾期送达的投标文件将被拒收。",
            f"招标代理机构：{fake.company()}  联系人：{fake.name()}  电话：{landline(rng)}",
            "本公告同时在中国招标投标公共服务平台发布。",
        ],
        tables=[rows],
        key_phrases=["招标公告"],
    )


@family("b5_clean_court_judgment", "clean", "pdf", "docx", "txt")
def clean_court_judgment(rng: random.Random, fake: Faker) -> Doc:
    """A masked court judgment as published online (names masked, no IDs)."""
    year = rng.choice((2016, 2018, 2024))
    court = f"{pick(rng, COUNTIES)[1]}人民法院"
    p = mask_name(fake.name())
    dft = mask_name(fake.name())
    return Doc(
        preamble=[court],
        title="民事判决书",
        paragraphs=[
            f"（{year}）{pick(rng, ('黔', '赣', '陕', '粤', '川'))}{rng.randint(1000, 9999)}民初{rng.randint(100, 9999)}号",
            f"原告：{p}，男，汉族，住{pick(rng, ('贵州省', '江西省', '广东省'))}某县。",
            f"被告：{dft}，女，汉族，住同上。",
            f"原告{p}与被告{dft}民间借贷纠纷一案，本院立案后依法适用简易程序，公开开庭进行了审理。",
            f"本院认为，被告向原告借款{rng.randint(2, 30)}万元，有借条及转账记录为证，事实清楚。",
            f"判决如下：被告{dft}于本判决生效之日起十日内偿还原告{p}借款本金及利息。",
            "如不服本判决，可在判决书送达之日起十五日内提起上诉。",
        ],
        closing=[
            f"审判员  {mask_name(fake.name())}",
            f"{cn_year(year)}年{CN_NUM[rng.randint(1, 9)]}月",
            "来源：中国裁判文书网",
        ],
        key_phrases=["民事判决书"],
    )


@family("b5_clean_stats_bulletin", "clean", "pdf", "docx", "xlsx")
def clean_stats_bulletin(rng: random.Random, fake: Faker) -> Doc:
    """A county 统计公报 on economy and public health: aggregate figures only."""
    county = pick(rng, COUNTIES)[1]
    year = rng.choice((2015, 2018, 2023, 2025))
    rows = [["指标", "单位", "绝对数", "比上年增长（%）"]]
    for ind, unit in (
        ("地区生产总值", "亿元"),
        ("卫生机构床位", "张"),
        ("执业（助理）医师", "人"),
        ("法定传染病报告发病率", "/10万"),
        ("城镇新增就业", "人"),
    ):
        rows.append([ind, unit, str(rng.randint(100, 9000)), f"{rng.uniform(-3, 9):.1f}"])
    return Doc(
        title=f"{county}{year}年国民经济和社会发展统计公报",
        preamble=[f"{county}统计局", f"{year + 1}年{rng.randint(3, 5)}月"],
        paragraphs=[
            f"{year}年，全市（县）上下坚持稳中求进工作总基调，经济运行总体平稳。",
            f"年末共有医疗卫生机构{rng.randint(200, 900)}个，全年甲乙类传染病报告发病"
            f"{rng.randint(300, 3000)}例，死亡{rng.randint(0, 9)}例。",
            "注：本公报部分数据为初步统计数，各项统计数据均未包括港澳台地区。",
        ],
        tables=[rows],
        key_phrases=["统计公报"],
    )


@family("b5_clean_volunteer_recruit", "clean", "txt", "docx", "phone-screenshot", "pdf")
def clean_volunteer_recruit(rng: random.Random, fake: Faker) -> Doc:
    """A community 志愿者招募 post: sign-up deadline, group contact, epidemic-era wording."""
    town = pick(rng, TOWNS)
    year = rng.choice((2020, 2022, 2024))
    m, d = md(rng)
    return Doc(
        title=f"{town}{pick(rng, ('核酸检测', '防汛', '创文', '老年助餐'))}志愿者招募令",
        paragraphs=[
            "亲爱的居民朋友们：",
            f"为做好辖区服务工作，现面向社会招募志愿者{rng.randint(20, 200)}名。",
            "招募条件：年满18周岁，身体健康，热心公益，能服从统一安排。",
            f"报名方式：于{m}月{d}日18:00前扫描下方二维码填写报名信息，或致电社区居委会"
            f"{landline(rng)}（{fake.name()}）。",
            "志愿服务时长将记入“志愿汇”平台，优秀志愿者年底予以表彰。",
            "让我们携手同行，共建美好家园！",
        ],
        closing=[f"{town}{pick(rng, VILLAGES)}居民委员会", f"{year}年{m}月{max(1, d - 3)}日"],
        key_phrases=["志愿者招募"],
    )


@family("b5_clean_gongwen_textbook", "clean", "docx", "pdf", "txt")
def clean_gongwen_textbook(rng: random.Random, fake: Faker) -> Doc:
    """A textbook page explaining 公文格式, with example 文号, 密级 and 紧急程度 as illustrations."""
    year = rng.choice((2012, 2018, 2021))
    return Doc(
        title=f"第{CN_NUM[rng.randint(2, 9)]}章 公文格式要素",
        preamble=[f"《应用写作教程》（第{rng.randint(2, 5)}版）"],
        paragraphs=[
            "根据《党政机关公文格式》（GB/T 9704—2012），公文版头部分包括份号、密级和保密期限、"
            "紧急程度、发文机关标志、发文字号、签发人等要素。",
            "密级和保密期限：如需标注，一般用3号黑体字，顶格编排在版心左上角第二行，"
            "例如“秘密★1年”“机密★5年”。",
            f"发文字号由发文机关代字、年份和发文顺序号组成，例如“×政发〔{year}〕{rng.randint(1, 30)}号”。"
            "年份用六角括号括入，序号不编虚位、不加“第”字。",
            "主送机关是公文的主要受理机关，编排于标题下空一行位置，居左顶格。",
            "【练习】请指出下列发文字号的错误：“某政发(2020)第07号”。",
        ],
        footer=f"— {rng.randint(30, 240)} —",
        key_phrases=["发文字号", "公文格式"],
    )


@family("b5_clean_drug_leaflet", "clean", "pdf", "docx", "photo")
def clean_drug_leaflet(rng: random.Random, fake: Faker) -> Doc:
    """A TCM patent medicine package leaflet (【功能主治】, 【用法用量】, 【不良反应】)."""
    drug = pick(rng, ("连花清瘟胶囊", "藿香正气口服液", "六味地黄丸", "板蓝根颗粒", "复方丹参滴丸"))
    drug = drug[:2] + pick(rng, ("清", "和", "安", "康")) + drug[2:]
    return Doc(
        title=f"{drug}说明书",
        preamble=["请仔细阅读说明书并在医师指导下使用"],
        paragraphs=[
            f"【药品名称】通用名称：{drug}",
            f"【成份】{'、'.join(rng.sample(('金银花', '连翘', '板蓝根', '甘草', '黄芩', '薄荷脑', '广藿香', '丹参'), 4))}。",
            f"【功能主治】{pick(rng, ('清热解毒，宣肺泄热', '解表化湿，理气和中', '滋阴补肾'))}。"
            f"用于{pick(rng, ('发热或高热，恶寒，咳嗽', '外感风寒、内伤湿滞所致的感冒', '头晕耳鸣，腰膝酸软'))}。",
            f"【用法用量】口服。一次{rng.randint(1, 4)}{pick(rng, ('粒', '袋', '丸'))}，一日{rng.randint(2, 3)}次。",
            "【不良反应】偶见胃肠道不适、皮疹。",
            "【禁忌】孕妇禁用。对本品过敏者禁用。",
            f"【批准文号】国药准字Z{rng.randint(10000000, 99999999)}",
            f"【生产企业】{fake.company()}  电话：{landline(rng)}",
        ],
        key_phrases=["【用法用量】", "【不良反应】"],
    )


@family("b5_clean_disease_encyclopedia", "clean", "docx", "pdf", "txt")
def clean_disease_encyclopedia(rng: random.Random, fake: Faker) -> Doc:
    """A health-science encyclopedia entry: symptoms, 检查, diagnosis, treatment, no patient."""
    dz = pick(
        rng, ("传染性非典型肺炎（SARS）", "手足口病", "流行性出血热", "布鲁氏菌病", "诺如病毒感染")
    )
    return Doc(
        title=dz,
        preamble=["健康百科 · 疾病词条", f"审核专家：{fake.name()} 主任医师"],
        paragraphs=[
            f"概述：{dz}是一种由病原体引起的传染病，可通过{pick(rng, ('飞沫和密切接触', '粪口途径', '接触感染动物'))}传播。",
            "临床表现：起病急，以发热为首发症状，可伴有头痛、乏力、肌肉酸痛，部分患者出现咳嗽、腹泻。",
            "辅助检查：血常规可见白细胞正常或降低；胸部影像学可见片状阴影；病原学检测可确诊。",
            "诊断：结合流行病学史、临床表现和实验室检查综合诊断。",
            "治疗：以对症支持治疗为主，重症患者需住院隔离治疗。",
            "预防：勤洗手、常通风，出现症状及时就医并如实告知接触史。",
            f"本词条内容仅供科普参考，不能替代医生面诊。最后更新：{rng.randint(2016, 2025)}年",
        ],
        key_phrases=["临床表现", "仅供科普参考"],
    )


@family("b5_clean_college_exam_notice", "clean", "pdf", "docx", "txt", "screenshot")
def clean_college_exam_notice(rng: random.Random, fake: Faker) -> Doc:
    """A university's public recruitment/exam notice to candidates with 报名 deadline and table."""
    uni = pick(rng, ("西南某大学", "华北水利水电职业学院", "某铁道职业技术学院", "某财经大学"))
    year = rng.choice((2018, 2024, 2025, 2026))
    m, d = md(rng)
    rows = [["岗位代码", "岗位名称", "人数", "学历要求", "专业"]]
    for i in range(1, rng.randint(3, 6)):
        rows.append(
            [
                f"{year}{i:02d}",
                pick(rng, ("辅导员", "实验员", "专任教师", "图书管理员")),
                str(rng.randint(1, 5)),
                pick(rng, ("硕士研究生及以上", "本科及以上")),
                pick(rng, ("水利工程", "交通运输", "会计学", "不限")),
            ]
        )
    return Doc(
        title=f"{uni}{year}年公开招聘工作人员公告",
        paragraphs=[
            "根据事业单位公开招聘有关规定，经研究决定，面向社会公开招聘工作人员。",
            f"一、报名时间：{year}年{m}月{d}日至{m}月{min(28, d + 7)}日17:00，逾期不予受理。",
            "二、报名方式：网上报名，考生须如实填写个人信息，一经发现弄虚作假，取消考试资格。",
            f"三、咨询电话：{landline(rng)}（工作日）。",
            "四、招聘岗位见下表。",
        ],
        tables=[rows],
        closing=[f"{uni}人事处", f"{year}年{m}月{max(1, d - 2)}日"],
        key_phrases=["公开招聘"],
    )


@family("b5_clean_punishment_news", "clean", "txt", "docx", "phone-screenshot")
def clean_punishment_news(rng: random.Random, fake: Faker) -> Doc:
    """A published discipline-inspection news item: officials punished for leaking in WeChat."""
    city, county = pick(rng, COUNTIES)
    year = rng.choice((2020, 2023, 2025))
    cases = []
    for i in range(rng.randint(2, 3)):
        who = mask_name(fake.name())
        cases.append(
            f"{'一二三'[i]}、{county}{pick(rng, TOWNS)}{pick(rng, ('党委委员', '网格员', '村会计', '卫生院医生'))}"
            f"{who}违规在微信群转发{pick(rng, ('内部工作文件', '人员排查名单', '患者病历照片'))}问题。"
            f"{year}年{rng.randint(1, 12)}月，{who}受到"
            f"{pick(rng, ('党内警告处分', '诫勉谈话', '政务记过处分', '通报批评'))}。"
        )
    return Doc(
        title=f"{city}纪委监委通报{len(cases)}起违反工作纪律典型问题",
        paragraphs=[
            f"近日，{city}纪委监委对{len(cases)}起违反工作纪律典型问题进行公开通报。",
            *cases,
            "上述问题警示广大党员干部，要严守工作纪律和保密纪律。",
            f"（来源：{city}纪委监委网站  编辑：{fake.name()}）",
        ],
        key_phrases=["公开通报"],
    )


@family("b5_clean_public_tonggao", "clean", "photo", "pdf", "docx", "phone-screenshot")
def clean_public_tonggao(rng: random.Random, fake: Faker) -> Doc:
    """A public 通告 to 广大市民 with 文号-like number and deadlines (published on walls)."""
    _city, county = pick(rng, COUNTIES)
    m, d = md(rng)
    no = rng.randint(1, 30)
    year, issuer, topic, body = pick(
        rng,
        (
            (
                2003,
                "非典型肺炎防治领导小组",
                "非典型肺炎防治",
                "凡近期从疫区返回人员，请于返回后24小时内主动到所在社区登记",
            ),
            (
                2022,
                "新冠肺炎疫情防控指挥部",
                "新冠肺炎疫情防控",
                "请广大市民配合做好扫码测温，近期有中高风险地区旅居史的请主动报备",
            ),
            (
                rng.choice((2017, 2024, 2025)),
                "公安局",
                "城区临时交通管制",
                "管制期间请广大市民绕行，给出行带来的不便敬请谅解",
            ),
            (
                rng.choice((2016, 2019, 2026)),
                "水利局",
                "汛期水库下游人员安全",
                "水库泄洪期间，严禁在下游河道游泳、捕鱼、取沙",
            ),
        ),
    )
    return Doc(
        title=f"关于{topic}的通告",
        preamble=[
            f"{county}{issuer}",
            f"（第{no}号）",
        ],
        paragraphs=[
            "广大市民朋友：",
            f"为切实做好{topic}工作，保障人民群众生命安全，现将有关事项通告如下：",
            f"一、{body}。",
            f"二、本通告自{year}年{m}月{d}日起施行，至{m}月{min(28, d + 14)}日止。",
            f"三、咨询及举报电话：{landline(rng)}。",
            "特此通告。",
        ],
        closing=[f"{county}{issuer}", f"{year}年{m}月{d}日"],
        key_phrases=["特此通告", "广大市民"],
    )


@family("b5_clean_supplier_directory", "clean", "xlsx", "csv-gbk", "docx", "pdf")
def clean_supplier_directory(rng: random.Random, fake: Faker) -> Doc:
    """A published supplier/merchant directory: company, landline, 主营, address (no persons)."""
    market = pick(rng, ("海关监管场所", "高校后勤集团", "铁路物资", "农贸市场", "政府采购网上商城"))
    rows = [["主营", "序号", "企业名称", "办公电话", "地址", "入库时间"]]
    for i in range(1, rng.randint(6, 10)):
        rows.append(
            [
                pick(
                    rng, ("办公用品", "冷链运输", "食材配送", "劳保用品", "计算机设备", "物业保洁")
                ),
                str(i),
                fake.company(),
                landline(rng),
                fake.address().split(" ")[0],
                f"{rng.randint(2016, 2026)}年{rng.randint(1, 12)}月",
            ]
        )
    return Doc(
        title=f"{market}合格供应商名录（{rng.randint(2017, 2026)}年度公示）",
        paragraphs=["以下名录向社会公示，如有异议请于公示期内以书面形式反映。"],
        tables=[rows],
        key_phrases=["合格供应商名录"],
    )


# ------------------------------------------------------------------ second round (one more each)


@family("b5_grid_tip_sheet", "control_order", "docx", "txt", "photo")
def grid_tip_sheet(rng: random.Random, fake: Faker) -> Doc:
    """A street office's 工作提示单 to its community grids: no 文号, numbered items, deadline."""
    street = pick(rng, ("河口街道", "东关街道", "城关街道", "新华街道"))
    year = rng.choice((2019, 2023, 2024, 2026))
    m, d = md(rng)
    no = rng.randint(1, 40)
    items = rng.sample(
        (
            f"对辖区出租屋逐户上门核查，{m}月{d}日前将新增租住人员信息录入网格平台",
            "对独居老人、残疾人开展一次走访，发现安全隐患当场登记",
            "排查沿街商铺燃气使用情况，无报警装置的列入整改清单",
            "网格员每天上午9点前在工作群报到，不得无故脱岗",
            "对群众反映的噪音扰民问题，24小时内联系当事人",
        ),
        3,
    )
    title = rng.random() < 0.7
    return Doc(
        title=f"{street}网格化服务管理工作提示单" if title else "",
        preamble=[] if title else [f"{street}综治中心  提示（第{no}期）"],
        paragraphs=[
            "各社区网格长、专职网格员：",
            *[f"{'一二三'[i]}、{x}；" for i, x in enumerate(items)],
            "以上事项落实情况由社区汇总后报街道综治中心，街道将随机抽查，"
            + pick(rng, ("抽查不合格的网格当月考核不得评优。", "发现虚报瞒报的严肃追责。")),
        ],
        closing=[
            f"{street}综治中心",
            f"{year}年{m}月{max(1, d - 4)}日",
            f"联系人：{fake.name()} {mobile(rng)}",
        ],
        key_phrases=["网格"],
    )


@family("b5_isolation_ledger_idfirst", "screening_list", "xlsx", "csv-gbk", "docx", "pdf")
def isolation_ledger_idfirst(rng: random.Random, fake: Faker) -> Doc:
    """A hotel quarantine ledger, ID number first, name later, room and release date columns."""
    hotel = pick(rng, ("锦江之星", "如家酒店", "城市便捷", "县党校培训中心", "铁路职工公寓"))
    year = rng.choice((2020, 2021, 2022))
    rows = [["身份证号码", "房间号", "姓名", "手机", "来源地", "入住日期", "解除日期", "核酸结果"]]
    ids = []
    for _ in range(rng.randint(6, 10)):
        ssn = fake.ssn()
        ids.append(ssn)
        m, d = md(rng)
        rows.append(
            [
                ssn,
                f"{rng.randint(2, 9)}{rng.randint(1, 30):02d}",
                fake.name(),
                mobile(rng),
                pick(rng, ("入境", "上海", "西安", "广州", "乌鲁木齐")),
                f"{m}.{d}",
                f"{m}.{min(28, d + 7)}" if d < 21 else f"{m + 1 if m < 12 else 1}.{d - 20}",
                pick(rng, ("阴性", "阴性", "待出", "阴性（第2次）")),
            ]
        )
    return Doc(
        preamble=[f"{hotel}集中隔离点在住人员台账  {year}年"],
        tables=[rows],
        identifiers=ids[:2],
    )


@family("b5_lab_report_sheet", "medical_record", "pdf", "docx", "photo", "screenshot")
def lab_report_sheet(rng: random.Random, fake: Faker) -> Doc:
    """A 检验报告单 (blood count / liver function) with patient line and flagged results."""
    hosp = pick(rng, ("铁路医院", "大学附属第二医院", "县妇幼保健院", "矿务局总医院"))
    name = fake.name()
    panel = pick(rng, ("血常规", "肝功能", "乙肝两对半", "甲状腺功能"))
    items = {
        "血常规": [
            ("WBC 白细胞", "10^9/L", 3.5, 9.5),
            ("HGB 血红蛋白", "g/L", 115, 150),
            ("PLT 血小板", "10^9/L", 125, 350),
        ],
        "肝功能": [
            ("ALT 谷丙转氨酶", "U/L", 7, 40),
            ("AST 谷草转氨酶", "U/L", 13, 35),
            ("TBIL 总胆红素", "μmol/L", 0, 21),
        ],
        "乙肝两对半": [
            ("HBsAg", "IU/mL", 0, 0.05),
            ("HBeAg", "S/CO", 0, 1),
            ("抗-HBc", "S/CO", 0, 1),
        ],
        "甲状腺功能": [
            ("FT3", "pmol/L", 3.1, 6.8),
            ("FT4", "pmol/L", 12, 22),
            ("TSH", "mIU/L", 0.27, 4.2),
        ],
    }[panel]
    rows = [["项目", "结果", "提示", "单位", "参考区间"]]
    for item, unit, lo, hi in items:
        val = round(rng.uniform(lo * 0.5, hi * 1.8) if hi > 1 else rng.uniform(0, hi * 40), 2)
        flag = "↑" if val > hi else ("↓" if val < lo else "")
        rows.append([item, str(val), flag, unit, f"{lo}-{hi}"])
    year = rng.choice((2016, 2023, 2025))
    return Doc(
        preamble=[f"{pick(rng, COUNTIES)[0]}{hosp}检验报告单"],
        paragraphs=[
            f"姓名：{name}  性别：{pick(rng, ('男', '女'))}  年龄：{rng.randint(1, 90)}岁  "
            f"科室：{pick(rng, ('感染科', '消化内科', '内分泌科', '门诊'))}  标本：静脉血  "
            f"条码号：{rng.randint(10**9, 10**10 - 1)}",
            f"检验项目：{panel}",
        ],
        tables=[rows],
        closing=[
            f"送检医生：{fake.name()}  检验者：{fake.name()}  审核者：{fake.name()}",
            f"报告时间：{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "本报告仅对所检标本负责",
        ],
        key_phrases=["检验报告单", panel],
    )


@family("b5_trajectory_check_table", "investigation_report", "docx", "xlsx", "pdf", "photo")
def trajectory_check_table(rng: random.Random, fake: Faker) -> Doc:
    """A 行程轨迹核查表 for one named case: day-by-day places, checked by police/big data."""
    name = fake.name()
    ssn = fake.ssn()
    year = rng.choice((2021, 2022))
    m = rng.randint(1, 12)
    rows = [["日期", "时间段", "活动地点", "交通方式", "同行/接触人员", "核查方式", "核查结果"]]
    start = rng.randint(1, 18)
    for day in range(start, start + rng.randint(4, 7)):
        rows.append(
            [
                f"{m}月{day}日",
                pick(rng, ("8:00-12:00", "全天", "14:30-17:00", "19:00-21:40")),
                pick(
                    rng,
                    ("单位", "家中", "农贸市场", "棋牌室", "县人民医院门诊", "高铁站", "婚宴酒店"),
                ),
                pick(rng, ("步行", "自驾", "公交3路", "出租车", "G字头列车")),
                pick(rng, ("无", "妻子", "同事3人", fake.name(), "待查")),
                pick(rng, ("本人自述", "视频监控", "大数据比对", "支付记录")),
                pick(rng, ("属实", "属实", "与自述不符", "待核")),
            ]
        )
    return Doc(
        title=f"{name}行程轨迹核查表",
        paragraphs=[
            f"身份证号：{ssn}  手机：{mobile(rng)}  类别：{pick(rng, ('确诊病例', '无症状感染者', '密切接触者'))}",
            f"核查单位：{pick(rng, COUNTIES)[1]}流调溯源专班公安组  {year}年{m}月",
        ],
        tables=[rows],
        closing=["说明：与自述不符部分已再次询问，本人承认隐瞒。核查结果仅供专班研判。"],
        identifiers=[ssn],
        key_phrases=["行程轨迹核查表"],
    )


@family("b5_speech_draft_for_review", "internal_material", "docx", "pdf", "txt")
def speech_draft_for_review(rng: random.Random, fake: Faker) -> Doc:
    """A leader's speech 送审稿 for a university/railway meeting, marked not for circulation."""
    who = fake.name()
    org = pick(rng, ("学校", "集团公司", "局", "县委"))
    meeting = pick(
        rng, ("年度工作会议", "安全生产警示教育大会", "党风廉政建设工作会议", "招生就业工作会议")
    )
    year = rng.choice((2017, 2024, 2025, 2026))
    mark = pick(rng, ("（送审稿）", "（第三稿）", "（代拟稿 未经本人审定）"))
    return Doc(
        preamble=[
            pick(rng, ("本材料未经审定，不得对外公开", "内部材料 请勿外传", "仅供起草组内部使用"))
        ],
        title=f"在{year}年{meeting}上的讲话{mark}",
        paragraphs=[
            f"{who}",
            f"（{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日）",
            "同志们：",
            f"刚才，{fake.name()}同志通报了去年工作情况，我完全同意。下面，我讲三点意见。",
            f"一、清醒认识面临的形势。去年{org}{pick(rng, ('出现了两起安全事故', '经费缺口达到数千万元', '有三名干部被立案审查', '就业率排名下滑'))}，"
            "这些情况不宜在大会上展开，但大家心里要有数。",
            "二、突出抓好重点任务。（此处待分管领导提供数字）",
            "三、切实转变工作作风。",
        ],
        key_phrases=[mark.strip("（）")[:3]],
    )


@family("b5_classified_railway_firstline", "classified", "docx", "pdf", "pdf-scan", "photo")
def classified_railway_firstline(rng: random.Random, fake: Faker) -> Doc:
    """A railway/customs dispatch plan, 绝密 or 机密 on the first line with the 紧急程度."""
    body = pick(rng, ("铁路局集团公司调度所", "海关缉私局", "市人民防空办公室", "水文局防汛指挥部"))
    mark = pick(rng, ("绝密★长期", "机密★10年", "绝密", "机密"))
    urgency = pick(rng, ("特急", "加急", ""))
    year = rng.choice((2003, 2015, 2018, 2025))
    return Doc(
        preamble=[f"{mark}  {urgency}".strip()],
        title=f"{body}专列运输组织方案" if "铁路" in body else f"{body}专项行动方案",
        paragraphs=[
            f"一、任务：{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日，组织开行专列（车次{rng.randint(10000, 99999)}）。",
            f"二、编组及径路：{pick(rng, ('经', '途经'))}{pick(rng, ('怀化', '贵阳', '包头', '兰州'))}枢纽，"
            "沿途各站按一级保障组织接发。",
            f"三、指挥：总指挥{fake.name()}，联络员{fake.name()}，联络电话{mobile(rng)}。",
            "四、本方案知悉范围严格控制在附件所列人员，不得复印、拍照。",
        ],
        closing=[body, f"{year}年"],
        key_phrases=[mark],
    )


@family("b5_clean_menu_pricelist", "clean", "photo", "pdf", "docx", "xlsx")
def clean_menu_pricelist(rng: random.Random, fake: Faker) -> Doc:
    """A restaurant's menu and price list with the order phone and address."""
    shop = pick(rng, ("老码头火锅", "湘味小厨", "西北面馆", "客家酿豆腐", "朝鲜族冷面馆"))
    rows = [["菜名", "规格", "价格（元）", "备注"]]
    for dish in rng.sample(
        (
            "红烧肉",
            "酸菜鱼",
            "手撕包菜",
            "羊肉泡馍",
            "冷面",
            "酿豆腐",
            "小炒黄牛肉",
            "凉拌木耳",
            "蛋炒饭",
        ),
        6,
    ):
        rows.append(
            [
                dish,
                pick(rng, ("份", "大份", "小份", "碗")),
                str(rng.randint(8, 88)),
                pick(rng, ("招牌", "", "微辣", "限量")),
            ]
        )
    return Doc(
        title=f"{shop}菜单",
        tables=[rows],
        paragraphs=[
            f"订餐电话：{mobile(rng)} / {landline(rng)}  地址：{pick(rng, COUNTIES)[1]}{pick(rng, TOWNS)}步行街{rng.randint(1, 200)}号"
        ],
        closing=["本店不收取包间费，外卖满50元免配送费。"],
        key_phrases=["订餐电话"],
    )


@family("b5_clean_school_parents_notice", "clean", "txt", "phone-screenshot", "docx")
def clean_school_parents_notice(rng: random.Random, fake: Faker) -> Doc:
    """A class teacher's notice to parents in a chat group: deadlines and @所有人, no personal data."""
    grade = pick(rng, ("一年级3班", "四年级1班", "初二（5）班", "高一（12）班"))
    m, d = md(rng)
    teacher = fake.name()
    return Doc(
        paragraphs=[
            f"{grade}家长群",
            f"{teacher}老师：@所有人 各位家长好！",
            f"1.学校定于{m}月{d}日（周{pick(rng, '一二三四五')}）下午3点召开家长会，请至少一位家长准时参加。",
            "2.秋季流感高发，孩子如有发热请在家休息，并向班主任请假，康复后返校。",
            f"3.{pick(rng, ('校服征订', '研学旅行回执', '午托报名'))}请于本周五17:00前在小程序里填写，逾期视为不参加。",
            "收到请回复“孩子姓名+收到”，谢谢配合！",
        ],
        key_phrases=["家长"],
    )


@family("b5_clean_novel_excerpt", "clean", "txt", "docx", "pdf")
def clean_novel_excerpt(rng: random.Random, fake: Faker) -> Doc:
    """A novel chapter that mentions 秘密, 病历 and 调查 in passing."""
    a, b = fake.name(), fake.name()
    return Doc(
        title=f"第{CN_NUM[rng.randint(1, 9)]}章 {pick(rng, ('旧病历', '雨夜', '抽屉里的秘密', '调查'))}",
        paragraphs=[
            f"{a}把那本泛黄的病历本压在抽屉最底下，这是她守了{rng.randint(10, 30)}年的秘密。",
            f"那年非典，镇上的卫生院人手不够，{b}连着值了{rng.randint(5, 20)}个夜班。"
            "后来有人来调查，问起那几天的事，她只说记不清了。",
            f"窗外的雨越下越大。{a}想，等孩子长大了，也许该告诉她。",
            "可有些话，一旦说出口，就再也收不回来了。",
        ],
        key_phrases=["秘密"],
    )


@family("b5_clean_public_consultation", "clean", "pdf", "docx", "screenshot")
def clean_public_consultation(rng: random.Random, fake: Faker) -> Doc:
    """A bureau's 公开征求意见 call to the public on a draft rule (征求意见稿 is public here)."""
    body, rule = pick(
        rng,
        (
            ("市水务局", "城市供水管理办法"),
            ("市市场监督管理局", "电动自行车销售管理规定"),
            ("市教育局", "校外培训机构管理办法"),
            ("市税务局", "纳税信用修复工作规程"),
            ("市铁路建设办公室", "铁路沿线环境安全管理办法"),
        ),
    )
    year = rng.choice((2016, 2019, 2024, 2026))
    m, d = md(rng)
    return Doc(
        title=f"{body}关于公开征求《{rule}（征求意见稿）》意见的公告",
        paragraphs=[
            f"为提高立法质量，广泛听取社会各界意见，现将《{rule}（征求意见稿）》全文公布，公开征求意见。",
            f"公众可于{year}年{m}月{d}日前，通过以下方式提出意见：",
            f"1.电子邮件：{pick(rng, ('zqyj', 'fzk', 'gongkai'))}@{pick(rng, ('sw', 'scjg', 'jyj'))}.gov.cn；",
            f"2.信函：寄至{body}法规科（信封注明“征求意见”）；电话：{landline(rng)}。",
            "感谢您的参与和支持！",
        ],
        closing=[body, f"{year}年{m}月{max(1, d - 10)}日"],
        key_phrases=["公开征求", "征求意见稿"],
    )


@family("b5_clean_case_bulletin", "clean", "txt", "phone-screenshot", "pdf")
def clean_case_bulletin(rng: random.Random, fake: Faker) -> Doc:
    """A health commission's published case bulletin: de-identified 病例 summaries, no names."""
    city, county = pick(rng, COUNTIES)
    year = rng.choice((2003, 2020, 2022))
    m, d = md(rng)
    n = rng.randint(2, 4)
    cases = []
    for i in range(1, n + 1):
        cases.append(
            f"病例{i}：{pick(rng, ('男', '女'))}，{rng.randint(8, 80)}岁，{county}{pick(rng, TOWNS)}居住。"
            f"{m}月{rng.randint(1, d)}日{pick(rng, ('自外地返回', '作为密接者集中隔离', '因发热到医院就诊'))}，"
            f"经{pick(rng, ('核酸检测', '专家组会诊'))}确诊，现在定点医院隔离治疗，病情{pick(rng, ('稳定', '平稳'))}。"
        )
    return Doc(
        title=f"{city}卫生健康委员会关于新增{'非典型肺炎' if year == 2003 else '新冠肺炎'}病例的通报",
        paragraphs=[
            f"{year}年{m}月{d}日0—24时，{city}新增确诊病例{n}例，均在{county}。病例基本情况如下：",
            *cases,
            "请广大市民不信谣、不传谣，做好个人防护。",
        ],
        closing=[f"{city}卫生健康委员会", f"{year}年{m}月{min(28, d + 1)}日"],
        key_phrases=["病例1"],
    )


@family("b5_clean_job_posting", "clean", "txt", "docx", "pdf", "phone-screenshot")
def clean_job_posting(rng: random.Random, fake: Faker) -> Doc:
    """A company's public job posting: duties, requirements, 体检 mentioned, HR contact."""
    company = fake.company()
    post = pick(
        rng,
        ("合规专员", "海关报关员", "税务会计", "铁路信号工", "水利施工员", "网格员（劳务派遣）"),
    )
    m, d = md(rng)
    return Doc(
        title=f"{company}招聘{post}",
        paragraphs=[
            f"招聘人数：{rng.randint(1, 10)}人  工作地点：{pick(rng, COUNTIES)[1]}",
            f"岗位职责：负责{pick(rng, ('公司内控制度执行检查', '进出口货物申报', '月度纳税申报', '线路设备巡检', '工程现场质量安全管理'))}等工作。",
            f"任职要求：{pick(rng, ('大专', '本科'))}及以上学历，{rng.randint(1, 5)}年以上相关经验，身体健康。",
            f"薪资待遇：{rng.randint(4, 9)}000-{rng.randint(10, 16)}000元/月，五险一金，入职体检费用公司承担。",
            f"报名截止：{m}月{d}日。简历请投递至hr@{pick(rng, ('xinyu', 'tongda', 'hengan'))}.com.cn，"
            f"咨询电话{landline(rng)}（{fake.name()[0]}女士）。",
        ],
        key_phrases=["岗位职责", "任职要求"],
    )
