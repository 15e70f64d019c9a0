"""Report accounting: a headline that names a deadly event tells of a death.

"Arrest made in homicide following pool party", "Two arrested after deadly shooting", "Man
charged in killing": the headline says somebody died, though neither it nor the text (often
only a subscription notice) gives a figure.  When no claim of the report counts a death, the
headline gives one claim, "at least one killed", or at least as many as a multiplicity
adjective counts ("a triple homicide": at least 3; "a double murder-suicide": the two victims
and the killer, at least 3).  The claim is open above, so that any figure another report of
the incident states wins over it.  Charges brought for people who lived ("attempted murder",
"assault with a deadly weapon") tell of no death (:func:`casualties.accounting._death_told`).
"""
from __future__ import annotations

import re
from typing import Optional

from .accounting import _NO_DEATH_RE
from .mentions import _DEATH_WORDS_RE
from .model import Claim
from .words import WORDS

__all__ = ["headline_deaths"]

_MULTIPLICITY = WORDS.tuple("multiplicity")
_COUNTED_BY = re.compile(r"\b(" + "|".join(_MULTIPLICITY) + r")[- ]$", re.IGNORECASE)


def headline_deaths(title: str) -> Optional[Claim]:
    """The death a headline tells without a figure ("deadly shooting", "homicide"), as an open
    claim of at least one killed (more after "double", "triple", ...), or ``None``."""
    blank = _NO_DEATH_RE.sub(lambda m: " " * len(m.group(0)), title)  # same offsets as the title
    m = _DEATH_WORDS_RE.search(blank)
    if m is None:
        return None
    start, end, n = m.start(), m.end(), 1
    counted = _COUNTED_BY.search(blank, 0, start)
    if counted is not None:
        start, n = counted.start(), _MULTIPLICITY.index(counted.group(1).lower()) + 2
    if blank[end:end + 8].lower() == "-suicide":
        end, n = end + 8, n + 1  # "murder-suicide": the killer died too
    quote = title[start:end]
    # one death unnamed weighs as one person told of (reconcile.IMPLICIT_WEIGHT); a counted
    # "triple homicide" is a figure in its own right, like "'quadruple shooting': 4 victims"
    basis = f"the headline's {quote!r} tells at least {n} killed, no figure in the report"
    return Claim(category="killed", low=n, high=None, value=n, qualifier="at_least", start=start, end=end,
                 quote=quote, stated=(n,), victims=None, victim_group="unknown", cited_source=None,
                 perpetrator_claim=False, background=False, subset=False, part_of_list=False,
                 basis=f"implicit: {basis}" if n == 1 else basis)
