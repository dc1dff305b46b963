# ruff: noqa: E501  (Chinese text data: long lines read better unbroken)
"""Blind evaluation batch 1: document families written without reading the detector or policies.

Each family is a `Template` (split "blind1") whose builder varies people, dates, places, units,
numbers, ordering and optional parts with the seed. Positives cover the six categories (at least
four families each); clean families are hard negatives that share vocabulary or layout with the
positives but are fine to share. `FORMATS` names the formats each kind of document really travels
in (first entry is a text-layer format). Measure once before any tuning (see README.md).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from faker import Faker

from tests.docgen.doc import Doc
from tests.docgen.templates import Template

Builder = Callable[[random.Random, Faker], Doc]

FAMILIES: list[Template] = []
FORMATS: dict[str, tuple[str, ...]] = {}
SPLIT = "blind1"


def family(name: str, label: str, *formats: str) -> Callable[[Builder], Builder]:
    """Register a builder as a blind family with the formats it realistically travels in."""

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

# (prefecture, county, two-character abbreviation used in document numbers)
COUNTIES = [
    ("湘西州", "泸溪县", "泸"),
    ("永州市", "宁远县", "宁"),
    ("铜仁市", "石阡县", "阡"),
    ("曲靖市", "会泽县", "会"),
    ("定西市", "通渭县", "渭"),
    ("临沂市", "莒南县", "莒"),
    ("宣城市", "泾县", "泾"),
    ("九江市", "修水县", "修"),
    ("漳州市", "平和县", "平"),
    ("梧州市", "岑溪市", "岑"),
    ("景德镇市", "乐平市", "乐"),
    ("邵阳市", "邵东市", "邵"),
    ("运城市", "永济市", "永"),
    ("延边州", "敦化市", "敦"),
]
TOWNSHIPS = [
    "龙山镇",
    "白沙乡",
    "城北街道",
    "高桥镇",
    "西门街道",
    "新塘乡",
    "桃源镇",
    "青石岭镇",
    "东关街道",
    "河口乡",
    "马坪镇",
    "金鸡镇",
]
VILLAGES = [
    "张家湾村",
    "石板村",
    "红旗社区",
    "杨柳村",
    "枫树坪村",
    "新民村",
    "上马村",
    "团结社区",
    "花园村",
    "李家坳村",
    "双桥社区",
]
BIG_CITIES = ["武汉", "温州", "上海", "深圳", "广州", "西安", "成都", "郑州", "石家庄", "天津"]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭何高林罗郑梁谢宋唐"


def county(rng: random.Random) -> tuple[str, str, str]:
    return rng.choice(COUNTIES)


def ymd(rng: random.Random, lo: int = 2013, hi: int = 2024) -> tuple[int, int, int]:
    return rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 27)


def cn_date(y: int, m: int, d: int) -> str:
    return f"{y}年{m}月{d}日"


_CN_DIGITS = "〇一二三四五六七八九"


def cn_upper_date(y: int, m: int, d: int | None = None) -> str:
    """二〇二一年五月十二日, as printed on covers and formal 落款."""

    def num(n: int) -> str:
        if n < 10:
            return _CN_DIGITS[n]
        if n == 10:
            return "十"
        if n < 20:
            return "十" + _CN_DIGITS[n % 10]
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")

    s = "".join(_CN_DIGITS[int(c)] for c in str(y)) + "年" + num(m) + "月"
    return s + (num(d) + "日" if d else "")


def person(fake: Faker, year: int, lo: int = 3, hi: int = 88) -> dict[str, str]:
    """A synthetic resident: valid-checksum ID, sex and age consistent with it in `year`."""
    ssn = fake.ssn(min_age=lo + max(0, 2026 - year), max_age=hi + max(0, 2026 - year))
    born = int(ssn[6:10])
    return {
        "name": fake.name(),
        "id": ssn,
        "sex": "男" if int(ssn[16]) % 2 else "女",
        "age": str(max(1, year - born)),
        "born": f"{ssn[6:10]}-{ssn[10:12]}-{ssn[12:14]}",
        "phone": fake.phone_number(),
    }


def landline(rng: random.Random) -> str:
    return f"0{rng.randint(710, 998)}-{rng.randint(2100000, 8899999)}"


def train_or_flight(rng: random.Random) -> str:
    return rng.choice(
        [
            f"G{rng.randint(100, 2999)}",
            f"D{rng.randint(100, 3999)}",
            f"K{rng.randint(100, 1999)}",
            f"{rng.choice(['CZ', 'MU', 'HU', '3U'])}{rng.randint(1000, 8999)}",
            "自驾",
            "长途客车",
        ]
    )


def surname_title(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(["同志", "科长", "主任", "老师"])


# ========================================================================= control_order


@family("b1_xinfang_jiaoban", "control_order", "docx", "pdf", "photo", "pdf-scan")
def xinfang_jiaoban(rng: random.Random, fake: Faker) -> Doc:
    """信访事项交办单: a two-column form handed from the petitions bureau to a township."""
    pref, cty, ab = county(rng)
    y, m, d = ymd(rng, 2014, 2023)
    n = rng.randint(1, 260)
    p = person(fake, y, 25, 80)
    addr = f"{cty}{rng.choice(TOWNSHIPS)}{rng.choice(VILLAGES)}{rng.randint(1, 12)}组"
    issue = rng.choice(
        [
            f"反映{rng.choice(['某建筑公司', '县城某安置小区项目部', '某劳务分包队'])}拖欠其本人及{rng.randint(6, 30)}名工友工资共计{rng.randint(8, 90)}万余元，多次讨要未果",
            f"反映{rng.randint(2008, y - 1)}年修建县道时占用其承包地{rng.randint(1, 5)}.{rng.randint(1, 9)}亩，至今未足额兑付征地补偿款",
            "反映小区旁石料加工厂夜间生产噪音扰民、粉尘污染严重，要求关停",
            "反映所在村村务不公开，低保评定存在优亲厚友问题",
        ]
    )
    due_m, due_d = (m % 12) + 1, rng.randint(1, 28)
    no = rng.choice(
        [f"{ab}信交〔{y}〕第{n:03d}号", f"编号：XF{y}{n:04d}", f"{ab}信办交字〔{y}〕{n}号"]
    )
    undertaker = rng.choice(
        [
            f"{rng.choice(TOWNSHIPS)}人民政府",
            "县住房和城乡建设局",
            "县人力资源和社会保障局",
            "县自然资源局",
        ]
    )
    rows = [
        ["信访人", p["name"]],
        ["联系电话", p["phone"]],
        ["住址", addr],
        ["登记时间", cn_date(y, m, d)],
        ["信访形式", rng.choice(["来访", "来信", "网上信访", "12345热线转办"])],
        ["反映问题", issue],
        ["承办单位", undertaker],
        [
            "交办意见",
            rng.choice(
                [
                    f"请认真调查核实，依法依规妥善处理，并于{due_m}月{due_d}日前将办理结果书面报县信访局。",
                    "请按照“属地管理、分级负责”原则，限期化解，办理情况及信访人评价意见一并报送。",
                ]
            ),
        ],
        ["办理时限", f"{rng.choice([15, 30, 60])}日内办结"],
    ]
    if rng.random() < 0.5:
        rows.insert(0, ["身份证号", p["id"]])
    if rng.random() < 0.5:
        rows.append(["领导批示", f"请{rng.choice(SURNAMES)}副县长督促落实。 {fake.name()} {m}.{d}"])
    closing = [f"{cty}信访局（人民来访接待中心）", cn_date(y, m, d)]
    if rng.random() < 0.6:
        closing.append(f"联系人：{fake.name()}  电话：{landline(rng)}")
    return Doc(
        title=rng.choice(
            [f"{cty}信访事项交办单", "信访事项交办单", f"{pref}{cty}信访件转办交办单"]
        ),
        preamble=[no],
        tables=[rows],
        closing=closing,
        key_phrases=["交办", no],
        identifiers=[p["phone"]] + ([p["id"]] if rows[0][0] == "身份证号" else []),
    )


@family("b1_duban_card", "control_order", "docx", "photo", "pdf")
def duban_card(rng: random.Random, fake: Faker) -> Doc:
    """督查督办通知单 from a county party/government inspection office, with a penalty clause."""
    _pref, cty, ab = county(rng)
    y, m, d = ymd(rng, 2016, 2024)
    topic, items = rng.choice(
        [
            (
                "汛期地质灾害隐患点排查整治",
                [
                    "对辖区内登记在册的地质灾害隐患点逐一落实监测责任人，明确预警信号和撤离路线",
                    "对切坡建房户逐户上门告知，雨季夜间安排专人值守",
                    "于每日18时前通过值班系统报送雨情、险情和转移人员数量",
                ],
            ),
            (
                "生态环境保护督察反馈问题整改",
                [
                    "对反馈清单中涉及本单位的问题建立整改台账，逐项明确整改措施、责任人和完成时限",
                    "对已销号问题开展“回头看”，严防问题反弹",
                    "每周五前报送整改进展，附整改前后对比照片",
                ],
            ),
            (
                "农村危房改造进度滞后问题",
                [
                    "对未开工的改造户逐户分析原因，一户一策制定推进方案",
                    "严禁以发放补助资金代替质量验收",
                    "将开工、竣工、验收和资金拨付情况按周报县住建局",
                ],
            ),
            (
                "秸秆禁烧和综合利用",
                [
                    "落实镇包村、村包组、组包户网格化责任，田间地头安排巡查人员",
                    "对发现的火点须在30分钟内扑灭并查明责任人",
                    "每日火点核查情况于当日17时前报送县禁烧办",
                ],
            ),
        ]
    )
    units = rng.sample(
        [
            "各乡镇人民政府",
            "各街道办事处",
            "县自然资源局",
            "县生态环境分局",
            "县住建局",
            "县农业农村局",
            "县应急管理局",
        ],
        rng.randint(2, 4),
    )
    n = rng.randint(1, 80)
    preamble = []
    if rng.random() < 0.75:
        preamble.append(
            rng.choice(
                [f"{ab}督字〔{y}〕第{n}号", f"{ab}委督〔{y}〕{n}号", f"督办编号：{y}-{n:03d}"]
            )
        )
    if rng.random() < 0.4:
        preamble.insert(0, rng.choice(["特急", "急件"]))
    due = f"{(m % 12) + 1}月{rng.randint(1, 28)}日"
    paras = [
        "、".join(units) + "：",
        rng.choice(
            [
                f"根据县委主要领导批示要求，现将{topic}列为县委县政府重点督办事项。",
                f"近期县委县政府督查室在暗访中发现，部分单位对{topic}工作重视不够、推进迟缓。现就有关事项督办如下：",
            ]
        ),
    ]
    marks = ["一、", "二、", "三、", "四、"]
    for i, it in enumerate(rng.sample(items, len(items))):
        paras.append(f"{marks[i]}{it}。")
    paras.append(f"请于{due}前将落实情况形成书面报告，经主要负责同志签字并加盖公章后报县委督查室。")
    paras.append(
        rng.choice(
            [
                "对逾期未报、敷衍应付或整改不到位的单位，将在全县予以通报批评，并提请县纪委监委启动问责程序。",
                "督办事项办理情况纳入年度绩效考核，对逾期未报的单位予以通报批评。",
                "对工作推进不力的，将约谈单位主要负责人。",
            ]
        )
    )
    tables = []
    if rng.random() < 0.5:
        tables.append(
            [
                ["督办事项", "责任单位", "办结时限", "督办等次"],
                [topic, units[0].replace("各", ""), due, rng.choice(["红色", "黄色", "A级"])],
            ]
        )
    contact = fake.name()
    phone = fake.phone_number()
    return Doc(
        title=rng.choice(["督查督办通知单", "县委县政府督查室督办通知单", "督办通知", ""]) or "",
        preamble=preamble,
        paragraphs=paras,
        tables=tables,
        closing=[
            rng.choice(["中共{c}委督查室  {c}人民政府督查室", "{c}委{c}人民政府督查室"]).format(
                c=cty
            ),
            cn_date(y, m, d),
            f"（督办联系人：{contact}，{phone}）",
        ],
        key_phrases=["督", due],
        identifiers=[phone],
    )


@family("b1_task_split_table", "control_order", "xlsx", "docx", "pdf")
def task_split_table(rng: random.Random, fake: Faker) -> Doc:
    """重点任务分解表: a responsibility table annexed to a work plan, sometimes without a title."""
    _pref, cty, ab = county(rng)
    y = rng.randint(2015, 2024)
    theme, tasks = rng.choice(
        [
            (
                "创建全国文明城市",
                [
                    ("背街小巷环境整治", "清理乱堆乱放、乱搭乱建，补齐路灯和排水设施"),
                    ("农贸市场规范管理", "落实划行归市，设置公益广告和公平秤"),
                    ("公共场所文明引导", "在车站、广场设置志愿服务岗，开展文明交通劝导"),
                    ("未成年人思想道德建设", "校园周边200米内无网吧、游戏厅"),
                    ("测评迎检资料整理", "按测评体系逐项收集整理佐证材料"),
                    ("小区物业管理", "督促物业企业公示收费标准，处理业主投诉"),
                ],
            ),
            (
                "优化营商环境",
                [
                    ("企业开办一网通办", "企业开办时间压缩至1个工作日以内"),
                    ("工程建设项目审批", "一般社会投资项目审批时限压减至30个工作日"),
                    ("涉企违规收费整治", "开展涉企收费专项检查，建立投诉快速处理机制"),
                    ("政务服务好差评", "差评整改率达到100%"),
                    ("清理拖欠企业账款", "建立台账，按季度销号"),
                ],
            ),
            (
                "城乡居民医保参保扩面",
                [
                    ("断缴人员摸排", "比对户籍与参保数据，逐户核实断缴原因"),
                    ("困难群众资助参保", "特困、低保对象参保率达到100%"),
                    ("参保缴费宣传", "每村至少召开1次群众会，张贴缴费二维码"),
                    ("缴费进度调度", "每周通报各乡镇缴费进度"),
                    ("异地参保核查", "核实外出务工人员在外地参保情况"),
                ],
            ),
        ]
    )
    leads = [
        "县委宣传部",
        "县住建局",
        "县市场监管局",
        "县城管执法局",
        "县教育局",
        "县医保局",
        "县政务服务中心",
        "县财政局",
        "县发改局",
    ]
    header = rng.choice(
        [
            ["序号", "工作任务", "具体措施", "牵头单位", "配合单位", "责任人", "完成时限"],
            ["序号", "重点任务", "工作要求", "责任领导", "牵头单位", "责任人", "时间节点"],
            ["编号", "任务事项", "目标要求", "牵头单位", "责任科室", "联络员", "完成时间"],
        ]
    )
    rows = [header]
    picked = rng.sample(tasks, rng.randint(4, len(tasks)))
    for i, (task, req) in enumerate(picked, 1):
        lead = rng.choice(leads)
        when = rng.choice(
            [
                f"{y}年{rng.randint(3, 12)}月底前",
                "长期坚持",
                f"{y}年{rng.randint(3, 12)}月{rng.randint(1, 28)}日前",
                "每月25日前报送进展",
            ]
        )
        row = {
            "序号": str(i),
            "编号": f"{ab}-{i:02d}",
            "工作任务": task,
            "重点任务": task,
            "任务事项": task,
            "具体措施": req,
            "工作要求": req,
            "目标要求": req,
            "牵头单位": lead,
            "配合单位": "、".join(rng.sample([x for x in leads if x != lead], 2)),
            "责任领导": f"{fake.name()}（副县长）",
            "责任科室": rng.choice(["办公室", "综合股", "业务股", "法规股"]),
            "责任人": fake.name(),
            "联络员": f"{fake.name()} {fake.phone_number()}",
            "完成时限": when,
            "时间节点": when,
            "完成时间": when,
        }
        rows.append([row[h] for h in header])
    has_title = rng.random() < 0.6
    paras = []
    if rng.random() < 0.6:
        paras.append(
            rng.choice(
                [
                    "说明：各牵头单位于每月25日前将任务推进情况报县创建办，未按时报送的纳入年度绩效考核扣分。",
                    "各责任单位要对照任务清单倒排工期、挂图作战，县委督查室将定期督查通报。",
                ]
            )
        )
    return Doc(
        title=f"{cty}{y}年{theme}重点任务分解表" if has_title else "",
        preamble=[f"附件{rng.randint(1, 3)}"] if rng.random() < 0.5 else [],
        paragraphs=paras,
        tables=[rows],
        key_phrases=["牵头单位" if "牵头单位" in header else "责任人"],
    )


@family("b1_wechat_order", "control_order", "txt", "phone-screenshot", "screenshot")
def wechat_order(rng: random.Random, fake: Faker) -> Doc:
    """A tasking order typed into a work WeChat group (@所有人, deadline, template, replies)."""
    _pref, _cty, _ab = county(rng)
    town = rng.choice(TOWNSHIPS)
    _y, _m, _d = ymd(rng, 2020, 2024)
    boss = fake.name()
    hh = rng.choice([11, 12, 15, 16, 17, 18])
    email = f"{rng.choice(['zfb', 'fkb', 'yjb', 'dzb'])}{rng.randint(10, 999)}@{rng.choice(['163.com', '126.com', 'qq.com'])}"
    order = rng.choice(
        [
            f"@所有人 【紧急通知】接县指挥部通知，请各村（社区）于今天{hh}:00前将辖区内近14天从{rng.choice(BIG_CITIES)}返回人员名单报送至镇防控办邮箱{email}，模板见群文件，身份证号、电话必须填写完整。",
            f"@所有人 各村支书、主任：今晚至明天有强降雨过程，请立即对辖区内切坡建房户和低洼地带住户组织转移，转移人数于今晚{rng.choice([20, 21, 22])}点前报镇应急办，不得漏报迟报。",
            f"@所有人 根据县里要求，明天上午{rng.randint(8, 10)}点前各村把未接种疫苗人员摸排表（含未接种原因）交到党政办{fake.name()}处，电子版同时发群里。",
            f"@所有人 请各站所、各村今天{hh}点前报送本单位安全生产大检查自查表，加盖公章拍照发群，纸质件明天交安监站。",
        ]
    )
    penalty = rng.choice(
        [
            "逾期未报的，明天早会点名通报。",
            "哪个村没报，村支书直接给我打电话说明情况。",
            "此项工作纳入本月考核，请务必重视！",
            "",
        ]
    )
    group = rng.choice(
        [f"{town}防控工作群", f"{town}村（社区）书记群", f"{town}机关干部群", f"{town}应急值守群"]
    )
    t0 = rng.randint(7, 10)
    lines = [
        f"{group}（{rng.randint(35, 180)}）",
        f"{t0}:{rng.randint(10, 59):02d}",
        f"{boss}：{order}",
    ]
    if penalty:
        lines.append(f"{boss}：{penalty}")
    if rng.random() < 0.5:
        lines.append(
            f"{boss}：[文件] {rng.choice(['附件1：人员信息登记表.xlsx', '模板.xls', '自查表.docx'])}"
        )
    for _ in range(rng.randint(2, 6)):
        lines.append(
            f"{fake.name()}：{rng.choice(['收到', '收到！', '好的，马上落实', '收到，已安排', '1'])}"
        )
    if rng.random() < 0.4:
        lines.append(
            f"{fake.name()}：{rng.choice(['模板在哪里下载？', '只报新增的还是全部？', '纸质的要不要盖章？'])}"
        )
        lines.append(f"{boss}：{rng.choice(['群文件里有', '全部报', '要盖章'])}")
    return Doc(title="", paragraphs=lines, key_phrases=["@所有人"])


@family("b1_meeting_notice_tasks", "control_order", "docx", "pdf", "photo", "txt")
def meeting_notice_tasks(rng: random.Random, fake: Faker) -> Doc:
    """会议通知 whose requirements assign preparation tasks and a reply deadline to units."""
    _pref, cty, ab = county(rng)
    y, m, d = ymd(rng, 2013, 2024)
    topic = rng.choice(
        [
            "全县森林防灭火工作调度会",
            "全县第七次全国人口普查入户登记工作推进会",
            "全县安全生产和消防工作会议",
            "全县义务教育控辍保学工作推进会",
            "全县防汛抗旱工作会议",
            "全县高标准农田建设现场推进会",
        ]
    )
    no_kind = rng.random()
    preamble = []
    if no_kind < 0.35:
        preamble.append(f"{ab}政办函〔{y}〕{rng.randint(1, 150)}号")
    elif no_kind < 0.6:
        preamble.append(f"[{y}]{rng.randint(1, 30)}号")
    md = f"{m}月{d + 1}日"
    paras = [
        rng.choice(
            ["各乡镇人民政府、街道办事处，县直有关单位：", "各乡镇（街道），县直各相关部门："]
        ),
        f"经县人民政府同意，定于{md}召开{topic}。现将有关事项通知如下：",
        f"一、会议时间：{md}（星期{rng.choice('一二三四五')}）{rng.choice(['上午9:00', '下午2:30', '上午8:30'])}，会期半天。",
        f"二、会议地点：{rng.choice(['县行政中心三楼第一会议室', '县委党校报告厅', '县应急指挥中心'])}。",
        "三、参会人员：县政府分管副县长；各乡镇（街道）分管负责同志；县直有关单位主要负责同志。",
        "四、有关要求",
        f"（一）请各乡镇（街道）准备书面汇报材料（不超过{rng.choice([1000, 1500, 2000])}字），重点汇报工作进展、存在问题及下步措施，于{m}月{d}日{rng.choice([12, 17])}时前报县政府办公室{rng.choice(['综合股', '秘书一股', '农业股'])}。",
        f"（二）请参会单位于{m}月{d}日下班前将参会回执报送至邮箱，逾期未报视为不参会，由县政府办公室予以通报。",
        "（三）参会人员不得无故缺席或委托他人参会，确因特殊情况不能参会的，须向县政府主要领导请假。",
    ]
    tables = []
    if rng.random() < 0.6:
        tables.append([["单位", "姓名", "职务", "联系电话"], ["", "", "", ""], ["", "", "", ""]])
    return Doc(
        title=f"关于召开{topic}的通知",
        preamble=preamble,
        paragraphs=paras,
        tables=tables,
        closing=[
            f"{cty}人民政府办公室",
            cn_date(y, m, d - 1 if d > 1 else d),
            f"（联系人：{fake.name()}，电话：{landline(rng)}）",
        ],
        key_phrases=[topic, "回执"],
    )


@family("b1_work_tip_sheet", "control_order", "docx", "pdf", "photo")
def work_tip_sheet(rng: random.Random, fake: Faker) -> Doc:
    """工作提示单 (第N期): a department tells subordinate stations and firms what to check by when."""
    _pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2017, 2024)
    dept, subj, points = rng.choice(
        [
            (
                "应急管理局",
                "高温天气安全生产",
                [
                    "合理调整作业时间，避开11时至15时高温时段露天作业",
                    "危化品储存场所严格落实温湿度监控",
                    "有限空间作业必须先通风、再检测、后作业",
                ],
            ),
            (
                "消防救援大队",
                "节日期间消防安全",
                [
                    "对商场、宾馆、娱乐场所开展一次全面检查",
                    "疏散通道、安全出口保持畅通，严禁锁闭",
                    "落实24小时值班和防火巡查制度",
                ],
            ),
            (
                "住房和城乡建设局",
                "城镇燃气安全",
                [
                    "逐户排查餐饮场所燃气软管老化、私接乱接问题",
                    "督促瓶装液化气经营企业建立用户档案",
                    "发现隐患当场整改，不能整改的停止供气",
                ],
            ),
            (
                "自然资源局",
                "汛期地质灾害防范",
                [
                    "强降雨期间对隐患点实行24小时监测",
                    "提前确定避险场所和转移路线",
                    "险情发生后1小时内报告",
                ],
            ),
        ]
    )
    n = rng.randint(1, 40)
    paras = [
        rng.choice(
            ["各乡镇（街道）安监站，各有关企业：", "各乡镇人民政府、街道办事处，局属各单位："]
        )
    ]
    paras.append(
        f"近期{rng.choice(['全省', '全市', '周边县市'])}接连发生{subj.replace('安全', '')}相关事故。为切实做好{subj}工作，现提示如下："
    )
    for i, p in enumerate(rng.sample(points, len(points)), 1):
        paras.append(f"{i}.{p}。")
    paras.append(
        f"请各单位对照提示内容于{(m % 12) + 1}月{rng.randint(1, 28)}日前完成自查，自查情况表加盖公章后报我局{rng.choice(['办公室', '安全股', '综合股'])}。"
    )
    if rng.random() < 0.7:
        paras.append(
            rng.choice(
                [
                    "未按要求落实的，纳入年度目标考核扣分。",
                    "对提示后仍发生事故的，依法依规从严追责。",
                ]
            )
        )
    return Doc(
        title=f"{cty}{dept}工作提示单",
        preamble=[rng.choice([f"（第{n}期）", f"{y}年第{n}期"])],
        paragraphs=paras,
        closing=[f"{cty}{dept}", cn_date(y, m, d)],
        key_phrases=["工作提示单"],
    )


# ========================================================================= screening_list


@family("b1_chat_returnee_lines", "screening_list", "txt", "phone-screenshot", "docx")
def chat_returnee_lines(rng: random.Random, fake: Faker) -> Doc:
    """Numbered lines pasted into a chat: name, sex, phone, place, date and train back home."""
    _pref, _cty, _ab = county(rng)
    y = rng.choice([2020, 2020, 2021, 2022])
    vil = rng.choice(VILLAGES)
    src = rng.choice(BIG_CITIES)
    m0 = rng.randint(1, 2)
    lines = []
    if rng.random() < 0.6:
        lines.append(
            rng.choice(
                [
                    f"{vil}从{src}返乡人员（{m0}月{rng.randint(20, 28)}日统计）",
                    f"{vil}外地返回人员汇总",
                    f"报{rng.choice(TOWNSHIPS)}防控办：{vil}新增返乡人员",
                ]
            )
        )
    ids = []
    with_id = rng.random() < 0.4
    sep = rng.choice([" ", "，", "  "])
    for i in range(1, rng.randint(5, 11)):
        p = person(fake, y, 8, 75)
        parts = [f"{i}{rng.choice(['.', '、', '．'])}{p['name']}", p["sex"], f"{p['age']}岁"]
        if with_id:
            parts.append(p["id"])
            ids.append(p["id"])
        parts.append(p["phone"])
        ids.append(p["phone"])
        parts.append(f"{vil}{rng.randint(1, 9)}组")
        parts.append(
            f"{m0}月{rng.randint(1, 28)}日从{rng.choice([src, src, rng.choice(BIG_CITIES)])}返回"
        )
        parts.append(train_or_flight(rng))
        if rng.random() < 0.3:
            parts.append(rng.choice(["体温正常", "咳嗽", "已居家隔离", "同行3人"]))
        lines.append(sep.join(parts))
    if rng.random() < 0.5:
        lines.append(
            rng.choice(
                [
                    "以上人员均已告知居家观察14天，每日两次测体温。",
                    "以上均已登记，其中发热的已送县医院发热门诊。",
                ]
            )
        )
    return Doc(paragraphs=lines, key_phrases=["返回"], identifiers=ids)


@family("b1_close_contact_roster", "screening_list", "xlsx", "csv-gbk", "docx", "photo")
def close_contact_roster(rng: random.Random, fake: Faker) -> Doc:
    """密接/次密接人员名单 with ID numbers, linked case and management measure."""
    _pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2021, 2022)
    hdr = rng.choice(
        [
            [
                "序号",
                "姓名",
                "性别",
                "年龄",
                "身份证号码",
                "联系电话",
                "现住址",
                "人员类别",
                "关联病例",
                "末次暴露时间",
                "管控措施",
            ],
            [
                "编号",
                "姓名",
                "性别",
                "证件号码",
                "手机号",
                "居住地址",
                "类别",
                "与病例关系",
                "最后接触日期",
                "隔离方式",
            ],
        ]
    )
    rows = [hdr]
    ids = []
    case = f"病例{rng.randint(1, 40)}"
    for i in range(1, rng.randint(6, 14)):
        p = person(fake, y, 2, 85)
        addr = f"{cty}{rng.choice(TOWNSHIPS)}{fake.street_name()}{rng.randint(1, 200)}号"
        cat = rng.choice(["密接", "密接", "次密接"])
        rel = rng.choice(
            [
                "同住家属",
                "同事",
                "同乘" + train_or_flight(rng),
                "同一餐馆就餐",
                "棋牌室",
                f"{case}的密接",
            ]
        )
        when = f"{m}月{rng.randint(1, 28)}日"
        mea = rng.choice(["集中隔离", "居家隔离", "集中隔离（已转运）"])
        vals = {
            "序号": str(i),
            "编号": f"MJ{i:03d}",
            "姓名": p["name"],
            "性别": p["sex"],
            "年龄": p["age"],
            "身份证号码": p["id"],
            "证件号码": p["id"],
            "联系电话": p["phone"],
            "手机号": p["phone"],
            "现住址": addr,
            "居住地址": addr,
            "人员类别": cat,
            "类别": cat,
            "关联病例": case,
            "与病例关系": rel,
            "末次暴露时间": when,
            "最后接触日期": when,
            "管控措施": mea,
            "隔离方式": mea,
        }
        rows.append([vals[h] for h in hdr])
        ids += [p["id"], p["phone"]]
    title = rng.choice(
        [f"{cty}“{m}·{d}”疫情密接、次密接人员名单", f"{case}相关密切接触者排查名单", ""]
    )
    return Doc(
        title=title,
        preamble=[f"（截至{m}月{d}日{rng.randint(8, 22)}时）"] if rng.random() < 0.5 else [],
        tables=[rows],
        key_phrases=[rows[1][1]],
        identifiers=ids,
    )


@family("b1_health_monitor_register", "screening_list", "xlsx", "docx", "photo", "pdf-scan")
def health_monitor_register(rng: random.Random, fake: Faker) -> Doc:
    """居家健康监测登记表: a week of temperatures per person, mobiles only, no ID numbers."""
    _pref, _cty, _ab = county(rng)
    y, m, d = ymd(rng, 2020, 2022)
    d = min(d, 20)
    days = rng.choice([7, 7, 5])
    hdr = (
        ["序号", "姓名", "联系电话", "住址", "来源地"]
        + [f"{m}/{d + k}" for k in range(days)]
        + ["症状", "备注"]
    )
    rows = [hdr]
    ids = []
    for i in range(1, rng.randint(5, 12)):
        p = person(fake, y, 5, 85)
        temps = [f"{rng.uniform(36.0, 37.1):.1f}" for _ in range(days)]
        sym = rng.choice(["无", "无", "无", "咽痛", "乏力", "咳嗽"])
        rows.append(
            [
                str(i),
                p["name"],
                p["phone"],
                f"{rng.choice(VILLAGES)}{rng.randint(1, 30)}号",
                rng.choice([*BIG_CITIES, "境外（泰国）", "境外（日本）"]),
                *temps,
                sym,
                rng.choice(["", "", "独居老人", "已采样", "孕妇"]),
            ]
        )
        ids.append(p["phone"])
    grid = fake.name()
    return Doc(
        title=rng.choice(
            ["居家健康监测登记表", "重点人员每日健康监测记录表", "居家观察人员体温登记"]
        ),
        preamble=[
            f"{rng.choice(TOWNSHIPS)}{rng.choice(VILLAGES)}    网格员：{grid}    监测期：{m}月{d}日—{m}月{d + days - 1}日"
        ],
        tables=[rows],
        closing=[f"填表人：{grid}", f"联系电话：{fake.phone_number()}"]
        if rng.random() < 0.5
        else [],
        key_phrases=[rows[1][1]],
        identifiers=ids,
    )


@family("b1_isolation_ledger", "screening_list", "xlsx", "csv-gbk", "docx")
def isolation_ledger(rng: random.Random, fake: Faker) -> Doc:
    """集中隔离点人员台账 by room; the header row is sometimes missing (data from the first row)."""
    _pref, _cty, _ab = county(rng)
    y, m, _d = ymd(rng, 2020, 2022)
    hotel = rng.choice(
        ["锦江之星", "城市便捷酒店", "县委党校", "迎宾馆", "温泉山庄", "职业中专学生公寓"]
    )
    hdr = [
        "房间号",
        "姓名",
        "性别",
        "证件号码",
        "手机号码",
        "入住日期",
        "预计解除日期",
        "隔离原因",
        "核酸检测",
    ]
    rows = [hdr] if rng.random() < 0.55 else []
    ids = []
    floor = rng.randint(2, 6)
    for i in range(rng.randint(6, 14)):
        p = person(fake, y, 1, 85)
        din = rng.randint(1, 14)
        rows.append(
            [
                f"{floor}{i + 1:02d}",
                p["name"],
                p["sex"],
                p["id"],
                p["phone"],
                f"{y}-{m:02d}-{din:02d}",
                f"{y}-{m:02d}-{din + rng.choice([7, 10, 14]):02d}",
                rng.choice(["入境", "密接", "次密接", "中高风险地区返回", "时空伴随"]),
                rng.choice(["1次阴性", "2次阴性", "待出结果", "阴性/阴性/阴性"]),
            ]
        )
        ids += [p["id"], p["phone"]]
    return Doc(
        title=rng.choice([f"{hotel}隔离点人员台账", ""]),
        tables=[rows],
        closing=[f"隔离点负责人：{fake.name()}  值班电话：{fake.phone_number()}"]
        if rng.random() < 0.4
        else [],
        key_phrases=[rows[-1][1]],
        identifiers=ids,
    )


@family("b1_vaccine_pending", "screening_list", "xlsx", "csv-gbk", "photo")
def vaccine_pending(rng: random.Random, fake: Faker) -> Doc:
    """未接种人员摸排表: who in each village group has not been vaccinated, and why."""
    _pref, _cty, _ab = county(rng)
    y = rng.choice([2021, 2022])
    vil = rng.choice(VILLAGES)
    hdr = rng.choice(
        [
            [
                "村组",
                "姓名",
                "身份证号",
                "联系电话",
                "年龄",
                "未接种原因",
                "是否禁忌",
                "拟接种时间",
                "包保干部",
            ],
            ["序号", "姓名", "公民身份号码", "电话", "户籍地", "现居地", "原因", "包保责任人"],
        ]
    )
    rows = [hdr]
    ids = []
    for i in range(1, rng.randint(6, 15)):
        p = person(fake, y, 3, 95)
        age = int(p["age"])
        if age < 3:
            reason = "3岁以下"
        elif age >= 70:
            reason = rng.choice(["高血压控制不佳", "长期卧床", "对疫苗有顾虑", "恶性肿瘤化疗中"])
        else:
            reason = rng.choice(
                [
                    "孕期",
                    "哺乳期",
                    "外出务工未返",
                    "对疫苗有顾虑",
                    "恶性肿瘤化疗中",
                    "高血压控制不佳",
                ]
            )
        vals = {
            "村组": f"{vil}{rng.randint(1, 12)}组",
            "序号": str(i),
            "姓名": p["name"],
            "身份证号": p["id"],
            "公民身份号码": p["id"],
            "联系电话": p["phone"],
            "电话": p["phone"],
            "年龄": p["age"],
            "户籍地": vil,
            "现居地": rng.choice([vil, rng.choice(BIG_CITIES)]),
            "未接种原因": reason,
            "原因": reason,
            "是否禁忌": "是" if reason in ("孕期", "恶性肿瘤化疗中") else "否",
            "拟接种时间": rng.choice(["", f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日", "待定"]),
            "包保干部": fake.name(),
            "包保责任人": fake.name(),
        }
        rows.append([vals[h] for h in hdr])
        ids += [p["id"], p["phone"]]
    return Doc(
        title=rng.choice(
            [f"{vil}新冠疫苗未接种人员摸排表", f"{rng.choice(TOWNSHIPS)}未接种人员底数台账", ""]
        ),
        tables=[rows],
        key_phrases=[rows[1][1]],
        identifiers=ids,
    )


# ========================================================================= medical_record

HOSPITALS = [
    "{c}人民医院",
    "{c}中医医院",
    "{p}第二人民医院",
    "{p}中心医院",
    "{c}妇幼保健计划生育服务中心",
    "{p}中西医结合医院",
]


def hospital(rng: random.Random) -> str:
    pref, cty, _ = county(rng)
    return rng.choice(HOSPITALS).format(c=cty, p=pref)


@family("b1_tcm_outpatient", "medical_record", "docx", "pdf", "photo")
def tcm_outpatient(rng: random.Random, fake: Faker) -> Doc:
    """中医门诊病历: 望闻问切 findings (舌象/脉象), 辨证, 治法 and a herbal prescription."""
    y, m, d = ymd(rng, 2014, 2024)
    p = person(fake, y, 18, 80)
    case = rng.choice(
        [
            {
                "cc": f"胃脘胀痛反复{rng.randint(1, 6)}年，加重{rng.randint(3, 10)}天",
                "hpi": "患者多年来饮食不节，每于进食生冷后胃脘胀满隐痛，喜温喜按，纳差，大便溏薄，日行2次",
                "tongue": "舌淡胖，边有齿痕，苔白腻",
                "pulse": "脉濡缓",
                "tcm": "胃痛（脾虚湿阻证）",
                "wm": "慢性非萎缩性胃炎",
                "fa": "健脾化湿，理气止痛",
                "rx": [
                    "党参15g",
                    "炒白术12g",
                    "茯苓15g",
                    "陈皮9g",
                    "法半夏9g",
                    "木香6g（后下）",
                    "砂仁6g（后下）",
                    "炙甘草6g",
                ],
            },
            {
                "cc": f"失眠多梦{rng.randint(2, 12)}月",
                "hpi": "入睡困难，易醒，醒后难以再睡，伴心悸健忘，神疲乏力，面色少华",
                "tongue": "舌淡，苔薄白",
                "pulse": "脉细弱",
                "tcm": "不寐（心脾两虚证）",
                "wm": "睡眠障碍",
                "fa": "补益心脾，养血安神",
                "rx": [
                    "黄芪20g",
                    "当归10g",
                    "龙眼肉10g",
                    "酸枣仁15g",
                    "远志6g",
                    "茯神15g",
                    "木香6g",
                    "炙甘草6g",
                ],
            },
            {
                "cc": f"腰部酸痛伴右下肢放射痛{rng.randint(1, 8)}周",
                "hpi": "劳累后腰痛加重，遇阴雨天明显，右下肢麻木，行走不利",
                "tongue": "舌暗红，有瘀点，苔薄白",
                "pulse": "脉弦涩",
                "tcm": "腰痛（气滞血瘀证）",
                "wm": "腰椎间盘突出症（L4/5）",
                "fa": "活血化瘀，通络止痛",
                "rx": [
                    "桃仁10g",
                    "红花6g",
                    "当归12g",
                    "川芎10g",
                    "牛膝15g",
                    "独活10g",
                    "桑寄生15g",
                    "甘草6g",
                ],
            },
        ]
    )
    hosp = hospital(rng)
    dept = rng.choice(["脾胃病科", "针灸推拿科", "中医内科", "治未病中心", "骨伤科"])
    doc_name = fake.name()
    heads = rng.random() < 0.7
    lab = (lambda k: f"{k}：") if heads else (lambda k: "")
    paras = [
        f"{lab('主诉')}{case['cc']}。",
        f"{lab('现病史')}{case['hpi']}。"
        + rng.choice(["曾自服药物效果不显。", "未系统诊治。", "外院胃镜提示胃窦黏膜充血水肿。"]),
        f"{lab('既往史')}"
        + rng.choice(
            [
                "否认高血压、糖尿病病史，否认药物过敏史。",
                "有高血压病史5年，规律服用氨氯地平。",
                "青霉素过敏。",
            ]
        ),
        f"{lab('望闻切诊')}神清，{rng.choice(['面色萎黄', '面色少华', '面色晦暗'])}，{case['tongue']}，{case['pulse']}。",
        f"{lab('中医诊断')}{case['tcm']}",
        f"{lab('西医诊断')}{case['wm']}",
        f"{lab('治法')}{case['fa']}。",
        f"{lab('处方')}"
        + " ".join(case["rx"])
        + f"  {rng.choice([5, 7, 14])}剂，水煎服，日一剂，早晚分服。",
        f"{lab('医嘱')}"
        + rng.choice(["忌生冷油腻，调畅情志，一周后复诊。", "避风寒，适当锻炼，不适随诊。"]),
    ]
    if not heads:
        paras = [x for x in paras if x]
    patient = [
        f"门诊号：{rng.randint(10**8, 10**9 - 1)}    科别：{dept}    就诊日期：{y}-{m:02d}-{d:02d}",
        f"姓名：{p['name']}  性别：{p['sex']}  年龄：{p['age']}岁  {rng.choice(['职业：教师', '职业：农民', '职业：职员', '职业：个体'])}  电话：{p['phone']}",
    ]
    return Doc(
        title=f"{hosp}门诊病历",
        paragraphs=patient + paras,
        closing=[f"医师签名：{doc_name}"],
        key_phrases=[case["tongue"].split("，")[0], case["tcm"]],
        identifiers=[p["phone"]],
    )


@family("b1_progress_notes_plain", "medical_record", "txt", "docx", "screenshot", "photo")
def progress_notes_plain(rng: random.Random, fake: Faker) -> Doc:
    """病程记录 as a ward doctor types it: dated narrative entries, no section headings at all."""
    y, m, d = ymd(rng, 2015, 2024)
    p = person(fake, y, 35, 90)
    d = min(d, 22)
    doc1, chief = fake.name(), fake.name()
    story = rng.choice(
        [
            (
                f"反复咳嗽、咳痰{rng.randint(5, 20)}年，气促加重{rng.randint(2, 7)}天",
                f"T 37.{rng.randint(5, 9)}℃，P {rng.randint(95, 120)}次/分，R {rng.randint(22, 28)}次/分，BP {rng.randint(120, 160)}/{rng.randint(70, 95)}mmHg，桶状胸，双肺呼吸音低，可闻及散在湿啰音",
                "慢性阻塞性肺疾病急性加重，Ⅱ型呼吸衰竭",
                "予低流量吸氧、头孢哌酮舒巴坦抗感染、多索茶碱解痉平喘、雾化吸入等治疗",
            ),
            (
                f"突发胸痛{rng.randint(2, 8)}小时",
                f"BP {rng.randint(90, 140)}/{rng.randint(60, 90)}mmHg，心率{rng.randint(50, 110)}次/分，律齐，心电图示Ⅱ、Ⅲ、aVF导联ST段抬高",
                "急性下壁心肌梗死",
                "急诊行冠脉造影示右冠近段闭塞，植入支架1枚，术后予双联抗血小板、他汀、低分子肝素治疗",
            ),
            (
                f"多饮、多尿、消瘦{rng.randint(1, 6)}月，恶心呕吐1天",
                f"神志清，精神差，皮肤干燥，呼气有烂苹果味，随机血糖{rng.randint(22, 33)}.{rng.randint(0, 9)}mmol/L，尿酮体（+++）",
                "2型糖尿病，糖尿病酮症酸中毒",
                "予补液、小剂量胰岛素持续静脉泵入、补钾等治疗，每小时监测血糖",
            ),
        ]
    )
    bed = rng.randint(1, 60)
    entries = [
        f"{y}-{m:02d}-{d:02d} {rng.randint(8, 22):02d}:{rng.randint(0, 59):02d}",
        f"患者{p['name']}，{p['sex']}，{p['age']}岁，因“{story[0]}”于今日入院。入院查体：{story[1]}。结合病史及辅助检查，初步考虑{story[2]}。{story[3]}。已向家属交代病情，家属表示理解。",
        f"{doc1}",
        f"{y}-{m:02d}-{d + 1:02d} {rng.randint(8, 11):02d}:{rng.randint(0, 59):02d}",
        f"今日{chief}主任医师查房，患者诉症状较前{rng.choice(['略有', '明显'])}缓解，夜间睡眠可。查体同前。{chief}主任医师指出：诊断明确，继续目前治疗方案，注意监测电解质及肾功能变化，必要时复查胸部CT。",
        f"{doc1}/{chief}",
        f"{y}-{m:02d}-{d + rng.randint(2, 5):02d} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}",
        f"患者病情平稳，{rng.choice(['复查血常规示白细胞', '复查心肌酶示肌钙蛋白', '复查血气分析示pH'])}较前好转，饮食睡眠可，二便正常。今日调整用药，继续观察。",
        f"{doc1}",
    ]
    pre = []
    if rng.random() < 0.6:
        pre.append(
            f"{p['name']}  {rng.choice(['呼吸内科', '心血管内科', '内分泌科', '重症医学科'])}  {bed}床  住院号{rng.randint(100000, 999999)}"
        )
    return Doc(
        preamble=pre,
        paragraphs=entries,
        key_phrases=[story[2].split("，")[0]],
        identifiers=[],
    )


@family("b1_nursing_sheet", "medical_record", "docx", "pdf-scan", "photo", "xlsx")
def nursing_sheet(rng: random.Random, fake: Faker) -> Doc:
    """一般护理记录单: vital signs by time with nursing observations and nurse signatures."""
    y, m, d = ymd(rng, 2016, 2024)
    p = person(fake, y, 20, 92)
    dept = rng.choice(["普外科", "骨科", "神经外科", "肾内科", "老年病科"])
    diag = rng.choice(
        [
            "胆囊结石伴慢性胆囊炎（术后）",
            "右股骨颈骨折",
            "脑出血（基底节区）",
            "慢性肾衰竭（CKD5期）",
            "肺部感染",
        ]
    )
    hdr = [
        "日期",
        "时间",
        "体温℃",
        "脉搏",
        "呼吸",
        "血压mmHg",
        "SpO2%",
        "入量ml",
        "出量ml",
        "病情观察及护理措施",
        "签名",
    ]
    obs = [
        "患者神志清，精神可，诉切口疼痛，VAS评分3分，遵医嘱予止痛处理",
        "切口敷料干燥无渗出，腹腔引流管通畅，引出淡血性液体约20ml",
        "协助翻身拍背，骶尾部皮肤完好，指导床上踝泵运动",
        "夜间睡眠欠佳，予心理疏导，床栏保护",
        "留置导尿通畅，尿色清，尿量正常",
        "遵医嘱静滴抗生素，无不良反应",
    ]
    rows = [hdr]
    nurses = [fake.name() for _ in range(3)]
    for i in range(rng.randint(5, 9)):
        hh = (8 + i * 3) % 24
        rows.append(
            [
                f"{m}-{d + (8 + i * 3) // 24:02d}",
                f"{hh:02d}:00",
                f"{rng.uniform(36.2, 38.4):.1f}",
                str(rng.randint(62, 108)),
                str(rng.randint(16, 24)),
                f"{rng.randint(105, 165)}/{rng.randint(60, 98)}",
                str(rng.randint(92, 100)),
                str(rng.choice([0, 150, 250, 500])),
                str(rng.choice([0, 200, 350, 600])),
                rng.choice(obs),
                rng.choice(nurses),
            ]
        )
    return Doc(
        title=f"{hospital(rng)}护理记录单",
        paragraphs=[
            f"科室：{dept}  床号：{rng.randint(1, 50)}  姓名：{p['name']}  性别：{p['sex']}  年龄：{p['age']}  住院号：{rng.randint(200000, 999999)}",
            f"诊断：{diag}",
        ],
        tables=[rows],
        key_phrases=["护理记录", p["name"]],
    )


@family("b1_checkup_report", "medical_record", "pdf", "docx", "photo")
def checkup_report(rng: random.Random, fake: Faker) -> Doc:
    """Individual 健康体检报告 with ID, findings by department, conclusions and advice."""
    y, m, d = ymd(rng, 2016, 2024)
    p = person(fake, y, 22, 65)
    h = rng.randint(152, 185)
    w = rng.randint(48, 95)
    bmi = w / (h / 100) ** 2
    found = rng.sample(
        [
            ("脂肪肝（轻度）", "腹部彩超：肝实质回声细密增强，后方回声衰减"),
            ("高尿酸血症", f"血尿酸{rng.randint(430, 560)}μmol/L↑"),
            ("甲状腺结节（TI-RADS 3类）", "甲状腺彩超：右叶见一低回声结节，大小约6×4mm"),
            ("血压偏高", f"血压{rng.randint(140, 158)}/{rng.randint(90, 99)}mmHg"),
            ("幽门螺杆菌感染", "C13呼气试验阳性"),
            ("窦性心动过缓", f"心电图：窦性心律，心率{rng.randint(48, 58)}次/分"),
        ],
        rng.randint(2, 4),
    )
    rows = [["检查项目", "结果", "参考范围", "提示"]]
    for item, val, ref in [
        ("空腹血糖", f"{rng.uniform(4.2, 7.4):.2f}", "3.9-6.1 mmol/L"),
        ("总胆固醇", f"{rng.uniform(3.5, 6.8):.2f}", "<5.18 mmol/L"),
        ("甘油三酯", f"{rng.uniform(0.6, 3.9):.2f}", "<1.70 mmol/L"),
        ("谷丙转氨酶", str(rng.randint(10, 90)), "9-50 U/L"),
        ("肌酐", str(rng.randint(50, 110)), "57-111 μmol/L"),
    ]:
        rows.append([item, val, ref, rng.choice(["", "", "↑"])])
    return Doc(
        title=rng.choice(["健康体检报告", "个人健康体检报告", f"{y}年度职工健康体检报告"]),
        preamble=[
            f"体检编号：TJ{y}{rng.randint(10**6, 10**7 - 1)}",
            f"{hospital(rng)}健康管理中心",
        ],
        paragraphs=[
            f"姓名：{p['name']}    性别：{p['sex']}    年龄：{p['age']}岁",
            f"身份证号：{p['id']}    联系电话：{p['phone']}",
            f"单位：{fake.company()}    体检日期：{y}-{m:02d}-{d:02d}",
            f"一般检查：身高{h}cm，体重{w}kg，体重指数{bmi:.1f}。",
            "内科：心肺听诊未见异常，肝脾肋下未触及。  外科：未见明显异常。  眼科：双眼屈光不正。",
            *[f for _, f in found],
            "主检结论：" + "；".join(f"{i}.{c}" for i, (c, _) in enumerate(found, 1)) + "。",
            "健康建议："
            + rng.choice(
                [
                    "低盐低脂饮食，规律运动，控制体重，3-6个月复查。",
                    "戒烟限酒，避免熬夜，相关专科门诊随诊。",
                ]
            ),
        ],
        tables=[rows],
        closing=[f"主检医师：{fake.name()}", f"报告日期：{y}-{m:02d}-{min(28, d + 5):02d}"],
        key_phrases=["主检结论", p["name"]],
        identifiers=[p["id"], p["phone"]],
    )


@family("b1_lab_sheet", "medical_record", "pdf", "photo", "screenshot")
def lab_sheet(rng: random.Random, fake: Faker) -> Doc:
    """检验报告单 (血常规+CRP) from a hospital LIS: patient line, result table, signatures."""
    y, m, d = ymd(rng, 2015, 2024)
    p = person(fake, y, 1, 90)
    rows = [
        rng.choice(
            [
                ["No", "项目", "结果", "", "单位", "参考区间"],
                ["代号", "检验项目", "结果", "提示", "单位", "参考值"],
            ]
        )
    ]
    items = [
        ("WBC", "白细胞计数", rng.uniform(2.8, 16.5), 3.5, 9.5, "10^9/L"),
        ("NEUT%", "中性粒细胞百分比", rng.uniform(38, 92), 40, 75, "%"),
        ("LYM%", "淋巴细胞百分比", rng.uniform(5, 48), 20, 50, "%"),
        ("RBC", "红细胞计数", rng.uniform(3.2, 5.6), 4.3, 5.8, "10^12/L"),
        ("HGB", "血红蛋白", rng.uniform(85, 168), 130, 175, "g/L"),
        ("PLT", "血小板计数", rng.uniform(80, 420), 125, 350, "10^9/L"),
        ("CRP", "C反应蛋白", rng.uniform(0.2, 96), 0, 10, "mg/L"),
    ]
    for i, (code, name, v, lo, hi, unit) in enumerate(items, 1):
        flag = "↑" if v > hi else ("↓" if v < lo else "")
        rows.append(
            [code if rows[0][0] == "代号" else str(i), name, f"{v:.1f}", flag, unit, f"{lo}-{hi}"]
        )
    hosp = hospital(rng)
    return Doc(
        title=f"{hosp}检验报告单",
        paragraphs=[
            f"姓名：{p['name']}  性别：{p['sex']}  年龄：{p['age']}岁  病历号：{rng.randint(10**6, 10**7 - 1)}",
            f"科室：{rng.choice(['发热门诊', '儿科', '急诊内科', '感染科', '呼吸内科病房'])}  床号：{rng.choice(['', str(rng.randint(1, 40))])}  标本：全血  临床诊断：{rng.choice(['发热待查', '肺部感染', '上呼吸道感染', '贫血待查'])}",
        ],
        tables=[rows],
        closing=[
            f"送检医生：{fake.name()}  检验者：{fake.name()}  审核者：{fake.name()}",
            f"采集时间：{y}-{m:02d}-{d:02d} {rng.randint(7, 11):02d}:{rng.randint(0, 59):02d}  报告时间：{y}-{m:02d}-{d:02d} {rng.randint(12, 17):02d}:{rng.randint(0, 59):02d}",
            "*本报告仅对所检标本负责*",
        ],
        key_phrases=["检验报告单", p["name"]],
    )


# ========================================================================= investigation_report


@family("b1_epi_case_form", "investigation_report", "docx", "pdf", "photo")
def epi_case_form(rng: random.Random, fake: Faker) -> Doc:
    """个案流行病学调查表 filled in by a CDC investigator (not only COVID)."""
    _pref, cty, ab = county(rng)
    disease, exposure = rng.choice(
        [
            (
                "布鲁氏菌病",
                f"发病前{rng.randint(1, 3)}个月内从事羊只养殖，曾徒手为母羊接产，家中饲养羊{rng.randint(10, 80)}只，未检疫",
            ),
            (
                "发热伴血小板减少综合征",
                f"发病前2周内多次上山采茶，自述曾被蜱虫叮咬，同村有{rng.randint(1, 3)}人出现类似症状",
            ),
            (
                "登革热",
                f"发病前14天内曾赴{rng.choice(['西双版纳', '柬埔寨', '广州'])}旅游，居住地周边有积水容器",
            ),
            (
                "新型冠状病毒肺炎",
                f"发病前14天内曾乘坐{train_or_flight(rng)}从{rng.choice(BIG_CITIES)}返回，途中与确诊病例同车厢",
            ),
        ]
    )
    y, m, d = ymd(
        rng,
        2014 if disease != "新型冠状病毒肺炎" else 2020,
        2024 if disease != "新型冠状病毒肺炎" else 2022,
    )
    p = person(fake, y, 8, 80)
    d = min(d, 24)
    addr = f"{cty}{rng.choice(TOWNSHIPS)}{rng.choice(VILLAGES)}{rng.randint(1, 10)}组"
    contacts = [["姓名", "关系", "联系电话", "接触方式", "末次接触时间"]]
    ids = [p["id"], p["phone"]]
    for _ in range(rng.randint(2, 5)):
        c = person(fake, y, 3, 80)
        contacts.append(
            [
                c["name"],
                rng.choice(["配偶", "子女", "父亲", "母亲", "同事", "邻居"]),
                c["phone"],
                rng.choice(["同住", "共同就餐", "同车", "同一工作场所"]),
                f"{m}月{d + rng.randint(0, 3)}日",
            ]
        )
        ids.append(c["phone"])
    rows = [
        ["患者姓名", p["name"], "性别", p["sex"]],
        ["身份证号", p["id"], "年龄", p["age"]],
        [
            "职业",
            rng.choice(["农民", "牧民", "学生", "个体经营", "快递员"]),
            "联系电话",
            p["phone"],
        ],
        ["现住址", addr, "", ""],
        [
            "发病日期",
            f"{y}-{m:02d}-{d:02d}",
            "首诊日期",
            f"{y}-{m:02d}-{d + rng.randint(1, 4):02d}",
        ],
        ["首诊单位", hospital(rng), "诊断", disease],
        [
            "临床表现",
            rng.choice(
                [
                    "发热（最高39.2℃）、乏力、关节酸痛、多汗",
                    "发热、头痛、恶心、牙龈出血",
                    "发热、咳嗽、咽痛、肌肉酸痛",
                ]
            ),
            "",
            "",
        ],
        ["流行病学史", exposure, "", ""],
    ]
    return Doc(
        title=rng.choice([f"{disease}病例个案调查表", f"{disease}个案流行病学调查表"]),
        preamble=[f"病例编号：{ab}{y}{rng.randint(1, 999):03d}"],
        paragraphs=[
            rng.choice(
                ["（密切接触者登记见第二表）", "一、基本情况及流行病学史  二、密切接触者登记", ""]
            )
        ],
        tables=[rows, contacts],
        closing=[
            f"调查单位：{cty}疾病预防控制中心",
            f"调查者：{fake.name()}、{fake.name()}",
            f"调查日期：{y}年{m}月{d + 4}日",
        ],
        key_phrases=["调查", "流行病学史"],
        identifiers=ids,
    )


@family("b1_trajectory_check", "investigation_report", "xlsx", "docx", "photo")
def trajectory_check(rng: random.Random, fake: Faker) -> Doc:
    """行程轨迹核查表: one person's movements, how each was verified, and what is still open."""
    _pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2020, 2022)
    d = min(d, 18)
    p = person(fake, y, 16, 75)
    rows = [
        rng.choice(
            [
                ["日期", "时间段", "活动地点", "交通方式", "同行/接触人员", "核实方式", "核实情况"],
                ["日期", "时段", "场所", "出行方式", "接触者", "核查手段", "结论"],
            ]
        )
    ]
    places = [
        f"{cty}{rng.choice(['华联超市', '步步高超市', '人民路菜市场', '县汽车站', '喜洋洋火锅店', '星光KTV', '中心幼儿园门口'])}",
        f"{rng.choice(TOWNSHIPS)}{rng.choice(VILLAGES)}家中",
        f"{cty}{rng.choice(['人民医院发热门诊', '中医院', '某药店'])}",
        f"{rng.choice(['工地', '公司', '厂区'])}（{fake.company()}）",
    ]
    for k in range(rng.randint(4, 8)):
        rows.append(
            [
                f"{m}月{d + k // 2}日",
                rng.choice(["08:00-09:30", "12:10-13:00", "18:30-21:00", "全天", "约15时"]),
                rng.choice(places),
                rng.choice(["步行", "私家车", "电动车", "公交3路", "出租车"]),
                rng.choice(["无", "家人3人", f"{fake.name()}（朋友）", "同事约10人", "不详"]),
                rng.choice(["本人自述", "通信大数据", "视频监控", "场所码记录", "询问同行人"]),
                rng.choice(["已核实", "已核实", "待核实", "与自述不符"]),
            ]
        )
    return Doc(
        title=rng.choice(
            ["行程轨迹核查表", f"{cty}涉疫人员活动轨迹核查登记表", "重点人员轨迹核查情况"]
        ),
        preamble=[
            f"核查对象：{p['name']}  {p['sex']}  {p['age']}岁  身份证：{p['id']}  电话：{p['phone']}"
        ],
        tables=[rows],
        closing=[
            f"核查结论：该人员{m}月{d}日至{m}月{d + 3}日活动轨迹已基本查清，涉及公共场所{rng.randint(2, 6)}处，"
            + rng.choice(
                [
                    "其中1处与本人自述不符，需进一步调取视频核实。",
                    "尚有部分时段轨迹待通信大数据比对。",
                    "暂未发现隐瞒行程情况。",
                ]
            ),
            f"核查人：{fake.name()}、{fake.name()}",
            f"核查时间：{y}年{m}月{d + 4}日",
        ],
        key_phrases=["核查", p["name"]],
        identifiers=[p["id"], p["phone"]],
    )


