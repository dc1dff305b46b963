"""Word .docx (and .pptx text) read straight from the OOXML parts with lxml under the zip guard.

Everything a reader could see or recover goes in: body paragraphs and tables (as Tables),
headers/footers, text boxes, footnotes/endnotes, comments, tracked insertions *and* deletions
(deleted text is still in the file), hidden text, core/app properties, and embedded images (OCR)
and embedded documents (as members).
"""

from __future__ import annotations

import posixpath
import re

from agent.errors import ExtractionTimeout, TooLarge
from agent.extract import media as mt
from agent.extract.base import Ctx, Parts, open_zip, parse_xml, read_member, register
from detectors.model import Block, BlockKind, Table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W, "mc": MC}
_w = lambda tag: f"{{{W}}}{tag}"  # noqa: E731
T, DEL_T, P, TBL, TR, TC, TXBX = (
    _w("t"),
    _w("delText"),
    _w("p"),
    _w("tbl"),
    _w("tr"),
    _w("tc"),
    _w("txbxContent"),
)
TAB, BR, CR = _w("tab"), _w("br"), _w("cr")
FALLBACK = f"{{{MC}}}Fallback"
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".gif", ".webp")
# What Office names the documents inserted as objects (Word 2007+ keeps a Word/Excel/PowerPoint
# 97-2003 object as "Microsoft_Word_97_-_2003_Document1.doc" and so on)
EMBED_EXT = (".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".pdf", ".zip", ".txt", ".csv", ".xls",
             ".doc", ".ppt", ".rtf")  # fmt: skip
# Images smaller than this are icons, logos and bullets, not documents
MIN_OCR_PIXELS = 300 * 200


def _para_text(p, deleted: list[str]) -> str:
    """Text of one paragraph, skipping nested text boxes (read separately) and the VML
    fallback copy of drawings; deleted runs go to `deleted`."""
    out: list[str] = []
    dels: list[str] = []
    stack = [iter(p)]
    while stack:
        try:
            el = next(stack[-1])
        except StopIteration:
            stack.pop()
            continue
        tag = el.tag
        if tag in (TXBX, FALLBACK):
            continue
        if tag == T:
            out.append(el.text or "")
        elif tag == DEL_T:
            dels.append(el.text or "")
        elif tag == TAB:
            out.append("\t")
        elif tag in (BR, CR):
            out.append("\n")
        elif len(el):
            stack.append(iter(el))
    if dels:
        deleted.append("".join(dels))
    return "".join(out)


def _style(p) -> str:
    ps = p.find(f"{_w('pPr')}/{_w('pStyle')}")
    return (ps.get(_w("val")) or "") if ps is not None else ""


def _table_rows(tbl, deleted: list[str]) -> tuple[tuple[str, ...], ...]:
    rows = []
    for tr in tbl.iter(TR):
        if _ancestor_table(tr) is not tbl:
            continue  # a row of a nested table: that table is read on its own
        cells = []
        for tc in tr.findall(TC):
            paras = [_para_text(p, deleted) for p in tc.iter(P) if _ancestor_table(p) is tbl]
            cells.append("\n".join(x for x in paras if x).strip())
        rows.append(tuple(cells))
    return tuple(rows)


def _ancestor_table(el):
    a = el.getparent()
    while a is not None and a.tag != TBL:
        a = a.getparent()
    return a


def _read_story(root, parts: Parts, kind: BlockKind, origin: str, ctx: Ctx) -> None:
    """A story part (body, header, footer, notes, comments): paragraphs in order, tables as
    Tables (and their cell text not repeated as paragraphs), text boxes as TEXTBOX blocks."""
    deleted: list[str] = []
    for el in root.iter(P, TBL, TXBX):
        ctx.budget.check_time()
        if el.tag == TBL:
            rows = _table_rows(el, deleted)
            if rows:
                ctx.budget.add_text(sum(len(c) for r in rows for c in r))
                parts.tables.append(Table(rows=rows, page=None, origin=origin))
            continue
        if el.tag == TXBX:
            text = "\n".join(t for t in (_para_text(p, deleted) for p in el.iter(P)) if t.strip())
            if text.strip() and not _inside(el, FALLBACK):
                ctx.budget.add_text(len(text))
                parts.blocks.append(Block(text, BlockKind.TEXTBOX, origin=origin))
            continue
        # a paragraph: skip ones inside tables or text boxes (read above)
        if _inside(el, TBL) or _inside(el, TXBX):
            continue
        text = _para_text(el, deleted)
        if not text.strip():
            continue
        ctx.budget.add_text(len(text))
        k = kind
        style = _style(el).lower()
        if kind == BlockKind.PARAGRAPH and (style.startswith("heading") or style == "title"):
            k = BlockKind.HEADING
        parts.blocks.append(Block(text, k, origin=origin))
    for d in deleted:
        if d.strip():
            parts.blocks.append(Block(d, kind, origin=f"{origin}#deleted"))


def _inside(el, tag: str) -> bool:
    a = el.getparent()
    while a is not None:
        if a.tag == tag:
            return True
        a = a.getparent()
    return False


