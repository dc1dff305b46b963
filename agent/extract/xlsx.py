"""Spreadsheets: .xlsx/.xlsm with openpyxl (read-only, streaming) and .xls with xlrd.

Every sheet is read, hidden and very-hidden ones included, and every row and column whatever
its hidden flag: hiding is not protection. Each sheet becomes one Table named after the sheet.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib

from agent.errors import CorruptFile, EncryptedFile, ExtractionError
from agent.extract import media as mt
from agent.extract.base import Ctx, Parts, check_xml, open_zip, parse_xml, read_member, register
from agent.extract.docx import embedded
from detectors.model import Block, BlockKind, Table


def cell_text(v: object) -> str:
    """A cell value as people read it. Whole floats lose their '.0' so an ID number or phone
    number typed into a numeric cell comes out as digits."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e20:
            return str(int(v))
        return repr(v)
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S").removesuffix(" 00:00:00")
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    return str(v).strip()


def _trim(row: list[str]) -> tuple[str, ...]:
    while row and not row[-1]:
        row.pop()
    return tuple(row)


@register(mt.XLSX, mt.XLSM)
def extract_xlsx(data: bytes, ctx: Ctx) -> Parts:
    import openpyxl

    zf = open_zip(data, ctx)
    names = set(zf.namelist())
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels", ".vml")):
            try:
                with zf.open(info) as f:
                    head = f.read(65536)
            except (
                zipfile.BadZipFile,
                OSError,
                EOFError,
                ValueError,
                RuntimeError,
                zlib.error,
            ) as e:
                raise CorruptFile(f"{info.filename}: {e}") from e
            check_xml(head, info.filename)
    parts = Parts()
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ExtractionError:
        raise
    except Exception as e:  # openpyxl raises many types for broken files
        raise CorruptFile(f"spreadsheet unreadable: {type(e).__name__}: {e}") from e
    max_cols = 1000
    try:
        for n, ws in enumerate(wb.worksheets, 1):
            state = getattr(ws, "sheet_state", "visible")
            if state != "visible":
                parts.warnings.append(f"sheet {ws.title!r} is {state}")
                parts.metadata.append((f"sheet.{n}.state", state))
            parts.blocks.append(Block(ws.title, BlockKind.METADATA, n, origin=f"sheet:{ws.title}"))
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # never trust the declared dimension (A1:XFD1048576)
            rows: list[tuple[str, ...]] = []
            for r in ws.iter_rows(values_only=True):
                ctx.budget.check_time()
                row = _trim([cell_text(v) for v in r[:max_cols]])
                ctx.budget.add_text(sum(len(c) for c in row) + 1)
                rows.append(row)
            while rows and not rows[-1]:
                rows.pop()
            if rows:
                parts.tables.append(
                    Table(rows=tuple(rows), page=n, name=ws.title, origin=f"sheet:{ws.title}")
                )
        parts.pages = len(wb.worksheets)
        if wb.properties is not None:
            parts.meta("title", wb.properties.title)
            parts.meta("author", wb.properties.creator)
            parts.meta("last_modified_by", wb.properties.lastModifiedBy)
    except ExtractionError:
        raise
    except Exception as e:
        raise CorruptFile(f"spreadsheet unreadable: {type(e).__name__}: {e}") from e
    finally:
        wb.close()
    _comments(zf, names, parts, ctx)
    embedded(zf, names, "xl/", parts, ctx)
    return parts


def _comments(zf, names: set[str], parts: Parts, ctx: Ctx) -> None:
    """Cell comments and threaded comments (read-only openpyxl skips them)."""
    for name in sorted(names):
        if not re.fullmatch(r"xl/(comments\d*|threadedComments/threadedComment\d*)\.xml", name):
            continue
        root = parse_xml(read_member(zf, zf.getinfo(name), ctx), name)
        for el in root.iter():
            if el.tag.rsplit("}", 1)[-1] in ("comment", "threadedComment"):
                text = "".join(t.text or "" for t in el.iter() if t.tag.rsplit("}", 1)[-1] == "t")
                if text.strip():
                    ctx.budget.add_text(len(text))
                    parts.blocks.append(Block(text.strip(), BlockKind.COMMENT, origin=name))