@family("b1_accident_report", "investigation_report", "docx", "pdf")
def accident_report(rng: random.Random, fake: Faker) -> Doc:
    """生产安全事故调查报告 drafted by the investigation team, naming victim and responsible staff."""
    _pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2013, 2024)
    co = fake.company()
    kind, story, cause = rng.choice(
        [
            (
                "有限空间中毒",
                "进入污水池清理淤泥时吸入硫化氢中毒倒地，另一名工友盲目施救亦中毒",
                "未执行“先通风、再检测、后作业”要求，未配备正压式空气呼吸器",
            ),
            (
                "起重伤害",
                "汽车吊起吊钢筋笼时吊索断裂，钢筋笼坠落砸中在下方指挥的作业人员",
                "吊索具磨损超标未报废，作业人员违章在吊物下方停留",
            ),
            (
                "机械伤害",
                "清理搅拌机时设备被他人误启动，作业人员右臂被卷入",
                "未执行停机挂牌上锁制度，安全教育培训流于形式",
            ),
            (
                "高处坠落",
                "在彩钢瓦屋面更换采光板时踩破采光板从约8米高处坠落",
                "未系安全带，屋面下方未设置安全网",
            ),
        ]
    )
    v = person(fake, y, 25, 62)
    mgr, safety = fake.name(), fake.name()
    loss = rng.randint(80, 460)
    paras = [
        f"{y}年{m}月{d}日{rng.randint(8, 17)}时许，{co}发生一起{kind}事故，造成{rng.choice(['1人死亡', '1人死亡、1人受伤', '2人死亡'])}，直接经济损失约{loss}万元。依据《生产安全事故报告和调查处理条例》，{cty}人民政府成立了由应急管理局牵头，公安局、总工会、工业和信息化局等单位参加的事故调查组。",
        "一、事故单位基本情况",
        f"{co}成立于{rng.randint(2003, y - 1)}年，法定代表人{mgr}，安全管理员{safety}，现有员工{rng.randint(20, 300)}人。",
        "二、事故发生经过及救援情况",
        f"当日，作业人员{v['name']}（{v['sex']}，{v['age']}岁，身份证号{v['id']}）等人{story}。现场人员拨打120，伤者送{hospital(rng)}抢救。",
        "三、事故原因",
        f"直接原因：{cause}。间接原因：企业安全生产主体责任不落实，安全管理制度和操作规程不健全。",
        "四、责任认定及处理建议",
        f"1.{mgr}，法定代表人，未履行主要负责人安全生产职责，建议由{cty}应急管理局依法给予行政处罚。",
        f"2.{safety}，安全管理员，未及时发现和制止违章作业，建议由企业按内部规定予以辞退。",
        f"3.{rng.choice(TOWNSHIPS)}安监站对辖区企业监督检查不到位，建议责令作出书面检查。",
        "五、防范和整改措施",
        "（略）",
    ]
    return Doc(
        title=f"{co}“{m}·{d}”{kind}事故调查报告",
        preamble=[rng.choice(["（调查组审议稿）", "（报县政府审批稿）", ""])],
        paragraphs=paras,
        closing=[f"{co}“{m}·{d}”{kind}事故调查组", cn_date(y, (m % 12) + 1, d)],
        key_phrases=["事故调查", "责任认定"],
        identifiers=[v["id"]],
    )


