"""Names of the fixed category ids and verdicts, shown to people."""

ZH = {
    "category.control_order": "交办/督办类公文",
    "category.screening_list": "排查人员名单",
    "category.medical_record": "病历/检验报告",
    "category.investigation_report": "调查报告",
    "category.internal_material": "内部材料/讨论稿",
    "category.classified": "涉密标识文件",
    "verdict.flagged": "发现敏感内容",
    "verdict.clean": "未发现敏感内容",
    "verdict.unreadable": "无法读取",
}

EN = {
    "category.control_order": "Control / task order",
    "category.screening_list": "Screening list",
    "category.medical_record": "Medical record",
    "category.investigation_report": "Investigation report",
    "category.internal_material": "Internal material / draft",
    "category.classified": "Classified marking",
    "verdict.flagged": "Sensitive content found",
    "verdict.clean": "Nothing sensitive found",
    "verdict.unreadable": "Unreadable",
}
