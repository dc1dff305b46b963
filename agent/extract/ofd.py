"""OFD (GB/T 33190-2016), the national format for electronic official documents: a zip of XML
parts read under the same zip guard as docx.

Read: document metadata (`OFD.xml` DocInfo: title, author, creator, dates, custom data), the
text of every page and page template (each `TextObject`'s `TextCode`s placed at their absolute
position, then put in reading order: lines top to bottom, segments left to right; runs of lines
with the same columns become a Table), pictures (`ImageObject` → MultiMedia file → OCR), and
signatures: a `Signatures.xml` listing signatures or seals gives `ofd.signatures = N` and, for a
seal (`Type="Seal"` or a `.esl` seal file), `ofd.seal = yes`, which doc_form weighs as the mark of
an official document (`electronic_seal`). Each signature's References (the signed files' digests,
SM3 and the others the standard names) are checked against the files: `ofd.signature` is `invalid`
when a signed file was changed or is missing (its seal then does not count), `digests_match` when
all match, `unchecked` otherwise. Not verified: the signed value itself (SM2 over SignedInfo) and
the seal's certificate. Not read: text drawn as paths (outlined fonts), CTM transforms and rotated
text (positions taken as written), encrypted OFD (GM/T 0099, reported as encrypted).
"""

from __future__ import annotations

import posixpath
import re

from agent.errors import CorruptFile, EncryptedFile, TooLarge
from agent.extract import media as mt
from agent.extract.base import Ctx, Parts, open_zip, parse_xml, read_member, register
from detectors.model import Block, BlockKind, Table

MIN_OCR_PIXELS = 300 * 200
_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")
_DOCINFO = {
    "Title": "title",
    "Author": "author",
    "Subject": "subject",
    "Abstract": "description",
    "Keywords": "keywords",
    "Creator": "creator",
    "CreationDate": "created",
    "ModDate": "modified",
    "DocUsage": "ofd.doc_usage",
}


def _local(el) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _children(el, name: str):
    return [c for c in el if _local(c) == name]


def _first(el, name: str):
    for c in el.iter():
        if _local(c) == name:
            return c
    return None


def _nums(s: str | None) -> list[float]:
    return [float(x) for x in _NUM.findall(s or "")]


def _resolve(base_file: str, loc: str) -> str:
    """A BaseLoc relative to the part that names it, or absolute from the package root."""
    loc = (loc or "").strip().replace("\\", "/")
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_file), loc))


def _advance(text: str, size: float, delta_x: str | None) -> float:
    """Width of a TextCode: its DeltaX advances (with `g n d` repeats) plus the last glyph, or
    an estimate from the font size (CJK full width, Latin half)."""
    if delta_x:
        toks = delta_x.split()
        total, i = 0.0, 0
        while i < len(toks):
            if toks[i] == "g" and i + 2 < len(toks):
                try:
                    total += int(float(toks[i + 1])) * float(toks[i + 2])
                except ValueError:
                    pass
                i += 3
                continue
            try:
                total += float(toks[i])
            except ValueError:
                pass
            i += 1
        return total + size
    return sum(size if ord(c) > 0x2E7F else size * 0.55 for c in text)


class _Package:
    def __init__(self, data: bytes, ctx: Ctx) -> None:
        self.zf = open_zip(data, ctx)
        self.ctx = ctx
        self.names = {n.replace("\\", "/").lstrip("/"): n for n in self.zf.namelist()}

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        if name not in self.names:
            raise CorruptFile(f"OFD part {name!r} is missing")
        return read_member(self.zf, self.zf.getinfo(self.names[name]), self.ctx)

    def xml(self, name: str):
        return parse_xml(self.read(name), name)


def _page_text(root, ctx: Ctx) -> list[tuple[float, float, float, str]]:
    """(y, x, x end, font size, text) of every TextCode on a page content part."""
    out = []
    for obj in root.iter():
        if _local(obj) != "TextObject":
            continue
        ctx.budget.check_time()
        box = _nums(obj.get("Boundary"))
        bx, by = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        size = (_nums(obj.get("Size")) or [3.5])[0]
        x = y = 0.0
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            if code.get("X") is not None:
                x = (_nums(code.get("X")) or [x])[0]
            if code.get("Y") is not None:
                y = (_nums(code.get("Y")) or [y])[0]
            if not text.strip():
                continue
            ctx.budget.add_text(len(text))
            ax, ay = bx + x, by + y
            out.append((ay, ax, ax + _advance(text, size, code.get("DeltaX")), size, text))
            x += _advance(text, size, code.get("DeltaX"))
    return out


