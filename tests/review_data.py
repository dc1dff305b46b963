"""Realistic log rows for the log CLI and review console tests (Faker zh_CN, no real people).

The evidence is masked the way detectors mask it; the raw identifiers are returned too so tests
can scan every page and export for them. One file name carries a raw ID on purpose: people do
name files after the person in them, and the console must mask that as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from faker import Faker

from detectors.model import CategoryScore, Decision, Evidence, Verdict


def mask_id(value: str) -> str:
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    return value[:3] + "****" + value[-4:]


@dataclass
class Sample:
    verdicts: list[tuple[Verdict, dict]] = field(default_factory=list)
    raw_ids: list[str] = field(default_factory=list)
    raw_phones: list[str] = field(default_factory=list)

    @property
    def raw_values(self) -> list[str]:
        return self.raw_ids + self.raw_phones


def _ev(cat, detector, signal, text, weight, context="", location="", page=None, bbox=None):
    return Evidence(
        detector=detector,
        signal=signal,
        text=text,
        location=location,
        weight=weight,
        context=context,
        page=page,
        bbox=bbox,
    )


def sample_verdicts(seed: int = 7, folder: str = "/home/li/Desktop") -> Sample:
    fake = Faker("zh_CN")
    Faker.seed(seed)
    s = Sample()
    ids = [fake.ssn() for _ in range(3)]
    phones = [fake.phone_number() for _ in range(2)]
    s.raw_ids.extend(ids)
    s.raw_phones.extend(phones)
    name = fake.name()

    roster = Verdict(
        path=f"{folder}/重点人员排查名单.xlsx",
        decision=Decision.FLAGGED,
        categories=(
            CategoryScore(
                "screening_list",
                0.93,
                0.6,
                (
                    _ev(
                        "screening_list",
                        "identifiers",
                        "resident_id",
                        mask_id(ids[0]),
                        0.5,
                        context=(
                            f"{name[0]}** 身份证号 {mask_id(ids[0])}"
                            f" 联系电话 {mask_phone(phones[0])}"
                        ),
                        location="sheet:名单 r3 c2",
                    ),
                    _ev(
                        "screening_list",
                        "roster",
                        "roster_table",
                        "姓名 / 身份证号 / 联系电话（23 行）",
                        0.43,
                        context="序号 姓名 身份证号 联系电话 户籍地",
                        location="sheet:名单 t0",
                    ),
                ),
            ),
        ),
        sha256="a" * 64,
        size=18234,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    s.verdicts.append((roster, {"action": "log,alert", "mode": "warn", "host": "pc-office-1"}))

    order = Verdict(
        path=f"{folder}/交办单_{ids[1]}.jpg",
        decision=Decision.FLAGGED,
        categories=(
            CategoryScore(
                "control_order",
                0.88,
                0.6,
                (
                    _ev(
                        "control_order",
                        "doc_form",
                        "jiaobandan_title",
                        "交办单",
                        0.6,
                        context="信访事项交办单",
                        location="p1",
                        page=1,
                        bbox=(0.3, 0.05, 0.7, 0.12),
                    ),
                    _ev(
                        "control_order",
                        "identifiers",
                        "resident_id",
                        mask_id(ids[1]),
                        0.28,
                        context=f"反映人身份证号：{mask_id(ids[1])}",
                        location="p1",
                        page=1,
                        bbox=(0.1, 0.3, 0.8, 0.36),
                    ),
                ),
            ),
            CategoryScore(
                "classified",
                0.7,
                0.6,
                (
                    _ev(
                        "classified",
                        "marks",
                        "secret_star",
                        "秘密★",
                        0.7,
                        context="秘密★1年",
                        location="p1",
                        page=1,
                        bbox=(0.75, 0.02, 0.95, 0.06),
                    ),
                ),
            ),
        ),
        sha256="b" * 64,
        size=402311,
        media_type="image/jpeg",
    )
    s.verdicts.append(
        (order, {"action": "log,alert,quarantine", "mode": "block", "host": "pc-office-2"})
    )

    record = Verdict(
        path="/home/wang/Documents/门诊病历.pdf",
        decision=Decision.FLAGGED,
        categories=(
            CategoryScore(
                "medical_record",
                0.81,
                0.6,
                (
                    _ev(
                        "medical_record",
                        "medical",
                        "sections",
                        "主诉 / 现病史 / 诊断",
                        0.81,
                        context="主诉：反复咳嗽三天。现病史：……",
                        location="p1",
                    ),
                ),
            ),
        ),
        sha256="c" * 64,
        size=88231,
        media_type="application/pdf",
    )
    s.verdicts.append((record, {"action": "log,alert", "mode": "warn", "host": "pc-office-1"}))

    clean = Verdict(
        path=f"{folder}/会议通知.docx",
        decision=Decision.CLEAN,
        sha256="d" * 64,
        size=12000,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    s.verdicts.append((clean, {"action": "log", "mode": "warn", "host": "pc-office-1"}))

    broken = Verdict(
        path=f"{folder}/加密文件.pdf",
        decision=Decision.UNREADABLE,
        error="the PDF is password-protected",
        error_kind="encrypted",
        sha256="e" * 64,
        size=5000,
        media_type="application/pdf",
    )
    s.verdicts.append((broken, {"action": "log", "mode": "warn", "host": "pc-office-1"}))
    return s


def fill_store(store, sample: Sample, *, times: list[str] | None = None) -> list[int]:
    ids = []
    for i, (verdict, kw) in enumerate(sample.verdicts):
        extra = dict(kw)
        if times:
            extra["time"] = times[i % len(times)]
        ids.append(store.append_verdict(verdict, **extra))
    return ids
