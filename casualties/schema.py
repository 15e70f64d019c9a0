"""The columns of the frames of a :class:`~casualties.Result`, and their dtypes.

Every frame's dtypes depend on the column, never on the rows: :func:`typed_frame` builds them.
"""
from __future__ import annotations

from typing import List, Sequence

import pandas as pd

__all__ = ["CLAIM_COLUMNS", "RANGE_COLUMNS", "REPORT_FRAME_COLUMNS", "REPORT_INCIDENT_COLUMNS", "INCIDENT_COLUMNS",
           "typed_frame"]

CLAIM_COLUMNS = [
    "claim_id", "report_id", "incident_id", "role", "field", "category", "low", "high", "value", "qualifier",
    "victims", "victim_group", "start", "end", "quote", "source", "cited_source", "published",
    "background", "subset", "part_of_list", "perpetrator_claim", "counted", "basis",
]
RANGE_COLUMNS = [
    "incident_id", "category", "victims", "low", "best", "high", "consensus_low", "consensus_high",
    "consistent", "n_claims", "n_sources", "best_policy", "best_basis", "low_claims", "best_claims",
    "high_claims", "claims", "retold_claims", "sources", "cited_sources", "disagreeing_claims",
]
_INT_COLUMNS = ("low", "high", "value", "start", "end")
REPORT_FRAME_COLUMNS = ["report_id", "incident_id", "source", "published", "n_claims", "n_input_rows"]
REPORT_INCIDENT_COLUMNS = ["report_id", "incident_id", "role", "event", "opener", "date", "date_basis", "n_claims"]
INCIDENT_COLUMNS = ["incident_id", "date", "place", "admin1", "country", "kind", "perpetrator", "n_reports",
                    "sources", "report_ids"]
_COUNT_COLUMNS = frozenset(_INT_COLUMNS) | {"best", "consensus_low", "consensus_high", "n_claims", "n_sources",
                                           "n_reports", "n_input_rows", "event"}
_FLAG_COLUMNS = frozenset({"background", "subset", "part_of_list", "perpetrator_claim", "counted", "consistent"})
_DATE_COLUMNS = frozenset({"published", "date"})


def typed_frame(rows: List[dict], columns: Sequence[str]) -> pd.DataFrame:
    """A frame whose dtypes depend on the column, never on the rows: counts are nullable
    ``Int64``, flags ``bool``, dates ``datetime.date`` objects, text the nullable ``string``."""
    df = pd.DataFrame(rows, columns=list(columns))
    for col in df.columns:
        if col in _COUNT_COLUMNS:
            df[col] = df[col].astype("Int64")
        elif col in _FLAG_COLUMNS:
            df[col] = df[col].astype(bool)
        elif col in _DATE_COLUMNS:
            df[col] = df[col].astype(object)
        else:
            df[col] = df[col].astype("string")
    return df