@family("b1_preliminary_event", "investigation_report", "docx", "txt", "phone-screenshot")
def preliminary_event(rng: random.Random, fake: Faker) -> Doc:
    """初步调查情况 of an online-rumour incident, unverified, with people named and open questions."""
    _pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2016, 2024)
    a, b = person(fake, y, 20, 70), person(fake, y, 20, 70)
    event, detail = rng.choice(
        [
            (
                "网传学生在校食堂就餐后集体腹泻",
                f"{rng.randint(12, 40)}名学生于{m}月{d}日午餐后出现腹痛、腹泻，其中{rng.randint(2, 6)}人在{hospital(rng)}留观",
            ),
            (
                "网传某小区业主与物业人员冲突致伤",
                f"业主{a['name']}与物业保安{b['name']}因车辆进出发生口角并互相推搡，{a['name']}头部擦伤",
            ),
            (
                "网传某医院延误救治致患者死亡",
                f"患者{a['name']}（{a['age']}岁）于{m}月{d}日凌晨送医，家属{b['name']}称候诊超过2小时",
            ),
            (
                "网传某镇村干部截留救灾物资",
                f"村民{a['name']}在短视频平台发布视频称{rng.choice(VILLAGES)}村干部{b['name']}私分救灾大米",
            ),
        ]
    )
    status = rng.choice(["（未经核定）", "（初稿，未经核定，请勿转发）", "（仅供领导参阅）", ""])
    paras = [
        f"{m}月{d}日{rng.randint(9, 23)}时，县网信办监测到{rng.choice(['抖音', '微博', '本地论坛', '微信群'])}出现“{event}”相关帖文，截至{m}月{d + 1}日累计阅读量{rng.randint(2, 90)}万。接报后，{rng.choice(['县委宣传部', '县卫健局', '县教育局', '县公安局'])}会同属地立即开展调查，现将初步情况报告如下：",
        f"一、基本情况。经初步了解，{detail}。",
        f"二、当事人情况。{a['name']}，{a['sex']}，{a['age']}岁，联系电话{a['phone']}；{b['name']}，{b['sex']}，{b['age']}岁，联系电话{b['phone']}。",
        "三、存在的疑点。"
        + rng.choice(
            ["发帖人身份及动机尚未查明；", "现场监控部分时段缺失；", "双方陈述存在较大出入；"]
        )
        + rng.choice(["相关检测结果预计3日后出具。", "涉事人员尚在配合调查。"]),
        "四、下一步工作。继续核查事实，做好当事人及家属稳控工作，统一口径回应关切，适时发布权威信息。",
        rng.choice(["以上情况尚在进一步核实中，请勿外传。", "有新情况将及时续报。"]),
    ]
    return Doc(
        title=f"关于“{event}”的初步调查情况{status}",
        paragraphs=paras,
        closing=[
            rng.choice([f"{cty}{rng.choice(['联合调查组', '网络舆情处置专班'])}", "调查组"]),
            cn_date(y, m, d + 1),
        ],
        key_phrases=["初步调查", event],
        identifiers=[a["phone"], b["phone"]],
    )


