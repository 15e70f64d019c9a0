"""The publication date of a report, from the forms feeds and archives give it.

:func:`read_date` reads ISO 8601 ("2016-07-27", "2016-07-27T22:10:00Z"), RFC 2822 as RSS gives it
("Tue, 26 Jul 2016 22:10:00 GMT"), and dates with a month name ("July 27, 2016", "27 July 2016",
"Wed, Jul 27 2016 3:04 PM EDT") through ``dateutil`` (a dependency of pandas).  The day is the
day as written, in the time zone the text gives (22:10 GMT on the 26th is the 26th).

It refuses rather than guesses:

- a numeric date whose day and month could be swapped ("03/04/2016": 3 April or March 4?);
  numeric dates where only one order is possible ("27/07/2016", "2016/07/27") are read;
- a two-digit year ("7/27/16");
- a date without a day ("July 2016", "2016") or text that is no date at all.

Each refusal is an :class:`~casualties.errors.InvalidValueError` saying why and which forms work.
"""
from __future__ import annotations

import datetime as _dt
import re
import warnings

from .errors import InvalidValueError

__all__ = ["read_date", "DATE_FORMS"]

#: The forms :func:`read_date` reads, as said in its error messages.
DATE_FORMS = ('ISO "2016-07-27", RFC 2822 "Tue, 26 Jul 2016 22:10:00 GMT", '
              '"July 27, 2016" or "27 July 2016"')

_NUMERIC = re.compile(r"^\s*(\d{1,4})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{1,4})(?=$|[\sT])")
_DEFAULTS = (_dt.datetime(2001, 2, 3), _dt.datetime(2002, 4, 5))


def _numeric(s: str, where: str) -> None:
    """Refuse a numeric date whose order cannot be told ("03/04/2016") or with a two-digit year."""
    m = _NUMERIC.match(s)
    if not m:
        return
    a, _, b, c = m.groups()
    if len(a) == 4:  # year first: 2016-07-27, 2016/07/27
        return
    if len(c) != 4:
        raise InvalidValueError(f"{where}: cannot read {s!r} as a date: give the year in four digits "
                                f"(use {DATE_FORMS})")
    if int(a) <= 12 and int(b) <= 12 and a.lstrip("0") != b.lstrip("0"):
        raise InvalidValueError(
            f"{where}: {s!r} is ambiguous (day/month or month/day?); write it as {DATE_FORMS}")


def read_date(s: str, where: str = "date") -> _dt.date:
    """The day a date string names (see the module docstring for the forms read).

    Raises
    ------
    InvalidValueError: ``s`` is no date, lacks its day, has a two-digit year, or is a numeric
        date whose day and month could be swapped; the message starts with ``where``.
    """
    text = s.strip()
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return _dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    _numeric(text, where)
    from dateutil import parser

    try:
        with warnings.catch_warnings():  # "EDT": the zone is not needed, the day is as written
            warnings.simplefilter("ignore")
            a, b = (parser.parse(text, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        raise InvalidValueError(f"{where}: cannot read {s!r} as a date (use {DATE_FORMS})") from None
    if a.date() != b.date():
        raise InvalidValueError(f"{where}: {s!r} does not give a full date with its day (use {DATE_FORMS})")
    return a.date()
