"""The cross-border e-commerce comprehensive pilot zones (跨境电子商务综合试验区), batch by batch."""

from __future__ import annotations

import pandas as pd

BATCH_COLUMNS = ["batch", "decided", "cities", "listed", "announced", "revoked", "source"]


def pilot_zone_batches(ed, last_year: int | None = None) -> pd.DataFrame:
    """One row per batch decided by the end of ``last_year`` (default: the edition's next year), oldest first.

    ``cities`` are the batch's cities in pilot_zones.csv and ``listed`` their number; ``announced`` is
    the batch size the State Council announced (a Fact from ``cbec_pilot_zones_new``), or None where
    the data has none. The city list of a batch can be shorter than its announced size. ``revoked`` are
    the earlier zones the batch's decision revoked (pilot_zones.csv: ended in the month of the decision).
    """
    if "pilot_zones" not in ed.data.tables:
        return pd.DataFrame(columns=BATCH_COLUMNS)
    last_year = ed.year + 1 if last_year is None else last_year
    every = ed.table("pilot_zones")
    zones = every[every["decided"].str[:4].astype(int) <= last_year]
    ended = every[every["ended"] != ""] if "ended" in every else every.iloc[0:0]
    sizes_published = ed.data.table_of("cbec_pilot_zones_new") is not None
    rows = []
    for batch, group in zones.groupby(zones["batch"].astype(int)):
        decided = group["decided"].iloc[0]
        rows.append({"batch": batch, "decided": decided, "cities": list(group["city"]), "listed": len(group),
                     "announced": ed.value("cbec_pilot_zones_new", decided[:7]) if sizes_published else None,
                     "revoked": list(ended.loc[ended["ended"].str[:7] == decided[:7], "city"]),
                     "source": ";".join(dict.fromkeys(group["source"]))})
    return pd.DataFrame(rows, columns=BATCH_COLUMNS)