@family("b1_discipline_check", "investigation_report", "docx", "pdf")
def discipline_check(rng: random.Random, fake: Faker) -> Doc:
    """初步核实情况报告 on allegations against a named official, with findings and proposals."""
    _pref, _cty, _ab = county(rng)
    y, m, d = ymd(rng, 2015, 2024)
    who = fake.name()
    post = rng.choice(
        ["镇党委副书记", "村党支部书记", "县农业农村局副局长", "镇财政所所长", "学校后勤主任"]
    )
    claims = rng.sample(
        [
            (
                "违规收受礼金",
                f"经核实，{who}于{y - 1}年春节期间收受辖区{rng.randint(2, 6)}名工程承包人礼金共计{rng.randint(1, 5)}.{rng.randint(0, 9)}万元，基本属实",
            ),
            (
                "优亲厚友办理低保",
                f"经调阅档案、走访群众，其亲属{fake.name()}家庭不符合低保条件而被纳入，部分属实",
            ),
            ("公车私用", "经调取车辆GPS记录，发现该车周末行驶至其老家共3次，属实"),
            ("插手工程项目", "经询问项目业主及施工方，未发现其插手项目的证据，不属实"),
        ],
        rng.randint(2, 3),
    )
    paras = [
        f"根据{rng.choice(['县纪委常委会', '委主要领导'])}批示，第{rng.choice('一二三四')}纪检监察室成立核实组，于{y}年{m}月{d}日至{m}月{min(28, d + 20)}日对反映{post}{who}的问题线索进行了初步核实。现将有关情况报告如下：",
        f"一、被反映人基本情况：{who}，{rng.choice(['男', '女'])}，{rng.randint(1965, 1988)}年出生，{rng.choice(['中共党员', '中共党员，大学学历'])}，现任{post}。",
        "二、反映的主要问题及核实情况",
    ]
    for i, (c, f) in enumerate(claims, 1):
        paras.append(f"（{'一二三'[i - 1]}）反映其{c}的问题。{f}。")
    paras.append("三、核实结论及处理建议")
    paras.append(
        rng.choice(
            [
                f"{who}的行为违反了廉洁纪律，建议予以立案审查调查。",
                f"建议对{who}进行谈话函询，责令其作出书面说明。",
                "建议予以了结，并向反映人做好反馈。",
            ]
        )
    )
    return Doc(
        title=f"关于{who}同志问题线索初步核实情况的报告",
        paragraphs=paras,
        closing=[
            f"核实组组长：{fake.name()}",
            f"成员：{fake.name()}、{fake.name()}",
            cn_date(y, m, min(28, d + 22)),
        ],
        key_phrases=["核实", who],
    )


