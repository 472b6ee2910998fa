"""Shared helpers of the executable 中国电子商务发展报告.

A chapter notebook needs only::

    from ecreport import *
    ed = Edition(year, data_dir)

and then states facts with ``say(f"...{ed.fact(...)}...")`` and draws report
figures with ``figure("图1-1", title, chart, source)``.
"""

from .charts import figure, level_growth_chart, timeline_chart, use_theme
from .edition import Edition, period_words
from .errors import DataError, EcReportError, MissingDataError, ParameterError
from .facts import Fact, Note
from .laws import law_structure, law_summary
from .narrative import bullets, join, say
from .tables import show_table
from .units import chinese_numeral, date_words

__all__ = [
    "Edition", "Fact", "Note", "say", "bullets", "join", "figure", "level_growth_chart", "timeline_chart",
    "show_table", "law_structure", "law_summary", "period_words", "use_theme", "chinese_numeral", "date_words",
    "DataError", "EcReportError", "MissingDataError", "ParameterError",
]