_CORE = {
    "title": "title",
    "creator": "author",
    "lastModifiedBy": "last_modified_by",
    "subject": "subject",
    "keywords": "keywords",
    "description": "description",
    "category": "category",
    "created": "created",
    "modified": "modified",
}


def read_core_properties(zf, names: set[str], parts: Parts, ctx: Ctx) -> None:
    """docProps/core.xml and app.xml (Company, Manager) → metadata (shared with xlsx)."""
    for name in ("docProps/core.xml", "docProps/app.xml"):
        if name not in names:
            continue
        root = parse_xml(read_member(zf, zf.getinfo(name), ctx), name)
        for el in root:
            local = el.tag.rsplit("}", 1)[-1]
            key = _CORE.get(local) if name.endswith("core.xml") else local.lower()
            if name.endswith("app.xml"):
                if local in ("Pages", "Slides") and (el.text or "").strip().isdigit():
                    parts.pages = parts.pages or int(el.text.strip())
                if local not in ("Company", "Manager"):
                    continue
            if key and el.text and el.text.strip():
                parts.meta(key, el.text.strip())


def _story_kind(name: str) -> tuple[BlockKind, int] | None:
    base = posixpath.basename(name)
    if name == "word/document.xml":
        return BlockKind.PARAGRAPH, 0
    if re.fullmatch(r"header\d*\.xml", base):
        return BlockKind.HEADER, 1
    if re.fullmatch(r"footer\d*\.xml", base):
        return BlockKind.FOOTER, 2
    if base in ("footnotes.xml", "endnotes.xml"):
        return BlockKind.FOOTNOTE, 3
    if base in ("comments.xml", "commentsExtended.xml"):
        return (BlockKind.COMMENT, 4) if base == "comments.xml" else None
    return None


@register(mt.DOCX)
def extract_docx(data: bytes, ctx: Ctx) -> Parts:
    zf = open_zip(data, ctx)
    names = set(zf.namelist())
    parts = Parts()
    stories = sorted(
        (k[1], n) for n in names if n.startswith("word/") and (k := _story_kind(n)) is not None
    )
    for _, name in stories:
        kind = _story_kind(name)[0]  # type: ignore[index]
        root = parse_xml(read_member(zf, zf.getinfo(name), ctx), name)
        _read_story(root, parts, kind, name, ctx)
    read_core_properties(zf, names, parts, ctx)
    embedded(zf, names, "word/", parts, ctx)
    return parts


def embedded(zf, names: set[str], prefix: str, parts: Parts, ctx: Ctx) -> None:
    """OCR pictures pasted into an Office file and extract embedded documents as members."""
    from agent.extract import extract_member

    for name in sorted(names):
        if not name.startswith(prefix):
            continue
        low = name.lower()
        try:
            if "/media/" in low and low.endswith(IMAGE_EXT):
                if ctx.ocr is None:
                    parts.warnings.append(f"{name}: image not read (OCR off)")
                    continue
                from agent.extract.image import ocr_image_bytes

                data = read_member(zf, zf.getinfo(name), ctx)
                parts.merge(ocr_image_bytes(data, ctx, origin=name, min_pixels=MIN_OCR_PIXELS))
            elif "/embeddings/" in low and low.endswith(EMBED_EXT):
                member = extract_member(read_member(zf, zf.getinfo(name), ctx), name, ctx, parts)
                if member is not None:
                    parts.members.append(member)
        except ExtractionTimeout as e:  # the body text is already read: judge it
            ctx.budget.skip(parts, f"{name} and the pictures after it", e)
            break
        except TooLarge as e:  # this picture or embedded file only
            ctx.budget.skip(parts, name, e)


@register(mt.PPTX)
def extract_pptx(data: bytes, ctx: Ctx) -> Parts:
    """Slides, notes and comments: every <a:t> run, one block per paragraph."""
    zf = open_zip(data, ctx)
    names = set(zf.namelist())
    parts = Parts()
    a_p = "{http://schemas.openxmlformats.org/drawingml/2006/main}p"
    a_t = "{http://schemas.openxmlformats.org/drawingml/2006/main}t"

    def slide_no(n: str) -> int:
        m = re.search(r"(\d+)\.xml$", n)
        return int(m.group(1)) if m else 0

    slides = sorted(
        (n for n in names if re.fullmatch(r"ppt/(slides|notesSlides)/\w+\d+\.xml", n)),
        key=lambda n: (("notes" in n), slide_no(n)),
    )
    for name in slides:
        root = parse_xml(read_member(zf, zf.getinfo(name), ctx), name)
        for p in root.iter(a_p):
            text = "".join(t.text or "" for t in p.iter(a_t))
            if text.strip():
                ctx.budget.add_text(len(text))
                parts.blocks.append(Block(text, BlockKind.PARAGRAPH, slide_no(name), origin=name))
    parts.pages = sum(1 for n in slides if "/slides/" in n) or None
    read_core_properties(zf, names, parts, ctx)
    embedded(zf, names, "ppt/", parts, ctx)
    return parts