# ========================================================================= internal_material


@family("b1_meeting_minutes", "internal_material", "docx", "pdf", "photo")
def meeting_minutes(rng: random.Random, fake: Faker) -> Doc:
    """专题会议纪要 (第N期): who attended, what was decided and who carries each decision."""
    pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2013, 2024)
    host = fake.name()
    org = rng.choice(
        [
            f"{cty}人民政府",
            f"{cty}卫生健康局",
            f"{fake.company()}",
            f"{pref}城市投资发展集团有限公司",
        ]
    )
    subject, decisions = rng.choice(
        [
            (
                "老旧小区改造资金缺口",
                [
                    "由县财政局牵头测算资金缺口，{n}日内提出平衡方案",
                    "由住建局对已开工项目进行审计，暂停拨付超概算部分",
                    "同意从土地出让收益中统筹{k}万元，专项用于第一批项目",
                ],
            ),
            (
                "县人民医院新院区搬迁",
                [
                    "搬迁时间初定于{mm}月，具体日期待设备调试完成后另行研究",
                    "原院区土地暂不处置，由国资中心代管",
                    "对外宣传口径由宣传部统一把关，未经同意不得擅自发布",
                ],
            ),
            (
                "二〇二四年度中层干部调整",
                [
                    "原则同意{p1}任办公室主任，{p2}交流至营销中心",
                    "拟提拔人选在党委会研究前严格保密",
                    "考察工作由组织人事部负责，{n}日内完成",
                ],
            ),
            (
                "信访积案化解",
                [
                    "对涉及{k}户的安置房办证问题，由自然资源局牵头，年底前完成",
                    "对{p1}等重点信访人落实一对一包保",
                    "敏感时期实行日报告、零报告制度",
                ],
            ),
        ]
    )
    fill = {
        "n": rng.randint(5, 30),
        "k": rng.randint(30, 900),
        "mm": rng.randint(1, 12),
        "p1": fake.name(),
        "p2": fake.name(),
    }
    paras = [
        f"{y}年{m}月{d}日，{host}{rng.choice(['主持召开专题会议', '在三楼会议室主持召开会议'])}，研究{subject}有关问题。会议议定事项纪要如下：",
    ]
    for i, t in enumerate(decisions, 1):
        paras.append(f"{'一二三四'[i - 1]}、{t.format(**fill)}。")
    paras.append(f"出席：{'、'.join(fake.name() for _ in range(rng.randint(3, 6)))}")
    paras.append(
        f"列席：{rng.choice(['县财政局、住建局、自然资源局负责同志', '办公室、财务部、组织人事部负责人', '相关科室负责人'])}"
    )
    paras.append(f"记录：{fake.name()}")
    pre = [f"第{rng.randint(1, 60)}期"]
    if rng.random() < 0.5:
        pre.insert(0, rng.choice(["内部资料", "（内部传阅，不得外传）", "仅供参会人员"]))
    return Doc(
        title=f"{org}专题会议纪要",
        preamble=pre,
        paragraphs=paras,
        closing=[
            f"分送：{rng.choice(['各位领导，各相关单位', '班子成员，各部门'])}",
            f"{org.replace('人民政府', '政府')}办公室  {cn_date(y, m, min(28, d + 2))}印发",
        ],
        key_phrases=["会议纪要", subject],
    )


@family("b1_report_outline", "internal_material", "docx", "pdf", "txt")
def report_outline(rng: random.Random, fake: Faker) -> Doc:
    """工作汇报提纲 for a leader's visit, marked 本材料未经审定，不得对外公开 (line or page header)."""
    _pref, cty, _ab = county(rng)
    _y, m, d = ymd(rng, 2014, 2024)
    topic = rng.choice(["脱贫攻坚", "乡村振兴", "疫情防控", "安全生产", "信访维稳", "招商引资"])
    mark = rng.choice(
        ["本材料未经审定，不得对外公开", "内部汇报材料 未经审定 请勿外传", "（初稿，未经审定）"]
    )
    where = rng.random()
    paras = [
        f"尊敬的{rng.choice(['市委督导组', '省检查组', '市政府调研组'])}各位领导：",
        "一、基本情况",
        f"今年以来，我县{topic}工作共投入资金{rng.randint(800, 9000)}万元，完成{rng.randint(3, 40)}个重点项目，群众满意度{rng.randint(86, 98)}%。",
        "二、存在的主要问题",
        rng.choice(
            [
                f"一是部分乡镇工作进度不均衡，{rng.choice(TOWNSHIPS)}、{rng.choice(TOWNSHIPS)}排名靠后；二是资金拨付滞后，尚有{rng.randint(200, 1500)}万元未到位；三是基层干部力量薄弱。",
                f"一是历史遗留问题较多，{rng.randint(3, 20)}件积案尚未化解；二是个别单位存在应付检查的情况；三是群众参与度不高。",
            ]
        ),
        "三、下一步打算",
        "（一）压实责任。（二）加强督查。（三）补齐短板。",
        f"四、需要上级帮助解决的问题：恳请上级在{rng.choice(['项目资金', '用地指标', '人员编制'])}方面给予倾斜支持。",
    ]
    pre = [mark] if where < 0.6 else []
    return Doc(
        title=f"{cty}{topic}工作情况汇报提纲",
        preamble=pre,
        header=mark if where >= 0.6 else "",
        paragraphs=paras,
        closing=[f"（{rng.choice(['县委办', '县政府办', '县委督查室'])}，{m}月{d}日）"],
        key_phrases=["汇报提纲", "未经审定" if "未经审定" in mark else mark],
    )


@family("b1_internal_briefing", "internal_material", "pdf", "docx", "photo")
def internal_briefing(rng: random.Random, fake: Faker) -> Doc:
    """工作简报 (内部刊物 注意保存) with several short items and a 报/送/发 distribution block."""
    _pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2013, 2024)
    area = rng.choice(["防汛抗旱", "疫情防控", "文明创建", "森林防火", "审计", "项目建设"])
    n = rng.randint(1, 120)
    items = [
        f"【工作动态】{rng.choice(TOWNSHIPS)}创新“{rng.choice(['院坝会', '屋场会', '网格+'])}”工作法，{rng.randint(3, 15)}天内完成全镇{rng.randint(1000, 9000)}户摸排。",
        f"【问题通报】{m}月{d}日，县督查组对{rng.randint(4, 12)}个单位进行暗访，发现{rng.choice(TOWNSHIPS)}值班人员脱岗、{rng.choice(['县水利局', '县林业局', '县交通局'])}台账不全等问题，已责令限期整改。",
        f"【领导批示】县委书记{fake.name()}在第{rng.randint(1, 40)}期简报上批示：要以问题为导向，举一反三，坚决防止类似问题再次发生。",
        f"【数据通报】截至{m}月{d}日，全县累计{rng.choice(['排查隐患', '完成任务', '处置警情'])}{rng.randint(100, 5000)}{rng.choice(['处', '项', '起'])}，整改率{rng.randint(70, 99)}%。",
    ]
    rng.shuffle(items)
    marks = rng.choice([["内部刊物", "注意保存"], ["内部资料", "注意保存"], ["内部刊物 注意保存"]])
    return Doc(
        title=f"{area}工作简报",
        preamble=[*marks, f"第{n}期", f"{cty}{area}指挥部办公室编            {cn_date(y, m, d)}"],
        paragraphs=items,
        closing=[
            "报：市指挥部，县委、县人大、县政府、县政协主要领导",
            "送：县委、县政府分管领导",
            "发：各乡镇（街道），县直各单位",
            f"（共印{rng.randint(30, 200)}份）",
        ],
        key_phrases=["内部", "简报"],
    )


