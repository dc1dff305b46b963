"""Synthetic document generation for tests and benchmarks (no real person's data).

`doc.Doc` is an abstract document; `render` writes it in every format users share (txt/csv in
several encodings, docx, xlsx, text PDF, scanned PDF, phone photo, screenshot); `templates`
fills Docs for each category and each hard negative with Faker zh_CN people.
"""
