"""An abstract document that every renderer understands."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Doc:
    title: str = ""
    # Lines above the title (issuing body, 文号, secrecy marks like "秘密★1年", "讨论稿")
    preamble: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    # Tables as rows of cells; the first row is the header row (may be empty for header-less)
    tables: list[list[list[str]]] = field(default_factory=list)
    # Lines after the body: 落款 (signing body), date, 抄送 ...
    closing: list[str] = field(default_factory=list)
    header: str = ""  # page header text (docx/pdf)
    footer: str = ""  # page footer text
    author: str = ""
    # Ground truth for tests/benchmarks
    label: str = "clean"  # category id or "clean"
    kind: str = ""  # template name, e.g. "jiaobandan", "news_article"
    key_phrases: list[str] = field(default_factory=list)  # must come out of extraction/OCR
    identifiers: list[str] = field(default_factory=list)  # raw ID/phone numbers printed in it

    def lines(self) -> list[str]:
        """Reading-order text, one line per element (tables row by row, tab-separated)."""
        out = [*self.preamble]
        if self.title:
            out.append(self.title)
        out.extend(self.paragraphs)
        for table in self.tables:
            out.extend("\t".join(row) for row in table)
        out.extend(self.closing)
        return out