@family("b1_speech_draft", "internal_material", "docx", "pdf", "txt")
def speech_draft(rng: random.Random, fake: Faker) -> Doc:
    """领导讲话稿（送审稿/代拟稿）before delivery: title, speaker line, 同志们 and the draft body."""
    _pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2013, 2024)
    meeting = rng.choice(
        [
            "全县经济工作会议",
            "全县干部作风建设大会",
            "全县安全生产工作会议",
            "全县教育工作会议",
            "全县农村人居环境整治现场会",
        ]
    )
    status = rng.choice(["（送审稿）", "（代拟稿）", "（第三稿）", "（征求意见稿）"])
    leader = fake.name()
    paras = [
        f"（{y}年{m}月{d}日）",
        rng.choice(["县委书记", "县长", "县委副书记", "常务副县长"]) + f"  {leader}",
        "同志们：",
        f"今天召开{meeting}，主要任务是总结去年工作，分析当前形势，部署今年任务。刚才，{rng.choice(['几位同志作了表态发言', '会议通报了考核结果'])}，讲得都很好，我完全同意。下面，我再讲三点意见。",
        f"一、正视差距，切实增强{rng.choice(['紧迫感', '责任感', '危机感'])}。去年我县{rng.choice(['GDP增速', '财政收入', '项目投资'])}在全市排名第{rng.randint(5, 12)}位，【此处待统计局核实数据】，与先进县市相比差距明显。",
        "二、突出重点，全力以赴抓好落实。要抓项目、抓产业、抓环境……（待补充）",
        f"三、强化保障，确保各项任务落地见效。对工作不力的，{rng.choice(['要严肃追责问责', '年底考核一票否决'])}。",
        "同志们，……让我们……（结尾待定）",
    ]
    return Doc(
        title=f"在{meeting}上的讲话{status}",
        preamble=[rng.choice(["", "讲话稿", f"{cty}委办公室"])] if rng.random() < 0.5 else [],
        paragraphs=paras,
        key_phrases=[status.strip("（）")],
    )


@family("b1_internal_rules_draft", "internal_material", "docx", "pdf")
def internal_rules_draft(rng: random.Random, fake: Faker) -> Doc:
    """An internal 管理办法 in 讨论稿/征求意见稿 form, circulated to departments for comments."""
    pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2015, 2024)
    org = rng.choice([f"{cty}财政局", fake.company(), f"{pref}中心医院", f"{cty}第一中学"])
    rule, arts = rng.choice(
        [
            (
                "公务用车使用管理办法",
                [
                    "公务用车实行统一管理、集中调度",
                    "车辆使用须经分管领导审批，填写派车单",
                    "严禁公车私用、公车私驾",
                    "节假日车辆一律封存于指定地点",
                ],
            ),
            (
                "绩效工资分配实施细则",
                [
                    "绩效工资分为基础性和奖励性两部分",
                    "奖励性绩效按岗位系数和考核结果分配",
                    "中层干部系数为1.3，一般职工为1.0",
                    "考核不合格者不得发放奖励性绩效",
                ],
            ),
            (
                "员工考勤与请休假管理规定",
                [
                    "实行上下班指纹打卡制度",
                    "迟到三次按旷工半天处理",
                    "病假须提供二级以上医院证明",
                    "年休假由部门统筹安排",
                ],
            ),
        ]
    )
    mark = rng.choice(["讨论稿", "征求意见稿", "（内部征求意见稿）", "初稿 仅供讨论"])
    pos = rng.random()
    paras = []
    for i, a in enumerate(arts, 1):
        paras.append(f"第{'一二三四五六'[i - 1]}条  {a}。")
    paras.append(
        f"第{'一二三四五六七'[len(arts)]}条  本办法自印发之日起施行，由{rng.choice(['办公室', '人事科', '财务部'])}负责解释。"
    )
    if rng.random() < 0.6:
        paras.insert(
            0,
            f"（请各科室于{(m % 12) + 1}月{rng.randint(1, 28)}日前将修改意见反馈至办公室，逾期视为无意见。）",
        )
    return Doc(
        title=f"{org}{rule}" + (f"（{mark.strip('（）')}）" if pos < 0.5 else ""),
        preamble=[mark] if pos >= 0.5 else [],
        header=mark if pos >= 0.8 else "",
        paragraphs=paras,
        closing=[f"{org}{rng.choice(['办公室', '综合科'])}起草", cn_date(y, m, d)],
        key_phrases=[rule],
    )


# ========================================================================= classified

ORDINARY_BODIES = [
    (
        "关于做好{y}年度征兵体检工作的通知",
        [
            "各乡镇人民武装部，县卫生健康局、县人民医院：",
            "为做好今年征兵体检工作，现将有关事项通知如下：",
            "一、体检时间：{m}月{d}日至{m}月{d2}日。",
            "二、体检地点：县人民医院体检中心。",
            "三、各乡镇按分配名额组织应征青年按时参检，不得漏检。",
        ],
    ),
    (
        "关于{y}年第{q}季度重点目标防护情况的报告",
        [
            "县人民政府：",
            "本季度，我办对全县{n}处重点目标防护情况进行了检查，总体情况良好。",
            "存在问题：{n2}处目标周边新建建筑影响防护距离。",
            "下一步将会同自然资源部门进行规划核查。",
        ],
    ),
    (
        "关于调整县应急通信保障预案有关事项的通知",
        [
            "各成员单位：",
            "根据上级要求，对县应急通信保障预案作如下调整：",
            "一、备用指挥所由县人武部调整至县委党校。",
            "二、卫星电话由各成员单位专人保管，每月测试一次。",
        ],
    ),
    (
        "关于{y}年度粮食储备轮换计划的请示",
        [
            "县人民政府：",
            "我县现有县级储备粮{n}万吨，其中{n2}万吨储存年限已满三年，拟于{m}月启动轮换。",
            "妥否，请批示。",
        ],
    ),
]


def _ordinary(rng: random.Random, y: int, m: int, d: int) -> tuple[str, list[str]]:
    title, paras = rng.choice(ORDINARY_BODIES)
    fill = {
        "y": y,
        "m": m,
        "d": d,
        "d2": min(28, d + 5),
        "q": rng.choice("一二三四"),
        "n": rng.randint(10, 90),
        "n2": rng.randint(1, 9),
    }
    return title.format(**fill), [p.format(**fill) for p in paras]


def _secret_mark(rng: random.Random) -> str:
    level = rng.choice(["秘密", "秘密", "机密", "绝密"])
    terms = {
        "秘密": ["6个月", "1年", "2年", "5年", "10年"],
        "机密": ["5年", "10年", "20年"],
        "绝密": ["30年", "长期"],
    }[level]
    return rng.choice([f"{level}★{rng.choice(terms)}", f"{level}★{rng.choice(terms)}", level])


@family("b1_secret_top_line", "classified", "docx", "pdf", "photo")
def secret_top_line(rng: random.Random, fake: Faker) -> Doc:
    """Secrecy mark as the first line at the top left, otherwise an ordinary notice."""
    _pref, cty, ab = county(rng)
    y, m, d = ymd(rng, 2013, 2024)
    mark = _secret_mark(rng)
    title, paras = _ordinary(rng, y, m, d)
    pre = [mark]
    if rng.random() < 0.5:
        pre.append(f"{ab}{rng.choice(['政发', '武发', '应急', '粮'])}〔{y}〕{rng.randint(1, 90)}号")
    return Doc(
        title=title,
        preamble=pre,
        paragraphs=paras,
        closing=[
            f"{cty}{rng.choice(['人民政府', '人民武装部', '应急管理局', '发展和改革局'])}",
            cn_date(y, m, d),
        ],
        key_phrases=[mark],
    )


@family("b1_secret_header_only", "classified", "docx", "pdf")
def secret_header_only(rng: random.Random, fake: Faker) -> Doc:
    """The mark appears only in the page header; the body looks like any work report."""
    _pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2013, 2024)
    mark = _secret_mark(rng)
    title, paras = _ordinary(rng, y, m, d)
    return Doc(
        title=title,
        paragraphs=paras,
        header=rng.choice(
            [
                mark,
                f"{mark}    {cty}{rng.choice(['国家保密局', '人民武装部', '发改局'])}",
                f"密级：{mark}",
            ]
        ),
        footer=f"— {rng.randint(1, 3)} —",
        closing=[
            f"{cty}{rng.choice(['国防动员办公室', '人民武装部', '发展和改革局'])}",
            cn_date(y, m, d),
        ],
        key_phrases=[mark],
    )


@family("b1_fenhao_line", "classified", "docx", "pdf-scan", "photo", "pdf")
def fenhao_line(rng: random.Random, fake: Faker) -> Doc:
    """Mark printed on the 份号 line of a red-header document (份号 / 密级 / 缓急)."""
    _pref, cty, ab = county(rng)
    y, m, d = ymd(rng, 2013, 2024)
    mark = _secret_mark(rng)
    copy = f"{rng.randint(1, 300):06d}"
    line = rng.choice(
        [
            f"{copy}        {mark}",
            f"份号：{copy}  密级：{mark}",
            f"{copy}  {mark}  {rng.choice(['特急', '加急', '平急'])}",
        ]
    )
    title, paras = _ordinary(rng, y, m, d)
    return Doc(
        title=title,
        preamble=[
            line,
            f"{cty}{rng.choice(['人民政府', '人民政府办公室', '国防动员委员会'])}文件",
            f"{ab}{rng.choice(['政', '政办', '动委'])}发〔{y}〕{rng.randint(1, 60)}号",
        ],
        paragraphs=paras,
        closing=[
            f"{cty}人民政府",
            cn_date(y, m, d),
            f"{cty}人民政府办公室  {cn_date(y, m, d)}印发",
        ],
        key_phrases=[mark.split("★")[0]],
    )


@family("b1_cover_secret", "classified", "pdf", "docx")
def cover_secret(rng: random.Random, fake: Faker) -> Doc:
    """A plan/report with a cover block: mark and 编号 above the title, 编制单位 and date below."""
    _pref, cty, ab = county(rng)
    y, m, _d = ymd(rng, 2013, 2024)
    mark = _secret_mark(rng)
    name, threat = rng.choice(
        [
            ("重要目标防卫方案", "针对重要目标的袭扰破坏"),
            ("人民防空袭预案", "空袭"),
            ("重大活动安全保卫工作方案", "重大活动期间各类风险"),
            ("城市供水系统应急处置预案", "供水系统投毒、破坏等突发事件"),
            ("民兵应急分队动员方案", "突发事件"),
        ]
    )
    return Doc(
        title=f"{cty}{name}",
        preamble=[f"编号：{ab}-{y}-{rng.randint(1, 40):02d}", mark]
        if rng.random() < 0.6
        else [mark],
        paragraphs=[
            f"编制单位：{cty}{rng.choice(['人民防空办公室', '公安局', '人民武装部', '水利局'])}",
            cn_upper_date(y, m),
            "目  录",
            "一、总则  二、组织指挥  三、力量编成  四、处置程序  五、保障措施",
            "一、总则",
            f"（一）编制目的。为有效应对{threat}，保障{rng.choice(['城市运行', '人民群众生命财产', '重要目标'])}安全，制定本方案。",
            f"（二）适用范围。本方案适用于{cty}行政区域内的相关处置工作。",
            "二、组织指挥",
            f"成立{cty}{name.replace('方案', '').replace('预案', '')}指挥部，指挥长由县长担任，副指挥长由分管副县长、县人武部部长担任。",
        ],
        key_phrases=[mark],
    )


@family("b1_miji_form_field", "classified", "docx", "photo", "pdf")
def miji_form_field(rng: random.Random, fake: Faker) -> Doc:
    """A 呈批件/签报 form whose 密级 field carries the mark inside a table cell."""
    _pref, cty, ab = county(rng)
    y, m, d = ymd(rng, 2013, 2024)
    level = rng.choice(["秘密", "机密", "秘密★1年", "机密★10年"])
    title, _ = _ordinary(rng, y, m, d)
    rows = [
        [
            "来文单位",
            f"{cty}{rng.choice(['人武部', '应急局', '发改局', '公安局'])}",
            "收文日期",
            f"{y}.{m}.{d}",
        ],
        [
            "来文字号",
            f"{ab}{rng.choice(['武', '应急', '发改'])}〔{y}〕{rng.randint(1, 99)}号",
            "密级",
            level,
        ],
        ["缓急", rng.choice(["特急", "急", "平件"]), "份数", str(rng.randint(1, 5))],
        ["标题", title, "", ""],
        [
            "拟办意见",
            f"建议呈{rng.choice(['县长', '常务副县长', '分管副县长'])}阅示。  {fake.name()} {m}.{d}",
            "",
            "",
        ],
        ["领导批示", rng.choice(["", "同意。", "请有关单位抓紧落实。"]), "", ""],
    ]
    return Doc(
        title=rng.choice([f"{cty}人民政府办公室收文呈批件", "文件呈批单", "签报"]),
        tables=[rows],
        key_phrases=["密级", level.split("★")[0]],
    )


# ========================================================================= clean (hard negatives)


@family("b1_drug_leaflet", "clean", "pdf", "photo", "docx")
def drug_leaflet(rng: random.Random, fake: Faker) -> Doc:
    """药品说明书: 【适应症】【用法用量】【不良反应】… exactly the vocabulary of a medical record."""
    name, ing, ind, dose, adv = rng.choice(
        [
            (
                "阿莫西林胶囊",
                "阿莫西林",
                "敏感菌所致的中耳炎、鼻窦炎、咽炎、扁桃体炎等上呼吸道感染；急性支气管炎、肺炎等下呼吸道感染",
                "口服。成人一次0.5g，每6～8小时1次，一日剂量不超过4g",
                "恶心、呕吐、腹泻及假膜性肠炎等胃肠道反应；皮疹、药物热和哮喘等过敏反应",
            ),
            (
                "布洛芬缓释胶囊",
                "布洛芬",
                "用于缓解轻至中度疼痛如头痛、关节痛、偏头痛、牙痛、肌肉痛、神经痛、痛经，也用于普通感冒或流行性感冒引起的发热",
                "口服。成人一次1粒，一日2次（早晚各一次）",
                "少数病人可出现恶心、呕吐、胃烧灼感或轻度消化不良、胃肠道溃疡及出血",
            ),
            (
                "连花清瘟胶囊",
                "连翘、金银花、炙麻黄、炒苦杏仁、石膏、板蓝根等",
                "清瘟解毒，宣肺泄热。用于治疗流行性感冒属热毒袭肺证，症见发热或高热，恶寒，肌肉酸痛，鼻塞流涕，咳嗽，头痛，咽干咽痛，舌偏红，苔黄或黄腻等",
                "口服。一次4粒，一日3次",
                "胃肠道不良反应如恶心、呕吐、腹痛、腹泻、腹胀、反酸，皮疹、瘙痒等",
            ),
            (
                "盐酸二甲双胍片",
                "盐酸二甲双胍",
                "首选用于单纯饮食控制及体育锻炼治疗无效的2型糖尿病",
                "口服。从小剂量开始，起始剂量为0.5g，一日2次",
                "腹泻、恶心、呕吐、胃胀、乏力、消化不良",
            ),
        ]
    )
    company = fake.company().replace("网络", "制药").replace("科技", "药业")
    paras = [
        "请仔细阅读说明书并在医师指导下使用",
        f"【药品名称】通用名称：{name}",
        f"【成份】本品主要成份为{ing}。",
        "【性状】本品为胶囊剂，内容物为白色或类白色粉末。"
        if "胶囊" in name
        else "【性状】本品为白色片。",
        f"【适应症】{ind}。",
        f"【规格】{rng.choice(['0.25g', '0.5g', '0.3g', '0.35g'])}",
        f"【用法用量】{dose}，或遵医嘱。",
        f"【不良反应】{adv}。",
        "【禁忌】对本品任何成份过敏者禁用。",
        "【注意事项】1.用药期间忌烟、酒及辛辣、生冷、油腻食物。2.如正在使用其他药品，使用本品前请咨询医师或药师。",
        f"【贮藏】{rng.choice(['遮光，密封保存', '密封，在干燥处保存'])}。",
        f"【批准文号】国药准字{rng.choice('HZ')}{rng.randint(10**7, 10**8 - 1)}",
        f"【生产企业】{company}  电话：{rng.choice(['400-', '800-'])}{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
    ]
    return Doc(title=f"{name}说明书", paragraphs=paras, key_phrases=["【适应症】"])


