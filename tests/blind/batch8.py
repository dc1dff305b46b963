# ruff: noqa: E501  (Chinese text data: long lines read better unbroken)
"""Blind batch 8: 40 document families (24 positives, 4 per category; 16 hard negatives), split ``blind8``.

Author: engineer "blind8" (worktree ``blind8``), written 2026-12-02 (UTC). Batches 1-7 were written
by other engineers from the same brief; this author did not read them (only the first 60 lines of
``batch5.py``, for the module shape).

Independence: the author did not open ``detectors/``, ``policies/``, ``bench/accuracy.py``,
``bench/train_model.py``, the detector/policy/seed-case/evasion tests, ``tests/docgen/mutate.py`` or
the other blind batches, and did not run shareguard's scan/check/explain/run or any detection or
accuracy bench on these documents. Read only the docgen API (``doc.py``, ``render.py``,
``corpus.py``), ``tests/test_blind_batches.py``, the opening of ``tests/blind/README.md`` and its
"Batch 1" entry, and ``../shared/seed-cases.md``.

Bias of this batch, on purpose: control orders without the usual form words (a 镇长's chat
message with tasks and a deadline, a railway 工作提示 of 2003, a meeting-decision list, a
dialect voice-to-text order); rosters with no header row or odd headers (names and IDs in prose,
two people per row, a list pasted into a chat, columns named 甲/乙/丙); medical content in prose
(an HR e-mail on check-up findings, a doctor's WeChat summary, a nurse's handover note, a 2003
referral letter); investigation reports not titled 调查报告 (情况说明, 核查情况, 溯源梳理, 原因
分析); positives with an appended clause that sounds exculpatory or public (已通报批评, 以上内容
仅供参考, 欢迎转发); eras from 2003 to 2026; sectors from schools, hospitals and railways to
factories, banks, villages and water conservancy. Hard negatives are public or personal documents
that share the vocabulary (a 征求意见稿 published for public comment, a past exam paper still
printed with 绝密★启用前, masked-ID 公示, a textbook on 公文 marks, news about a leak...).

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

SPLIT = "blind8"
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


# ---------------------------------------------------------------- helpers

CN_NUM = "〇一二三四五六七八九"


def _md(rng: random.Random) -> tuple[int, int]:
    return rng.randint(1, 12), rng.randint(1, 28)


def _masked_id(pid: str) -> str:
    return pid[:4] + "*" * 10 + pid[-4:]


def _masked_name(name: str) -> str:
    return name[0] + "*" * (len(name) - 1)


def _age(rng: random.Random) -> int:
    return rng.randint(19, 86)


# ================================================================ control_order


@family("b8_co_zhenzhang_chat", "control_order", "txt", "phone-screenshot")
def co_zhenzhang_chat(rng: random.Random, fake: Faker) -> Doc:
    town = rng.choice(["大关镇", "石门坎镇", "柳江镇", "新店镇", "黄桷镇"])
    county = rng.choice(["彝良县", "威宁县", "洪雅县", "富顺县"])
    boss = fake.last_name() + "镇长"
    vill = rng.sample(["团结村", "光明村", "双河村", "青龙村", "大坪村", "水井村"], 3)
    hh = rng.randint(18, 23)
    m, d = _md(rng)
    paras = [
        f"【{town}工作群】 {m}月{d}日 {rng.randint(7, 11)}:{rng.randint(10, 59):02d}",
        f"{boss}:@所有人 刚接县指挥部电话,{county}昨晚新增2例,我镇马上进入临时管控,以下几件事今天必须落实,不讲条件:",
        f"1、{vill[0]}、{vill[1]}两个卡点今天中午12点前恢复24小时值守,每班不少于3人,村支书带班,测温登记一个不漏;",
        f"2、各村把近7天从外省回来的人全部再过一遍,{hh}点前把名单报党政办{fake.last_name()}主任,报迟了的直接点名;",
        f"3、{vill[2]}明天赶场取消,派出所、市场监管所今晚去劝返摊贩,明早6点前要看到人在场口;",
        "4、卫生院准备两个隔离观察房间,药品和防护服今天清点完报数量。",
        "以上事项纳入本周督查,落实不到位的按有关规定追责。收到请回复“收到+村名”。",
        f"{fake.name()}:收到 {vill[0]}",
        f"{fake.name()}:收到 {vill[1]}",
    ]
    return Doc(
        title="",
        paragraphs=paras,
        key_phrases=[f"{hh}点前把名单报党政办", "收到请回复"],
    )


@family("b8_co_railway_work_tip_2003", "control_order", "docx", "scan-png")
def co_railway_work_tip_2003(rng: random.Random, fake: Faker) -> Doc:
    seg = rng.choice(["怀化车务段", "襄樊车务段", "德州车务段", "集宁车务段"])
    no = rng.randint(5, 19)
    d = rng.randint(2, 28)
    stations = rng.sample(["东站", "北站", "西站", "南站", "站前站", "河口站", "岭下站"], 3)
    return Doc(
        preamble=[
            f"{seg}防治非典型肺炎工作领导小组",
            f"工作提示  第{no}期",
            "2003年5月" + str(d) + "日",
        ],
        title="近期车站旅客测温和留验工作要点",
        paragraphs=[
            f"各站、车间:当前疫情仍处高发期,路局要求各站5月{d + 1 if d < 28 else 28}日前全面落实进站旅客测温,现就有关事项提示如下。",
            f"一、{stations[0]}、{stations[1]}进站口测温点从即日起每日6时至24时不间断,体温37.5℃以上旅客一律引入留验室,由站长亲自签字交地方卫生部门,不得自行放行。",
            f"二、{stations[2]}留验室于本周五前完成消毒隔断改造,所需费用先行垫支,完工后电话报段调度。",
            "三、各站每日16时前将测温人数、留验人数、移交人数报段防非办,实行零报告,漏报一次通报一次。",
            f"四、段防非办联系人{fake.name()},电话{fake.phone_number()}。",
        ],
        closing=["(本提示发至各站站长、车间主任)"],
        key_phrases=["工作提示", "每日16时前", "实行零报告"],
    )


@family("b8_co_meeting_decisions", "control_order", "docx", "pdf", "photo")
def co_meeting_decisions(rng: random.Random, fake: Faker) -> Doc:
    district = rng.choice(["鼓楼区", "雁塔区", "江北区", "天心区", "历下区"])
    year = rng.choice([2020, 2021, 2022])
    m, d = _md(rng)
    meet = rng.randint(12, 48)
    units = ["区卫健局", "区教育局", "区市场监管局", "区交通运输局", "各街道办事处", "区城管局"]
    rng.shuffle(units)
    items = [
        ("农贸市场冷链食品全量抽检", units[0], f"{m}月{d + 1}日"),
        ("中小学错峰返校方案报备", units[1], f"{m}月{d + 2}日"),
        ("公交场站每日两次消杀", units[2], "即日起"),
        ("封控小区生活物资配送台账", units[3], f"{m}月{d + 1}日18时"),
    ]
    rows = [["序号", "议定事项", "牵头单位", "完成时限"]]
    rows += [[str(i + 1), a, b, c] for i, (a, b, c) in enumerate(items)]
    return Doc(
        preamble=[f"{district}疫情防控指挥部第{meet}次会议"],
        title="议定事项清单",
        paragraphs=[
            f"{year}年{m}月{d}日,指挥部召开第{meet}次会议,听取近期疫情形势汇报,经研究,议定以下事项,请各牵头单位抓好落实,按时限向指挥部办公室书面反馈。逾期未反馈的,由区纪委监委跟进督查。",
        ],
        tables=[rows],
        closing=[f"{district}疫情防控指挥部办公室", f"{year}年{m}月{d}日"],
        key_phrases=["议定以下事项", "完成时限"],
    )


@family("b8_co_dialect_voice_order", "control_order", "txt", "phone-screenshot")
def co_dialect_voice_order(rng: random.Random, fake: Faker) -> Doc:
    comm = rng.choice(["玉林社区", "肖家河社区", "桐梓林社区", "沙湾社区", "红牌楼社区"])
    sec = fake.last_name()
    m, d = _md(rng)
    return Doc(
        paragraphs=[
            f"[语音转文字] {sec}书记 {m}/{d} 21:{rng.randint(10, 59)}",
            "各位网格员注意哈,我说几句,莫嫌我啰嗦。明天早上九点之前,每个网格都要把楼栋里头的七十岁以上老年人挨家挨户敲一遍门,看到没得打针的,登记起来,名字电话住址,一个都不要落下。",
            "二网格和五网格那两个小区,明天下午两点以前把卡口的帐篷搭起,街道的人要来看。哪个网格没弄完的,明天晚上会上自己说清楚。",
            f"登记表统一发给{fake.name()},格式就按上回那个,不要自己乱改。今天晚上十二点之前在群里头回个1。",
            "—— 以上内容仅供参考,欢迎转发 ——",
        ],
        key_phrases=["明天早上九点之前", "回个1"],
        closing=[comm + "网格群"],
    )


# ================================================================ screening_list


@family("b8_sl_prose_returnees", "screening_list", "docx", "txt")
def sl_prose_returnees(rng: random.Random, fake: Faker) -> Doc:
    vill = rng.choice(["上坝村", "马鞍村", "新民村", "龙潭村"])
    src = rng.choice(["武汉市", "孝感市", "黄冈市", "随州市"])
    people = [(fake.name(), fake.ssn(), fake.phone_number()) for _ in range(rng.randint(4, 6))]
    paras = [
        f"镇防控办:根据要求,我村于1月{rng.randint(24, 30)}日对近期自{src}返乡人员进行了逐户排查,现将情况报告如下。",
    ]
    for i, (n, pid, ph) in enumerate(people):
        paras.append(
            f"{CN_NUM[i + 1]}是{n},身份证号{pid},联系电话{ph},1月{rng.randint(15, 23)}日乘{rng.choice(['大巴', '自驾', '火车'])}返回,现居{rng.randint(1, 9)}组家中,体温{rng.choice(['36.5', '36.8', '37.1', '36.6'])}℃,已告知居家观察14天。"
        )
    paras.append("以上人员已逐一签订居家观察承诺书,村医每日上门测温两次,发现异常立即上报。")
    return Doc(
        title=f"{vill}关于返乡人员排查情况的报告",
        paragraphs=paras,
        closing=[f"{vill}村民委员会", "2020年1月" + str(rng.randint(24, 30)) + "日"],
        identifiers=[pid for _, pid, _ in people] + [ph for _, _, ph in people],
        key_phrases=["逐户排查", "居家观察"],
    )


@family("b8_sl_two_per_row_factory", "screening_list", "docx", "xlsx", "photo")
def sl_two_per_row_factory(rng: random.Random, fake: Faker) -> Doc:
    plant = rng.choice(["金虹纺织厂", "永固五金制品厂", "华南电子装配厂", "顺达包装厂"])
    shop = rng.choice(["织造车间", "冲压车间", "SMT二线", "印刷车间"])
    staff = [(fake.name(), fake.ssn()) for _ in range(rng.choice([6, 8, 10]))]
    rows = [["序", "姓名", "身份证号", "序", "姓名", "身份证号"]]
    for i in range(0, len(staff), 2):
        a, b = staff[i], staff[i + 1]
        rows.append([str(i + 1), a[0], a[1], str(i + 2), b[0], b[1]])
    return Doc(
        title=f"{plant}{shop}节后返岗未完成健康申报人员",
        paragraphs=[
            f"以下员工节后返厂至今未交健康申报和行程卡截图,请班组长今天下班前逐一电话核实,未核实的明天不得进车间,结果报厂医务室。({rng.choice([2021, 2022])}年春节后)",
        ],
        tables=[rows],
        closing=[f"{plant}医务室"],
        identifiers=[p for _, p in staff],
        key_phrases=["未交健康申报"],
    )


@family("b8_sl_chat_pasted_list", "screening_list", "txt", "phone-screenshot")
def sl_chat_pasted_list(rng: random.Random, fake: Faker) -> Doc:
    estate = rng.choice(["锦绣花园", "翠苑小区", "金沙湾", "阳光新城", "梧桐里"])
    people = [
        (
            f"{rng.randint(1, 18)}栋{rng.randint(1, 3)}单元{rng.randint(1, 30)}0{rng.randint(1, 4)}",
            fake.name(),
            fake.ssn(),
            fake.phone_number(),
        )
        for _ in range(rng.randint(5, 7))
    ]
    paras = [
        f"{fake.name()}(楼栋长群主) 20:{rng.randint(10, 59)}",
        f"@所有人 下面是{estate}今天第三轮核酸还没做的,各楼栋长今晚去敲门,明早7点前带到东门采样点:",
    ]
    for addr, n, pid, ph in people:
        paras.append(f"{addr} {n} {pid} {ph}")
    paras.append("敲不开门的拍照发群里,我报街道。")
    return Doc(
        paragraphs=paras,
        identifiers=[p[2] for p in people] + [p[3] for p in people],
        key_phrases=["核酸还没做的"],
    )


@family("b8_sl_jiayibing_sheet", "screening_list", "xlsx", "csv", "screenshot")
def sl_jiayibing_sheet(rng: random.Random, fake: Faker) -> Doc:
    bank = rng.choice(["城东支行", "高新区支行", "开发区支行", "滨江支行"])
    rows = [["甲", "乙", "丙", "丁", "戊"]]
    ids, phones = [], []
    for _ in range(rng.randint(6, 9)):
        pid, ph = fake.ssn(), fake.phone_number()
        ids.append(pid)
        phones.append(ph)
        rows.append(
            [
                fake.name(),
                pid,
                ph,
                rng.choice(["泰国", "越南", "日本", "新加坡", "马来西亚"]),
                f"2023-0{rng.randint(1, 9)}-{rng.randint(10, 28)}",
            ]
        )
    return Doc(
        paragraphs=[f"{bank} {rng.choice(['二季度', '三季度', '暑期'])}返岗登记 (勿改列)"],
        tables=[rows],
        identifiers=ids + phones,
        key_phrases=["返岗登记"],
    )


# ================================================================ medical_record


@family("b8_mr_hr_email_checkup", "medical_record", "txt", "pdf", "screenshot")
def mr_hr_email_checkup(rng: random.Random, fake: Faker) -> Doc:
    emp = fake.name()
    hr = fake.name()
    boss = fake.name()
    age = rng.randint(28, 55)
    return Doc(
        paragraphs=[
            f"发件人:{hr}(人力资源部)",
            f"收件人:{boss}(运营管理部)",
            f"主题:关于{emp}同志年度体检结果及岗位安排的沟通",
            f"{boss}总,您好:",
            f"体检中心昨天把今年的个人报告反馈过来了,您部门的{emp}(工号{rng.randint(10000, 99999)},{age}岁)有几项需要您知晓:甲状腺右叶结节,TI-RADS 4a类,建议穿刺活检;谷丙转氨酶{rng.randint(90, 180)} U/L,乙肝表面抗原阳性,e抗原阳性;空腹血糖{rng.choice(['7.8', '8.4', '9.1'])} mmol/L。",
            "体检中心建议近期到肝病专科复诊,期间避免夜班和高强度出差。我们考虑下季度先调离柜面岗,请您先不要跟本人以外的同事提这个情况。",
            "本人尚不知道我们已经看到报告,您约谈时注意方式。",
            f"{hr}",
            "—— 本邮件已按公司信息安全规定加密发送 ——",
        ],
        key_phrases=["TI-RADS 4a", "乙肝表面抗原阳性"],
    )


@family("b8_mr_doctor_wechat_summary", "medical_record", "txt", "phone-screenshot")
def mr_doctor_wechat_summary(rng: random.Random, fake: Faker) -> Doc:
    pt = fake.name()
    bed = rng.randint(3, 46)
    ph = fake.phone_number()
    return Doc(
        paragraphs=[
            f"{fake.last_name()}主任,跟您汇报一下{bed}床的情况[抱拳]",
            f"{pt},女,{rng.randint(55, 80)}岁,住院号{rng.randint(200000, 899999)}。既往高血压十余年,2型糖尿病,去年做过冠脉支架。这次是胸闷气短3天加重半天来的,入院BNP {rng.randint(1200, 5400)},肌钙蛋白轻度升高。",
            "心超EF 38%,左室扩大,双肺底湿啰音。目前考虑慢性心衰急性加重,合并肺部感染不除外。已经用上利尿和抗感染,今天尿量1800左右。",
            f"家属是她儿子,电话{ph},比较焦虑,问能不能转上级医院,我说等您明天查房再定。",
            "下午CT出来我再发您。",
        ],
        identifiers=[ph],
        key_phrases=["慢性心衰急性加重", "住院号"],
    )


@family("b8_mr_nurse_handover", "medical_record", "docx", "photo")
def mr_nurse_handover(rng: random.Random, fake: Faker) -> Doc:
    ward = rng.choice(["普外二病区", "骨科一病区", "神经内科", "呼吸内科"])
    m, d = _md(rng)
    pts = [(rng.randint(1, 40), fake.name(), rng.choice(["男", "女"]), _age(rng)) for _ in range(3)]
    diag = ["胆囊切除术后第2天", "股骨颈骨折术后第1天", "脑梗死急性期", "慢阻肺急性加重"]
    rng.shuffle(diag)
    paras = [f"{ward} 夜班→白班交接 {rng.choice([2016, 2019, 2024])}年{m}月{d}日 7:30"]
    for (bed, n, sex, age), dg in zip(pts, diag, strict=False):
        paras.append(
            f"{bed}床 {n} {sex} {age}岁,{dg}。夜间T最高{rng.choice(['37.9', '38.3', '38.6'])}℃,已物理降温;P {rng.randint(70, 118)},BP {rng.randint(100, 165)}/{rng.randint(60, 98)}。引流液{rng.randint(20, 160)}ml淡血性,尿管通畅。凌晨诉疼痛,遵医嘱予曲马多一次。今晨空腹血糖{rng.choice(['6.2', '11.4', '8.7'])},待复查。"
        )
    paras.append(f"重点:{pts[0][0]}床家属情绪激动,要求看病历,已报护士长,白班注意。")
    return Doc(
        title="护理交接记录",
        paragraphs=paras,
        closing=[f"交班:{fake.name()}  接班:{fake.name()}"],
        key_phrases=["已物理降温", "遵医嘱"],
    )


@family("b8_mr_sars_referral_2003", "medical_record", "pdf", "scan-png")
def mr_sars_referral_2003(rng: random.Random, fake: Faker) -> Doc:
    hosp = rng.choice(["平谷区中医院", "顺义区第二医院", "通县骨伤医院", "怀柔区妇幼保健院"])
    pt = fake.name()
    pid = fake.ssn()
    d = rng.randint(1, 28)
    return Doc(
        preamble=[hosp],
        title="病人转院病情摘要",
        paragraphs=[
            f"姓名{pt},{rng.choice(['男', '女'])},{rng.randint(20, 60)}岁,身份证{pid}。",
            f"因发热4天、干咳2天于2003年4月{d}日来我院发热门诊。患者发病前曾在某医院陪护亲属。查体体温39.2℃,双下肺呼吸音粗。血常规白细胞3.1×10⁹/L,淋巴细胞降低。胸片示右下肺片状阴影。",
            "初步诊断:发热待查,疑似传染性非典型肺炎。已予单间隔离,口罩防护。经区非典专家组会诊,建议转定点医院进一步诊治。",
            "转院途中请注意防护,随车医护人员1名。",
        ],
        closing=[f"经治医师:{fake.name()}", f"2003年4月{d}日"],
        identifiers=[pid],
        key_phrases=["初步诊断", "疑似传染性非典型肺炎"],
    )


# ================================================================ investigation_report


@family("b8_ir_factory_explosion_note", "investigation_report", "docx", "pdf")
def ir_factory_explosion_note(rng: random.Random, fake: Faker) -> Doc:
    plant = rng.choice(["宏达精细化工有限公司", "嘉禾涂料厂", "瑞丰医药中间体公司", "鑫源化学品厂"])
    m, d = _md(rng)
    mgr = fake.name()
    worker = fake.name()
    return Doc(
        preamble=["(未经核定)"],
        title=f"关于{plant}“{m}·{d}”闪爆事故有关情况的说明",
        paragraphs=[
            f"{2019}年{m}月{d}日14时许,{plant}二车间干燥工序发生闪爆,造成1人重伤({worker},操作工)、2人轻伤,直接经济损失约{rng.randint(60, 380)}万元。",
            "经现场勘查、调取监控和询问当班人员,初步查明:当班人员在未办理动火作业票的情况下,使用非防爆角磨机切割干燥器出料口螺栓,引燃残留溶剂蒸气。车间可燃气体报警器于事发前两周损坏未修复。",
            f"车间主任{mgr}对违章作业长期默许,安全员当日请假未安排替岗。企业安全培训记录存在补签现象。",
            f"处理建议:对{mgr}予以撤职,移交属地应急管理部门依法处理;企业停产整顿。(车间相关人员已通报批评)",
        ],
        closing=[f"厂事故核查组  {2019}年{m}月{d + 3 if d < 26 else 28}日"],
        key_phrases=["初步查明", "处理建议"],
    )


@family("b8_ir_discipline_verification", "investigation_report", "docx", "photo-shadow")
def ir_discipline_verification(rng: random.Random, fake: Faker) -> Doc:
    bank = rng.choice(["农村商业银行", "村镇银行", "城市信用社"])
    person = fake.name()
    year = rng.choice([2012, 2015, 2017])
    amt = rng.randint(80, 600)
    return Doc(
        preamble=["纪检监察室"],
        title=f"关于{person}同志被反映问题的核实情况",
        paragraphs=[
            f"{year}年{rng.randint(1, 12)}月,我室收到反映{bank}某支行信贷部经理{person}违规发放贷款的来信。经党委同意,成立核查组进行了初步核实。",
            f"经查,{person}在担任信贷部经理期间,对其亲属实际控制的3家企业发放贷款共计{amt}万元,未按规定履行回避程序,贷前调查报告由其本人授意客户经理代写,抵押物评估价值明显虚高。截至核查时,上述贷款已有{rng.randint(30, 200)}万元逾期。",
            f"{person}本人对上述问题基本承认,但辩称不知道借款企业与亲属存在关联。",
            f"核实结论:反映问题基本属实。建议给予{person}党内严重警告处分,调离信贷岗位,相关客户经理已通报批评。",
        ],
        closing=["核查组成员签字:________", f"{year}年"],
        key_phrases=["经查", "反映问题基本属实"],
    )


@family("b8_ir_trace_sorting", "investigation_report", "docx", "phone-screenshot")
def ir_trace_sorting(rng: random.Random, fake: Faker) -> Doc:
    city = rng.choice(["绥芬河", "瑞丽", "额济纳旗", "满洲里"])
    case = fake.name()
    pid = fake.ssn()
    contacts = [(fake.name(), fake.phone_number()) for _ in range(3)]
    m = rng.randint(3, 11)
    paras = [
        f"{case},身份证号{pid},{city}某冷库搬运工。{m}月{rng.randint(1, 9)}日单位例行核酸检测“混管阳性”,复核确诊。",
        f"活动轨迹:发病前4天每日7:00至19:00在冷库作业;{m}月{rng.randint(10, 14)}日晚在“老街烧烤”就餐约2小时;{m}月{rng.randint(15, 18)}日乘公交3路往返市医院。",
        "溯源判断:与同批次进口冻品外包装阳性样本基因序列高度同源,倾向物传人,本土社区传播证据不足(专家组尚未最终核定)。",
        "已判定密接:" + ";".join(f"{n}({p})" for n, p in contacts) + "。",
    ]
    return Doc(
        title=f"{city}第{rng.randint(2, 9)}例阳性感染者溯源情况梳理",
        paragraphs=paras,
        identifiers=[pid] + [p for _, p in contacts],
        key_phrases=["活动轨迹", "溯源判断"],
    )


@family("b8_ir_school_diarrhoea_analysis", "investigation_report", "pdf", "scan-png")
def ir_school_diarrhoea_analysis(rng: random.Random, fake: Faker) -> Doc:
    school = rng.choice(["镇中心小学", "民族中学", "寄宿制初中", "职业技术学校"])
    n = rng.randint(23, 96)
    year = rng.choice([2006, 2008, 2011])
    return Doc(
        title=f"{school}学生集体腹泻事件处置及原因分析",
        paragraphs=[
            f"{year}年{rng.randint(3, 11)}月,{school}陆续有{n}名学生出现腹痛、腹泻、呕吐,其中{rng.randint(2, 7)}人住院。县疾控中心接报后赶赴现场。",
            "经流行病学调查,病例均在学校食堂就餐,发病时间集中于午餐后6至18小时。对食堂留样的凉拌菜、米饭及炊事员肛拭子采样,检出副溶血性弧菌。",
            f"原因分析:食堂未按规定生熟分开,凉拌菜加工砧板与海产品共用;食堂承包人{fake.name()}无健康证人员上岗;学校分管副校长{fake.name()}未履行日常检查职责。",
            "建议:由教育局对学校负责人诫勉谈话,终止食堂承包合同。本材料仅供领导参阅。",
        ],
        closing=["县疾病预防控制中心", f"{year}年"],
        key_phrases=["原因分析", "副溶血性弧菌"],
    )


# ================================================================ internal_material


@family("b8_im_bank_rules_submission", "internal_material", "docx", "pdf")
def im_bank_rules_submission(rng: random.Random, fake: Faker) -> Doc:
    bank = rng.choice(["某农商银行", "某城商行", "某村镇银行"])
    year = rng.choice([2018, 2021, 2025])
    return Doc(
        preamble=["送审稿", f"{year}年{rng.randint(1, 12)}月"],
        title="员工违规行为处理办法",
        paragraphs=[
            f"第一条 为规范{bank}员工行为,防范操作风险和案件风险,根据有关规定,制定本办法。",
            "第二条 员工违规行为按情节轻重分为一般违规、较重违规和严重违规。【法规科意见:建议删除“较重违规”档,与总行口径一致——待议】",
            "第七条 员工有下列行为之一的,给予警告至记过处分:(一)违规代客保管银行卡、密码的;(二)违规参与民间借贷的;(三)……【合规部:此处列举需与问责委员会确认,暂不对外】",
            f"第十二条 本办法由人力资源部负责解释。(起草人:{fake.name()},分机{rng.randint(8000, 8999)})",
            "请各部门于本周内反馈修改意见,未经行务会审议,不得外传。",
        ],
        key_phrases=["送审稿", "不得外传"],
    )


@family("b8_im_relocation_discussion", "internal_material", "docx", "photo")
def im_relocation_discussion(rng: random.Random, fake: Faker) -> Doc:
    vill = rng.choice(["下湾村", "石桥村", "黄土坡村", "河西村"])
    price = rng.randint(1800, 3600)
    return Doc(
        preamble=["讨论稿"],
        title=f"{vill}整村搬迁安置补偿实施方案",
        paragraphs=[
            f"为配合{rng.choice(['高铁站', '水库', '物流园'])}项目建设,拟对{vill}全部{rng.randint(120, 480)}户实施整村搬迁。",
            f"一、补偿标准(初拟):砖混结构房屋按每平方米{price}元,土木结构按每平方米{price - 600}元;在{rng.randint(20, 40)}日内签约的另奖励每户3万元。",
            "二、对态度强硬户,由包村干部“一户一策”做工作,必要时联系其在机关事业单位工作的亲属协助。",
            "三、本方案在镇党委会研究前不向村民公开,防止抢建抢种。",
            "(以上为讨论内容,仅供参考。欢迎转发至各包村工作组群)",
        ],
        closing=[f"镇征迁办 {rng.choice([2024, 2025, 2026])}年"],
        key_phrases=["讨论稿", "不向村民公开"],
    )


@family("b8_im_hospital_minutes", "internal_material", "docx", "scan-png")
def im_hospital_minutes(rng: random.Random, fake: Faker) -> Doc:
    hosp = rng.choice(["县人民医院", "市第三人民医院", "区中心医院"])
    no = rng.randint(3, 30)
    year = rng.choice([2014, 2015, 2016])
    return Doc(
        preamble=["内部资料 注意保存", f"院长办公会纪要〔{year}〕第{no}期"],
        title=f"{hosp}院长办公会纪要",
        paragraphs=[
            f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日,{fake.name()}院长主持召开院长办公会,研究绩效分配和医疗纠纷处置事项。",
            "一、会议同意自下月起,检验科、影像科绩效系数下调0.1,节余部分向急诊科和ICU倾斜。此事暂不在全院职工大会通报。",
            f"二、关于骨科{fake.name()}医生手术纠纷一案,会议同意以“人道主义补偿”名义一次性支付{rng.randint(8, 40)}万元,由医务科与家属签订保密协议。",
            "三、会议要求各科室主任不得将本纪要内容告知科室以外人员。",
        ],
        closing=["出席:院领导班子成员", "送:院领导,各职能科室负责人"],
        key_phrases=["内部资料", "保密协议"],
    )


@family("b8_im_railway_consult_draft", "internal_material", "pdf", "docx")
def im_railway_consult_draft(rng: random.Random, fake: Faker) -> Doc:
    bureau = rng.choice(["某铁路局集团公司", "某铁路局"])
    year = rng.choice([2011, 2013, 2019])
    d = rng.randint(5, 25)
    return Doc(
        preamble=["征求意见稿", "客运部"],
        title="关于调整客运段乘务交路的方案",
        paragraphs=[
            f"{bureau}各客运段、相关车务段:",
            f"为压缩乘务人员配置,拟自{year + 1}年起将部分长途列车由“一乘到底”改为“分段换乘”,预计减少乘务员{rng.randint(60, 240)}人。",
            "富余人员拟通过内部退养、转岗到站段等方式分流,具体名单由各段另行上报,不在本方案公布。",
            f"请各单位于{rng.randint(3, 12)}月{d}日前将书面意见反馈客运部{fake.name()}同志,不得在职工中传阅讨论。",
        ],
        key_phrases=["征求意见稿", "不得在职工中传阅"],
    )


# ================================================================ classified


@family("b8_cl_flood_plan_header_mark", "classified", "docx", "pdf")
def cl_flood_plan_header_mark(rng: random.Random, fake: Faker) -> Doc:
    res = rng.choice(["青山水库", "石门水库", "龙潭水库", "白沙河水库"])
    year = rng.choice([2009, 2013, 2020])
    return Doc(
        header="机密★10年",
        title=f"{res}防汛抢险兵力部署及物资调度表说明",
        paragraphs=[
            f"为确保{year}年主汛期{res}大坝安全,经防汛指挥部研究,明确抢险兵力部署如下:",
            f"一、驻地某部{rng.randint(2, 5)}个连于坝下集结点待命,预警发布后2小时内到位。",
            f"二、溢洪道左岸渗漏点为首要险段,储备编织袋{rng.randint(2, 9)}万条、块石{rng.randint(800, 3000)}立方,存放于{rng.choice(['二号仓库', '管理所后院', '坝顶东侧'])}。",
            "三、下游转移路线及集结点另附图,按原渠道传递。",
        ],
        closing=[f"{res}防汛指挥部", f"{year}年5月"],
        key_phrases=["抢险兵力部署"],
    )


@family("b8_cl_fax_cover_secret", "classified", "pdf", "photo")
def cl_fax_cover_secret(rng: random.Random, fake: Faker) -> Doc:
    year = rng.choice([2004, 2005, 2007])
    no = rng.randint(1, 20)
    return Doc(
        preamble=["密级:秘密", f"份号:{no:03d}", "传  真  电  报"],
        title="关于做好重要会议期间安保工作的紧急通知",
        paragraphs=[
            f"发报单位:市公安局办公室  签发:{fake.name()}  等级:特急",
            f"各分局:{year}年{rng.randint(5, 10)}月{rng.randint(1, 20)}日至{rng.randint(21, 28)}日市里召开重要会议,警卫路线及住地安排见附件,请各分局按分工落实警力,不得扩大知悉范围。",
            "附件仅限主要负责同志阅,阅后收回。",
        ],
        closing=["(此件不得翻印)"],
        key_phrases=["密级:秘密", "不得扩大知悉范围"],
    )


@family("b8_cl_exam_paper_before_use", "classified", "docx", "photo")
def cl_exam_paper_before_use(rng: random.Random, fake: Faker) -> Doc:
    year = rng.choice([2019, 2023, 2026])
    subj = rng.choice(["数学", "物理", "化学", "生物学"])
    prov = rng.choice(["某省", "某自治区"])
    return Doc(
        preamble=["绝密★启用前", f"试卷类型:{rng.choice(['A', 'B'])}"],
        title=f"{prov}{year}年初中学业水平考试 {subj}试题",
        paragraphs=[
            f"(监考老师刚拿到的,{fake.last_name()}老师先发群里给大家看看题型,以上内容仅供参考)",
            "注意事项:1.答卷前,考生务必将自己的姓名、准考证号填写在答题卡上。2.考试时间120分钟。",
            f"一、选择题:本题共10小题,每小题3分。1.下列各数中,最小的数是( )A.{rng.randint(-9, -2)} B.0 C.1 D.√2",
            f"2.若关于x的方程x²-{rng.randint(2, 8)}x+m=0有两个相等的实数根,则m的值为( )",
        ],
        key_phrases=["绝密★启用前", "注意事项"],
    )


@family("b8_cl_military_plant_sheet", "classified", "xlsx", "pdf")
def cl_military_plant_sheet(rng: random.Random, fake: Faker) -> Doc:
    plant = rng.choice(["某机械厂", "某电子设备厂", "某研究所试制车间"])
    rows = [["型号代号", "批次", "数量", "交付单位", "交付节点"]]
    for _ in range(rng.randint(4, 6)):
        rows.append(
            [
                f"{rng.choice(['JX', 'HQ', 'TD'])}-{rng.randint(10, 99)}",
                f"{rng.randint(1, 9)}批",
                str(rng.randint(4, 60)),
                f"{rng.randint(3000, 9999)}部队",
                f"{rng.randint(2024, 2026)}.{rng.randint(1, 12)}",
            ]
        )
    return Doc(
        preamble=["秘密★5年"],
        title=f"{plant}年度产品交付计划",
        paragraphs=[
            f"编制:计划处 {fake.name()}  审核:{fake.name()}。本表仅限计划、质量、军代表室使用。"
        ],
        tables=[rows],
        key_phrases=["秘密★5年", "交付计划"],
    )


# ================================================================ clean (hard negatives)


@family("b8_cn_gov_open_student_aid", "clean", "pdf", "screenshot")
def cn_gov_open_student_aid(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(["宁乡县", "临朐县", "镇雄县", "岳池县"])
    no = rng.randint(3, 40)
    year = rng.choice([2021, 2024, 2026])
    return Doc(
        preamble=[
            "政府信息公开",
            f"索引号:{rng.randint(100000, 999999)}/{year}-{rng.randint(100, 999)}",
            f"{county[:2]}政告〔{year}〕{no}号",
        ],
        title=f"{county}人民政府关于{year}年秋季学期学生资助政策的公告",
        paragraphs=[
            f"为保障家庭经济困难学生顺利入学,现将{year}年秋季学期学生资助政策公告如下。",
            "一、学前教育阶段:对家庭经济困难幼儿每生每年资助1000元。二、义务教育阶段:对寄宿生中家庭经济困难学生给予生活补助。",
            "三、申请方式:学生或家长向就读学校提出申请,学校评审后公示5个工作日。",
            f"咨询电话:{county}教育局学生资助中心 0{rng.randint(700, 899)}-{rng.randint(2000000, 8999999)}。",
        ],
        closing=[
            f"{county}人民政府",
            f"发布时间:{year}-08-{rng.randint(10, 28)}  浏览次数:{rng.randint(200, 9000)}",
        ],
        key_phrases=["学生资助政策"],
    )


@family("b8_cn_health_stats_bulletin", "clean", "pdf", "docx")
def cn_health_stats_bulletin(rng: random.Random, fake: Faker) -> Doc:
    city = rng.choice(["株洲市", "绵阳市", "九江市", "包头市"])
    year = rng.choice([2018, 2022, 2025])
    return Doc(
        title=f"{year}年{city}卫生健康事业发展统计公报",
        paragraphs=[
            f"{year}年末,全市共有医疗卫生机构{rng.randint(1500, 4000)}个,其中医院{rng.randint(60, 160)}个,基层医疗卫生机构{rng.randint(1300, 3600)}个。",
            f"全市总诊疗人次{rng.randint(1500, 4000)}万,出院人数{rng.randint(40, 120)}万人。法定传染病报告发病率{rng.randint(150, 400)}.{rng.randint(1, 9)}/10万,无甲类传染病报告。",
            f"孕产妇死亡率{rng.randint(5, 15)}.{rng.randint(1, 9)}/10万,婴儿死亡率{rng.randint(2, 5)}.{rng.randint(1, 9)}‰。",
            "注:本公报数据为初步统计数,最终以年鉴为准。",
        ],
        closing=[f"{city}卫生健康委员会", f"{year + 1}年6月"],
        key_phrases=["统计公报"],
    )


@family("b8_cn_news_wechat_leak_punished", "clean", "txt", "phone-screenshot")
def cn_news_wechat_leak_punished(rng: random.Random, fake: Faker) -> Doc:
    county = rng.choice(["某县", "某区", "某市"])
    return Doc(
        title="违规转发内部交办单 一干部被诫勉谈话",
        paragraphs=[
            f"本报讯 记者{fake.name()}  近日,{county}纪委监委通报了一起违反工作纪律的典型问题。",
            "经查,该县某乡镇干部张某某在收到县指挥部下发的防控交办单后,随手拍照转发至家庭微信群,造成内部文件外传。该交办单载有排查人员姓名、身份证号等信息。",
            "张某某受到诫勉谈话处理,其所在乡镇党委作出书面检查。",
            "纪委监委有关负责人提醒,党员干部要严格遵守保密纪律,涉及秘密、内部事项的材料未经批准不得在微信群、QQ群传播。",
        ],
        closing=[f"来源:{rng.choice(['清风网', '廉政周报', '都市晨报'])}  编辑:{fake.name()}"],
        key_phrases=["诫勉谈话"],
    )


@family("b8_cn_textbook_document_marks", "clean", "pdf", "docx")
def cn_textbook_document_marks(rng: random.Random, fake: Faker) -> Doc:
    ch = rng.randint(3, 9)
    return Doc(
        preamble=[f"第{ch}章  公文格式与密级标注"],
        title=f"{ch}.2 版头要素",
        paragraphs=[
            "版头一般包括份号、密级和保密期限、紧急程度、发文机关标志、发文字号、签发人等要素。",
            "涉密公文应当标注密级和保密期限,顶格编排在版心左上角第二行,例如“秘密★1年”“机密★5年”。“绝密”公文一般不在日常办公系统中传递。",
            "发文字号由发文机关代字、年份和发文顺序号组成,例如“×政发〔20××〕×号”,年份用六角括号括入。",
            "练习:请指出下列示例中的格式错误:“××县人民政府关于做好××工作的通知(××政〔2024〕第3号)”。",
        ],
        closing=[f"《公文写作实务(第{rng.randint(2, 5)}版)》  {fake.company()}出版"],
        key_phrases=["版头要素"],
    )


@family("b8_cn_nurse_job_posting", "clean", "docx", "png")
def cn_nurse_job_posting(rng: random.Random, fake: Faker) -> Doc:
    hosp = rng.choice(["市妇幼保健院", "县中医医院", "区人民医院"])
    year = rng.choice([2019, 2023, 2026])
    rows = [["姓名", "性别", "身份证号", "联系电话"], ["", "", "", ""]]
    return Doc(
        title=f"{hosp}{year}年公开招聘合同制护士公告",
        paragraphs=[
            f"因工作需要,{hosp}面向社会公开招聘合同制护士{rng.randint(5, 30)}名,现将有关事项公告如下。",
            "一、报名条件:全日制大专及以上学历,护理学专业,取得护士执业资格证书;年龄35周岁以下。",
            "二、报名方式:请填写下方报名表,附身份证复印件、毕业证、资格证,发送至人事科邮箱。",
            f"三、咨询电话:人事科 {rng.randint(2000000, 8999999)}。",
        ],
        tables=[rows],
        closing=[f"{hosp}人事科", f"{year}年{rng.randint(1, 12)}月"],
        key_phrases=["公开招聘"],
    )


@family("b8_cn_masked_scholarship_publicity", "clean", "docx", "pdf", "screenshot")
def cn_masked_scholarship_publicity(rng: random.Random, fake: Faker) -> Doc:
    uni = rng.choice(["某职业技术学院", "某师范学院", "某理工大学"])
    rows = [["序号", "姓名", "学院", "身份证号"]]
    for i in range(rng.randint(5, 8)):
        rows.append(
            [
                str(i + 1),
                _masked_name(fake.name()),
                rng.choice(["机电学院", "护理学院", "文学院"]),
                _masked_id(fake.ssn()),
            ]
        )
    return Doc(
        title=f"{uni}{rng.choice([2022, 2024, 2025])}年国家助学金拟资助学生名单公示",
        paragraphs=[
            "经个人申请、班级评议、学院审核,现将拟资助学生名单予以公示,公示期5个工作日。如有异议,请向学生资助管理中心反映。"
        ],
        tables=[rows],
        closing=["学生资助管理中心"],
        key_phrases=["公示期"],
    )


@family("b8_cn_thyroid_science_article", "clean", "txt", "phone-screenshot")
def cn_thyroid_science_article(rng: random.Random, fake: Faker) -> Doc:
    return Doc(
        title="体检报告写着“甲状腺结节4a类”,要不要慌?",
        paragraphs=[
            f"作者:{fake.name()}(某三甲医院超声科主治医师)",
            "每年体检季,总有读者拿着报告来问:甲状腺结节TI-RADS 4a类是什么意思?是不是癌?",
            "TI-RADS是超声医生对结节恶性风险的分级。4a类恶性风险大约在5%到10%,也就是说绝大多数4a结节是良性的。医生通常会建议做细针穿刺,或者3到6个月复查超声。",
            f"我门诊遇到过一位{rng.randint(30, 50)}多岁的阿姨,看到4a就失眠了一周,穿刺结果是良性结节。所以别慌,也别拖,按医嘱复查。",
            "本文仅为健康科普,不能代替面诊。欢迎转发给身边需要的朋友。",
        ],
        key_phrases=["TI-RADS", "健康科普"],
    )


@family("b8_cn_novel_sars_chapter", "clean", "txt", "pdf")
def cn_novel_sars_chapter(rng: random.Random, fake: Faker) -> Doc:
    hero = fake.first_name()
    return Doc(
        title=f"第{rng.randint(7, 30)}章  封校",
        paragraphs=[
            f"二〇〇三年四月的北京,风里都是消毒水的味道。{hero}从宿舍楼下的公告栏前挤出来,手里攥着刚撕下的一角通知。",
            "“各班班长今晚十点前把本班离校人员名单报到系里,不得瞒报。”她小声念着,觉得那几个黑体字像是有重量。",
            "食堂门口排起了量体温的队。有人说隔壁学校已经有人被拉去隔离了,也有人说那是谣言。她想起家里打来的电话,母亲在那头反复问:你发烧没有?",
            f"那天夜里,{hero}在日记里写:我们都成了一份名单上的名字。",
        ],
        closing=[f"——选自长篇小说《{rng.choice(['四月的口罩', '槐花开时', '隔离带'])}》"],
        key_phrases=["离校人员名单"],
    )


@family("b8_cn_hospital_canteen_menu", "clean", "xlsx", "photo")
def cn_hospital_canteen_menu(rng: random.Random, fake: Faker) -> Doc:
    days = ["周一", "周二", "周三", "周四", "周五"]
    dishes = [
        "清蒸鲈鱼",
        "番茄炒蛋",
        "冬瓜排骨汤",
        "蒜蓉西兰花",
        "杂粮饭",
        "小米粥",
        "芹菜肉丝",
        "山药炖鸡",
        "凉拌木耳",
        "荞麦面",
    ]
    rows = [["日期", "早餐", "午餐", "晚餐"]]
    for d in days:
        rows.append(
            [
                d,
                rng.choice(dishes),
                rng.choice(dishes) + "、" + rng.choice(dishes),
                rng.choice(dishes),
            ]
        )
    return Doc(
        title=f"住院部营养食堂第{rng.randint(10, 52)}周糖尿病餐菜单",
        paragraphs=[
            "糖尿病饮食每餐主食不超过100克,如需流质、半流质请联系病区护士站订餐。订餐电话:内线"
            + str(rng.randint(6000, 6999))
        ],
        tables=[rows],
        key_phrases=["糖尿病餐"],
    )


@family("b8_cn_class_trip_notice", "clean", "txt", "phone-screenshot")
def cn_class_trip_notice(rng: random.Random, fake: Faker) -> Doc:
    teacher = fake.last_name()
    m, d = _md(rng)
    place = rng.choice(["森林公园", "科技馆", "湿地公园", "农耕博物馆"])
    return Doc(
        paragraphs=[
            f"{teacher}老师:@所有人 各位家长好,本周五({m}月{d}日)学校组织秋游去{place},以下几件事请在周三晚上8点前完成:",
            "1、在小程序里填写回执,写清楚孩子是否参加、有无晕车;",
            "2、交活动费35元(含门票和保险),群收款;",
            "3、周五早上7:40前到校,穿校服,自带水和少量零食,不带辣条。",
            "有特殊情况私聊我。收到请回复“孩子名字+收到”,谢谢配合!",
        ],
        key_phrases=["秋游", "周三晚上8点前"],
    )


@family("b8_cn_nucleic_tender_notice", "clean", "pdf", "docx")
def cn_nucleic_tender_notice(rng: random.Random, fake: Faker) -> Doc:
    dist = rng.choice(["某区卫生健康局", "某县疾病预防控制中心"])
    no = f"ZB{rng.randint(2020, 2022)}-{rng.randint(100, 999)}"
    return Doc(
        title=f"{dist}常态化核酸检测服务采购项目招标公告",
        paragraphs=[
            f"项目编号:{no}",
            f"采购预算:{rng.randint(300, 2000)}万元。采购需求:为辖区重点人群提供常态化核酸采样及检测服务,服务期一年。",
            "供应商资格要求:具有独立承担民事责任的能力;具备临床基因扩增检验实验室资质。",
            f"获取招标文件时间:{rng.randint(1, 12)}月{rng.randint(1, 20)}日至开标前,在公共资源交易平台免费下载。",
            f"联系人:{fake.name()}  电话:0{rng.randint(700, 899)}-{rng.randint(2000000, 8999999)}",
        ],
        closing=["采购代理机构:" + fake.company()],
        key_phrases=["招标公告", no],
    )


@family("b8_cn_published_exam_with_answers", "clean", "pdf", "docx")
def cn_published_exam_with_answers(rng: random.Random, fake: Faker) -> Doc:
    year = rng.choice([2016, 2018, 2021])
    return Doc(
        preamble=[
            f"来源:{rng.choice(['某教育网', '某学习资料站'])}  上传时间:{year}-06-{rng.randint(9, 28)}"
        ],
        title=f"{year}年普通高等学校招生全国统一考试(某卷)数学真题及解析",
        paragraphs=[
            "(以下为考后公开的真题原卷,卷首“绝密★启用前”为原卷印刷字样)",
            "绝密★启用前",
            "1.已知集合A={x|x²-3x<0},B={1,2,3},则A∩B=( )",
            "【答案】B 【解析】由x²-3x<0得0<x<3,所以A∩B={1,2}。",
            "本资料仅供学习交流,转载请注明出处。",
        ],
        key_phrases=["真题及解析"],
    )


@family("b8_cn_train_suspension_notice", "clean", "txt", "screenshot")
def cn_train_suspension_notice(rng: random.Random, fake: Faker) -> Doc:
    year = rng.choice([2008, 2020, 2024])
    trains = ", ".join(f"{rng.choice('KZTD')}{rng.randint(10, 9999)}" for _ in range(4))
    return Doc(
        title="关于部分旅客列车停运的公告",
        paragraphs=[
            f"受{rng.choice(['雨雪冰冻天气', '疫情防控', '线路施工'])}影响,{year}年{rng.randint(1, 12)}月{rng.randint(1, 20)}日至{rng.randint(21, 28)}日,{trains}次等旅客列车停运。",
            "已购买停运列车车票的旅客,可在开车前后30日内到任一车站办理退票,不收退票费。",
            "由此给旅客带来的不便,敬请谅解。",
        ],
        closing=["某铁路局集团有限公司", f"{year}年"],
        key_phrases=["停运", "不收退票费"],
    )


@family("b8_cn_bank_annual_report_excerpt", "clean", "pdf", "docx")
def cn_bank_annual_report_excerpt(rng: random.Random, fake: Faker) -> Doc:
    year = rng.choice([2017, 2020, 2025])
    return Doc(
        preamble=[f"某农村商业银行股份有限公司{year}年年度报告"],
        title="第六节 风险管理与内部控制",
        paragraphs=[
            f"报告期内,本行持续完善案件防控长效机制,开展员工异常行为排查{rng.randint(2, 6)}次,覆盖全部营业网点。",
            f"内部审计部门完成常规审计项目{rng.randint(20, 80)}项、离任审计{rng.randint(5, 30)}项,对发现的问题督促整改,整改完成率{rng.randint(92, 100)}%。",
            f"报告期末,本行不良贷款率{rng.randint(1, 2)}.{rng.randint(10, 99)}%,拨备覆盖率{rng.randint(150, 320)}%。",
        ],
        key_phrases=["案件防控"],
    )


@family("b8_cn_village_dibao_board", "clean", "docx", "photo")
def cn_village_dibao_board(rng: random.Random, fake: Faker) -> Doc:
    vill = rng.choice(["杨柳村", "和平村", "东岗村", "白塔村"])
    rows = [["户主", "家庭人口", "保障类别", "月保障金(元)"]]
    for _ in range(rng.randint(4, 7)):
        rows.append(
            [
                _masked_name(fake.name()),
                str(rng.randint(1, 5)),
                rng.choice(["一类", "二类", "三类"]),
                str(rng.randint(200, 680)),
            ]
        )
    return Doc(
        preamble=["村务公开栏"],
        title=f"{vill}{rng.choice([2019, 2023, 2026])}年第{rng.randint(1, 4)}季度最低生活保障对象公示",
        paragraphs=[
            "根据民主评议和乡镇审核结果,现将本季度低保对象公示如下,公示期7天,监督电话见下。"
        ],
        tables=[rows],
        closing=[f"{vill}村民委员会 监督电话:{rng.randint(2000000, 8999999)}"],
        key_phrases=["最低生活保障对象公示"],
    )


@family("b8_cn_public_consultation_draft", "clean", "pdf", "screenshot")
def cn_public_consultation_draft(rng: random.Random, fake: Faker) -> Doc:
    city = rng.choice(["某市司法局", "某市生态环境局", "某市交通运输局"])
    year = rng.choice([2022, 2025, 2026])
    return Doc(
        preamble=["首页 > 政务公开 > 意见征集"],
        title="关于公开征求《养犬管理规定(征求意见稿)》意见的公告",
        paragraphs=[
            f"为提高立法质量,{city}起草了《养犬管理规定(征求意见稿)》,现向社会公开征求意见。",
            f"公众可在{year}年{rng.randint(1, 11)}月{rng.randint(1, 28)}日前通过以下方式提出意见:1.登录市政府网站“意见征集”栏目;2.发送电子邮件至征集邮箱;3.信函寄至{city}法规处(信封注明“征求意见”)。",
            "附件:养犬管理规定(征求意见稿)及起草说明",
        ],
        closing=[city, f"{year}年"],
        key_phrases=["公开征求", "征求意见稿"],
    )
