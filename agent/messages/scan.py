# ruff: noqa: E501  (Chinese text data: long lines read better unbroken)
"""Strings of `shareguard scan`."""

ZH = {
    "scan.opt.paths": "要扫描的文件或文件夹（文件夹会递归扫描）",
    "scan.opt.format": "输出格式：text（给人看）、json 或 jsonl（每个文件一行）",
    "scan.opt.policy": "附加的机构策略文件（可重复），在默认策略上扩展",
    "scan.progress": "扫描中 {done}/{total} …",
    "scan.line.flagged": "[发现] {path} — {category}（{score:.2f}）：{evidence}",
    "scan.line.flagged_more": "；另有 {others}",
    "scan.line.clean": "[通过] {path}",
    "scan.line.allowlisted": "[通过] {path}（白名单：{reason}）",
    "scan.line.unreadable": "[无法读取] {path}：{reason}",
    "scan.summary": "共扫描 {total} 个文件：发现敏感内容 {flagged} 个，无法读取 {unreadable} 个，通过 {clean} 个。",
    "scan.error.missing": "路径不存在：{path}",
    "scan.error.no_files": "没有可扫描的文件",
    "scan.no_evidence": "（无证据摘要）",
}

EN = {
    "scan.opt.paths": "files or folders to scan (folders are scanned recursively)",
    "scan.opt.format": "output format: text (for people), json, or jsonl (one line per file)",
    "scan.opt.policy": "extra organisation policy file extending the default pack (repeatable)",
    "scan.progress": "scanning {done}/{total} …",
    "scan.line.flagged": "[FLAGGED] {path} — {category} ({score:.2f}): {evidence}",
    "scan.line.flagged_more": "; also {others}",
    "scan.line.clean": "[clean] {path}",
    "scan.line.allowlisted": "[clean] {path} (allowlisted: {reason})",
    "scan.line.unreadable": "[unreadable] {path}: {reason}",
    "scan.summary": "{total} files scanned: {flagged} flagged, {unreadable} unreadable, {clean} clean.",
    "scan.error.missing": "no such path: {path}",
    "scan.error.no_files": "nothing to scan",
    "scan.no_evidence": "(no evidence excerpt)",
}