def _lines(codes: list[tuple[float, float, float, float, str]]) -> list[list[str]]:
    """Group TextCodes into lines (close baselines) and each line into segments (a gap wider
    than most of a character starts a new one: table cells, tab stops)."""
    codes = sorted(codes)
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for c in codes:
        if lines and abs(c[0] - lines[-1][0][0]) <= 1.5:
            lines[-1].append(c)
        else:
            lines.append([c])
    out = []
    for line in lines:
        line.sort(key=lambda c: c[1])
        segs: list[list[str]] = []
        end = None
        for _, x0, x1, size, text in line:
            if end is None or x0 - end > 0.8 * size:
                segs.append([text])
            else:
                segs[-1].append(text)
            end = x1 if end is None else max(end, x1)
        out.append(["".join(s).strip() for s in segs])
    return out


def _emit(lines: list[list[str]], page: int, origin: str, parts: Parts) -> None:
    """Lines with the same number (≥ 2) of segments, two or more in a row, make a Table."""
    i = 0
    while i < len(lines):
        n = len(lines[i])
        j = i
        while j + 1 < len(lines) and n >= 2 and len(lines[j + 1]) == n:
            j += 1
        if n >= 2 and j > i:
            rows = tuple(tuple(r) for r in lines[i : j + 1])
            parts.tables.append(Table(rows=rows, page=page, origin=origin))
            i = j + 1
            continue
        text = " ".join(s for s in lines[i] if s)
        if text:
            parts.blocks.append(Block(text, BlockKind.PARAGRAPH, page, origin=origin))
        i += 1


def _media(pkg: _Package, doc_file: str, doc_root) -> dict[str, str]:
    """MultiMedia ID → package path, from DocumentRes/PublicRes."""
    out: dict[str, str] = {}
    common = _first(doc_root, "CommonData")
    if common is None:
        return out
    for tag in ("DocumentRes", "PublicRes"):
        for el in _children(common, tag):
            res_file = _resolve(doc_file, el.text or "")
            if not pkg.has(res_file):
                continue
            res = pkg.xml(res_file)
            base = _resolve(res_file, res.get("BaseLoc") or "")
            for mm in res.iter():
                if _local(mm) != "MultiMedia":
                    continue
                f = _first(mm, "MediaFile")
                if f is not None and f.text and mm.get("ID"):
                    path = _resolve(base + "/x", f.text)
                    if not pkg.has(path):
                        path = _resolve(res_file, f.text)
                    out[mm.get("ID")] = path
    return out


# digest methods of a signature's References (GB/T 33190-2016 18.2.2), by OID or name
_CHECK_METHODS = {
    "1.2.156.10197.1.401": "sm3",
    "sm3": "sm3",
    "1.3.14.3.2.26": "sha1",
    "sha1": "sha1",
    "2.16.840.1.101.3.4.2.1": "sha256",
    "sha256": "sha256",
    "1.2.840.113549.2.5": "md5",
    "md5": "md5",
}


def _check_references(pkg: _Package, sig_file: str, sroot) -> tuple[str, str | None]:
    """Whether the files a signature lists still have the digests it signed: ("digests_match",
    None), ("invalid", what differs) or ("unchecked", why). The signed value itself (SM2 over
    SignedInfo, the seal's certificate) is not verified: a match says the document was not
    changed after signing *if* the signature is genuine, a mismatch says it was."""
    import base64
    import binascii
    import hashlib

    refs_el = _first(sroot, "References")
    refs = [r for r in refs_el.iter() if _local(r) == "Reference"] if refs_el is not None else []
    if not refs:
        return "unchecked", "the signature lists no signed files"
    method = (refs_el.get("CheckMethod") or "").strip().lower()
    # no CheckMethod: the producers seen use SM3; MD5 is tried too
    names = [_CHECK_METHODS[method]] if method in _CHECK_METHODS else []
    if not method:
        names = ["sm3", "md5"]
    names = [n for n in names if n in hashlib.algorithms_available]
    if not names:
        return "unchecked", f"digest method {method!r} not available"
    for ref in refs:
        target = _resolve(sig_file, ref.get("FileRef") or "")
        check = _first(ref, "CheckValue")
        try:
            want = base64.b64decode((check.text or "") if check is not None else "", validate=True)
        except (binascii.Error, ValueError):
            return "invalid", f"{target}: its signed digest is not base64"
        if not pkg.has(target):
            return "invalid", f"{target}: a signed file is missing"
        body = pkg.read(target)
        if not any(hashlib.new(n, body).digest() == want for n in names):
            return "invalid", f"{target} was changed after it was signed"
    return "digests_match", None


