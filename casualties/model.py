"""Value classes: :class:`Claim`, the unit every later stage works on.

Claims are frozen and slotted; validators make impossible states unrepresentable
(``low <= high``, ``quote`` as long as its span, known category and qualifier).
Change one with :func:`attrs.evolve`.
"""
from __future__ import annotations

from typing import Optional

import attrs

__all__ = ["Claim", "CATEGORIES", "QUALIFIERS", "VICTIM_GROUPS"]

CATEGORIES = ("killed", "injured", "missing", "kidnapped", "captured")
QUALIFIERS = ("exact", "at_least", "more_than", "up_to", "at_most", "about", "between", "vague")
VICTIM_GROUPS = ("civilian", "security forces", "armed group", "unknown")


def _non_negative(instance, attribute, value):
    if value is not None and value < 0:
        raise ValueError(f"Claim.{attribute.name} must be >= 0, got {value!r}")


def _check_high(instance, attribute, value):
    if value is not None and value < instance.low:
        raise ValueError(f"Claim.high ({value!r}) must be None (open) or >= low ({instance.low!r})")


def _check_end(instance, attribute, value):
    if value < instance.start:
        raise ValueError(f"Claim.end ({value!r}) must be >= start ({instance.start!r})")


def _check_quote(instance, attribute, value):
    if len(value) != instance.end - instance.start:
        raise ValueError(
            f"Claim.quote has length {len(value)} but its span [{instance.start}, {instance.end}) "
            f"has length {instance.end - instance.start}"
        )


_opt_int = attrs.validators.optional(attrs.validators.instance_of(int))
_opt_str = attrs.validators.optional(attrs.validators.instance_of(str))


@attrs.frozen(slots=True)
class Claim:
    """One casualty statement found in a text.

    Attributes
    ----------
    category: one of :data:`CATEGORIES`.
    low, high: the interval the statement allows; ``high is None`` means open above.
    value: the single number stated (``44`` in "at least 44"), ``None`` when the
        statement gives a range ("between 50 and 60") or only a vague word ("dozens").
    stated: every number stated, in order (``(50, 60)`` for "between 50 and 60").
    qualifier: one of :data:`QUALIFIERS`; see docs/concepts.md for the interval of each.
    start, end, quote: the character span in the text; ``quote == text[start:end]``.
    victims: the victims as written ("civilians", "IS members"), or ``None``.
    victim_group: the normalised group, one of :data:`VICTIM_GROUPS`.
    cited_source: the body the text cites for this figure ("the Syrian Observatory for
        Human Rights", "state TV"), or ``None``.
    perpetrator_claim: the figure is claimed by the attacker ("IS said it killed over 100");
        kept, but left out of totals by default.
    background: the figure is about another event (an earlier attack, a war-wide total).
    subset: the figure is part of a total stated elsewhere ("18 of the 25 killed",
        "including 3 children").
    part_of_list: the figure is one group of a list whose sum is a separate claim.
    basis: how the interval was derived when it is not simply the stated number
        ("vague 'dozens': floor 24 (policy 'design')", "implicit 'a policeman' = 1",
        "sum of 3 group figures"); empty for a plain stated number.
    """

    category: str = attrs.field(validator=attrs.validators.in_(CATEGORIES))
    low: int = attrs.field(validator=[attrs.validators.instance_of(int), _non_negative])
    high: Optional[int] = attrs.field(validator=[_opt_int, _non_negative, _check_high])
    value: Optional[int] = attrs.field(validator=[_opt_int, _non_negative])
    qualifier: str = attrs.field(validator=attrs.validators.in_(QUALIFIERS))
    start: int = attrs.field(validator=[attrs.validators.instance_of(int), _non_negative])
    end: int = attrs.field(validator=[attrs.validators.instance_of(int), _check_end])
    quote: str = attrs.field(validator=[attrs.validators.instance_of(str), _check_quote])
    stated: tuple = attrs.field(default=(), converter=tuple)
    victims: Optional[str] = attrs.field(default=None, validator=_opt_str)
    victim_group: str = attrs.field(default="unknown", validator=attrs.validators.in_(VICTIM_GROUPS))
    cited_source: Optional[str] = attrs.field(default=None, validator=_opt_str)
    perpetrator_claim: bool = False
    background: bool = False
    subset: bool = False
    part_of_list: bool = False
    basis: str = ""

    @property
    def counts(self) -> bool:
        """True when the claim counts toward its incident's totals by default."""
        return not (self.background or self.subset or self.part_of_list or self.perpetrator_claim)


_CATEGORY_SET = frozenset(CATEGORIES)
_QUALIFIER_SET = frozenset(QUALIFIERS)
_GROUP_SET = frozenset(VICTIM_GROUPS)
_FIELDS = tuple(a.name for a in attrs.fields(Claim))


def _checked_claim(category, low, high, value, qualifier, start, end, quote, stated, victims, victim_group,
                   cited_source, perpetrator_claim, background, subset, part_of_list, basis) -> Claim:
    """``Claim(...)`` for the extractor's hot loop, with the same validation: when every value
    passes one inline check (stricter than the validators: ints are exact ``int``), the slots are
    set directly; otherwise the public constructor runs and raises what it raises.  Tests hold
    it against the constructor (tests/test_fast_paths.py)."""
    args = (category, low, high, value, qualifier, start, end, quote, stated, victims, victim_group,
            cited_source, perpetrator_claim, background, subset, part_of_list, basis)
    if not (category in _CATEGORY_SET and qualifier in _QUALIFIER_SET and victim_group in _GROUP_SET
            and type(low) is int and low >= 0 and type(start) is int and start >= 0
            and type(end) is int and end >= start and type(quote) is str and len(quote) == end - start
            and (high is None or (type(high) is int and high >= low))
            and (value is None or (type(value) is int and value >= 0))
            and (victims is None or type(victims) is str) and (cited_source is None or type(cited_source) is str)):
        return Claim(*args)
    claim = object.__new__(Claim)
    put = object.__setattr__
    for name, v in zip(_FIELDS, args):
        put(claim, name, v)
    put(claim, "stated", tuple(stated))
    return claim


_FIELD_SET = frozenset(_FIELDS)


def _evolved(claim: Claim, **changes) -> Claim:
    """``attrs.evolve(claim, **changes)`` through :func:`_checked_claim`: the same validation,
    without the generic machinery (which looks the fields up on every call); an unknown field
    name is left to ``attrs.evolve``, which raises.  Tests hold it against ``attrs.evolve``."""
    if not _FIELD_SET.issuperset(changes):
        return attrs.evolve(claim, **changes)
    return _checked_claim(*[changes[n] if n in changes else getattr(claim, n) for n in _FIELDS])