@family("b1_health_encyclopedia", "clean", "docx", "screenshot", "txt", "pdf")
def health_encyclopedia(rng: random.Random, fake: Faker) -> Doc:
    """A popular medical encyclopedia entry: 概述/病因/症状/诊断/治疗/预防, no patient."""
    name, over, cause, sym, dx, tx = rng.choice(
        [
            (
                "慢性阻塞性肺疾病",
                "简称慢阻肺，是一种以持续性气流受限为特征的常见疾病",
                "吸烟是最重要的危险因素，职业粉尘、室内空气污染也有关",
                "慢性咳嗽、咳痰，逐渐加重的气短或呼吸困难",
                "肺功能检查是诊断的金标准，吸入支气管扩张剂后FEV1/FVC<0.70可确定存在持续气流受限",
                "戒烟、规律使用吸入药物、肺康复训练，急性加重期可能需要住院治疗",
            ),
            (
                "带状疱疹",
                "由水痘-带状疱疹病毒再激活引起的感染性皮肤病",
                "儿童期感染水痘后病毒潜伏于神经节，免疫力下降时再激活",
                "沿单侧神经分布的簇集性水疱，伴明显神经痛",
                "多数根据典型皮损即可诊断，不典型者可做病毒核酸检测",
                "早期抗病毒治疗，配合止痛和营养神经治疗",
            ),
            (
                "痛风",
                "是嘌呤代谢紊乱和（或）尿酸排泄减少导致的疾病",
                "高嘌呤饮食、饮酒、肥胖、部分利尿剂均可诱发",
                "常在夜间突发单个关节红肿热痛，第一跖趾关节最常见",
                "血尿酸升高结合典型关节炎发作可临床诊断，关节液中找到尿酸盐结晶可确诊",
                "急性期使用秋水仙碱或非甾体抗炎药，缓解期降尿酸治疗",
            ),
            (
                "手足口病",
                "是由肠道病毒引起的儿童常见传染病，5岁以下儿童多发",
                "主要经粪-口途径、呼吸道飞沫及密切接触传播",
                "发热，手、足、口腔等部位出现斑丘疹或疱疹",
                "根据流行病学史和临床表现诊断，病原学检查可确诊",
                "一般对症治疗，重症病例需住院",
            ),
        ]
    )
    src = rng.choice(["家庭医生百科", "健康科普", "医学百科"])
    return Doc(
        title=name,
        preamble=[f"{src} > 疾病 > {rng.choice(['呼吸内科', '皮肤科', '风湿免疫科', '儿科'])}"],
        paragraphs=[
            f"概述  {name}{over}。",
            f"病因  {cause}。",
            f"症状  典型表现为{sym}。如出现上述症状，建议及时到正规医院就诊。",
            f"诊断  {dx}。",
            f"治疗  {tx}。具体用药请遵医嘱，切勿自行用药。",
            "预防  保持良好生活习惯，规律作息，适度锻炼，增强免疫力。",
            f"本词条由{fake.name()}（{rng.choice(['主任医师', '副主任医师'])}）审核  最近更新：{rng.randint(2016, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        ],
        key_phrases=[name],
    )


@family("b1_public_consultation", "clean", "pdf", "docx", "screenshot")
def public_consultation(rng: random.Random, fake: Faker) -> Doc:
    """公开征求意见 addressed to the public: the draft is released on purpose, with a deadline."""
    pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2015, 2024)
    reg = rng.choice(
        [
            "养犬管理规定",
            "城市生活垃圾分类管理办法",
            "电动自行车管理条例",
            "物业管理条例",
            "烟花爆竹燃放管理规定",
        ]
    )
    who = rng.choice(
        [f"{pref}人民代表大会常务委员会法制工作委员会", f"{pref}司法局", f"{cty}人民政府"]
    )
    return Doc(
        title=f"关于公开征求《{pref}{reg}（草案征求意见稿）》意见的公告",
        paragraphs=[
            f"为增强立法的公开性和透明度，充分听取社会各界意见，现将《{pref}{reg}（草案征求意见稿）》全文公布，公开征求意见。社会各界人士可以在{y + (m == 12)}年{m % 12 + 1}月{d}日前，通过以下方式提出意见：",
            f"一、登录{pref}人民政府网站“意见征集”栏目提出意见。",
            f"二、通过电子邮件将意见发送至{rng.choice(['fzb', 'sfj', 'rdfgw'])}{rng.randint(1, 99)}@{rng.choice(['163.com', 'gov.cn'])}，邮件主题请注明“{reg}意见”。",
            f"三、信函寄至{pref}{fake.street_name()}{rng.randint(1, 300)}号{who}，邮编{rng.randint(400000, 790000)}，请在信封上注明“征求意见”字样。",
            f"联系电话：{landline(rng)}",
            "附件：草案征求意见稿及起草说明",
        ],
        closing=[who, cn_date(y, m, d)],
        key_phrases=["公开征求", "征求意见稿"],
    )


@family("b1_exam_recruitment", "clean", "docx", "pdf", "xlsx", "phone-screenshot")
def exam_recruitment(rng: random.Random, fake: Faker) -> Doc:
    """事业单位公开招聘公告 to candidates: 报名 dates, positions table, 报名表 and a hotline."""
    _pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2013, 2024)
    d = min(d, 20)
    rows = [["岗位代码", "招聘单位", "岗位名称", "招聘人数", "学历要求", "专业要求", "其他条件"]]
    for i in range(rng.randint(3, 7)):
        pos = rng.choice(
            [
                ("临床医师", "临床医学"),
                ("护理", "护理学"),
                ("高中数学教师", "数学与应用数学"),
                ("会计", "会计学"),
                ("新闻采编", "新闻学"),
                ("农技员", "农学"),
            ]
        )
        rows.append(
            [
                f"{y % 100:02d}{i + 1:03d}",
                f"{cty}{rng.choice(['人民医院', '疾控中心', '第一中学', '农业技术推广中心', '融媒体中心'])}",
                pos[0],
                str(rng.randint(1, 6)),
                rng.choice(["本科及以上", "大专及以上", "硕士研究生"]),
                pos[1],
                rng.choice(["35周岁以下", "具有执业资格证", "限本县户籍", "无"]),
            ]
        )
    return Doc(
        title=f"{cty}{y}年事业单位公开招聘工作人员公告",
        paragraphs=[
            f"根据《事业单位人事管理条例》等有关规定，经研究决定，{cty}{y}年面向社会公开招聘事业单位工作人员{sum(int(r[3]) for r in rows[1:])}名。现将有关事项公告如下：",
            "一、招聘岗位及条件（详见附表）",
            f"二、报名时间：{y}年{m}月{d}日9:00至{m}月{d + 5}日17:00，逾期不予受理。",
            "三、报名方式：考生登录报名网站填写《报名登记表》并上传近期免冠照片，每人限报一个岗位。",
            f"四、笔试时间：{m}月{d + 8}日，具体地点见准考证。请考生于{m}月{d + 6}日至{d + 7}日自行打印准考证。",
            f"五、咨询电话：{landline(rng)}（工作日）  监督电话：{landline(rng)}",
        ],
        tables=[rows],
        closing=[f"{cty}人力资源和社会保障局", cn_date(y, m, max(1, d - 7))],
        key_phrases=["公开招聘", "报名"],
    )


@family("b1_supplier_directory", "clean", "xlsx", "csv-gbk", "docx", "photo")
def supplier_directory(rng: random.Random, fake: Faker) -> Doc:
    """Supplier/business directory: company, landline, address and 主营 (no private persons)."""
    pref, cty, _ab = county(rng)
    hdr = rng.choice(
        [
            ["序号", "企业名称", "联系电话", "地址", "主营"],
            ["企业名称", "主营产品", "电话", "传真", "地址"],
        ]
    )
    rows = [hdr]
    goods = [
        "办公用品、耗材",
        "钢材、建材",
        "农资化肥",
        "医疗器械（二类）",
        "劳保用品",
        "食堂食材配送",
        "印刷、广告制作",
        "空调安装维修",
    ]
    for i in range(1, rng.randint(8, 16)):
        tel = landline(rng)
        vals = {
            "序号": str(i),
            "企业名称": fake.company(),
            "联系电话": tel
            if rng.random() < 0.8
            else f"400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
            "电话": tel,
            "传真": tel[:-1] + str(rng.randint(0, 9)),
            "地址": f"{cty}{fake.street_name()}{rng.randint(1, 400)}号",
            "主营": rng.choice(goods),
            "主营产品": rng.choice(goods),
        }
        rows.append([vals[h] for h in hdr])
    return Doc(
        title=rng.choice(
            [
                f"{cty}{rng.randint(2015, 2024)}年度协议供货商名录",
                "本地供应商通讯录",
                f"{pref}工商联会员企业名录",
            ]
        ),
        tables=[rows],
        key_phrases=["主营"],
    )


@family("b1_discipline_news", "clean", "txt", "screenshot", "docx", "phone-screenshot")
def discipline_news(rng: random.Random, fake: Faker) -> Doc:
    """Published news: a disciplinary commission reports officials punished (某某, 通报批评, 警告)."""
    pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2014, 2024)
    s1, s2, s3, s4 = (rng.choice(SURNAMES) for _ in range(4))
    cases = [
        f"{rng.choice(TOWNSHIPS)}党委委员{s1}某某在{rng.choice(['疫情防控', '防汛值守', '森林防火'])}期间擅离职守问题。{y}年{m}月，{s1}某某在值班期间未经请假擅自离岗，造成不良影响。{s1}某某受到党内警告处分。",
        f"县{rng.choice(['交通运输局', '林业局', '水利局'])}工作人员{s2}某某违规将工作群内文件转发至私人微信群问题。经调查，该文件内容被多次转发，造成不良影响。{s2}某某受到政务警告处分，单位负责人被通报批评。",
        f"{rng.choice(VILLAGES)}党支部书记{s3}某某违规发放补贴问题。{y - 1}年以来，{s3}某某在发放生态护林员补贴过程中优亲厚友，受到党内严重警告处分，违规资金已全部追缴。",
        f"县{rng.choice(['卫健局', '市场监管局'])}{rng.choice(['科长', '股长'])}{s4}某某履职不力问题。在上级督查中发现其负责的台账弄虚作假，受到诫勉处理。",
    ]
    rng.shuffle(cases)
    n = rng.randint(2, 4)
    paras = [
        f"{rng.choice(['清风' + cty, cty + '纪委监委网站', pref + '廉政网'])}  {y}-{m:02d}-{d:02d}  来源：{cty}纪委监委",
        f"近日，{cty}纪委监委公开通报{n}起{rng.choice(['违反工作纪律', '形式主义、官僚主义', '违反中央八项规定精神'])}典型问题。具体如下：",
    ]
    for i, c in enumerate(cases[:n], 1):
        paras.append(f"{i}.{c}")
    paras.append(
        "上述问题中，有关党员干部纪律意识淡薄，受到严肃处理。全县党员干部要引以为戒，严守纪律规矩。"
    )
    paras.append(f"（责任编辑：{fake.name()}）")
    return Doc(
        title=f"{cty}纪委监委通报{n}起典型问题",
        paragraphs=paras,
        key_phrases=["通报", "某某"],
    )


@family("b1_tonggao_citizens", "clean", "photo", "pdf", "docx", "phone-screenshot")
def tonggao_citizens(rng: random.Random, fake: Faker) -> Doc:
    """通告 to 广大市民 with a deadline and a hotline: public by nature, pasted on walls."""
    _pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2013, 2024)
    org, subj, body = rng.choice(
        [
            (
                f"{cty}公安局",
                "关于开展电动自行车登记上牌工作的通告",
                [
                    "凡在本县行政区域内使用的电动自行车，车主应于{y}年{m2}月{d2}日前携带购车发票和本人身份证到就近登记点办理登记",
                    "逾期未登记的电动自行车不得上道路行驶",
                ],
            ),
            (
                f"{cty}水利局",
                "关于禁止在水库库区游泳垂钓的通告",
                [
                    "为保障广大市民生命安全，即日起禁止在县内各水库库区游泳、垂钓、野炊",
                    "违反本通告的，由有关部门依法处理",
                ],
            ),
            (
                f"{cty}新冠肺炎疫情防控指挥部",
                "关于开展全员核酸检测的通告",
                [
                    "请广大市民于{m2}月{d2}日8:00至18:00前往就近采样点进行核酸检测，采样时请全程佩戴口罩，保持一米间距",
                    "请各单位组织职工错峰检测，老弱病残人员可拨打社区电话预约上门采样",
                ],
            ),
            (
                f"{cty}自然资源局",
                "关于不动产登记集中办证的通告",
                [
                    "凡{y}年以前购买商品房尚未办理不动产权证的业主，请于{m2}月{d2}日前到政务服务中心不动产登记窗口申请办理",
                    "需携带身份证、购房合同、契税完税凭证",
                ],
            ),
        ]
    )
    fill = {"y": y, "m2": (m % 12) + 1, "d2": rng.randint(1, 28)}
    paras = ["广大市民朋友："] if rng.random() < 0.5 else []
    paras += [f"{'一二三'[i]}、{b.format(**fill)}。" for i, b in enumerate(body)]
    paras.append(f"咨询电话：{landline(rng)}")
    paras.append("特此通告。")
    return Doc(
        title=subj,
        preamble=[f"（第{rng.randint(1, 30)}号）"] if rng.random() < 0.4 else [],
        paragraphs=paras,
        closing=[org, cn_date(y, m, d)],
        key_phrases=["通告"],
    )


@family("b1_published_open_notice", "clean", "pdf", "docx")
def published_open_notice(rng: random.Random, fake: Faker) -> Doc:
    """A real 通知 with 文号, 主送 and deadlines, but released: 此件公开发布 / 公开方式：主动公开."""
    _pref, cty, ab = county(rng)
    y, m, d = ymd(rng, 2013, 2024)
    subj = rng.choice(
        [
            "做好春季农业生产工作",
            "开展第二十三个全国安全生产月活动",
            "进一步做好稳就业工作",
            "做好2024年城乡居民医疗保险集中征缴工作",
            "加强冬春季森林防火工作",
        ]
    )
    marker = rng.choice(["（此件公开发布）", "公开方式：主动公开", "（此件主动公开）"])
    return Doc(
        title=f"{cty}人民政府办公室关于{subj}的通知",
        preamble=[f"{ab}政办发〔{y}〕{rng.randint(1, 60)}号"],
        paragraphs=[
            "各乡镇人民政府、街道办事处，县直各单位：",
            f"为{subj}，经县人民政府同意，现就有关事项通知如下：",
            "一、提高思想认识。各地各部门要充分认识做好此项工作的重要意义，切实加强组织领导。",
            "二、压实工作责任。各乡镇（街道）主要负责同志为第一责任人，要细化措施，确保各项任务落到实处。",
            f"三、及时报送情况。请各单位于{(m % 12) + 1}月{rng.randint(1, 28)}日前将工作开展情况报县政府办公室。",
        ],
        closing=[f"{cty}人民政府办公室", cn_date(y, m, d), marker],
        key_phrases=[marker.strip("（）")],
    )


