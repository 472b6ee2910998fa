"""What a person or a spreadsheet program may have typed into a cell that must
hold a number, a period, a date or an id — each named with what to type instead.

Full-width digits from a Chinese input method, a stray % or thousands
separator, a period that Excel turned into a date (2018-03 shown as Mar-18), a
date serial number. A generic checker would accept some of these (Python reads
full-width digits as numbers) or reject them without saying why.
"""

from __future__ import annotations

import re
import unicodedata

NUMBER = re.compile(r"-?(\d+(\.\d+)?|\.\d+)", re.ASCII)
INTEGER = re.compile(r"-?\d+", re.ASCII)
_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]
MONTH_NUMBER = {**{m: i for i, m in enumerate(_MONTH_NAMES, 1)}, **{m[:3]: i for i, m in enumerate(_MONTH_NAMES, 1)},
                "sept": 9}
MONTHS = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
NUMBER_VALID = "a plain decimal such as 29.16 or -28.7: ASCII digits, no unit, % sign or thousands separator"
PERIOD_VALID = ("2017 (year), 2018H1 (half), 2018Q1 (quarter), 2018-03 (month), "
                "2026-01/02 (months 1 to 2 together, 1–2月)")
DATE_VALID = "YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known"
AS_TEXT = "format the column as 文本 (Text) before typing, so the spreadsheet keeps it as typed"


