"""Zip archives, expanded recursively under the limits (depth, member count, total size, ratio).

Each member is extracted as its own Extraction in `members`, shown as `outer.zip!inner/path`
(nested: `a.zip!b.zip!c.docx`), so it is judged on its own and the alert names the real file.
"""

from __future__ import annotations

from agent.errors import EncryptedFile, ExtractionTimeout, TooLarge
from agent.extract import media as mt
from agent.extract.base import Ctx, Parts, open_zip, read_member, register


@register(mt.ZIP)
def extract_zip(data: bytes, ctx: Ctx) -> Parts:
    from agent.extract import extract_member

    if ctx.depth >= ctx.limits.archive_depth:
        raise TooLarge(f"archives nested deeper than {ctx.limits.archive_depth} levels")
    zf = open_zip(data, ctx)
    parts = Parts()
    infos = [i for i in zf.infolist() if not i.is_dir()]
    parts.pages = None
    encrypted = 0
    for i, info in enumerate(infos):
        name = _name(info)
        try:
            ctx.budget.check_time()
            ctx.budget.archive_members += 1
            if ctx.budget.archive_members > ctx.limits.archive_members:
                raise TooLarge(f"more than {ctx.limits.archive_members} archive members in total")
            if info.flag_bits & 0x1:
                encrypted += 1
                parts.warnings.append(f"member_unreadable:encrypted:{ctx.display_path}!{name}")
                continue
            member_data = read_member(zf, info, ctx)
            member = extract_member(member_data, name, ctx, parts)
        except (TooLarge, ExtractionTimeout) as e:
            # a shared limit (time, member count, total size): what was read is still judged
            rest = f"{ctx.display_path}!{name}" + (
                f" (+{len(infos) - i - 1} more)" if i + 1 < len(infos) else ""
            )
            ctx.budget.skip(parts, rest, e)
            break
        if member is not None:
            parts.members.append(member)
    if infos and encrypted == len(infos):
        raise EncryptedFile("every file in the zip is password-protected")
    parts.metadata.append(("archive.members", str(len(infos))))
    return parts


def _name(info) -> str:
    """Member name; zips from Chinese Windows store GBK names without the UTF-8 flag."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name
