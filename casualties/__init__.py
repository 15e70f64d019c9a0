"""casualties: news reports about violent incidents in, reconciled casualty figures out.

>>> import casualties
>>> [(c.category, c.low, c.high, c.qualifier) for c in casualties.extract_claims(
...     "A car bomb killed at least 44 people and wounded dozens.")]
[('killed', 44, None, 'at_least'), ('injured', 24, None, 'vague')]
"""
from . import errors, frames
from .claims import extract_claims
from .model import CATEGORIES, QUALIFIERS, VICTIM_GROUPS, Claim
from .options import BEST_POLICIES
from .reconcile import reconcile
from .result import Result
from .incidents import count_candidate_pairs
from .io import read_reports
from .reports import Report

__all__ = [
    "extract_claims",
    "reconcile",
    "read_reports",
    "count_candidate_pairs",
    "Claim",
    "Report",
    "Result",
    "CATEGORIES",
    "QUALIFIERS",
    "VICTIM_GROUPS",
    "BEST_POLICIES",
    "errors",
    "frames",
]
__version__ = "0.1.0"


def __getattr__(name):
    """``casualties.Store`` is imported on first use: it needs DuckDB (``pip install 'casualties[store]'``)."""
    if name == "Store":
        from .store_schema import duckdb_module

        duckdb_module()
        from .store import Store

        return Store
    raise AttributeError(f"module 'casualties' has no attribute {name!r}")
