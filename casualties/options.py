"""Checks of :func:`casualties.reconcile`'s arguments, made before any work is done, and its
warning about reports without a date."""
from __future__ import annotations

import math
import numbers
import warnings
from typing import Sequence

from .compare import SAME_INCIDENT
from .errors import InputTypeError, InvalidValueError, MissingDateWarning
from .lexicon import load_lexicon

__all__ = ["BEST_POLICIES", "check_policies", "check_threshold", "warn_missing_dates"]

#: Named policies for the single ``best`` figure; docs/concepts.md describes each.
BEST_POLICIES = ("default", "ibc", "acled", "ucdp", "latest")


def check_policies(policy: str, vague_policy: str) -> None:
    """Raise :class:`~casualties.errors.InvalidValueError` for an unknown best or vague policy,
    before any work is done, whatever the data."""
    if policy not in BEST_POLICIES:
        raise InvalidValueError(f"policy={policy!r} is not one of {BEST_POLICIES}")
    load_lexicon().vague_floors(vague_policy)


def check_threshold(threshold) -> float:
    """``threshold`` as a float, or :class:`~casualties.errors.InputTypeError` (not a number) /
    :class:`~casualties.errors.InvalidValueError` (outside (0, 1])."""
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real):
        raise InputTypeError(f"threshold must be a number in (0, 1], got {type(threshold).__name__} {threshold!r}")
    value = float(threshold)
    if not (math.isfinite(value) and 0.0 < value <= 1.0):
        raise InvalidValueError(f"threshold must be in (0, 1] (the average pair score two groups of reports need "
                                f"to merge; default {SAME_INCIDENT}), got {threshold!r}")
    return value


#: How many report ids a :class:`~casualties.errors.MissingDateWarning` names.
WARN_IDS = 3


def warn_missing_dates(undated: Sequence[str], n_reports: int) -> None:
    """One :class:`~casualties.errors.MissingDateWarning` for the reports without ``published``
    (``undated``: their ids, in order), naming how many and the first few."""
    if not undated:
        return
    shown = ", ".join(repr(r) for r in undated[:WARN_IDS]) + (", ..." if len(undated) > WARN_IDS else "")
    warnings.warn(MissingDateWarning(
        f"{len(undated)} of {n_reports} reports have no published date ({shown}): weekdays and relative dates in "
        f"their texts cannot be resolved, so clustering misses their event dates; give a 'published' column "
        f"(for a folder of .txt files, its .jsonl sidecar)"), stacklevel=3)