def _half_width(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _typed_in_full_width(text: str) -> bool:
    return any("\uff01" <= ch <= "\uff5e" or ch == "\u3000" for ch in text)


def _full_width(text: str) -> tuple[str, str]:
    return (f"'{text}' is typed in full-width characters (a Chinese input method)",
            f"the same in half-width ASCII, e.g. {_half_width(text)}")


def number_problem(text: str) -> tuple[str, str] | None:
    """Why ``text`` is not a plain number, and what to type; None if it is one."""
    if NUMBER.fullmatch(text):
        return None
    if _typed_in_full_width(text):
        return _full_width(text)
    if text.startswith("#") and text.endswith(("!", "?", "A")):
        return f"'{text}' is a spreadsheet error, not a number", NUMBER_VALID
    if re.fullmatch(r"-?\d{1,3}([,，]\d{3})+(\.\d+)?", text, re.ASCII):
        return f"'{text}' has a thousands separator", f"the number without it: {re.sub('[,，]', '', text)}"
    if re.fullmatch(r"-?\d+(\.\d+)?\s*[%％]", text, re.ASCII):
        return (f"'{text}' has a % sign",
                f"{text.rstrip('%％ ')}, with the unit % in the unit column")
    if re.fullmatch(r"-?\d+,\d+", text, re.ASCII):
        return f"'{text}' uses a decimal comma", f"a decimal point: {text.replace(',', '.')}"
    if re.fullmatch(r"[−–—]\d+(\.\d+)?", text):
        return f"'{text}' starts with the character '{text[0]}', not a minus sign", f"-{text[1:]}"
    if re.fullmatch(r"\(\d+(\.\d+)?\)", text):
        return f"'{text}' is an accounting-style negative", f"-{text[1:-1]}"
    if re.fullmatch(r"-?\d+(\.\d+)?[eE][+-]?\d+", text):
        return (f"'{text}' is in scientific notation (a spreadsheet shows long numbers so, and may drop digits)",
                "the number written out in full, as the source printed it")
    if text.startswith("'"):
        return f"'{text}' starts with an apostrophe", text[1:]
    return f"'{text}' is not a number", NUMBER_VALID


def integer_problem(text: str) -> tuple[str, str] | None:
    if INTEGER.fullmatch(text):
        return None
    if _typed_in_full_width(text):
        return _full_width(text)
    if re.fullmatch(r"-?\d+\.0+", text, re.ASCII):
        return f"'{text}' is not a whole number (a spreadsheet saved it with decimals)", text.split(".")[0]
    return f"'{text}' is not a whole number", "a whole number such as 3"


def period_problem(text: str, pattern: re.Pattern) -> tuple[str, str] | None:
    """Why ``text`` is not a period; None if it is one."""
    if pattern.fullmatch(text):
        return None
    if _typed_in_full_width(text):
        return _full_width(text)
    month = _month_of(text)
    if month:
        return (f"'{text}' looks like a period the spreadsheet turned into a date",
                f"{month}, as text; {AS_TEXT}; periods are written {PERIOD_VALID}")
    m = re.fullmatch(r"(\d{4})-(\d)", text, re.ASCII)
    if m:
        return f"'{text}' writes the month with one digit", f"{m.group(1)}-0{m.group(2)}; periods are written {PERIOD_VALID}"
    m = re.fullmatch(r"(\d{4})\.0", text, re.ASCII)
    if m:
        return f"'{text}' is a year saved as a decimal number", f"{m.group(1)}; {AS_TEXT}"
    m = re.fullmatch(r"(\d{4})年(?:(上|下)半年|(\d{1,2})月)?", text)
    if m:
        year, half, month_no = m.groups()
        typed = year + (f"H{1 if half == '上' else 2}" if half else f"-{int(month_no):02d}" if month_no else "")
        return f"'{text}' is written in words", f"{typed}; periods are written {PERIOD_VALID}"
    m = re.fullmatch(r"(\d{4})年(\d{1,2})\s*[–—~至-]\s*(\d{1,2})月", text)
    if m:
        year, first, last = m.groups()
        return (f"'{text}' is written in words",
                f"{year}-{int(first):02d}/{int(last):02d}; periods are written {PERIOD_VALID}")
    m = re.fullmatch(r"(\d{4})年(?:第)?([一二三四1-4])季度", text)
    if m:
        quarter = "一二三四".find(m.group(2)) + 1 or int(m.group(2))
        return f"'{text}' is written in words", f"{m.group(1)}Q{quarter}; periods are written {PERIOD_VALID}"
    return f"'{text}' has an unknown period format", PERIOD_VALID


def _month_of(text: str) -> str | None:
    """2018-03 from the ways a spreadsheet shows a month it took for a date: Mar-18, 18-Mar, 2018/3, 3/1/2018 …"""
    t = text.strip().lower()
    names = MONTH_NUMBER
    m = re.fullmatch(rf"({MONTHS})[-\s/](\d{{2}}|\d{{4}})", t)
    if m:
        year = m.group(2) if len(m.group(2)) == 4 else "20" + m.group(2)
        return f"{year}-{names[m.group(1)]:02d}"
    m = re.fullmatch(rf"(\d{{1,2}})[-\s]({MONTHS})(?:[-\s](\d{{2}}|\d{{4}}))?", t)
    if m and m.group(3):
        year = m.group(3) if len(m.group(3)) == 4 else "20" + m.group(3)
        return f"{year}-{names[m.group(2)]:02d}"
    if m:
        return f"20{int(m.group(1)):02d}-{names[m.group(2)]:02d}"
    m = re.fullmatch(r"(\d{4})[/.](\d{1,2})(?:[/.]\d{1,2})?", t)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    m = re.fullmatch(r"(\d{1,2})/\d{1,2}/(\d{4})", t)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    return None


def date_problem(text: str, pattern: re.Pattern) -> tuple[str, str] | None:
    if pattern.fullmatch(text):
        return None
    if _typed_in_full_width(text):
        return _full_width(text)
    m = re.fullmatch(r"(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?", text)
    if m:
        y, mo, d = m.groups()
        return f"'{text}' is not written year-month-day with hyphens", f"{y}-{int(mo):02d}-{int(d):02d}; {AS_TEXT}"
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if m:
        return (f"'{text}' is a date in a spreadsheet's local format (day and month order is ambiguous)",
                f"{DATE_VALID}; {AS_TEXT}")
    if re.fullmatch(r"\d{5}(\.\d+)?", text, re.ASCII):
        return f"'{text}' looks like a spreadsheet's date serial number", f"{DATE_VALID}; {AS_TEXT}"
    month = _month_of(text)
    if month:
        return f"'{text}' looks like a date the spreadsheet reformatted", f"{month} (or the full YYYY-MM-DD); {AS_TEXT}"
    return f"'{text}' is not a date", DATE_VALID


def text_problem(text: str, pattern: re.Pattern | None) -> tuple[str, str] | None:
    """An id or code (a field with a pattern): full-width or invisible characters are named."""
    if pattern is None or pattern.fullmatch(text):
        return None
    if _typed_in_full_width(text) and pattern.fullmatch(_half_width(text)):
        return _full_width(text)
    return None
