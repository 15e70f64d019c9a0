"""Stage 2f of claim extraction: the attacker's own death.

"A suicide bomber blew himself up", "the gunman turned the gun on himself" tell of the
attacker's death as surely as of the victims'; the report accounting
(:mod:`casualties.accounting`) adds such a death to the victims' figure unless the text says
it is included ("killing 13, including the bomber").  Takes a sentence being read
(:class:`casualties.clauses._Sentence`, through the :class:`_OwnDeathReading` mixin) and a
trigger; appends at most one :class:`~casualties.mentions._Raw` marked ``self_death``.
"""
from __future__ import annotations

from .mentions import _Trigger, _implicit


class _OwnDeathReading:
    """The own-death methods of :class:`casualties.clauses._Sentence` (it inherits them)."""

    def read_own_death(self, trig: _Trigger) -> None:
        """ "a suicide bomber blew himself up": the attacker's own death, one more person."""
        if "themselves" in trig.word:
            raw = self._try(lambda: self.subject(trig, trig.first))
        else:
            raw = _implicit("killed", 1, trig.first, trig.last, (trig.first, trig.last), trig.word)
        if raw is None:
            return
        raw.group, raw.self_death = "armed group", True
        raw.basis = raw.basis or f"'{trig.word}': the attacker's own death"
        self.used.update(raw.numbers_used)
        self.raws.append(raw)
