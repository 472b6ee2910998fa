"""Shared helpers of the executable 中国电子商务发展报告.

A chapter notebook needs only::

    from ecreport import *
    ed = Edition(year, data_dir)

and then writes the report's text in ``%%report`` cells (templates whose fields are the facts a
short hidden cell above names) and its figures in ``%%figure`` cells.

Names are imported on first use, so the build command starts without loading
Altair.
"""

from importlib import import_module

_EXPORTS = {
    "Edition": "edition", "period_words": "edition", "year_before": "edition",
    "Fact": "facts", "Note": "notes",
    "say": "narrative", "bullets": "narrative", "join": "narrative", "render": "prose", "FieldError": "prose",
    "figure": "charts", "STATUS_LABELS": "charts", "level_growth_chart": "charts", "timeline_chart": "charts", "use_theme": "charts",
    "show_table": "tables",
    "law_structure": "laws", "law_facts": "laws",
    "show_citations": "citations",
    "pilot_zone_batches": "zones",
    "chinese_numeral": "units", "date_words": "units", "year_runs": "units", "round_words": "units",
    "DataError": "errors", "EcReportError": "errors", "MissingDataError": "errors", "ParameterError": "errors",
}
__all__ = list(_EXPORTS)


def _register_magics() -> None:
    """In a notebook, ``%%report`` cells (the report's text as templates) work after ``from ecreport import *``."""
    import sys
    if "IPython" not in sys.modules:
        return
    from IPython import get_ipython
    shell = get_ipython()
    if shell is not None:
        from .prose import register
        register(shell)


_register_magics()


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ecreport' has no attribute {name!r}")
