"""Strings of `shareguard check`."""

ZH = {
    "check.opt.files": "要检查的文件（文件夹则检查其中所有文件）",
    "check.opt.notify": "以桌面通知显示结果（从文件管理器调用时默认开启）",
    "check.opt.no_notify": "不弹出桌面通知，只在终端输出",
    "check.opt.format": "输出格式：text（默认）或 json",
    "check.flagged": "⚠ {path}",
    "check.clean": "✔ {path}：未发现敏感内容",
    "check.unreadable": "✘ {path}：无法检查（{reason}）",
    "check.category": "  {category}（得分 {score}，阈值 {threshold}）",
    "check.evidence": "    · {text}{where}",
    "check.where": "（{location}）",
    "check.allowlisted": "（已在允许清单中：{reason}）",
    "check.log_failed": "注意：结果未能写入日志：{error}",
    "check.agent_lost": "后台程序没有回应（{error}），改由本次命令自行检查",
    "check.notify.clean_title": "shareguard：未发现敏感内容",
    "check.notify.clean_body": (
        "文件：{names}\n未发现内部或敏感内容。发送前仍请自行确认收件人和内容。"
    ),
    "check.notify.unreadable_title": "shareguard：文件无法检查",
    "check.notify.unreadable_body": "文件：{name}\n原因：{reason}\n{advice}",
    "check.no_files": "没有可检查的文件",
}

EN = {
    "check.opt.files": "files to check (a folder: every file in it)",
    "check.opt.notify": "show the result as a desktop notification (default from a file manager)",
    "check.opt.no_notify": "no desktop notification; terminal output only",
    "check.opt.format": "output format: text (default) or json",
    "check.flagged": "⚠ {path}",
    "check.clean": "✔ {path}: nothing sensitive found",
    "check.unreadable": "✘ {path}: cannot be checked ({reason})",
    "check.category": "  {category} (score {score}, threshold {threshold})",
    "check.evidence": "    · {text}{where}",
    "check.where": " ({location})",
    "check.allowlisted": " (allowlisted: {reason})",
    "check.log_failed": "note: the result could not be logged: {error}",
    "check.agent_lost": "the agent did not answer ({error}); checking here instead",
    "check.notify.clean_title": "shareguard: nothing sensitive found",
    "check.notify.clean_body": (
        "File: {names}\nNo internal or sensitive content found. "
        "Still check the recipients and content before sending."
    ),
    "check.notify.unreadable_title": "shareguard: file cannot be checked",
    "check.notify.unreadable_body": "File: {name}\nReason: {reason}\n{advice}",
    "check.no_files": "no file to check",
}
