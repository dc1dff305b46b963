"""Mutations of a document that must not change what it is (issue 10's robustness check):
an appended penalty clause, no header, another 机关代字, retyped as a chat message, line breaks
lost. Rendering as a screenshot is the sixth, done by `render.write(doc, path, "screenshot")`.

    for name, mutate in MUTATIONS.items():
        doc2 = mutate(doc, random.Random(1))
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable

from tests.docgen.doc import Doc

PENALTY_CLAUSES = (
    "对工作不力、推诿扯皮、敷衍塞责的单位和个人，将予以通报批评；情节严重的，依规依纪严肃追责。",
    "凡逾期未报、瞒报漏报的，一经查实，予以全市通报批评并约谈主要负责人。",
    "对落实不到位的，将在全县范围内通报批评，并纳入年度绩效考核。",
    "未按要求完成的单位，由纪检监察机关按有关规定追究相关人员责任，并予以通报。",
)
AGENCY_CODES = ("湘卫办", "桂政发", "黔疫指", "陇防控", "蒙卫健", "皖政办函", "鄂疫防", "苏卫发")
_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,14}(?=[〔\[［(（﹝【][0-9]{4})")

Mutation = Callable[[Doc, random.Random], Doc]


def add_penalty_clause(doc: Doc, rng: random.Random) -> Doc:
    d = copy.deepcopy(doc)
    d.paragraphs = [*d.paragraphs, rng.choice(PENALTY_CLAUSES)]
    return d


def drop_header(doc: Doc, rng: random.Random) -> Doc:
    """No running page header and no 发文机关标志 (the first line above the title), as when a
    photo crops the red header off. A mark that stood only there is gone with it."""
    d = copy.deepcopy(doc)
    d.header = ""
    d.preamble = d.preamble[1:]
    return d


def change_agency_code(doc: Doc, rng: random.Random) -> Doc:
    d = copy.deepcopy(doc)
    code = rng.choice(AGENCY_CODES)

    def sub(s: str) -> str:
        return _DOCNO.sub(code, s)

    d.preamble = [sub(x) for x in d.preamble]
    d.paragraphs = [sub(x) for x in d.paragraphs]
    d.closing = [sub(x) for x in d.closing]
    d.title = sub(d.title)
    return d


def as_chat_message(doc: Doc, rng: random.Random) -> Doc:
    """Retyped into a chat: one message, no layout, table rows as numbered lines."""
    lines = [rng.choice(["@所有人", "@全体成员", ""])]
    lines += [x for x in [*doc.preamble, doc.title, *doc.paragraphs] if x]
    for table in doc.tables:
        for i, row in enumerate(table):
            cells = " ".join(c for c in row if c)
            lines.append(cells if i == 0 else f"{i}. {cells}")
    lines += [x for x in doc.closing if x]
    text = "\n".join(x for x in lines if x)
    return Doc(
        paragraphs=text.split("\n"),
        label=doc.label,
        kind=doc.kind,
        key_phrases=doc.key_phrases,
        identifiers=doc.identifiers,
    )


def collapse_line_breaks(doc: Doc, rng: random.Random) -> Doc:
    """Every line run together, as text pasted from a web page or a PDF that lost its breaks."""
    parts = [doc.header, *doc.preamble, doc.title, *doc.paragraphs]
    for table in doc.tables:
        parts.extend(" ".join(c for c in row if c) for row in table)
    parts += [*doc.closing, doc.footer]
    return Doc(
        paragraphs=["".join(p for p in parts if p)],
        label=doc.label,
        kind=doc.kind,
        key_phrases=doc.key_phrases,
        identifiers=doc.identifiers,
    )


MUTATIONS: dict[str, Mutation] = {
    "penalty_clause": add_penalty_clause,
    "no_header": drop_header,
    "agency_code": change_agency_code,
    "chat_message": as_chat_message,
    "collapsed": collapse_line_breaks,
}
