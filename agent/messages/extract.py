"""Strings of `shareguard extract` and of extraction errors shown to people."""

ZH = {
    "extract.opt.file": "要查看的文件",
    "extract.opt.format": (
        "输出格式：text（纯文字，默认）或 json（文字块、表格、页码、位置、识别置信度）"
    ),
    "extract.opt.engine": "本次使用的文字识别引擎（覆盖配置 ocr.engine）",
    "extract.unreadable": "无法读取文件 {path}：{kind}。原因：{reason}",
    "extract.member": "== 压缩包/内嵌文件：{path} ==",
    "extract.warnings": "提示：{warnings}",
    "extract.kind.unsupported": "不支持的文件类型",
    "extract.kind.encrypted": "文件已加密（设有打开密码）",
    "extract.kind.corrupt": "文件已损坏或格式异常",
    "extract.kind.too_large": "文件超出安全读取上限",
    "extract.kind.timeout": "读取超时",
    "extract.kind.access": "文件无法访问",
}

EN = {
    "extract.opt.file": "the file to show",
    "extract.opt.format": (
        "output: text (default) or json (blocks, tables, page, box, OCR confidence)"
    ),
    "extract.opt.engine": "OCR engine for this run (overrides ocr.engine in the config)",
    "extract.unreadable": "cannot read {path}: {kind}. Reason: {reason}",
    "extract.member": "== archive/embedded member: {path} ==",
    "extract.warnings": "note: {warnings}",
    "extract.kind.unsupported": "unsupported file type",
    "extract.kind.encrypted": "the file is encrypted (password to open)",
    "extract.kind.corrupt": "the file is corrupt or malformed",
    "extract.kind.too_large": "the file exceeds a safe reading limit",
    "extract.kind.timeout": "reading timed out",
    "extract.kind.access": "the file cannot be accessed",
}