def _signatures(pkg: _Package, ofd_file: str, body, parts: Parts) -> None:
    count = 0
    seal = False
    states: list[str] = []
    providers: list[str] = []
    for el in _children(body, "Signatures"):
        sig_file = _resolve(ofd_file, el.text or "")
        if not pkg.has(sig_file):
            parts.warnings.append(f"OFD signatures part {sig_file!r} is missing")
            continue
        root = pkg.xml(sig_file)
        for sig in root.iter():
            if _local(sig) != "Signature":
                continue
            count += 1
            is_seal = (sig.get("Type") or "Seal") == "Seal"
            one = _resolve(sig_file, sig.get("BaseLoc") or "")
            state = "unchecked"
            if pkg.has(one):
                sroot = pkg.xml(one)
                prov = _first(sroot, "Provider")
                if prov is not None and prov.get("ProviderName"):
                    providers.append(prov.get("ProviderName"))
                is_seal = is_seal or _first(sroot, "Seal") is not None
                state, why = _check_references(pkg, one, sroot)
                if state == "invalid":
                    parts.warnings.append(f"OFD signature {one!r} is invalid: {why}")
            states.append(state)
            # a seal whose signed files no longer match is not the mark of an official document
            seal = seal or (is_seal and state != "invalid")
    if "invalid" not in states:
        seal = seal or any(n.lower().endswith(".esl") for n in pkg.names)
    if count:
        parts.metadata.append(("ofd.signatures", str(count)))
    if states:
        for state in ("invalid", "unchecked", "digests_match"):
            if state in states:
                parts.metadata.append(("ofd.signature", state))
                break
    if seal:
        parts.metadata.append(("ofd.seal", "yes"))
    for p in dict.fromkeys(providers):
        parts.meta("ofd.signature_provider", p)


@register(mt.OFD)
def extract_ofd(data: bytes, ctx: Ctx) -> Parts:
    pkg = _Package(data, ctx)
    root = pkg.xml("OFD.xml")
    parts = Parts()
    bodies = _children(root, "DocBody")
    if not bodies:
        raise CorruptFile("OFD.xml has no DocBody")
    page_no = 0
    for body in bodies:
        if _children(body, "Encryptions") or any(n.endswith("Encryptions.xml") for n in pkg.names):
            raise EncryptedFile("the OFD document is encrypted")
        info = _first(body, "DocInfo")
        if info is not None:
            for el in info:
                key = _DOCINFO.get(_local(el))
                if key:
                    parts.meta(key, el.text)
            custom = _first(info, "CustomDatas")
            if custom is not None:
                for cd in custom:
                    if cd.get("Name") and cd.text:
                        parts.meta(f"ofd.custom.{cd.get('Name')}", cd.text)
        roots = _children(body, "DocRoot")
        if not roots or not (roots[0].text or "").strip():
            raise CorruptFile("OFD DocBody has no DocRoot")
        doc_file = _resolve("OFD.xml", roots[0].text)
        doc = pkg.xml(doc_file)
        media = _media(pkg, doc_file, doc)
        templates: dict[str, str] = {}
        common = _first(doc, "CommonData")
        if common is not None:
            for t in _children(common, "TemplatePage"):
                if t.get("ID") and t.get("BaseLoc"):
                    templates[t.get("ID")] = _resolve(doc_file, t.get("BaseLoc"))
        pages_el = _first(doc, "Pages")
        pages = _children(pages_el, "Page") if pages_el is not None else []
        if len(pages) + page_no > ctx.limits.max_pages:
            raise TooLarge(f"OFD has more than {ctx.limits.max_pages} pages")
        for pg in pages:
            ctx.budget.check_time()
            page_no += 1
            page_file = _resolve(doc_file, pg.get("BaseLoc") or "")
            proot = pkg.xml(page_file)
            codes = []
            for tpl in _children(proot, "Template"):
                tfile = templates.get(tpl.get("TemplateID") or "")
                if tfile and pkg.has(tfile):
                    codes += _page_text(pkg.xml(tfile), ctx)
            codes += _page_text(proot, ctx)
            _emit(_lines(codes), page_no, page_file, parts)
            _images(pkg, proot, media, page_file, parts, ctx)
        _signatures(pkg, "OFD.xml", body, parts)
    parts.pages = page_no or None
    return parts


def _images(pkg: _Package, proot, media: dict[str, str], origin: str, parts: Parts, ctx: Ctx):
    ids = [el.get("ResourceID") for el in proot.iter() if _local(el) == "ImageObject"]
    for rid in dict.fromkeys(i for i in ids if i):
        path = media.get(rid)
        if path is None or not pkg.has(path):
            continue
        if ctx.ocr is None:
            parts.warnings.append(f"{path}: image not read (OCR off)")
            continue
        from agent.extract.image import ocr_image_bytes

        parts.merge(ocr_image_bytes(pkg.read(path), ctx, origin=path, min_pixels=MIN_OCR_PIXELS))