@family("b1_public_case_bulletin", "clean", "txt", "screenshot", "phone-screenshot", "docx")
def public_case_bulletin(rng: random.Random, fake: Faker) -> Doc:
    """Published, de-identified case summaries (surname-free, ages and districts only)."""
    pref, cty, _ab = county(rng)
    y, m, d = 2020 + rng.randint(0, 2), rng.randint(1, 12), rng.randint(5, 28)
    paras = [
        f"{m}月{d - 1}日0—24时，{pref}新增本土确诊病例{(n := rng.randint(1, 5))}例，无症状感染者{rng.randint(0, 6)}例。现将病例情况通报如下："
    ]
    for i in range(1, n + 1):
        paras.append(
            f"病例{i}：{rng.choice(['男', '女'])}，{rng.randint(3, 85)}岁，现住{cty}{rng.choice(TOWNSHIPS)}，"
            + rng.choice(
                [
                    f"为既往病例的密切接触者，已于{m}月{d - 2}日被集中隔离，隔离期间核酸检测阳性",
                    f"{m}月{d - 3}日自驾从{rng.choice(BIG_CITIES)}返回，落地后第一次核酸检测阳性",
                    "在例行区域核酸筛查中发现阳性，主动报告后即转运至定点医院",
                ]
            )
            + f"，诊断为{rng.choice(['轻型', '普通型'])}确诊病例。"
        )
    paras.append(
        "以上病例均已转运至定点医院隔离治疗，相关活动场所已完成终末消毒。请广大市民坚持戴口罩、勤洗手，如有发热等症状请及时到发热门诊就诊。"
    )
    return Doc(
        title=f"{pref}卫生健康委员会关于新增病例情况的通报",
        paragraphs=paras,
        closing=[f"{pref}卫生健康委员会", cn_date(y, m, d)],
        key_phrases=["病例1"],
    )


@family("b1_job_posting", "clean", "txt", "phone-screenshot", "docx")
def job_posting(rng: random.Random, fake: Faker) -> Doc:
    """A company job advert: duties, requirements, salary, an HR phone and mailbox."""
    co = fake.company()
    job = rng.choice(
        ["仓库管理员", "护士（民营门诊）", "会计助理", "电商客服", "质检员", "行政文员"]
    )
    return Doc(
        title=rng.choice([f"{co}招聘启事", f"【招聘】{job}若干名", "诚聘"]),
        paragraphs=[
            f"岗位：{job}  人数：{rng.randint(1, 8)}人  薪资：{rng.randint(3, 6)}000-{rng.randint(6, 12)}000元/月",
            "岗位职责：1.负责日常"
            + rng.choice(
                [
                    "出入库登记及盘点",
                    "患者接待与输液护理",
                    "凭证录入与报表整理",
                    "在线咨询与售后处理",
                    "来料与成品检验",
                    "文件收发与会议安排",
                ]
            )
            + "；2.完成上级交办的其他工作。",
            f"任职要求：{rng.choice(['中专及以上学历', '大专及以上学历', '持护士执业证书'])}，{rng.choice(['有相关经验者优先', '能吃苦耐劳', '熟练使用办公软件'])}，年龄{rng.randint(18, 22)}-{rng.randint(35, 45)}岁。",
            "福利待遇：五险一金、包午餐、带薪年假、节日福利。",
            f"工作地点：{fake.address().split(' ')[0][:20]}",
            f"联系人：{rng.choice(SURNAMES)}女士/先生  电话：{fake.phone_number()}  简历请投递：hr{rng.randint(1, 99)}@{rng.choice(['163.com', 'qq.com'])}",
            "本招聘长期有效。",
        ],
        key_phrases=["任职要求"],
    )


@family("b1_parents_letter", "clean", "docx", "photo", "pdf", "phone-screenshot")
def parents_letter(rng: random.Random, fake: Faker) -> Doc:
    """School notice/致家长的一封信 with a 回执 to sign and return by a date."""
    _pref, cty, _ab = county(rng)
    y, m, d = ymd(rng, 2014, 2024)
    school = f"{cty}{rng.choice(['实验小学', '第二中学', '城关镇中心小学', '育才幼儿园'])}"
    topic = rng.choice(["暑假防溺水安全", "流感高发季节防控", "寒假安全", "秋季学期开学报到"])
    return Doc(
        title=f"{topic}致家长的一封信" if rng.random() < 0.6 else f"{school}关于{topic}的家长通知",
        paragraphs=[
            "尊敬的家长朋友：",
            rng.choice(["您好！", "你们好！"])
            + f"为切实做好{topic}工作，请您配合学校做好以下几点：",
            "1.加强对孩子的看护和教育，做到“六不”：不私自下水游泳，不擅自与他人结伴游泳……"
            if "溺水" in topic
            else "1.每日早晨为孩子测量体温，如有发热、咳嗽等症状请及时就医并向班主任请假。",
            "2.保持家校联系畅通，手机号码如有变更请及时告知班主任。",
            f"3.请家长认真阅读本信，填写下方回执，于{m}月{d}日前由学生交回班主任。",
            "———————————————— 回  执 ————————————————",
            "我已认真阅读《致家长的一封信》，将积极配合学校做好相关工作。",
            "学生姓名：________  班级：________  家长签名：________  联系电话：________",
        ],
        closing=[school, cn_date(y, m, max(1, d - 3))],
        key_phrases=["家长", "回执"],
    )


@family("b1_menu_price", "clean", "photo", "xlsx", "pdf")
def menu_price(rng: random.Random, fake: Faker) -> Doc:
    """A restaurant menu/price list with delivery phone numbers."""
    shop = rng.choice(["老街", "湘味", "好运来", "外婆家常", "川香阁", "兰州正宗"]) + rng.choice(
        ["小厨", "面馆", "饭店", "土菜馆"]
    )
    dishes = [
        "辣椒炒肉",
        "红烧肉",
        "酸菜鱼",
        "土豆丝",
        "番茄炒蛋",
        "小炒黄牛肉",
        "牛肉拉面",
        "蛋炒饭",
        "凉拌黄瓜",
        "剁椒鱼头",
        "干锅花菜",
        "紫菜蛋汤",
    ]
    rows = [["菜名", "价格（元）", "备注"]]
    for dish in rng.sample(dishes, rng.randint(7, 12)):
        rows.append([dish, str(rng.randint(8, 68)), rng.choice(["", "招牌", "微辣", "时价", "例"])])
    return Doc(
        title=f"{shop}菜单",
        tables=[rows],
        paragraphs=[
            f"外卖电话：{fake.phone_number()}  {landline(rng)}",
            f"地址：{fake.address().split(' ')[0][:18]}",
            "满50元免费送餐，营业时间10:00-21:30",
        ],
        key_phrases=[shop],
    )


@family("b1_product_manual", "clean", "pdf", "docx", "photo")
def product_manual(rng: random.Random, fake: Faker) -> Doc:
    """Consumer product manual (some medical-device vocabulary) with 注意事项 and a service hotline."""
    product, steps = rng.choice(
        [
            (
                "电子血压计",
                [
                    "将袖带缠绕于上臂，下缘距肘窝2-3cm",
                    "按“开始/停止”键，测量自动进行",
                    "测量结果显示收缩压、舒张压和脉搏",
                    "测量结果仅供参考，不能作为诊断依据，请遵医嘱",
                ],
            ),
            (
                "红外额温枪",
                [
                    "按下开关键开机，屏幕全显后进入待测状态",
                    "对准额头中央，距离1-3cm，按下测量键",
                    "听到提示音后读取温度",
                    "体温≥37.3℃时屏幕显示红色背光",
                ],
            ),
            (
                "家用空气净化器",
                [
                    "撕去滤网外包装塑料袋后装回",
                    "接通电源，按电源键开机",
                    "按模式键切换自动、睡眠、强力模式",
                    "滤网指示灯亮起时请更换滤网",
                ],
            ),
            (
                "电热水壶",
                [
                    "首次使用前请煮沸清水两次并倒掉",
                    "加水量不得超过最高水位线",
                    "将壶体放在底座上，按下开关",
                    "水沸后自动断电",
                ],
            ),
        ]
    )
    return Doc(
        title=f"{product}使用说明书",
        paragraphs=[
            "感谢您选购本公司产品，使用前请仔细阅读本说明书并妥善保管。",
            "一、使用方法",
            *[f"{i}.{s}。" for i, s in enumerate(steps, 1)],
            "二、注意事项",
            "1.请勿在潮湿环境中使用。2.儿童须在成人监护下使用。3.请勿自行拆卸维修。",
            "三、保修条款",
            f"本产品自购买之日起保修{rng.choice(['一年', '两年'])}，凭发票和保修卡享受保修服务。",
            f"制造商：{fake.company()}  客服热线：400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        ],
        key_phrases=[product],
    )


@family("b1_novel_excerpt", "clean", "txt", "docx", "pdf")
def novel_excerpt(rng: random.Random, fake: Faker) -> Doc:
    """Fiction/essay mentioning 秘密, 病历, 名单 in passing."""
    a, b = fake.first_name(), fake.first_name()
    paras = rng.sample(
        [
            f"那年冬天，{a}把一个秘密藏在了老屋的樟木箱底，连{b}也不知道。",
            f"母亲住院那阵子，{a}每天都去医院，护士站的柜子里塞满了厚厚的病历，走廊里永远弥漫着消毒水的味道。",
            f"“这是绝密，”{b}压低声音，眨了眨眼，“其实就是我偷偷学会了做红烧肉。”",
            f"{a}翻开旧笔记本，里面夹着一张发黄的同学名单，有几个名字已经想不起模样了。",
            "窗外的雨一直下着，巷口的路灯一盏接一盏地亮起来。",
            f"多年以后，{a}站在火车站的出口，终于明白那些没有说出口的话，才是人心里最深的秘密。",
        ],
        rng.randint(4, 6),
    )
    return Doc(
        title=rng.choice(["樟木箱", "冬天的秘密", "旧信", "回乡记"]),
        preamble=[f"文/{fake.name()}"],
        paragraphs=paras,
        key_phrases=[a],
    )


@family("b1_meeting_news", "clean", "txt", "screenshot", "docx")
def meeting_news(rng: random.Random, fake: Faker) -> Doc:
    """Published meeting news: 会议强调/会议要求 with deadlines and tasks, on a news site."""
    _pref, cty, _ab = county(rng)
    _y, m, d = ymd(rng, 2013, 2024)
    topic = rng.choice(["防汛抗旱", "安全生产", "疫情防控", "森林防火", "项目建设", "乡村振兴"])
    leader = fake.name()
    return Doc(
        title=f"{cty}召开{topic}工作会议",
        paragraphs=[
            f"{cty}融媒体中心讯（记者 {fake.name()}）{m}月{d}日，{cty}召开{topic}工作会议，县委副书记、县长{leader}出席会议并讲话。",
            f"会议听取了县{rng.choice(['应急管理局', '水利局', '卫健局', '发改局'])}关于全县{topic}工作情况的汇报，通报了前一阶段督查发现的问题。",
            f"会议强调，各乡镇各部门要切实提高政治站位，压紧压实责任，确保{topic}各项措施落实落细。会议要求，{(m % 12) + 1}月底前要完成各类隐患排查整治，对工作不力、推诿扯皮的单位和个人，将严肃追责问责。",
            f"{leader}指出，要坚持问题导向，强化督查考核，确保不发生重大事故。",
            f"县领导{fake.name()}、{fake.name()}参加会议。",
        ],
        closing=[f"编辑：{fake.name()}  审核：{fake.name()}"],
        key_phrases=["会议强调"],
    )


@family("b1_tender_announcement", "clean", "pdf", "docx", "screenshot")
def tender_announcement(rng: random.Random, fake: Faker) -> Doc:
    """公开招标公告: project number, deadlines, contacts — a public procurement document."""
    _pref, cty, ab = county(rng)
    y, m, d = ymd(rng, 2015, 2024)
    d = min(d, 18)
    proj = rng.choice(
        [
            "人民医院医疗设备采购",
            "农村饮水安全巩固提升工程",
            "中小学课桌椅采购",
            "县城道路路灯改造工程",
            "政务服务中心物业服务",
        ]
    )
    return Doc(
        title=f"{cty}{proj}项目公开招标公告",
        paragraphs=[
            f"项目编号：{ab.upper()}ZFCG-{y}-{rng.randint(1, 300):03d}",
            f"一、项目概况：预算金额{rng.randint(50, 3000)}万元，最高限价同预算。",
            "二、投标人资格要求：具有独立承担民事责任的能力；具有良好的商业信誉；本项目不接受联合体投标。",
            f"三、获取招标文件：{y}年{m}月{d}日至{m}月{d + 5}日，在公共资源交易中心网站免费下载。",
            f"四、投标截止时间和开标时间：{y}年{m}月{d + 20 if d + 20 <= 28 else 28}日9:30（北京时间），逾期送达的投标文件将予以拒收。",
            f"五、联系方式：采购人：{cty}{rng.choice(['卫生健康局', '水利局', '教育局', '城管局'])}  联系电话：{landline(rng)}；代理机构：{fake.company()}  联系电话：{landline(rng)}",
        ],
        closing=[f"{fake.company()}", cn_date(y, m, d)],
        key_phrases=["招标"],
    )


@family("b1_epidemic_feature_news", "clean", "txt", "phone-screenshot", "docx")
def epidemic_feature_news(rng: random.Random, fake: Faker) -> Doc:
    """A feature story about grid workers screening returnees (排查, 名单, 体温) — published news."""
    _pref, cty, _ab = county(rng)
    _y, m, d = rng.choice([2020, 2021, 2022]), rng.randint(1, 3), rng.randint(1, 28)
    worker = fake.name()
    return Doc(
        title=rng.choice(
            [
                f"{worker}：守好村口第一道防线",
                "小小网格员 织密防控网",
                f"{cty}：返乡人员排查不落一户",
            ]
        ),
        paragraphs=[
            f"{m}月{d}日清晨，{rng.choice(VILLAGES)}的村口卡点，网格员{worker}已经在寒风中站了两个多小时。",
            "“每一辆车都要登记，每一个返乡人员都要测体温。”她一边翻看手中的登记本一边说。据了解，春节以来，全村共排查返乡人员200余人，建立了一人一档的健康监测名单，所有信息均按规定上报，不对外公开。",
            f"在{rng.choice(TOWNSHIPS)}，像{worker}这样的网格员共有{rng.randint(40, 300)}名。他们挨家挨户上门宣传防控知识，发放口罩，帮助居家观察人员代购生活物资。",
            f"“大家配合得都很好，”{worker}笑着说，“村民们都知道，这是为了大家的健康。”",
            f"（{cty}融媒体中心 记者 {fake.name()}）",
        ],
        key_phrases=["网格员"],
    )
