# ruff: noqa: E501  (Chinese text data: long lines read better unbroken)
"""Labelled synthetic documents: several templates per category and per hard negative.

People come from Faker zh_CN; wording, order and layout vary with the seed so the rules
generalise instead of memorising one layout. Templates are split into `tune` (rules may be
tuned on them) and `heldout` (never looked at while tuning; reported separately).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from faker import Faker

from tests.docgen.doc import Doc

Builder = Callable[[random.Random, Faker], Doc]


@dataclass(frozen=True)
class Template:
    name: str
    label: str  # category id or "clean"
    split: str  # "tune" | "heldout"
    build: Builder


TEMPLATES: list[Template] = []


def template(name: str, label: str, split: str) -> Callable[[Builder], Builder]:
    def deco(fn: Builder) -> Builder:
        TEMPLATES.append(Template(name, label, split, fn))
        return fn

    return deco


# ------------------------------------------------------------------------- shared pieces

CITIES = [
    "吉首市",
    "南丹县",
    "钟山县",
    "乌海市",
    "银川市",
    "柳江区",
    "富川县",
    "桂平市",
    "临湘市",
    "安远县",
]
TOWNS = ["峒河街道", "城关镇", "苏海图街道", "五化村", "石门乡", "新华街道", "东城街道", "河西镇"]
DEPTS = ["卫生健康局", "疾病预防控制中心", "公安局", "民政局", "交通运输局", "教育局", "市场监管局"]
HOSPITALS = ["县人民医院", "市第一人民医院", "市中医院", "妇幼保健院", "中心医院"]


def _date(rng: random.Random, year: int = 2020) -> tuple[int, int, int]:
    return year, rng.randint(1, 3), rng.randint(1, 28)


def _cn_date(rng: random.Random) -> str:
    y, m, d = _date(rng)
    return f"{y}年{m}月{d}日"


def _person(fake: Faker, rng: random.Random) -> dict[str, str]:
    ssn = fake.ssn(min_age=5, max_age=85)
    sex = "男" if int(ssn[16]) % 2 else "女"
    return {
        "name": fake.name(),
        "id": ssn,
        "phone": fake.phone_number(),
        "address": fake.address().split(" ")[0][:22],
        "sex": sex,
        "age": str(2020 - int(ssn[6:10])),
    }


def _org(rng: random.Random) -> str:
    return rng.choice(CITIES) + rng.choice(
        ["新型冠状病毒感染的肺炎疫情防控指挥部", "疫情防控工作领导小组办公室", "人民政府办公室"]
    )


def _short_org(rng: random.Random) -> str:
    return rng.choice(CITIES) + rng.choice(DEPTS)


def _docno(rng: random.Random) -> str:
    prefix = rng.choice(["吉疫指", "南卫", "钟政办", "乌疫防", "银交", "柳卫健", "富防控"])
    year = rng.choice([2020, 2021, 2022])
    left, right = rng.choice([("〔", "〕"), ("[", "]"), ("〔", "〕")])
    return (
        f"{prefix}{rng.choice(['发', '函', '明电', ''])}{left}{year}{right}{rng.randint(1, 120)}号"
    )


def _recipients(rng: random.Random) -> str:
    pools = [
        ["各乡镇人民政府", "各街道办事处", "县直各部门"],
        ["各乡镇（街道）", "县卫生健康局", "县公安局", "县交通运输局"],
        ["各社区居委会", "各村委会", "辖区各单位"],
        ["市疾控中心", "各县区卫生健康局", "各定点医院"],
    ]
    units = rng.choice(pools)
    rng.shuffle(units)
    return "、".join(units[: rng.randint(2, len(units))]) + "："


def _deadline(rng: random.Random) -> str:
    m, d, h = rng.randint(1, 3), rng.randint(1, 28), rng.choice([10, 12, 16, 17, 18])
    return rng.choice(
        [
            f"请于{m}月{d}日{h}时前将排查结果报送指挥部办公室。",
            f"请各单位于{m}月{d}日前将落实情况书面报送县防控办。",
            f"各单位务必于每日{h}时前上报当日工作情况，逾期未报的将予以通报。",
            f"请于{m}月{d}日下班前反馈办理结果，联系人：{rng.choice(['王', '李', '张'])}同志。",
        ]
    )


def _signoff(rng: random.Random, org: str) -> list[str]:
    return [org, _cn_date(rng)]


# ------------------------------------------------------------------------- control_order


@template("jiaobandan", "control_order", "tune")
def jiaobandan(rng: random.Random, fake: Faker) -> Doc:
    city = rng.choice(CITIES)
    no = f"（第{rng.randint(1, 99):03d}号）"
    p = _person(fake, rng)
    matter = rng.choice(
        [
            f"对{rng.choice(TOWNS)}{p['name']}家庭成员开展入户排查并落实居家观察措施",
            "对辖区内近14天内有武汉旅居史人员逐一登记并每日测量体温",
            f"核实{rng.choice(TOWNS)}农贸市场经营户健康状况并报送名单",
        ]
    )
    return Doc(
        title=f"{city}疫情防控交办单",
        preamble=[no],
        tables=[
            [
                ["交办事项", matter],
                ["责任单位", rng.choice(TOWNS) + "、" + rng.choice(DEPTS)],
                [
                    "办理时限",
                    f"{rng.randint(1, 3)}月{rng.randint(1, 28)}日{rng.choice([12, 18])}时前",
                ],
                ["交办单位", city + "疫情防控指挥部"],
                ["联系人", f"{fake.name()} {fake.phone_number()}"],
            ]
        ],
        closing=[f"{city}疫情防控指挥部办公室", _cn_date(rng)],
        label="control_order",
        kind="jiaobandan",
        key_phrases=["交办单", no],
    )


@template("notice_recipients", "control_order", "tune")
def notice_recipients(rng: random.Random, fake: Faker) -> Doc:
    org = _org(rng)
    subject = rng.choice(
        [
            "做好湖北返乡人员排查管控工作",
            "加强农村地区疫情防控工作",
            "进一步落实重点人员健康监测",
            "做好春节后企业复工人员登记",
        ]
    )
    doc_no = _docno(rng)
    return Doc(
        preamble=[org + "文件" if rng.random() < 0.5 else org, doc_no],
        title=f"关于{subject}的{rng.choice(['通知', '紧急通知'])}",
        paragraphs=[
            _recipients(rng),
            f"为贯彻落实上级关于疫情防控工作的部署要求，现就{subject}有关事项通知如下：",
            "一、各单位要压实属地责任，逐户逐人开展排查，做到不漏一户、不漏一人。",
            "二、对排查发现的重点人员，要落实专人联系，每日两次测量体温并做好记录。",
            _deadline(rng),
        ],
        closing=_signoff(rng, org),
        label="control_order",
        kind="notice_recipients",
        key_phrases=[doc_no],
    )


@template("letter_han", "control_order", "tune")
def letter_han(rng: random.Random, fake: Faker) -> Doc:
    dept = _short_org(rng)
    target = rng.choice(TOWNS)
    person = fake.last_name() + "某某"
    return Doc(
        title=f"关于做好与{person}密接人员排查的函",
        preamble=[_docno(rng)] if rng.random() < 0.6 else [],
        paragraphs=[
            f"{target}：",
            f"经流行病学调查，{person}于{rng.randint(1, 31)}日曾在你辖区活动，现将有关情况函告如下，"
            "请立即组织力量对相关密切接触人员开展排查。",
            "请将排查结果及人员管控情况" + _deadline(rng),
        ],
        closing=_signoff(rng, dept),
        label="control_order",
        kind="letter_han",
    )


@template("dubandan", "control_order", "heldout")
def dubandan(rng: random.Random, fake: Faker) -> Doc:
    org = _org(rng)
    no = f"督办编号：{rng.choice(['DB', '督'])}{rng.randint(2020, 2022)}-{rng.randint(1, 300):03d}"
    return Doc(
        title=rng.choice(["疫情防控工作督办单", "重点工作督办单"]),
        preamble=[no],
        tables=[
            [
                ["督办事项", "承办单位", "反馈时限"],
                [
                    "落实返乡人员健康监测，逐一核实体温记录",
                    rng.choice(TOWNS),
                    f"{rng.randint(1, 3)}月{rng.randint(1, 28)}日前",
                ],
                ["完成隔离点物资清点并上报缺口清单", rng.choice(DEPTS), "当日17时前"],
            ]
        ],
        paragraphs=["请承办单位按时限办结并反馈办理情况，逾期未办结的将进行通报。"],
        closing=[org, _cn_date(rng)],
        label="control_order",
        kind="dubandan",
    )


@template("urgent_notice_nodocno", "control_order", "heldout")
def urgent_notice_nodocno(rng: random.Random, fake: Faker) -> Doc:
    org = _short_org(rng)
    return Doc(
        title=f"关于{rng.choice(['立即开展', '全面做好', '切实加强'])}"
        f"{rng.choice(['隔离点', '卡点', '重点场所'])}值守工作的通知",
        paragraphs=[
            "各乡镇（街道）、县直有关单位：",
            "根据县指挥部统一部署，自即日起对全县各卡点实行二十四小时值守。",
            f"各单位要安排专人负责，{rng.choice(['每日', '每天'])}{rng.choice([9, 15, 16])}时前将值守人员名单及"
            "当日登记情况报送县指挥部综合组。",
            f"联系人：{fake.name()}，联系电话：{fake.phone_number()}",
        ],
        closing=[org, _cn_date(rng)],
        label="control_order",
        kind="urgent_notice_nodocno",
    )


# ------------------------------------------------------------------------- screening_list


def _people(fake: Faker, rng: random.Random, n: int) -> list[dict[str, str]]:
    return [_person(fake, rng) for _ in range(n)]


@template("return_roster", "screening_list", "tune")
def return_roster(rng: random.Random, fake: Faker) -> Doc:
    people = _people(fake, rng, rng.randint(3, 8))
    header = ["序号", "姓名", "性别", "身份证号", "联系电话", "现住址", "返回日期", "车次/航班"]
    rows = [
        [
            str(i + 1),
            p["name"],
            p["sex"],
            p["id"],
            p["phone"],
            p["address"],
            f"1月{rng.randint(10, 31)}日",
            rng.choice(["G1502", "K1158", "D2236", "自驾", "CZ3371"]),
        ]
        for i, p in enumerate(people)
    ]
    return Doc(
        title=f"{rng.choice(CITIES)}湖北返乡人员排查登记表",
        tables=[[header, *rows]],
        closing=[f"填报单位：{rng.choice(TOWNS)}", f"填报日期：{_cn_date(rng)}"],
        label="screening_list",
        kind="return_roster",
        identifiers=[p["id"] for p in people] + [p["phone"] for p in people],
    )


@template("quarantine_roster", "screening_list", "tune")
def quarantine_roster(rng: random.Random, fake: Faker) -> Doc:
    people = _people(fake, rng, rng.randint(3, 7))
    header = ["姓名", "年龄", "联系电话", "隔离地点", "隔离起始日期", "体温(℃)"]
    rows = [
        [
            p["name"],
            p["age"],
            p["phone"],
            rng.choice(["居家隔离", "县宾馆集中隔离点", "乡卫生院观察点"]),
            f"2020-02-{rng.randint(1, 20):02d}",
            f"{rng.choice([36.2, 36.5, 36.8, 37.1, 37.4])}",
        ]
        for p in people
    ]
    return Doc(
        title=rng.choice(["居家隔离人员健康监测名单", "集中医学观察人员花名册"]),
        paragraphs=[f"统计截至{_cn_date(rng)}，共{len(people)}人。"],
        tables=[[header, *rows]],
        label="screening_list",
        kind="quarantine_roster",
        identifiers=[p["phone"] for p in people],
    )


@template("contact_list", "screening_list", "heldout")
def contact_list(rng: random.Random, fake: Faker) -> Doc:
    people = _people(fake, rng, rng.randint(3, 6))
    header = ["被调查人", "证件号码", "手机", "现居住地", "接触时间", "接触方式"]
    rows = [
        [
            p["name"],
            p["id"],
            p["phone"],
            p["address"],
            f"2月{rng.randint(1, 20)}日",
            rng.choice(["同乘车辆", "共同就餐", "同住", "同事"]),
        ]
        for p in people
    ]
    return Doc(
        title="密切接触者排查名单",
        preamble=[rng.choice(["附件2", "附件"])],
        tables=[[header, *rows]],
        label="screening_list",
        kind="contact_list",
        identifiers=[p["id"] for p in people],
    )


@template("headerless_roster", "screening_list", "heldout")
def headerless_roster(rng: random.Random, fake: Faker) -> Doc:
    people = _people(fake, rng, rng.randint(4, 8))
    rows = [[p["name"], p["id"], p["phone"], p["address"]] for p in people]
    return Doc(
        title=f"{rng.choice(TOWNS)}外来人员信息",
        tables=[rows],
        label="screening_list",
        kind="headerless_roster",
        identifiers=[p["id"] for p in people],
    )


# ------------------------------------------------------------------------- medical_record


@template("inpatient_record", "medical_record", "tune")
def inpatient_record(rng: random.Random, fake: Faker) -> Doc:
    p = _person(fake, rng)
    t = rng.choice(["37.8", "38.5", "39.1", "36.9"])
    return Doc(
        title=rng.choice(["住院病历", "入院记录"]),
        preamble=[rng.choice(HOSPITALS)],
        paragraphs=[
            f"姓名：{p['name']}  性别：{p['sex']}  年龄：{p['age']}岁  住院号：{rng.randint(100000, 999999)}",
            "主诉：发热、咳嗽" + rng.choice(["3天", "5天", "1周"]) + "。",
            "现病史：患者" + rng.choice(["3天前", "5天前"]) + "无明显诱因出现发热，最高体温"
            f"{t}℃，伴干咳、乏力，自服药物效果不佳，遂来我院就诊。",
            "既往史：既往体健，否认高血压、糖尿病病史，否认药物过敏史。",
            f"体格检查：T {t}℃，P {rng.randint(70, 110)}次/分，R {rng.randint(16, 24)}次/分，"
            f"BP {rng.randint(100, 140)}/{rng.randint(60, 90)}mmHg，神志清，双肺呼吸音粗。",
            "初步诊断："
            + rng.choice(["新型冠状病毒感染的肺炎（疑似）", "社区获得性肺炎", "发热待查"]),
        ],
        closing=["医师签名：" + fake.name(), _cn_date(rng)],
        label="medical_record",
        kind="inpatient_record",
    )


@template("lab_report", "medical_record", "tune")
def lab_report(rng: random.Random, fake: Faker) -> Doc:
    p = _person(fake, rng)
    items = [
        ["白细胞计数", f"{rng.uniform(3, 12):.2f}", "10^9/L", "3.5-9.5"],
        ["淋巴细胞百分比", f"{rng.uniform(10, 45):.1f}", "%", "20-50"],
        ["C反应蛋白", f"{rng.uniform(1, 60):.1f}", "mg/L", "0-10"],
        ["血红蛋白", f"{rng.randint(100, 160)}", "g/L", "130-175"],
    ]
    rng.shuffle(items)
    return Doc(
        title=rng.choice(HOSPITALS) + "检验报告单",
        paragraphs=[
            f"姓名：{p['name']}    性别：{p['sex']}    年龄：{p['age']}岁",
            f"门诊号：{rng.randint(10000000, 99999999)}    科室：{rng.choice(['发热门诊', '呼吸内科', '感染科'])}",
            "标本类型：全血    临床诊断：发热待查",
        ],
        tables=[[["检验项目", "结果", "单位", "参考值"], *items]],
        closing=[f"检验者：{fake.name()}  审核者：{fake.name()}", f"报告日期：{_cn_date(rng)}"],
        label="medical_record",
        kind="lab_report",
    )


@template("outpatient_note", "medical_record", "heldout")
def outpatient_note(rng: random.Random, fake: Faker) -> Doc:
    p = _person(fake, rng)
    return Doc(
        title="门诊病历",
        paragraphs=[
            f"患者姓名：{p['name']}，{p['sex']}，{p['age']}岁，门诊号：MZ{rng.randint(100000, 999999)}",
            "主诉：咽痛伴低热2天。",
            "现病史：2天前受凉后出现咽痛，体温最高37.9℃，无胸闷气促，饮食可，睡眠可，二便正常。",
            "既往史：否认药物过敏史，否认手术外伤史。",
            "查体：咽部充血，双侧扁桃体I度肿大，心肺查体未见明显异常。",
            "诊断：急性上呼吸道感染。",
            "处理：对症治疗，口服药物三天，不适随诊。",
        ],
        closing=["接诊医生：" + fake.name()],
        label="medical_record",
        kind="outpatient_note",
    )


@template("imaging_report", "medical_record", "heldout")
def imaging_report(rng: random.Random, fake: Faker) -> Doc:
    p = _person(fake, rng)
    return Doc(
        title=rng.choice(["胸部CT检查报告", "CT检查报告单"]),
        paragraphs=[
            f"姓名：{p['name']}  性别：{p['sex']}  年龄：{p['age']}  病案号：{rng.randint(100000, 999999)}",
            "检查所见：双肺见多发磨玻璃密度影，以胸膜下分布为主，右肺下叶见斑片影，"
            f"大小约{rng.randint(10, 40)}×{rng.randint(10, 30)}mm，纵隔内未见肿大淋巴结，未见胸腔积液。",
            "影像诊断：双肺多发病变，考虑病毒性肺炎可能，建议结合临床及核酸检测结果。",
        ],
        closing=[f"报告医师：{fake.name()}", f"审核医师：{fake.name()}", _cn_date(rng)],
        label="medical_record",
        kind="imaging_report",
    )


# ------------------------------------------------------------------------- investigation_report


@template("epi_report", "investigation_report", "tune")
def epi_report(rng: random.Random, fake: Faker) -> Doc:
    sur = fake.last_name()
    return Doc(
        title=f"关于{rng.choice(CITIES)}{sur}某某病例的流行病学调查报告",
        preamble=[rng.choice(["（未经核定，注意保密）", "未经核定 请勿外传", "（初稿）"])],
        paragraphs=[
            "一、基本情况",
            f"{sur}某某，{rng.choice(['男', '女'])}，{rng.randint(20, 70)}岁，现住{rng.choice(TOWNS)}。",
            "二、发病及就诊经过",
            f"患者于1月{rng.randint(10, 25)}日出现发热，次日到{rng.choice(HOSPITALS)}发热门诊就诊。",
            "三、活动轨迹",
            f"1月{rng.randint(5, 20)}日自武汉乘{rng.choice(['G1502', 'K1158'])}次列车返回，"
            "期间曾到农贸市场、超市购物并参加家庭聚餐。",
            "四、密切接触者",
            f"共排查密切接触者{rng.randint(5, 30)}人，已全部落实集中隔离医学观察。",
            "五、调查结论",
            "综合流行病学史、临床表现和实验室检测结果，判定为输入性病例。",
        ],
        closing=[f"调查人员：{fake.name()}、{fake.name()}", _cn_date(rng)],
        label="investigation_report",
        kind="epi_report",
    )


@template("incident_report", "investigation_report", "heldout")
def incident_report(rng: random.Random, fake: Faker) -> Doc:
    return Doc(
        title=f"{rng.choice(CITIES)}{rng.choice(['聚集性疫情', '学校发热事件', '集中隔离点感染事件'])}调查处置情况报告",
        paragraphs=[
            f"调查时间：{_cn_date(rng)}",
            f"调查对象：{rng.choice(TOWNS)}相关人员共{rng.randint(10, 60)}人。",
            "暴露史：经询问，首发病例发病前14天内有外地旅居史，并与确诊病例有接触史。",
            "核酸检测结果：已完成采样检测，其中阳性3人，其余阴性。",
            "处置措施：对涉及场所进行终末消毒，相关人员落实隔离观察。",
            "初步调查认为，本起事件传染源为外地输入，存在家庭内传播。",
        ],
        closing=[rng.choice(DEPTS), _cn_date(rng)],
        label="investigation_report",
        kind="incident_report",
    )


# ------------------------------------------------------------------------- internal_material


@template("draft_public_notice", "internal_material", "tune")
def draft_public_notice(rng: random.Random, fake: Faker) -> Doc:
    what = rng.choice(["恢复部分公交线路", "调整城区交通管制措施", "恢复农贸市场营业"])
    mark = rng.choice(["（讨论稿）", "（征求意见稿）", "（送审稿）"])
    return Doc(
        title=f"关于{what}的通告{mark}",
        paragraphs=[
            f"根据当前疫情防控形势，经研究，拟自2月{rng.randint(5, 25)}日起{what}。",
            "一、恢复运营的线路和时间另行公布。",
            "二、乘客乘车须佩戴口罩，配合测量体温。",
        ],
        closing=[f"{rng.choice(CITIES)}公共交通有限公司", _cn_date(rng)],
        label="internal_material",
        kind="draft_public_notice",
    )


@template("internal_work_plan", "internal_material", "tune")
def internal_work_plan(rng: random.Random, fake: Faker) -> Doc:
    return Doc(
        header=rng.choice(["内部资料", "内部资料 注意保密", "内部材料"]),
        title=f"{rng.choice(CITIES)}疾控中心新型冠状病毒感染的肺炎防控工作方案",
        paragraphs=[
            "一、工作目标：早发现、早报告、早隔离、早治疗。",
            "二、职责分工：应急办负责统筹协调，流调组负责病例调查，检验科负责样本检测。",
            "三、物资储备：目前防护服库存不足，需紧急调配。",
        ],
        closing=[_cn_date(rng)],
        label="internal_material",
        kind="internal_work_plan",
    )


@template("solicit_draft", "internal_material", "heldout")
def solicit_draft(rng: random.Random, fake: Faker) -> Doc:
    return Doc(
        preamble=[rng.choice(["征求意见稿", "讨论稿"])],
        title=f"{rng.choice(CITIES)}企业复工复产疫情防控实施方案",
        paragraphs=[
            "为统筹做好疫情防控和经济社会发展工作，制定本方案。",
            "一、复工条件：企业须建立防控工作机制，落实员工健康登记。",
            "二、监督检查：由各部门按职责分工组织检查。",
        ],
        closing=[_short_org(rng), _cn_date(rng)],
        label="internal_material",
        kind="solicit_draft",
    )


@template("briefing_footer", "internal_material", "heldout")
def briefing_footer(rng: random.Random, fake: Faker) -> Doc:
    return Doc(
        footer=rng.choice(["内部材料 请勿外传", "仅供内部参考", "内部资料，不得外传"]),
        title=f"{rng.choice(CITIES)}疫情防控工作情况汇报",
        paragraphs=[
            "截至目前，全县累计排查重点人员一千余人，落实居家观察八百余人。",
            "存在问题：个别乡镇排查不够细致，隔离点管理有待加强。",
            "下一步工作：继续加强卡点值守和重点人员管控。",
        ],
        label="internal_material",
        kind="briefing_footer",
    )


# ------------------------------------------------------------------------- classified


@template("secret_notice", "classified", "tune")
def secret_notice(rng: random.Random, fake: Faker) -> Doc:
    mark = rng.choice(["秘密★1年", "秘密★6个月", "机密★5年", "秘密"])
    return Doc(
        preamble=[mark],
        title=f"关于{rng.choice(['重点人员管控', '疫情形势研判', '应急物资调拨'])}有关情况的报告",
        paragraphs=[
            "市指挥部：",
            "现将近期有关情况报告如下，请阅示。",
            "一、总体情况平稳，但输入风险依然较高。",
        ],
        closing=[_short_org(rng), _cn_date(rng)],
        label="classified",
        kind="secret_notice",
    )


@template("secret_header", "classified", "heldout")
def secret_header(rng: random.Random, fake: Faker) -> Doc:
    return Doc(
        header=rng.choice(["机密★5年", "绝密★长期", "秘密★3年"]),
        footer="注意保密",
        title="疫情防控物资储备情况表",
        tables=[[["物资", "库存", "缺口"], ["N95口罩", "1200", "3000"], ["防护服", "300", "800"]]],
        label="classified",
        kind="secret_header",
    )


# ------------------------------------------------------------------------- hard negatives


@template("leak_news", "clean", "tune")
def leak_news(rng: random.Random, fake: Faker) -> Doc:
    city = rng.choice(CITIES)
    return Doc(
        title=f"{city}通报{rng.randint(2, 6)}起泄露疫情信息典型案例",
        paragraphs=[
            f"本报讯（记者 {fake.name()}）近日，{city}纪委监委通报了几起违反疫情防控工作纪律的典型问题。",
            f"案例一：某街道干部将《{city}疫情防控交办单》（第0{rng.randint(10, 99)}号）拍照发至亲属微信群，"
            "造成信息泄露，受到警告处分。",
            "案例二：某医院工作人员将患者住院病历拍照转发，泄露涉疫情人员隐私，被立案审查。",
            "案例三：有干部擅自将《关于恢复部分公交线路的通告（讨论稿）》发布至工作群，被免职处理。",
            "纪委监委提醒，党员干部要严守工作纪律，不得擅自转发未经核定的调查报告和排查名单。",
        ],
        closing=[f"责任编辑：{fake.name()}"],
        label="clean",
        kind="leak_news",
    )


@template("public_tonggao", "clean", "tune")
def public_tonggao(rng: random.Random, fake: Faker) -> Doc:
    org = _org(rng)
    return Doc(
        title=f"{org}通告",
        preamble=[f"（第{rng.randint(1, 30)}号）"],
        paragraphs=[
            rng.choice(["广大市民朋友：", "全体市民：", "各位居民："]),
            "为切实做好疫情防控工作，现将有关事项通告如下：",
            "一、进入公共场所须佩戴口罩，配合测量体温。",
            "二、暂停举办各类聚集性活动。",
            "三、本通告自发布之日起施行。",
        ],
        closing=[org, _cn_date(rng)],
        label="clean",
        kind="public_tonggao",
    )


@template("health_leaflet", "clean", "tune")
def health_leaflet(rng: random.Random, fake: Faker) -> Doc:
    return Doc(
        title=rng.choice(["新冠肺炎防护知识", "预防新型冠状病毒感染健康提示"]),
        paragraphs=[
            "一、勤洗手：用肥皂和流水洗手，时间不少于20秒。",
            "二、戴口罩：前往人员密集场所须佩戴口罩。",
            "三、出现发热、咳嗽等症状，应及时到发热门诊就诊，就诊时主动告知旅行史。",
            "四、保持室内通风，避免聚集。",
        ],
        closing=[rng.choice(CITIES) + "疾病预防控制中心 宣"],
        label="clean",
        kind="health_leaflet",
    )


@template("case_bulletin", "clean", "tune")
def case_bulletin(rng: random.Random, fake: Faker) -> Doc:
    paras = []
    for i in range(rng.randint(2, 4)):
        paras.append(
            f"病例{i + 1}：{rng.choice(CITIES)}{rng.randint(20, 80)}岁{rng.choice(['男性', '女性'])}患者，"
            f"1月{rng.randint(1, 20)}日自武汉返回，{rng.randint(10, 25)}日出现发热症状，现在定点医院隔离治疗，病情稳定。"
        )
    return Doc(
        title=f"{rng.choice(CITIES)}新增确诊病例情况通报",
        paragraphs=[f"2月{rng.randint(1, 20)}日0-24时，我市新增确诊病例{len(paras)}例。", *paras],
        closing=["此件公开发布" if rng.random() < 0.3 else ""],
        label="clean",
        kind="case_bulletin",
    )


@template("timetable", "clean", "tune")
def timetable(rng: random.Random, fake: Faker) -> Doc:
    rows = [
        [
            f"{rng.randint(1, 99)}路",
            f"{rng.choice(['火车站', '汽车站', '人民广场'])}",
            f"{rng.randint(6, 7)}:00",
            f"{rng.randint(19, 22)}:30",
        ]
        for _ in range(rng.randint(3, 6))
    ]
    return Doc(
        title="城区公交线路运营时刻表",
        tables=[[["线路", "起点站", "首班", "末班"], *rows]],
        paragraphs=["如遇特殊情况，运营时间另行调整，咨询电话：12345。"],
        label="clean",
        kind="timetable",
    )


@template("price_list", "clean", "tune")
def price_list(rng: random.Random, fake: Faker) -> Doc:
    goods = ["大米", "面粉", "猪肉", "鸡蛋", "白菜", "土豆", "食用油", "口罩"]
    rng.shuffle(goods)
    rows = [
        [g, rng.choice(["500g", "1kg", "5kg", "个", "桶"]), f"{rng.uniform(1, 80):.2f}"]
        for g in goods[:5]
    ]
    return Doc(
        title=f"{rng.choice(CITIES)}主要生活物资价格表",
        tables=[[["品名", "规格", "单价(元)"], *rows]],
        closing=[f"发布日期：{_cn_date(rng)}"],
        label="clean",
        kind="price_list",
    )


@template("agenda", "clean", "heldout")
def agenda(rng: random.Random, fake: Faker) -> Doc:
    return Doc(
        title="疫情防控工作推进会议程",
        tables=[
            [
                ["时间", "议题", "主持人"],
                ["9:00-9:20", "通报近期疫情防控工作情况", fake.name()],
                ["9:20-10:00", "各乡镇汇报工作进展", fake.name()],
                ["10:00-10:30", "部署下一阶段重点工作", fake.name()],
            ]
        ],
        paragraphs=[f"会议地点：{rng.choice(CITIES)}政府三楼会议室"],
        label="clean",
        kind="agenda",
    )


@template("blank_form", "clean", "heldout")
def blank_form(rng: random.Random, fake: Faker) -> Doc:
    header = ["序号", "姓名", "身份证号", "联系电话", "住址", "返回日期", "体温"]
    return Doc(
        title="返乡人员信息登记表（样表）",
        tables=[[header, [""] * len(header), [""] * len(header)]],
        paragraphs=["填表说明：请如实填写，身份证号填写18位。"],
        label="clean",
        kind="blank_form",
    )


@template("published_notice", "clean", "heldout")
def published_notice(rng: random.Random, fake: Faker) -> Doc:
    org = _org(rng)
    return Doc(
        preamble=[_docno(rng)],
        title="关于做好疫情期间生活物资保障供应工作的通知",
        paragraphs=[
            "各县（区）商务主管部门、各大型商超：",
            "为保障疫情期间群众生活必需品供应，现就有关工作通知如下。",
            "一、加强货源组织，确保主要商品不断档、不脱销。",
        ],
        closing=[
            org,
            _cn_date(rng),
            rng.choice(["（此件公开发布）", "（信息公开形式：主动公开）"]),
        ],
        label="clean",
        kind="published_notice",
    )


@template("privacy_commentary", "clean", "heldout")
def privacy_commentary(rng: random.Random, fake: Faker) -> Doc:
    return Doc(
        title="评论：保护涉疫人员隐私，不能只靠自觉",
        paragraphs=[
            "据新华社报道，近期多地出现涉疫人员病历、身份证号和住址被转发的情况。",
            "记者注意到，这些排查名单往往来自工作群，一些干部对住院号、门诊号等信息的敏感性认识不足。",
            "专家表示，流行病学调查信息和密切接触者名单都属于个人隐私，应严格管理。",
        ],
        closing=["来源：" + rng.choice(["人民网", "新华网", "中新网"])],
        label="clean",
        kind="privacy_commentary",
    )


# ------------------------------------------------------------------------- held-out, added last
# Written after the rules were tuned and reported without any change to the rules afterwards.


@template("village_wechat_notice", "control_order", "heldout")
def village_wechat_notice(rng: random.Random, fake: Faker) -> Doc:
    return Doc(
        paragraphs=[
            rng.choice(["各村（社区）：", "各村民小组、各网格员："]),
            f"接县指挥部紧急通知，请于今晚{rng.choice([8, 9, 10])}点前将辖区内近14天从湖北返回人员的"
            "姓名、住址、返回时间核实清楚，报镇防控办，不得漏报、瞒报。",
            f"联系人：{fake.name()}",
        ],
        closing=[rng.choice(TOWNS) + "疫情防控办", f"{rng.randint(1, 2)}月{rng.randint(1, 28)}日"],
        label="control_order",
        kind="village_wechat_notice",
    )


@template("masked_id_roster", "screening_list", "heldout")
def masked_id_roster(rng: random.Random, fake: Faker) -> Doc:
    people = _people(fake, rng, rng.randint(3, 6))
    rows = [
        [p["name"], p["id"][:4] + "*" * 10 + p["id"][-4:], p["phone"], p["address"]] for p in people
    ]
    return Doc(
        title="居家观察人员明细",
        tables=[[["姓名", "身份证号", "手机号码", "居住地址"], *rows]],
        label="screening_list",
        kind="masked_id_roster",
    )


@template("discharge_summary", "medical_record", "heldout")
def discharge_summary(rng: random.Random, fake: Faker) -> Doc:
    p = _person(fake, rng)
    return Doc(
        title="出院小结",
        paragraphs=[
            f"{p['name']}，{p['sex']}，{p['age']}岁。入院日期：2020-01-{rng.randint(10, 20)}，"
            f"出院日期：2020-02-{rng.randint(1, 20):02d}。",
            "入院诊断：肺部感染。出院诊断：肺部感染（好转）。",
            "诊疗经过：入院后予以抗感染、化痰等对症治疗，复查胸部CT示病灶较前吸收。",
            "出院医嘱：注意休息，两周后门诊复查。",
        ],
        label="medical_record",
        kind="discharge_summary",
    )


@template("trajectory_table", "investigation_report", "heldout")
def trajectory_table(rng: random.Random, fake: Faker) -> Doc:
    sur = fake.last_name()
    return Doc(
        title=f"{sur}某某流调情况",
        paragraphs=[
            f"流调对象：{sur}某某，{rng.randint(20, 70)}岁，确诊时间2月{rng.randint(1, 20)}日。"
        ],
        tables=[
            [
                ["日期", "时间", "活动轨迹", "接触人员"],
                ["1月25日", "9:00-11:00", "菜市场购物", "摊主2人"],
                ["1月26日", "全天", "居家", "家属3人"],
                ["1月27日", "18:00", "亲戚家聚餐", "密接者8人"],
            ]
        ],
        label="investigation_report",
        kind="trajectory_table",
    )


@template("supplier_contacts", "clean", "heldout")
def supplier_contacts(rng: random.Random, fake: Faker) -> Doc:
    rows = [
        [fake.company(), fake.name(), fake.phone_number(), rng.choice(["口罩", "消毒液", "体温枪"])]
        for _ in range(5)
    ]
    return Doc(
        title="防疫物资供应商名录",
        tables=[[["供应商", "联系人", "联系电话", "主营物资"], *rows]],
        label="clean",
        kind="supplier_contacts",
    )


@template("parents_notice", "clean", "heldout")
def parents_notice(rng: random.Random, fake: Faker) -> Doc:
    return Doc(
        title="关于延期开学期间学生健康打卡的通知",
        paragraphs=[
            "各位家长：",
            "根据上级部署，延期开学期间请家长每日为孩子测量体温，",
            f"并请于每日{rng.choice([9, 10])}时前在班级群完成健康打卡。",
        ],
        closing=[f"{rng.choice(CITIES)}实验小学", _cn_date(rng)],
        label="clean",
        kind="parents_notice",
    )
