"""The spreadsheet an analyst fills in for the next year (``build.py --sheet YEAR``).

One row per value the edition needs (required and core, marked), with the indicator's name, period,
dimensions and unit, last year's value and its source for reference, and empty cells for the value and
its source. Every cell is text, so that Excel keeps ``2026-03`` a period and ``8.6`` a number as typed.
The header row gives each column's Chinese title and, after a space, its key, which the import reads.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .edition import Edition
from .needs import Need
from .paths import display_path

SHEET_NAME = "待填数值"
ABOUT_NAME = "说明"

# (key, Chinese title, width, who fills it: "book" or "analyst")
COLUMNS = [
    ("need", "需要", 8, "book"),
    ("indicator", "指标", 24, "book"),
    ("name_zh", "名称", 26, "book"),
    ("period", "时期", 9, "book"),
    ("dimensions", "维度", 16, "book"),
    ("measure", "度量", 10, "book"),
    ("unit", "单位", 9, "analyst"),
    ("last_value", "上年数值（参考）", 14, "book"),
    ("last_source", "上年来源（参考）", 30, "book"),
    ("value", "数值", 12, "analyst"),
    ("status", "状态", 11, "analyst"),
    ("vintage", "本数值发布日期", 14, "analyst"),
    ("organisation", "发布机构", 14, "analyst"),
    ("title", "文献名称", 30, "analyst"),
    ("published", "文献发布日期", 14, "analyst"),
    ("url", "发布机构网页", 30, "analyst"),
    ("read_at", "实际读取的网页", 30, "analyst"),
    ("via", "转载者", 12, "analyst"),
    ("host_class", "网站类别（新网站填）", 14, "analyst"),
    ("confidence", "可信度（可空）", 12, "analyst"),
    ("excerpt", "原文摘录", 40, "analyst"),
    ("read_as", "读法", 8, "analyst"),
    ("inputs", "计算式", 20, "analyst"),
    ("note", "备注", 20, "analyst"),
    ("source", "来源编号（可空）", 16, "analyst"),
]
KEYS = [key for key, *_ in COLUMNS]
ENTRY_KEYS = [key for key, _, _, who in COLUMNS if who == "analyst" and key != "unit"]
NEED_WORDS = {"required": "必需", "core": "核心"}
CHOICES = {
    "status": ["", "preliminary", "estimate", "forecast", "target", "lower_bound", "computed"],
    "host_class": ["official", "media", "industry", "aggregator", "spam"],
    "confidence": ["official", "secondary", "low", "report"],
    "read_as": ["words", "order"],
}
ABOUT = [
    "这张表列出本版还缺的每一个数值：“必需”的缺了就不能构建，“核心”的缺了相应段落写“未见公布”。",
    "只填“数值”及其后各列；不知道的留空。一行不填数值，导入时跳过。所有单元格都是文本格式，请照来源原样输入。",
    "单位照抄来源（亿元、万亿元、亿件、%、billion yuan …）；增速写 8.6 或 8.6%（百分比格式的单元格也可以）。",
    "来源：发布机构、文献名称、文献发布日期、网页和逐字摘录；同一份文献的各行写得完全一样，导入时合为一个来源并自动编号。",
    "网页所在的网站不在 data/hosts.csv 中时，填“网站类别”：official、media、industry、aggregator 或 spam。",
    "可信度可空：按网站类别定（official 网站为 official，spam 为 low，其余为 secondary）。",
    "填好后运行：python scripts/build.py --import-sheet 本文件 [--data-dir 数据文件夹]。",
    "导入要么全部写入、要么什么也不改：任何一格有误，就列出表、行、列，数据文件夹不变。",
]


def reference_text(edition: Edition, need: Need) -> tuple[str, str]:
    """Last year's value as its source published it, and that source: id, organisation, document."""
    if need.reference is None:
        return "", ""
    first = need.reference.source.split(";")[0]
    row = edition.source_row(first)
    return need.reference.text(), f"{first}：{row['organisation']}《{row['title']}》"


def write_sheet(edition: Edition, lacking: list[Need], path: Path) -> Path:
    """Write the sheet to ``path`` (in one step: a half-written file never stands there)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_NAME
    sheet.append([f"{title} {key}" for key, title, *_ in COLUMNS])
    header_fill, entry_fill = PatternFill("solid", fgColor="DDE6F0"), PatternFill("solid", fgColor="FFF7D6")
    for cell, (_, _, width, who) in zip(sheet[1], COLUMNS):
        cell.font, cell.fill = Font(bold=True), header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = width
    for need in lacking:
        last_value, last_source = reference_text(edition, need)
        values = {"need": NEED_WORDS[need.kind], "indicator": need.indicator, "name_zh": edition.name_of(need.indicator),
                  "period": need.period, "dimensions": need.dims_text(), "measure": need.measure, "unit": need.unit,
                  "last_value": last_value, "last_source": last_source}
        sheet.append([values.get(key, "") for key in KEYS])
    for row in sheet.iter_rows(min_row=2, max_row=len(lacking) + 1):
        for cell, (_, _, _, who) in zip(row, COLUMNS):
            cell.number_format = "@"          # text: Excel keeps 2026-03 and 0.5 as typed
            cell.data_type = "s"
            if who == "analyst":
                cell.fill = entry_fill
    last_row = max(2, len(lacking) + 1)
    for key, options in CHOICES.items():
        rule = DataValidation(type="list", formula1='"' + ",".join(o for o in options if o) + '"', allow_blank=True)
        letter = sheet.cell(row=1, column=KEYS.index(key) + 1).column_letter
        rule.add(f"{letter}2:{letter}{last_row}")
        sheet.add_data_validation(rule)
    sheet.freeze_panes = "D2"
    about = book.create_sheet(ABOUT_NAME)
    about.append([f"{edition.title}年版：待填数值"])
    about.append([f"数据文件夹：{display_path(edition.data.data_dir)}"])
    for line in ABOUT:
        about.append([line])
    about.column_dimensions["A"].width = 120
    book.properties.title = f"{edition.title} sheet"
    book.properties.keywords = f"ecreport-sheet {edition.year}"

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        book.save(temp)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return path


def is_filled(path: Path) -> bool:
    """Whether a sheet has anything typed in the analyst's cells (then it is never overwritten)."""
    from openpyxl import load_workbook
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:          # not a workbook we can read: treat it as someone's work
        return True
    sheet = book[SHEET_NAME] if SHEET_NAME in book.sheetnames else book.active
    rows = sheet.iter_rows(values_only=True)
    header = [str(h or "").split()[-1] if h else "" for h in next(rows, [])]
    entry = [i for i, key in enumerate(header) if key in ENTRY_KEYS]
    filled = any(row[i] not in (None, "") for row in rows for i in entry if i < len(row))
    book.close()
    return filled


def free_path(wanted: Path) -> tuple[Path, Path | None]:
    """Where to write: ``wanted`` unless a filled-in sheet stands there, then the first free name beside it
    (sheet-2026-2.xlsx …); the second item names the filled sheet that was kept."""
    if not wanted.exists() or not is_filled(wanted):
        return wanted, None
    n = 2
    while (candidate := wanted.with_name(f"{wanted.stem}-{n}{wanted.suffix}")).exists() and is_filled(candidate):
        n += 1
    return candidate, wanted
