# ruff: noqa: E501  (Chinese text data: long lines read better unbroken)
"""Blind batch 7: 40 document families (24 positives, 4 per category; 16 hard negatives), split ``blind7``.

Author: engineer "blind7" (worktree ``blind7``), written 2026-12-02 (UTC). Batches 1-6 were written
by other engineers; this author did not read them (only the first 60 lines of ``batch5.py``, for
the module shape: header, ``family()`` decorator, FAMILIES/FORMATS/SPLIT).

Independence: the author did not open ``detectors/``, ``policies/``, ``bench/accuracy.py``,
``bench/train_model.py``, the detector/policy/seed-case/evasion tests, ``tests/docgen/mutate.py``
or the other blind batches, did not read the README's notes on what earlier runs missed, and did
not run shareguard's scan/check/explain/run or any accuracy bench on these documents. Read only
the docgen API (``doc.py``, ``render.py``, ``corpus.py``), the opening of ``templates.py`` (to see
how a template is written), ``tests/test_blind_batches.py``, the opening and the "Batch 1" entry
of ``tests/blind/README.md``, ``../shared/seed-cases.md`` and one sample of the real corpus (for
register only; no text copied).

Bias of this batch, on purpose: control orders written without the usual form words (a 镇长's
chat message with tasks and a deadline, a 工作提示 in spoken/dialect style, a meeting-decision
list, a 任务清单); rosters with no header row or odd headers (names and IDs in prose, two people
per row, a list pasted into a chat, columns headed 甲/乙/丙/丁); medical content in prose (an HR
e-mail about check-up findings, a doctor's WeChat summary, a nurse's handover note); positives
carrying an appended clause that sounds exculpatory or public (已通报批评, 以上内容仅供参考,
欢迎转发) which must not make an internal document look public; investigation reports not titled
调查报告 (情况说明, 核查情况汇报, 原因分析); eras 2003-2026; sectors from schools and hospitals
to factories, banks, villages and railways. Hard negatives are public or personal documents that
share vocabulary with the positives (文号, 征求意见稿 published for public comment, masked IDs,
secrecy-mark textbooks, news about a leak, guidance saying 欢迎转发).

Rule: **measure this batch once, before any tuning, and record that first number** (command and
commit) in tests/blind/README.md. Only after that may it join the training/tuning material.

People are Faker zh_CN (valid-checksum IDs that belong to nobody); place names are settings only,
every event, unit, number and person is invented.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from faker import Faker

from tests.docgen.doc import Doc
from tests.docgen.templates import Template

SPLIT = "blind7"
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


# ------------------------------------------------------------------------- small helpers

COUNTIES = [
    "醴陵市",
    "丰城市",
    "临夏县",
    "安化县",
    "蒙自市",
    "泾县",
    "灵宝市",
    "桐梓县",
    "岳西县",
    "阿荣旗",
    "长汀县",
    "巴马县",
]
TOWNS = [
    "白兔潭镇",
    "泉港镇",
    "新集乡",
    "梅城镇",
    "草坝镇",
    "榔桥镇",
    "故县镇",
    "九坝镇",
    "莲云乡",
    "那吉镇",
]
SURN = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗"


def person(fake: Faker, lo: int = 18, hi: int = 70) -> tuple[str, str, str]:
    return fake.name(), fake.ssn(min_age=lo, max_age=hi), fake.phone_number()


def mou(rng: random.Random) -> str:
    return rng.choice(SURN) + "某" + rng.choice(["", "某"])


def ymd(rng: random.Random, y0: int, y1: int) -> tuple[int, int, int]:
    return rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28)


def cn(d: tuple[int, int, int]) -> str:
    return f"{d[0]}年{d[1]}月{d[2]}日"


def hhmm(rng: random.Random) -> str:
    return f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}"


def pick(rng: random.Random, items: list[str], k: int) -> list[str]:
    return rng.sample(items, k)


# ========================================================================= control_order


@family("b7_co_zhenzhang_chat", "control_order", "txt", "phone-screenshot", "screenshot")
def co_zhenzhang_chat(rng: random.Random, fake: Faker) -> Doc:
    county, town = rng.choice(COUNTIES), rng.choice(TOWNS)
    boss = fake.name()
    d = ymd(rng, 2020, 2022)
    jobs = [
        "各村今天下午6点前把外地返乡人员再摸一遍，名单报党政办{who}",
        "卫生院明早8点前派两组人到高速路口卡点，换班不许空岗",
        "派出所配合把{n}户居家隔离的门磁全部检查一遍，坏的当天换",
        "各村喇叭从今晚起每天早中晚各放一遍，内容用县里发的",
        "农贸市场明天起只开东门，进门扫码测温，市场办落实",
        "敬老院即日起封闭管理，家属一律不准进，院长负总责",
        "学校老师的排查表周四中午12点前交到教办，逾期通报",
    ]
    tasks = [
        j.format(who=fake.name(), n=rng.randint(12, 60)) for j in pick(rng, jobs, rng.randint(4, 6))
    ]
    lines = [f"{i}、{t}" for i, t in enumerate(tasks, 1)]
    tail = rng.choice(
        [
            "以上事项今晚12点前各自在群里回复落实情况，谁掉链子谁负责。",
            "明天上午9点开调度会，逐项过，没完成的说明原因。",
        ]
    )
    return Doc(
        preamble=[
            f"{town}防控工作群(87)",
            f"{d[1]}月{d[2]}日 {hhmm(rng)}",
            f"{boss}({town[-1]}长):",
        ],
        title="",
        paragraphs=[
            "@所有人 县指挥部刚开完会，几件事马上落实：",
            *lines,
            tail,
            f"—— {county}{town}",
        ],
        closing=[
            rng.choice(["收到", "收到，马上办", "[强]"]) + f"  {fake.name()}",
            "欢迎大家转发给村里的网格员",
        ],
        key_phrases=["@所有人", tasks[0]],
    )


@family("b7_co_meeting_decisions", "control_order", "docx", "photo", "pdf")
def co_meeting_decisions(rng: random.Random, fake: Faker) -> Doc:
    unit = rng.choice(
        ["湘潭机车配件厂", "丰城市第二纺织厂", "灵宝市金源冶炼有限公司", "蒙自铁路工务段"]
    )
    d = ymd(rng, 2008, 2019)
    items = [
        ("三号车间粉尘治理设备停机检修，未经验收不得复产", "设备科"),
        ("全厂动火作业一律实行审批，审批单由安全科统一编号", "安全科"),
        ("夜班人员不得少于两人，门卫每两小时巡查一次并签字", "保卫科"),
        ("外包施工队伍逐一核查资质，无证人员当天清退", "生产部"),
        ("对上周违章操作的两名班组长停岗培训，考试合格后上岗", "人力资源部"),
        ("职工宿舍电线私拉乱接情况全面清理，拍照留档", "后勤服务中心"),
        ("危化品库房钥匙双人保管，出入库台账每日核对", "仓储科"),
    ]
    chosen = pick(rng, items, rng.randint(4, 6))
    rows = [["序号", "议定事项", "责任部门", "完成时间"]]
    for i, (what, dept) in enumerate(chosen, 1):
        rows.append([str(i), what, dept, f"{d[1]}月{min(28, d[2] + rng.randint(1, 10))}日前"])
    return Doc(
        preamble=[f"{unit}安全生产专题会"],
        title="会议议定事项分解落实表",
        paragraphs=[
            f"{cn(d)}，厂长{fake.name()}主持召开安全生产专题会，会议议定以下事项，请各责任部门按时限办结，办结情况书面报厂办。",
        ],
        tables=[rows],
        closing=[f"厂办 {cn(d)}印发", f"（共印{rng.randint(8, 20)}份）"],
        key_phrases=["议定事项", chosen[0][0]],
    )


@family("b7_co_dialect_tip", "control_order", "txt", "phone-screenshot")
def co_dialect_tip(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    village = rng.choice(["石板村", "杨家坪村", "河口村", "新屋场村", "大坳村"])
    y = rng.choice([2003, 2003, 2009, 2020])
    bug = {2003: "非典", 2009: "甲流", 2020: "新冠"}[y]
    leader = fake.name()
    orders = [
        "各组组长今天挨家挨户去转一圈，屋里有从外头打工回来的，名字、哪天回来的、从哪里回来的都要写清楚",
        "哪个屋里有人发烧咳嗽的，马上报卫生室，莫等到明天",
        "村口那个路卡，今晚起各组轮流守，一个组守一晚，莫空起",
        "红白喜事一律莫办酒，哪家硬要办的，组长先去做工作，做不通报村里",
        "外村的人莫让进来走人家，赶场的也先停一停",
        "组长手里的表，后天上昼十点前交到村部来，我要报到乡里去",
    ]
    chosen = pick(rng, orders, rng.randint(4, 5))
    return Doc(
        preamble=[f"{county}{village}", f"{y}年{rng.randint(1, 5)}月{rng.randint(1, 28)}日"],
        title="工作提示",
        paragraphs=[
            f"各位组长：乡里刚打电话来讲，{bug}这个事情要抓紧，我把要做的讲一下，大家都听好：",
            *[f"第{'一二三四五六'[i]}，{o}。" for i, o in enumerate(chosen)],
            f"这些事是乡里交代下来的，哪个组搞不好，到时候乡里来查，莫怪我不讲情面。有事打我电话{fake.phone_number()}。",
        ],
        closing=[f"村支书 {leader}"],
        key_phrases=["工作提示", chosen[0]],
    )


@family("b7_co_bank_task_list", "control_order", "xlsx", "png", "docx")
def co_bank_task_list(rng: random.Random, fake: Faker) -> Doc:
    bank = rng.choice(["丰城农商银行", "临夏县信用合作联社", "安化县村镇银行", "岳西农村商业银行"])
    topic, tasks = rng.choice(
        [
            (
                "防汛应急",
                [
                    "地下金库、自助银行沙袋挡板到位",
                    "低洼网点现金一律当日上缴，不留库存",
                    "应急发电机试机并记录",
                    "值班领导24小时在岗，手机不关机",
                    "受灾客户临时业务需求登记上报",
                ],
            ),
            (
                "疫情防控",
                [
                    "营业厅每日两次消杀并登记",
                    "员工每日健康打卡，异常情况立即报告",
                    "暂停厅堂营销活动和客户沙龙",
                    "按要求储备口罩、消毒液不少于两周用量",
                    "外地返岗员工先报备、后返岗",
                ],
            ),
        ]
    )
    d = ymd(rng, 2016, 2019) if topic == "防汛应急" else ymd(rng, 2020, 2022)
    rows = [["任务", "牵头", "配合", "时限"]]
    for t in tasks:
        rows.append(
            [
                t,
                f"{rng.choice(['运营管理部', '安全保卫部', '办公室', '风险合规部'])}",
                f"各支行({fake.name()})",
                f"{d[1]}月{d[2]}日{rng.choice(['下班前', '12时前', '前'])}",
            ]
        )
    return Doc(
        title=f"{bank}{topic}工作任务清单",
        paragraphs=[
            f"经行领导班子研究，现将{topic}工作任务分解如下，各单位抓好落实，完成后报牵头部门，未按时完成的纳入季度考核。"
        ],
        tables=[rows],
        closing=[f"{bank}办公室", cn(d), "以上内容仅供参考，具体以行内正式通知为准"],
        key_phrases=["任务清单", tasks[0]],
    )


# ========================================================================= screening_list


@family("b7_sl_prose_names", "screening_list", "txt", "phone-screenshot", "docx")
def sl_prose_names(rng: random.Random, fake: Faker) -> Doc:
    county, town = rng.choice(COUNTIES), rng.choice(TOWNS)
    y = rng.choice([2020, 2021, 2022])
    people = [person(fake) for _ in range(rng.randint(4, 7))]
    origins = ["武汉市", "石家庄市", "西安市", "上海市浦东新区", "广州市白云区", "瑞丽市"]
    parts = []
    for n, i, p in people:
        parts.append(
            f"{n}，身份证号{i}，电话{p}，{rng.randint(1, 28)}日从{rng.choice(origins)}返回，现居家"
        )
    return Doc(
        title=f"关于{town}返乡人员排查情况的报告",
        paragraphs=[
            f"镇指挥部：按照要求，我村对{y}年以来外地返乡人员进行了逐户排查，共排查出{len(people)}人，具体情况是："
            + "；".join(parts)
            + "。",
            "以上人员均已告知居家健康监测要求，村医每天上门测温两次。",
        ],
        closing=[
            f"{county}{town}{rng.choice(['高桥', '车田', '杨柳'])}村委会",
            f"{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        ],
        identifiers=[people[0][1], people[0][2], people[-1][1]],
        key_phrases=["逐户排查"],
    )


@family("b7_sl_two_per_row", "screening_list", "xlsx", "photo", "docx", "csv")
def sl_two_per_row(rng: random.Random, fake: Faker) -> Doc:
    school = rng.choice(["灵宝市实验中学", "桐梓县第二小学", "长汀县职业中专", "泾县中学"])
    cls = f"{rng.choice(['七', '八', '九', '高一', '高二'])}（{rng.randint(1, 12)}）班"
    ps = [person(fake, 12, 17) for _ in range(2 * rng.randint(4, 7))]
    rows = [["姓名", "身份证号", "核酸", "姓名", "身份证号", "核酸"]]
    for a, b in zip(ps[::2], ps[1::2], strict=True):
        rows.append(
            [
                a[0],
                a[1],
                rng.choice(["阴性", "待出"]),
                b[0],
                b[1],
                rng.choice(["阴性", "待出", "未采"]),
            ]
        )
    d = ymd(rng, 2021, 2022)
    return Doc(
        title=f"{cls}学生核酸检测情况登记（{d[1]}月{d[2]}日）",
        paragraphs=[f"{school}  班主任：{fake.name()}  联系电话：{ps[0][2]}"],
        tables=[rows],
        closing=["未采样学生请家长今天内带到社区补采"],
        identifiers=[ps[0][1], ps[-1][1]],
        key_phrases=[school, "核酸检测情况登记"],
    )


@family("b7_sl_chat_paste", "screening_list", "txt", "screenshot", "phone-screenshot")
def sl_chat_paste(rng: random.Random, fake: Faker) -> Doc:
    comm = rng.choice(["锦绣家园", "铁路新村", "纺织厂宿舍", "滨江花园", "粮站小区"])
    ps = [person(fake) for _ in range(rng.randint(5, 8))]
    lines = [
        f"{i}.{n} {s} {p} {rng.randint(1, 12)}栋{rng.randint(1, 6)}0{rng.randint(1, 4)}"
        for i, (n, s, p) in enumerate(ps, 1)
    ]
    return Doc(
        preamble=[f"{comm}楼栋长群", f"{hhmm(rng)}  {fake.name()}:"],
        paragraphs=[
            rng.choice(
                [
                    "今天要重点盯的，麻烦各楼栋长上门看一下",
                    "下面这几户是街道推下来的，明天一早去敲门",
                    "刚收到的，黄码的这几个",
                ]
            ),
            *lines,
            "[图片]",
            f"{hhmm(rng)}  {fake.name()}: 收到",
        ],
        closing=["欢迎转发，互相提醒"],
        identifiers=[ps[0][1], ps[0][2], ps[-1][1]],
        key_phrases=[lines[0]],
    )


@family("b7_sl_jiayibing", "screening_list", "xlsx", "csv", "jpeg")
def sl_jiayibing(rng: random.Random, fake: Faker) -> Doc:
    ps = [person(fake) for _ in range(rng.randint(6, 10))]
    rows = [["甲", "乙", "丙", "丁", "戊"]]
    for n, s, p in ps:
        rows.append(
            [
                n,
                s,
                p,
                rng.choice(["二车间", "包装线", "仓库", "食堂", "机修"]),
                rng.choice(["已接种", "未接种", "接种一针", "禁忌症"]),
            ]
        )
    return Doc(
        title="",
        paragraphs=[f"{rng.choice(['Sheet1', '汇总', '新建 Microsoft Excel 工作表'])}"]
        if rng.random() < 0.5
        else [],
        tables=[rows],
        identifiers=[ps[0][1], ps[1][2]],
    )


# ========================================================================= medical_record


@family("b7_mr_hr_email", "medical_record", "docx", "pdf", "screenshot")
def mr_hr_email(rng: random.Random, fake: Faker) -> Doc:
    n, s, p = person(fake, 25, 55)
    co = rng.choice(["华鼎物流有限公司", "蒙自铁路工务段", "泾县宣纸集团", "长汀稀土材料有限公司"])
    findings = pick(
        rng,
        [
            "乙肝表面抗原阳性，肝功能ALT 86U/L偏高",
            "甲状腺右叶结节 1.2cm×0.8cm，TI-RADS 4a类，建议穿刺",
            "空腹血糖 9.6mmol/L，糖化血红蛋白 7.8%",
            "心电图提示窦性心动过缓伴一度房室传导阻滞",
            "胸部CT见左肺上叶磨玻璃结节 8mm，建议三个月复查",
            "血压 168/102mmHg，已达高血压2级",
        ],
        2,
    )
    d = ymd(rng, 2015, 2025)
    boss = fake.name()
    return Doc(
        preamble=[
            f"发件人：{fake.name()}（人力资源部）",
            f"收件人：{boss}（分管副总）",
            f"日期：{cn(d)}",
            f"主题：关于员工{n}年度体检异常情况的报告",
        ],
        title="",
        paragraphs=[
            f"{boss[0]}总：",
            f"今年体检报告已全部返回，{n}（身份证号{s}，{rng.choice(['调度中心', '财务部', '二车间', '安全科'])}）体检结果有两项异常：一是{findings[0]}；二是{findings[1]}。体检中心医生建议尽快到专科进一步检查。",
            f"考虑其目前岗位需要经常夜班，人力资源部建议暂时调整岗位，并安排其本周内复查。本人联系电话{p}，是否由部门负责人先和本人谈一下，请您示下。",
            "附件：体检报告（PDF，3页）",
        ],
        closing=[f"{co} 人力资源部"],
        identifiers=[s],
        key_phrases=[findings[0]],
    )


@family("b7_mr_doctor_wechat", "medical_record", "txt", "phone-screenshot")
def mr_doctor_wechat(rng: random.Random, fake: Faker) -> Doc:
    n = fake.name()
    age = rng.randint(30, 85)
    bed = rng.randint(1, 40)
    story = rng.choice(
        [
            f"{age}岁，{bed}床，反复胸闷气促三天入院，既往高血压十年，肌钙蛋白0.56，心电图V1-V4 ST段抬高，考虑急性前壁心梗，已经上了双抗，准备明早造影",
            f"{age}岁，{bed}床，发热五天，最高39.2℃，咳嗽有黄痰，CT双下肺斑片影，白细胞14.3，考虑社区获得性肺炎，头孢曲松用上了，痰培养还没出",
            f"{age}岁，{bed}床，上腹痛伴呕血半天，血红蛋白72g/L，胃镜见胃角溃疡活动性出血，已经内镜下止血，输了两个单位红细胞",
        ]
    )
    return Doc(
        preamble=[f"{rng.choice(['心内科', '呼吸科', '消化科'])}医生群", f"{hhmm(rng)}"],
        paragraphs=[
            f"{fake.name()}主任：跟您汇报下今天收的病人，{n}，{story}。家属电话{fake.phone_number()}，家属情绪比较激动，说明天要来找您。",
            rng.choice(
                ["您看明天查房的时候要不要先过一下？", "有变化我再跟您说。", "病历我晚上补完。"]
            ),
            f"{hhmm(rng)}  主任: 好，按这个处理，注意观察生命体征",
        ],
        closing=["以上内容仅供参考"],
        key_phrases=[story[:20]],
    )


@family("b7_mr_nurse_handover", "medical_record", "docx", "photo", "pdf")
def mr_nurse_handover(rng: random.Random, fake: Faker) -> Doc:
    hosp = rng.choice(["铁路中心医院", "阿荣旗人民医院", "桐梓县中医院", "岳西县人民医院"])
    ward = rng.choice(["外科二病区", "神经内科病区", "骨科病区", "ICU"])
    y = rng.randint(2006, 2024)
    pats = []
    notes = [
        "术后第一天，切口敷料干燥，引流管引出淡红色液体约{v}ml，疼痛评分3分",
        "昏迷，GCS 7分，右侧瞳孔3mm对光反射迟钝，鼻饲中，已翻身拍背",
        "血糖凌晨3点2.9mmol/L，已静推50%葡萄糖40ml，复测6.1",
        "夜间诉胸闷，血氧92%，已吸氧3L/min，值班医生已看过",
        "左股骨骨折牵引中，足背动脉搏动好，有坠床风险已上床栏",
        "留置导尿，尿色深，24小时尿量{v}ml，需记出入量",
    ]
    for note in pick(rng, notes, rng.randint(3, 5)):
        pats.append(
            f"{rng.randint(1, 45)}床 {fake.name()}，{rng.choice(['男', '女'])}，{rng.randint(20, 90)}岁：{note.format(v=rng.randint(50, 1200))}。"
        )
    return Doc(
        preamble=[f"{hosp}{ward}"],
        title=f"护理交班（{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 夜班→白班）",
        paragraphs=[
            f"原有{rng.randint(30, 50)}人，入院{rng.randint(0, 4)}人，出院{rng.randint(0, 6)}人，重点交班如下：",
            *pats,
            "其余病人无特殊。",
        ],
        closing=[f"交班护士：{fake.name()}  接班护士：{fake.name()}"],
        key_phrases=[pats[0]],
    )


@family("b7_mr_fever_clinic_2003", "medical_record", "pdf", "scan-png", "docx")
def mr_fever_clinic_2003(rng: random.Random, fake: Faker) -> Doc:
    n, s, _p = person(fake, 20, 60)
    t = round(rng.uniform(37.8, 39.6), 1)
    return Doc(
        preamble=[f"{rng.choice(COUNTIES)}人民医院 发热门诊"],
        title="门诊病历",
        paragraphs=[
            f"姓名：{n}  身份证：{s}  就诊时间：2003年{rng.randint(3, 5)}月{rng.randint(1, 28)}日",
            f"患者自述{rng.randint(2, 6)}天前从{rng.choice(['广州', '北京', '太原'])}乘火车返回，{rng.randint(1, 3)}天前开始发热，伴畏寒、乏力、干咳，无咽痛。",
            f"查体：T {t}℃，P {rng.randint(88, 120)}次/分，双肺呼吸音粗，右下肺可闻及少许湿啰音。",
            f"血常规：WBC {rng.uniform(3.0, 5.5):.1f}×10^9/L，淋巴细胞比例降低。胸片：右下肺片状模糊影。",
            "初步印象：发热待查，SARS疑似病例？",
            "处理：收入隔离病房，按规定上报，密切接触者登记。",
        ],
        closing=[f"医师：{fake.name()}", "此件已通报批评相关转发人员，请勿再传"],
        identifiers=[s],
        key_phrases=["SARS疑似病例"],
    )


# ========================================================================= investigation_report


@family("b7_ir_factory_situation", "investigation_report", "docx", "scan-png", "pdf")
def ir_factory_situation(rng: random.Random, fake: Faker) -> Doc:
    co = rng.choice(
        ["丰城市华兴陶瓷有限公司", "醴陵市鸿达烟花厂", "灵宝市金源冶炼有限公司", "安化县茶叶加工厂"]
    )
    d = ymd(rng, 2005, 2021)
    code = f"{d[1]}·{d[2]}"
    hurt = fake.name()
    return Doc(
        preamble=[f"{co[:3]}应急管理局"],
        title=f"关于{co}“{code}”事故有关情况的说明",
        paragraphs=[
            f"{cn(d)}{rng.randint(1, 23)}时许，{co}{rng.choice(['干燥车间', '配药工房', '球磨车间'])}发生一起{rng.choice(['粉尘爆燃', '机械伤害', '中毒窒息'])}事故，造成{rng.randint(1, 3)}人死亡、{rng.randint(0, 5)}人受伤。",
            f"经现场勘查、调取监控和询问{rng.randint(8, 25)}名相关人员，初步查明：当班班长{hurt}未按规定执行停机清扫制度，车间除尘设备自{d[1]}月初即已故障，企业未及时维修；企业安全生产责任制落实不到位，安全培训记录存在补签现象。",
            f"镇安监站{rng.choice(['去年', '本年度'])}两次检查均未发现上述问题，存在履职不到位的情况。",
            "下一步建议：对企业主要负责人依法追究责任，对负有监管责任的人员移交纪检监察机关处理。",
            "以上情况尚未经事故调查组最终认定，仅供领导参阅。",
        ],
        closing=[f"{co[:3]}应急管理局", cn(d)],
        key_phrases=["初步查明", "未经事故调查组最终认定"],
    )


@family("b7_ir_case_trace", "investigation_report", "docx", "phone-screenshot", "pdf")
def ir_case_trace(rng: random.Random, fake: Faker) -> Doc:
    n, s, p = person(fake)
    y = rng.choice([2021, 2022])
    m = rng.randint(1, 12)
    steps = [
        f"{m}月{rng.randint(1, 9)}日 {hhmm(rng)} 乘坐{rng.choice(['G1502次', 'K786次', 'D3321次'])}列车{rng.randint(3, 16)}车厢返回",
        f"{m}月{rng.randint(10, 14)}日 到{rng.choice(['好又多超市', '人民路菜市场', '老街米粉店'])}购物约40分钟",
        f"{m}月{rng.randint(15, 18)}日 参加{fake.name()}家婚宴，同桌{rng.randint(6, 11)}人",
        f"{m}月{rng.randint(19, 22)}日 因咽痛到{rng.choice(['诊所', '社区卫生服务站'])}就诊，核酸阳性",
    ]
    return Doc(
        title=f"关于{n[0]}某某活动轨迹的核查情况",
        paragraphs=[
            f"{n}，{'男' if int(s[16]) % 2 else '女'}，身份证号{s}，手机{p}，住{rng.choice(COUNTIES)}{rng.choice(TOWNS)}。",
            "经流调组电话询问、调取手机信令和公共场所监控，其发病前14天活动轨迹核查如下：",
            *steps,
            f"已判定密切接触者{rng.randint(8, 40)}人、次密接{rng.randint(20, 90)}人，均已落实管控。其所述{m}月{rng.randint(10, 14)}日行程与监控不符，存在隐瞒可能，建议移交公安机关进一步核实。",
        ],
        closing=[f"流调组 {y}年{m}月{rng.randint(20, 28)}日"],
        identifiers=[s, p],
        key_phrases=["活动轨迹核查如下"],
    )


@family("b7_ir_bank_review", "investigation_report", "docx", "pdf", "jpeg")
def ir_bank_review(rng: random.Random, fake: Faker) -> Doc:
    branch = rng.choice(["城关支行", "东街分理处", "火车站支行"])
    who = mou(rng)
    amt = rng.randint(12, 380)
    y = rng.randint(2012, 2024)
    return Doc(
        preamble=["内部资料"],
        title=f"关于{branch}柜员{who}挪用客户资金问题的核查情况汇报",
        paragraphs=[
            "行党委：",
            f"根据{y}年{rng.randint(1, 12)}月客户{fake.name()}的投诉，稽核部会同保卫部成立核查小组，对{branch}进行了现场核查。现将有关情况汇报如下：",
            f"一、基本事实。经调阅流水和监控，{who}利用为老年客户代办业务的便利，自{y - 1}年起先后{rng.randint(5, 30)}次将客户存款转入其亲属账户，累计{amt}万元，其中已归还{rng.randint(1, amt)}万元。",
            f"二、原因分析。支行负责人{mou(rng)}对柜员权限管理不严，授权密码长期由柜员代管；事后监督未能发现异常交易。",
            "三、处理建议。建议对当事人解除劳动合同并移送司法机关，对支行负责人给予记过处分。",
        ],
        closing=[
            "稽核部",
            f"{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
            "（已通报批评，本件不再另行发文）",
        ],
        key_phrases=["核查情况汇报", "基本事实"],
    )


@family("b7_ir_school_food", "investigation_report", "docx", "photo", "txt")
def ir_school_food(rng: random.Random, fake: Faker) -> Doc:
    school = rng.choice(["泾县城关小学", "桐梓县第三中学", "长汀县实验幼儿园", "蒙自市第一中学"])
    d = ymd(rng, 2010, 2026)
    sick = rng.randint(12, 90)
    food = rng.choice(["凉拌木耳", "豆角炒肉", "隔夜米饭炒饭", "卤鸡腿"])
    return Doc(
        title=f"{school}“{d[1]}·{d[2]}”学生集体腹泻事件处置及原因分析",
        paragraphs=[
            f"{cn(d)}午餐后，{school}陆续有{sick}名学生出现腹痛、腹泻、呕吐症状，其中{rng.randint(2, 8)}人住院治疗，无危重病例。",
            f"疾控中心采集剩余食品、呕吐物及厨工肛拭子{rng.randint(10, 30)}份，检出{rng.choice(['副溶血性弧菌', '蜡样芽孢杆菌', '沙门氏菌'])}，可疑餐次为当日午餐的{food}。",
            f"原因：食堂承包方{rng.choice(['鑫源餐饮', '阳光配餐', '好味道餐饮'])}管理员{fake.name()}为赶时间未按规定加热，留样记录缺失；学校分管副校长{mou(rng)}陪餐制度流于形式。",
            "责任追究建议：终止承包合同；对分管副校长给予警告处分。此事已通报批评。",
        ],
        closing=[f"{rng.choice(COUNTIES)}教育局联合工作组", cn(d)],
        key_phrases=["原因分析", food],
    )


# ========================================================================= internal_material


@family("b7_im_railway_songshen", "internal_material", "docx", "pdf")
def im_railway_songshen(rng: random.Random, fake: Faker) -> Doc:
    bureau = rng.choice(["蒙自车务段", "桐梓工务段", "灵宝电务段", "岳西车站"])
    y = rng.randint(2014, 2025)
    arts = [
        "第一条 为规范本段劳动安全管理，防止人身伤害事故，结合本段实际，制定本办法。",
        "第二条 本办法适用于本段所属各车间、班组及外包劳务人员。",
        f"第三条 上道作业必须设置防护员，防护员应持证上岗；无防护员不得上道，违者按{rng.choice(['一般', '严重'])}违章处理。",
        f"第四条 夜间作业照明不足{rng.randint(20, 50)}勒克斯的，作业负责人应停止作业。",
        "第五条 各车间每月考核结果与绩效工资挂钩，扣分标准另行制定。",
    ]
    return Doc(
        header="送审稿 请勿外传",
        preamble=["送审稿"],
        title=f"{bureau}劳动安全管理办法",
        paragraphs=[*arts, "（本稿经段务会讨论修改，待路局审定后印发。）"],
        closing=[f"{bureau}安全科 {y}年{rng.randint(1, 12)}月"],
        key_phrases=["送审稿", arts[2]],
    )


@family("b7_im_hospital_zhengqiu", "internal_material", "pdf", "screenshot", "docx")
def im_hospital_zhengqiu(rng: random.Random, fake: Faker) -> Doc:
    hosp = rng.choice(["丰城市人民医院", "临夏州中医院", "安化县第二人民医院"])
    y = rng.randint(2017, 2026)
    pct = rng.randint(3, 15)
    return Doc(
        preamble=["（征求意见稿）", "仅限院内征求意见，不得外传"],
        title=f"{hosp}{y}年绩效工资分配方案",
        paragraphs=[
            f"一、总体原则：绩效工资总量按上年度结余的{rng.randint(40, 60)}%核定，向临床一线、夜班和高风险岗位倾斜。",
            f"二、科室核算：医疗收入扣除药品、耗材成本后按工作量计点，行政后勤科室按全院临床科室平均数的{rng.randint(70, 90)}%发放。",
            f"三、院领导绩效：按本院职工平均绩效的{rng.uniform(1.5, 3.0):.1f}倍核定。",
            f"四、扣罚：医疗纠纷赔偿由科室承担{pct}%，直接责任人承担{pct * 2}%。",
            f"请各科室于{rng.randint(1, 12)}月{rng.randint(1, 28)}日前将修改意见书面反馈至运营管理部{fake.name()}。",
        ],
        closing=["院办", "欢迎转发至本科室职工群"],
        key_phrases=["征求意见稿", "不得外传"],
    )


@family("b7_im_taolun_chat", "internal_material", "txt", "phone-screenshot")
def im_taolun_chat(rng: random.Random, fake: Faker) -> Doc:
    city = rng.choice(["蒙自市", "丰城市", "灵宝市", "醴陵市"])
    y = rng.randint(2020, 2026)
    thing = rng.choice(
        [
            ("调整部分公交线路运营时间", "1路、5路、K8路末班车提前至19时"),
            ("临时封闭人民路部分路段施工", "人民路（文化路至解放路段）封闭施工90天"),
            ("城区部分学校延迟开学", "城区公办中小学开学时间推迟一周"),
        ]
    )
    return Doc(
        preamble=[
            f"{city}公交公司管理群"
            if "公交" in thing[0]
            else f"{city}{rng.choice(['城管', '教育', '住建'])}工作群",
            f"{hhmm(rng)}  {fake.name()}:",
        ],
        title=f"关于{thing[0]}的通告（讨论稿）",
        paragraphs=[
            f"为做好相关工作，经研究决定，自{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日起{thing[1]}。",
            "请广大市民提前安排出行，由此带来的不便敬请谅解。",
            f"特此通告。{city}人民政府（拟）",
            f"{hhmm(rng)}  {fake.name()}: 这个是明天会上讨论的稿子，大家先看看",
        ],
        closing=["以上内容仅供参考，欢迎转发"],
        key_phrases=["讨论稿", thing[1]],
    )


@family("b7_im_company_restructure", "internal_material", "docx", "photo", "pdf")
def im_company_restructure(rng: random.Random, fake: Faker) -> Doc:
    co = rng.choice(
        ["华鼎物流有限公司", "宣城纸业股份有限公司", "长汀稀土材料有限公司", "阿荣旗乳业有限公司"]
    )
    y = rng.randint(2009, 2025)
    cut = rng.randint(8, 30)
    return Doc(
        preamble=[f"{co}", "内部通知  仅限中层以上传达"],
        title="关于组织架构调整和人员优化的通知",
        paragraphs=[
            f"各部门：根据董事会决议，公司将于{y}年{rng.randint(1, 12)}月起进行组织架构调整，撤销市场二部、客服中心并入运营部，全公司岗位压减约{cut}%。",
            f"各部门负责人于本周五前提交拟优化人员名单，名单由人力资源总监{fake.name()}汇总，不得在部门内提前透露。",
            "对外口径统一为“业务整合”，任何人不得向媒体、客户及供应商透露本通知内容，违者按泄露商业秘密处理。",
        ],
        closing=["总经理办公室", f"{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"],
        key_phrases=["仅限中层以上传达", "人员优化"],
    )


# ========================================================================= classified


@family("b7_cl_header_mark", "classified", "docx", "pdf", "scan-png")
def cl_header_mark(rng: random.Random, fake: Faker) -> Doc:
    mark = rng.choice(["机密★10年", "秘密★5年", "机密★长期"])
    unit = rng.choice(["某研究所", "红星机械厂", "国营七二三厂"])
    y = rng.randint(2003, 2015)
    return Doc(
        header=mark,
        preamble=[mark, f"第{rng.randint(1, 40):02d}号"],
        title=f"关于{rng.choice(['XJ-3', 'HT-7', '07'])}型产品定型试验安排的通知",
        paragraphs=[
            f"各有关科室：经上级批准，{unit}定于{y}年{rng.randint(1, 12)}月在{rng.choice(['西北', '东北', '西南'])}某试验场进行定型试验。",
            f"参试人员{rng.randint(12, 40)}名，由{fake.name()}任现场总指挥，名单另发。参试人员不得携带手机，不得与外单位人员谈论试验内容。",
            "试验数据一律使用专用载体，试验结束后交保密办登记。",
        ],
        closing=[
            f"{unit}科研生产处",
            f"{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
            f"印{rng.randint(5, 15)}份",
        ],
        key_phrases=[mark],
    )


@family("b7_cl_juemi_telegram", "classified", "pdf", "scan-png", "photo")
def cl_juemi_telegram(rng: random.Random, fake: Faker) -> Doc:
    y = rng.randint(2004, 2012)
    prov = rng.choice(["湘", "赣", "皖", "滇"])
    return Doc(
        preamble=[
            "密码电报",
            f"绝密  特急  {prov}电〔{y}〕{rng.randint(10, 90)}号",
            "签批盘号：____",
        ],
        title=f"关于{rng.choice(['边境', '重点地区', '库区'])}安全形势及近期工作部署的电报",
        paragraphs=[
            "各市州委、政府：",
            f"近期{rng.choice(['境外敌对势力', '个别不法分子'])}活动有所抬头，据掌握的情况，{rng.randint(2, 6)}个县出现苗头性问题。",
            f"省委决定：一、由{fake.name()}同志牵头成立工作专班；二、相关县进入{rng.choice(['二级', '三级'])}戒备，严格执行值班制度；三、有关情况实行日报告，直报省委办公厅。",
            "本电报传达至地厅级，不得翻印、摘抄。",
        ],
        closing=[f"{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"],
        key_phrases=["绝密", "不得翻印"],
    )


@family("b7_cl_minutes_chat_footer", "classified", "txt", "photo", "phone-screenshot")
def cl_minutes_chat_footer(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y = rng.randint(2016, 2026)
    mark = rng.choice(["秘密★1年", "秘密 ★ 6个月", "机密★5年"])
    return Doc(
        preamble=[mark],
        title=f"{county}委常委会会议纪要",
        paragraphs=[
            f"第{rng.randint(3, 40)}次  {y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
            f"会议由{fake.name()}同志主持，研究了以下事项：",
            f"一、关于干部调整事宜。会议同意{fake.name()}同志拟任{rng.choice(['县财政局局长', '县卫健局局长', '某镇党委书记'])}人选，按程序报批。",
            f"二、关于{rng.choice(['化工园区', '垃圾焚烧发电厂'])}选址问题。会议议定暂不公开选址方案，由宣传部做好舆情预案。",
        ],
        closing=["群主：欢迎转发，大家学习一下", "（已通报批评）"],
        key_phrases=[mark, "暂不公开选址方案"],
    )


@family("b7_cl_stability_plan", "classified", "docx", "rot90", "pdf")
def cl_stability_plan(rng: random.Random, fake: Faker) -> Doc:
    mark = rng.choice(["秘密 ★ 3年", "秘密★2年", "机密 ★ 10年"])
    county = rng.choice(COUNTIES)
    y = rng.randint(2010, 2024)
    n, s, _p = person(fake, 40, 75)
    return Doc(
        preamble=[mark, f"{county}公安局"],
        title=f"“{rng.choice(['春雷', '清风', '护航'])}{y}”重点人员稳控工作方案",
        paragraphs=[
            f"为确保{y}年重要会议期间社会稳定，制定本方案。",
            f"一、重点稳控对象：{n}（身份证号{s}），系长期越级上访人员；对其实行“五包一”，由{rng.choice(TOWNS)}派出所负责。",
            f"二、措施：会议期间安排专人{rng.randint(2, 4)}人24小时跟进，发现其购买外出车票立即报告。",
            "三、纪律：本方案涉密，严禁复制、拍照、转发。",
        ],
        closing=[f"{county}公安局国保大队", f"{y}年{rng.randint(1, 12)}月"],
        identifiers=[s],
        key_phrases=[mark, "重点稳控对象"],
    )


# ========================================================================= clean


@family("b7_cn_marathon_notice", "clean", "docx", "pdf", "jpeg")
def cn_marathon_notice(rng: random.Random, fake: Faker) -> Doc:
    city = rng.choice(["蒙自市", "丰城市", "灵宝市", "醴陵市", "长汀县"])
    y = rng.randint(2016, 2026)
    n = rng.randint(2, 30)
    return Doc(
        preamble=[f"{city}公安局交通管理大队", f"{city[:2]}公交通告〔{y}〕{n}号"],
        title=f"关于{y}{city[:2]}半程马拉松赛期间实施交通管制的通告",
        paragraphs=[
            f"{y}{city[:2]}半程马拉松赛将于{y}年{rng.randint(3, 11)}月{rng.randint(1, 28)}日7时30分开赛。为保障赛事顺利进行，现将有关交通管制事项通告如下：",
            f"一、管制时间：当日6时至12时。二、管制路段：{rng.choice(['人民路', '滨江大道', '迎宾大道'])}全线、{rng.choice(['文化路', '建设路'])}部分路段。",
            "三、管制期间，除赛事保障车辆外，其他车辆禁止通行，请广大市民合理安排出行。",
            "特此通告。",
        ],
        closing=[
            f"{city}公安局交通管理大队",
            f"{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
            "（此件主动公开）",
        ],
        key_phrases=["交通管制"],
    )


@family("b7_cn_stats_bulletin", "clean", "pdf", "png", "xlsx")
def cn_stats_bulletin(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y = rng.randint(2005, 2025)
    rows = [["指标", "单位", f"{y}年", "比上年增长(%)"]]
    for ind, unit in [
        ("医疗卫生机构", "个"),
        ("卫生技术人员", "人"),
        ("实有床位", "张"),
        ("总诊疗人次", "万人次"),
        ("法定传染病报告发病率", "1/10万"),
    ]:
        rows.append([ind, unit, str(rng.randint(50, 9000)), f"{rng.uniform(-5, 12):.1f}"])
    return Doc(
        title=f"{county}{y}年卫生健康事业发展统计公报",
        paragraphs=[
            f"{y}年，全县卫生健康系统认真贯彻落实各项决策部署，卫生健康事业持续发展。主要指标如下：",
            f"全县甲乙类法定报告传染病无死亡病例，孕产妇死亡率为{rng.uniform(0, 20):.1f}/10万，婴儿死亡率{rng.uniform(1, 6):.2f}‰。",
            "注：本公报数据为初步统计数，部分数据因四舍五入原因存在总计与分项合计不等的情况。",
        ],
        tables=[rows],
        closing=[f"{county}卫生健康局  {county}统计局", f"{y + 1}年{rng.randint(3, 6)}月"],
        key_phrases=["统计公报"],
    )


@family("b7_cn_gov_disclosure_page", "clean", "txt", "screenshot")
def cn_gov_disclosure_page(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y = rng.randint(2015, 2026)
    idx = f"{rng.randint(10000000, 99999999)}/{y}-{rng.randint(100, 999):05d}"
    return Doc(
        preamble=[f"{county}人民政府门户网站 > 政府信息公开 > 法定主动公开内容 > 通知公告"],
        title=f"关于开展{y}年度{rng.choice(['农村危房改造', '城乡居民医保参保缴费', '困难群众临时救助'])}工作的通知",
        paragraphs=[
            f"索引号：{idx}  发布机构：{county}人民政府办公室  公开方式：主动公开  发布日期：{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "各乡镇人民政府，县直有关单位：现将有关事项通知如下，请认真贯彻执行。",
            f"一、工作目标。二、实施步骤：{rng.randint(3, 6)}月底前完成摸底，{rng.randint(7, 10)}月底前完成。三、工作要求：各单位要高度重视，按时报送进度。",
            "【打印本页】【关闭窗口】  访问量：" + str(rng.randint(120, 9000)),
        ],
        key_phrases=["主动公开", "索引号"],
    )


@family("b7_cn_secrecy_textbook", "clean", "docx", "pdf", "photo")
def cn_secrecy_textbook(rng: random.Random, fake: Faker) -> Doc:
    ch = rng.randint(2, 9)
    return Doc(
        title=f"第{ch}章 国家秘密的标志",
        paragraphs=[
            f"{ch}.1 密级的划分。国家秘密的密级分为“绝密”“机密”“秘密”三级。绝密级是最重要的国家秘密，泄露会使国家安全和利益遭受特别严重的损害。",
            f"{ch}.2 标志的格式。国家秘密标志由密级和保密期限组成，中间以“★”隔开，例如“秘密★1年”“机密★10年”。保密期限为长期的，可标注为“绝密★长期”。",
            f"{ch}.3 标注位置。公文的密级和保密期限一般标注在版头左上角第二行。",
            "【思考题】1.某单位将一份“内部资料”误标为“秘密”，应如何处理？ 2.试述定密责任人的职责。",
        ],
        closing=[f"《保密知识基础教程》（第{rng.randint(2, 5)}版）  第{rng.randint(30, 200)}页"],
        key_phrases=["国家秘密的标志"],
    )


@family("b7_cn_news_leak_punished", "clean", "txt", "phone-screenshot", "docx")
def cn_news_leak_punished(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y = rng.randint(2020, 2025)
    who = mou(rng)
    return Doc(
        title=f"{county}通报{rng.randint(2, 5)}起违反工作纪律典型问题",
        paragraphs=[
            f"本报讯（记者 {fake.name()}）近日，{county}纪委监委通报了几起违反工作纪律的典型问题。",
            f"{county}{rng.choice(TOWNS)}干部{who}将一份疫情防控交办单拍照发至亲属微信群，造成信息扩散，受到政务警告处分。",
            f"某医院检验员{mou(rng)}私自拍摄患者住院病历并在微信群传播，泄露患者隐私，被解除聘用合同。",
            "县纪委监委有关负责人表示，党员干部要严守保密纪律，涉及排查名单、调查报告、讨论稿等内部材料一律不得擅自转发。",
        ],
        closing=[
            f"来源：{rng.choice(['县融媒体中心', '市日报'])}  {y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "欢迎转发",
        ],
        key_phrases=["典型问题"],
    )


@family("b7_cn_nurse_recruitment", "clean", "docx", "jpeg", "pdf")
def cn_nurse_recruitment(rng: random.Random, fake: Faker) -> Doc:
    hosp = rng.choice(["丰城市人民医院", "临夏州中医院", "岳西县人民医院", "铁路中心医院"])
    y = rng.randint(2012, 2026)
    return Doc(
        title=f"{hosp}{y}年公开招聘合同制护理人员公告",
        paragraphs=[
            f"因业务发展需要，经研究，我院决定面向社会公开招聘合同制护士{rng.randint(10, 60)}名。",
            "一、招聘条件：1.全日制大专及以上学历，护理学专业；2.已取得护士执业资格证；3.年龄35周岁以下；4.身体健康，能胜任夜班工作。",
            "二、报名材料：身份证、毕业证、执业证原件及复印件，近期二寸免冠照片2张。",
            "三、考试和体检：笔试、面试合格者按1:1比例参加体检，体检标准参照公务员录用体检通用标准。",
            f"咨询电话：0{rng.randint(700, 999)}-{rng.randint(2000000, 8999999)}（人事科 {fake.name()[0]}老师）",
        ],
        closing=[hosp, f"{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"],
        key_phrases=["公开招聘"],
    )


@family("b7_cn_masked_dibao", "clean", "pdf", "photo", "xlsx", "csv")
def cn_masked_dibao(rng: random.Random, fake: Faker) -> Doc:
    town = rng.choice(TOWNS)
    y = rng.randint(2014, 2026)
    rows = [["序号", "户主姓名", "身份证号", "家庭人口", "保障金额(元/月)"]]
    for i in range(1, rng.randint(6, 11)):
        s = fake.ssn()
        name = fake.name()
        rows.append(
            [
                str(i),
                name[0] + "*" * (len(name) - 1),
                s[:4] + "**********" + s[-4:],
                str(rng.randint(1, 6)),
                str(rng.randint(3, 12) * 50),
            ]
        )
    return Doc(
        title=f"{town}{y}年{rng.randint(1, 12)}月新增城乡低保对象公示",
        paragraphs=[
            "根据《社会救助暂行办法》，经本人申请、入户调查、民主评议，拟新增以下低保对象，现予公示，公示期7天。对公示对象有异议的，可向镇民政办反映。"
        ],
        tables=[rows],
        closing=[
            f"监督电话：0{rng.randint(700, 999)}-{rng.randint(2000000, 8999999)}",
            f"{town}人民政府",
        ],
        key_phrases=["现予公示"],
    )


@family("b7_cn_health_science", "clean", "txt", "phone-screenshot")
def cn_health_science(rng: random.Random, fake: Faker) -> Doc:
    topic = rng.choice(
        [
            (
                "体检发现甲状腺结节，要紧吗？",
                "甲状腺结节非常常见，体检中检出率可达20%以上，绝大多数是良性的。TI-RADS 4a类的结节恶性风险较低，可遵医嘱复查或穿刺。",
            ),
            (
                "血糖偏高一定是糖尿病吗？",
                "一次空腹血糖偏高不能确诊糖尿病，需要结合糖化血红蛋白、口服葡萄糖耐量试验综合判断。",
            ),
            (
                "乙肝表面抗原阳性，还能正常上班吗？",
                "乙肝病毒不通过日常工作接触传播，用人单位不得以此为由拒绝录用或辞退。携带者应定期复查肝功能和病毒载量。",
            ),
        ]
    )
    return Doc(
        preamble=[
            f"{rng.choice(['健康科普', '医生说', '家庭医生小课堂'])}  {fake.name()}  {rng.choice(['主任医师', '副主任医师'])}"
        ],
        title=topic[0],
        paragraphs=[
            topic[1],
            "很多朋友拿到体检报告，看到箭头就紧张。其实，体检报告上的异常提示需要医生结合病史判断。",
            "建议：保持规律作息，清淡饮食，适量运动，按时复查。本文仅作健康科普，不能替代面诊。",
        ],
        closing=[
            f"阅读 {rng.randint(1, 90)}万  点赞 {rng.randint(100, 9000)}",
            "欢迎转发给身边需要的人",
        ],
        key_phrases=[topic[0]],
    )


@family("b7_cn_novel_excerpt", "clean", "txt", "docx")
def cn_novel_excerpt(rng: random.Random, fake: Faker) -> Doc:
    a, b = fake.first_name(), fake.first_name()
    return Doc(
        title=f"第{rng.randint(3, 40)}章 {rng.choice(['雨夜', '档案室', '旧病历', '县城的冬天'])}",
        paragraphs=[
            f"{a}推开档案室的门，一股霉味扑面而来。桌上那只牛皮纸袋上盖着红色的“机密”两个字，封口已经被人拆开过。",
            f"“调查报告你看了？”{b}站在门口，声音压得很低。“镇长交代过，这东西谁也不能看。”",
            f"{a}没有回答。他想起十年前父亲住院时那本薄薄的病历，想起那张写着名字和身份证号的名单，想起那年冬天县城里每一扇紧闭的窗。",
            "窗外的雨下得更大了。",
        ],
        closing=[f"（小说连载·{rng.choice(['长河', '北方', '边城'])}文学网）"],
        key_phrases=["档案室"],
    )


@family("b7_cn_canteen_menu", "clean", "xlsx", "photo", "csv")
def cn_canteen_menu(rng: random.Random, fake: Faker) -> Doc:
    school = rng.choice(
        ["泾县城关小学", "桐梓县第三中学", "蒙自铁路工务段职工食堂", "丰城市第二纺织厂食堂"]
    )
    dishes = [
        "红烧肉",
        "番茄炒蛋",
        "清炒小白菜",
        "土豆丝",
        "冬瓜排骨汤",
        "青椒肉丝",
        "麻婆豆腐",
        "清蒸鱼",
        "紫菜蛋汤",
        "鸡腿",
        "凉拌木耳",
        "炒豆角",
    ]
    rows = [["星期", "主菜", "副菜", "素菜", "汤"]]
    for day in "一二三四五":
        ds = rng.sample(dishes, 4)
        rows.append([f"周{day}", *ds])
    return Doc(
        title=f"{school}第{rng.randint(1, 20)}周食谱",
        paragraphs=[f"陪餐负责人：{fake.name()}  食品安全监督电话：12315"],
        tables=[rows],
        closing=["食材均由定点供应商配送，每餐留样48小时"],
        key_phrases=["食谱"],
    )


@family("b7_cn_personal_resume", "clean", "docx", "pdf")
def cn_personal_resume(rng: random.Random, fake: Faker) -> Doc:
    n, _s, p = person(fake, 22, 40)
    return Doc(
        title="个人简历",
        paragraphs=[
            f"姓名：{n}   电话：{p}   邮箱：{fake.email()}",
            f"求职意向：{rng.choice(['护士', '会计', '行政文员', '铁路调度员'])}",
            f"教育经历：{rng.randint(2005, 2018)}-{rng.randint(2019, 2022)}  {rng.choice(['湖南中医药大学', '江西财经大学', '兰州交通大学'])}  本科",
            f"工作经历：曾在{fake.company()}担任{rng.choice(['助理', '专员', '主管'])}，负责日常数据统计、报表整理及档案管理工作。",
            "自我评价：认真负责，有较强的沟通能力和保密意识，身体健康。",
        ],
        identifiers=[p],
        key_phrases=["求职意向"],
    )


@family("b7_cn_hire_publicity", "clean", "pdf", "screenshot", "csv")
def cn_hire_publicity(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y = rng.randint(2013, 2026)
    rows = [["序号", "姓名", "性别", "准考证号", "身份证号", "岗位", "总成绩"]]
    for i in range(1, rng.randint(6, 12)):
        s = fake.ssn(min_age=22, max_age=34)
        rows.append(
            [
                str(i),
                fake.name(),
                "男" if int(s[16]) % 2 else "女",
                f"{y}{rng.randint(100000, 999999)}",
                s[:6] + "********" + s[-4:],
                rng.choice(["小学语文", "初中数学", "幼儿教师"]),
                f"{rng.uniform(70, 90):.2f}",
            ]
        )
    return Doc(
        title=f"{county}{y}年公开招聘中小学教师拟聘用人员名单公示",
        paragraphs=[
            f"根据招聘公告，经笔试、面试、体检和考察，现将拟聘用人员名单予以公示。公示期：{y}年{rng.randint(6, 9)}月{rng.randint(1, 20)}日至{rng.randint(21, 28)}日。"
        ],
        tables=[rows],
        closing=[f"{county}教育局  {county}人力资源和社会保障局"],
        key_phrases=["拟聘用人员名单公示"],
    )


@family("b7_cn_volunteer_event", "clean", "txt", "phone-screenshot")
def cn_volunteer_event(rng: random.Random, fake: Faker) -> Doc:
    comm = rng.choice(["锦绣社区", "铁路新村社区", "滨江社区", "粮站社区"])
    d = ymd(rng, 2018, 2026)
    return Doc(
        preamble=[f"{comm}志愿者群", f"{hhmm(rng)}  {fake.name()}(社工):"],
        paragraphs=[
            f"各位志愿者好！本周六（{d[1]}月{d[2]}日）上午9点在社区广场开展“{rng.choice(['垃圾分类进万家', '关爱老人义诊', '清洁家园'])}”活动，安排如下：",
            "1、8点半前到社区领马甲和工具；2、一组负责摆摊宣传，二组负责扶老人排队；3、活动结束大家一起拍个合照。",
            "请愿意参加的在群里接龙报名，周五晚上8点前截止。谢谢大家！",
            f"接龙：1.{fake.name()} 2.{fake.name()} 3.{fake.name()}",
        ],
        closing=["欢迎转发，邀请邻居一起来"],
        key_phrases=["接龙报名"],
    )


@family("b7_cn_public_comment_draft", "clean", "docx", "screenshot", "pdf")
def cn_public_comment_draft(rng: random.Random, fake: Faker) -> Doc:
    city = rng.choice(["蒙自市", "丰城市", "灵宝市", "醴陵市"])
    y = rng.randint(2015, 2026)
    what = rng.choice(["养犬管理规定", "城市绿化条例", "电动自行车管理办法"])
    return Doc(
        preamble=[f"{city}司法局", "公开征求意见"],
        title=f"关于公开征求《{city}{what}（征求意见稿）》意见的公告",
        paragraphs=[
            f"为提高立法质量，广泛听取社会公众意见，现将《{city}{what}（征求意见稿）》全文公布，征求社会各界意见。",
            f"征求意见截止日期为{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日。公众可通过以下方式提出意见：1.电子邮件发送至{fake.free_email()}；2.信函寄至{city}司法局立法科。",
            "欢迎社会各界积极参与，提出宝贵意见。",
        ],
        closing=[f"{city}司法局", f"{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"],
        key_phrases=["公开征求"],
    )


@family("b7_cn_railway_timetable", "clean", "pdf", "png", "txt")
def cn_railway_timetable(rng: random.Random, fake: Faker) -> Doc:
    y = rng.randint(2009, 2026)
    st = rng.choice(["蒙自北站", "灵宝西站", "岳西站", "桐梓东站"])
    rows = [["车次", "始发站", "终到站", "本站开点", "调整内容"]]
    for _ in range(rng.randint(4, 7)):
        rows.append(
            [
                f"{rng.choice('GDKZ')}{rng.randint(10, 9000)}",
                rng.choice(["昆明", "西安北", "合肥南", "重庆西", "长沙"]),
                rng.choice(["上海虹桥", "北京西", "广州南", "成都东"]),
                f"{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}",
                rng.choice(["新增", "停运", "时刻调整", "增停本站"]),
            ]
        )
    return Doc(
        title=f"关于{y}年{rng.choice(['第二', '第四'])}季度列车运行图调整的公告",
        paragraphs=[
            f"中国铁路{rng.choice(['昆明', '郑州', '上海', '成都'])}局集团有限公司定于{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日零时起实行新的列车运行图，{st}列车开行调整如下，请旅客朋友留意。"
        ],
        tables=[rows],
        closing=["购票请登录12306网站或手机客户端", f"{st}  {y}年{rng.randint(1, 12)}月"],
        key_phrases=["列车运行图"],
    )


@family("b7_cn_home_isolation_guide", "clean", "txt", "png", "pdf")
def cn_home_isolation_guide(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(COUNTIES)
    y = rng.choice([2009, 2020, 2022, 2023])
    return Doc(
        title="居家健康监测指引（公众版）",
        paragraphs=[
            f"{county}疾病预防控制中心  {y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日发布",
            "一、居家期间尽量单独居住在通风良好的房间，减少与家人接触。",
            "二、每天早晚各测一次体温，如出现发热、咳嗽、咽痛等症状，及时拨打社区电话或到发热门诊就诊。",
            "三、生活垃圾装袋封口，门把手、马桶等常接触的表面每天消毒。",
            "四、不要恐慌，不信谣不传谣，以官方发布信息为准。",
        ],
        closing=["健康咨询热线：12320", "本指引欢迎转发"],
        key_phrases=["居家健康监测指引"],
    )