def _workbook_stream(data: bytes, ctx: Ctx) -> tuple[bytes, Parts]:
    """What to hand xlrd, and the workbook's properties (title, author, dates, company: the OLE
    property sets, which xlrd does not read). A workbook stream under 4 KB lives in the
    container's mini stream, whose sector chain xlrd follows without a guard: a chain that
    comes back on itself loops forever, growing (found by bench/fuzz_extract.py). Such a stream
    is read by olefile, bounded by its size, and given to xlrd on its own (xlrd reads a bare
    workbook stream, as a sheet inserted into a .doc is); a larger one stays in its container,
    whose chains xlrd checks. Raw records (no container) are given as they are. A container
    olefile reads only with defects is corrupt, as xlrd would have said."""
    from agent.extract.ole import open_ole, read_stream, summary_metadata

    props = Parts()
    if not data.startswith(mt.OLE_MAGIC):
        return data, props
    ole = open_ole(data, ctx)
    try:
        name = "Workbook" if ole.exists("Workbook") else "Book"
        records = data
        if ole.exists(name) and ole.get_size(name) < ole.minisectorcutoff:
            records = read_stream(ole, name, ctx) or b""
            # what olefile read past, xlrd would have refused: a chain looping back, a sector
            # past the end (a cut file)
            issues = [str(msg) for _, msg in getattr(ole, "parsing_issues", ())]
            if issues:
                raise CorruptFile(f"OLE container damaged: {issues[0]}")
        summary_metadata(ole, data, props)
    finally:
        ole.close()
    return records, props


@register(mt.XLS)
def extract_xls(data: bytes, ctx: Ctx) -> Parts:
    import xlrd

    records, props = _workbook_stream(data, ctx)
    try:
        book = xlrd.open_workbook(
            file_contents=records,
            on_demand=True,
            formatting_info=False,
            logfile=io.StringIO(),  # xlrd prints its warnings to stdout otherwise
        )
    except xlrd.XLRDError as e:
        if "encrypt" in str(e).lower():
            raise EncryptedFile("the .xls workbook is password-protected") from e
        raise CorruptFile(f".xls unreadable: {e}") from e
    except Exception as e:
        raise CorruptFile(f".xls unreadable: {type(e).__name__}: {e}") from e
    parts = Parts(pages=book.nsheets)
    try:
        for n in range(book.nsheets):
            sh = book.sheet_by_index(n)
            if sh.visibility:
                parts.warnings.append(f"sheet {sh.name!r} is hidden")
            parts.blocks.append(
                Block(sh.name, BlockKind.METADATA, n + 1, origin=f"sheet:{sh.name}")
            )
            rows = []
            for r in range(sh.nrows):
                ctx.budget.check_time()
                vals = []
                for c in range(min(sh.ncols, 1000)):
                    cell = sh.cell(r, c)
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        try:
                            v = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
                        except Exception:
                            v = cell.value
                    else:
                        v = cell.value
                    vals.append(cell_text(v))
                row = _trim(vals)
                ctx.budget.add_text(sum(len(c) for c in row) + 1)
                rows.append(row)
            while rows and not rows[-1]:
                rows.pop()
            if rows:
                parts.tables.append(Table(tuple(rows), page=n + 1, name=sh.name, origin="xls"))
            book.unload_sheet(n)
        if book.user_name:
            parts.meta("last_modified_by", book.user_name)
        parts.merge(props)
    except ExtractionError:
        raise
    except Exception as e:
        raise CorruptFile(f".xls unreadable: {type(e).__name__}: {e}") from e
    finally:
        book.release_resources()
    return parts
