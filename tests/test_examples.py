"""Table-driven parser tests: ``tests/examples/*.jsonl``.

Each line of an example file is one JSON object::

    {"text": "...", "claims": [{"category": "killed", "low": 44, "high": null,
                                 "qualifier": "at_least", ...}], "note": "why (optional)"}

``extract_claims(text)`` must return exactly the expected claims, compared as a multiset:
every expected claim is matched by exactly one extracted claim with the same ``category``,
``low``, ``high`` and ``qualifier`` (plus whichever optional keys the example gives), and no
extracted claim is left over.  ``"claims": []`` means the text states no casualty figure.

Optional keys of an expected claim:

- ``value``, ``background``, ``subset``, ``perpetrator_claim``, ``part_of_list``,
  ``victim_group``: must be equal;
- ``cited_source``: a substring of the extracted ``cited_source`` (case-insensitive);
  ``null`` means the claim must have no cited source;
- ``quote``: a substring of the extracted ``quote``.

Optional keys of a line: ``note`` (free text) and ``published`` (ISO date passed on to
``extract_claims``).  The intervals follow the table in ``design.md`` section 2.

A line with a ``title`` (a headline) runs ``extract_report_claims(title, text)`` instead, for
the rules that read a report's headline and text together: ``claims`` are then the text's and
``title_claims`` (required with a title) the headline's, each compared as above.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from casualties.model import CATEGORIES, QUALIFIERS, VICTIM_GROUPS

EXAMPLES_DIR = Path(__file__).parent / "examples"

REQUIRED_CLAIM_KEYS = ("category", "low", "high", "qualifier")
BOOL_KEYS = ("background", "subset", "perpetrator_claim", "part_of_list")
OPTIONAL_CLAIM_KEYS = ("value", "cited_source", "victim_group", "quote") + BOOL_KEYS
LINE_KEYS = {"text", "claims", "note", "published", "title", "title_claims"}


# --------------------------------------------------------------------------------------
# loading


def _load_examples():
    """Every line of every example file as ``(id, parsed_or_None, raw_line, error)``."""
    examples = []
    for path in sorted(EXAMPLES_DIR.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for lineno, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                ident = f"{path.name}:{lineno}"
                try:
                    examples.append((ident, json.loads(raw), raw, None))
                except json.JSONDecodeError as exc:
                    examples.append((ident, None, raw, exc))
    return examples


EXAMPLES = _load_examples()


# --------------------------------------------------------------------------------------
# matching


def _fmt_interval(low, high):
    return f"[{low}, {'None' if high is None else high}]"


def _fmt_expected(exp: dict) -> str:
    extra = ", ".join(f"{k}={exp[k]!r}" for k in OPTIONAL_CLAIM_KEYS if k in exp)
    head = f"{exp['category']} {_fmt_interval(exp['low'], exp['high'])} {exp['qualifier']}"
    return f"{head}  ({extra})" if extra else head


def _fmt_claim(claim) -> str:
    flags = [k for k in BOOL_KEYS if getattr(claim, k, False)]
    parts = [
        f"{claim.category} {_fmt_interval(claim.low, claim.high)} {claim.qualifier}",
        f"value={claim.value!r}",
        f"quote={claim.quote!r} @{claim.start}:{claim.end}",
    ]
    if getattr(claim, "victims", None) is not None:
        parts.append(f"victims={claim.victims!r}")
    if getattr(claim, "victim_group", "unknown") != "unknown":
        parts.append(f"victim_group={claim.victim_group!r}")
    if getattr(claim, "cited_source", None) is not None:
        parts.append(f"cited_source={claim.cited_source!r}")
    if flags:
        parts.append("flags=" + ",".join(flags))
    return "  ".join(parts)


def _mismatches(exp: dict, claim) -> list[str]:
    """Why ``claim`` does not satisfy ``exp`` (empty list: it does)."""
    why = []
    for key in REQUIRED_CLAIM_KEYS:
        if getattr(claim, key) != exp[key]:
            why.append(key)
    for key in ("value", "victim_group") + BOOL_KEYS:
        if key in exp and getattr(claim, key, None) != exp[key]:
            why.append(key)
    if "cited_source" in exp:
        got = getattr(claim, "cited_source", None)
        want = exp["cited_source"]
        if want is None:
            if got is not None:
                why.append("cited_source")
        elif got is None or want.lower() not in got.lower():
            why.append("cited_source")
    if "quote" in exp and exp["quote"] not in claim.quote:
        why.append("quote")
    return why


def _max_matching(expected: list[dict], extracted: list) -> dict[int, int]:
    """Maximum bipartite matching expected -> extracted (Kuhn's augmenting paths)."""
    fits = [[j for j, c in enumerate(extracted) if not _mismatches(e, c)] for e in expected]
    owner: dict[int, int] = {}  # extracted index -> expected index

    def augment(i, seen):
        for j in fits[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(expected)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _closest(exp: dict, extracted: list, used: set) -> str:
    """Describe the unmatched extracted claim nearest to ``exp`` (same category first)."""
    best = None
    for j, c in enumerate(extracted):
        if j in used:
            continue
        why = _mismatches(exp, c)
        score = (c.category != exp["category"], len(why))
        if best is None or score < best[0]:
            best = (score, j, why)
    if best is None:
        return ""
    _, j, why = best
    return f"\n        nearest extracted #{j} differs in: {', '.join(why)}"


def _report(text, note, expected, extracted, matching) -> str:
    used = set(matching.values())
    lines = ["", f"text: {text!r}"]
    if note:
        lines.append(f"note: {note}")
    lines.append("expected:")
    lines += [f"  {'ok ' if i in matching else 'MISSING'} {_fmt_expected(e)}"
              for i, e in enumerate(expected)] or ["  (no claims)"]
    lines.append("extracted:")
    lines += [f"  {'ok ' if j in used else 'EXTRA  '} #{j} {_fmt_claim(c)}"
              for j, c in enumerate(extracted)] or ["  (no claims)"]
    missing = [e for i, e in enumerate(expected) if i not in matching]
    if missing:
        lines.append("missing claims:")
        for e in missing:
            lines.append(f"  {_fmt_expected(e)}{_closest(e, extracted, used)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# tests


def _extract():
    import casualties

    fn = getattr(casualties, "extract_claims", None)
    if fn is None:
        pytest.fail("casualties.extract_claims does not exist (yet)", pytrace=False)
    return fn


@pytest.mark.parametrize(
    "ident, example",
    [pytest.param(ident, ex, id=ident) for ident, ex, _, err in EXAMPLES
     if err is None and isinstance(ex, dict) and isinstance(ex.get("text"), str)],
)
def test_example(ident, example):
    extract_claims = _extract()
    if "title" in example:
        from casualties.claims import extract_report_claims

        title_claims, text_claims = extract_report_claims(example["title"], example["text"],
                                                          example.get("published"))
        _check_field(ident, example["title"], example.get("note"), example["title_claims"], title_claims)
        _check_field(ident, example["text"], example.get("note"), example["claims"], text_claims)
        return
    text = example["text"]
    extracted = list(extract_claims(text, published=example.get("published")))
    _check_field(ident, text, example.get("note"), example["claims"], extracted)


def _check_field(ident, text, note, expected, extracted):

    bad_spans = [
        f"  #{j} quote={c.quote!r} but text[{c.start}:{c.end}]={text[c.start:c.end]!r}"
        for j, c in enumerate(extracted)
        if c.quote != text[c.start:c.end]
    ]
    if bad_spans:
        pytest.fail(f"{ident}: quote != text[start:end]\ntext: {text!r}\n" + "\n".join(bad_spans),
                    pytrace=False)

    matching = _max_matching(expected, extracted)
    ok = len(matching) == len(expected) and len(extracted) == len(expected)
    if not ok:
        pytest.fail(f"{ident}:" + _report(text, note, expected, extracted, matching), pytrace=False)


def _integrity_problems(example) -> list[str]:
    problems = []
    if not isinstance(example, dict):
        return ["line is not a JSON object"]
    unknown = set(example) - LINE_KEYS
    if unknown:
        problems.append(f"unknown keys {sorted(unknown)}")
    if not isinstance(example.get("text"), str) or not example["text"].strip():
        problems.append("'text' must be a non-empty string")
    if not isinstance(example.get("claims"), list):
        return problems + ["'claims' must be a list"]
    fields = [("claims", example["text"])]
    if "title" in example:
        if not isinstance(example["title"], str) or not example["title"].strip():
            problems.append("'title' must be a non-empty string")
        elif not isinstance(example.get("title_claims"), list):
            return problems + ["a line with a 'title' needs a 'title_claims' list"]
        else:
            fields.append(("title_claims", example["title"]))
    elif "title_claims" in example:
        problems.append("'title_claims' without a 'title'")
    for key, field_text in fields:
        problems += _claim_problems(key, field_text, example[key])
    return problems


def _claim_problems(key, text, claims) -> list[str]:
    problems = []
    for k, exp in enumerate(claims):
        where = f"{key}[{k}]"
        if not isinstance(exp, dict):
            problems.append(f"{where} is not an object")
            continue
        missing = [key for key in REQUIRED_CLAIM_KEYS if key not in exp]
        if missing:
            problems.append(f"{where} lacks {missing}")
            continue
        unknown = set(exp) - set(REQUIRED_CLAIM_KEYS) - set(OPTIONAL_CLAIM_KEYS)
        if unknown:
            problems.append(f"{where} has unknown keys {sorted(unknown)}")
        cat, low, high, qual = (exp[key] for key in REQUIRED_CLAIM_KEYS)
        if cat not in CATEGORIES:
            problems.append(f"{where}.category {cat!r} not in {CATEGORIES}")
        if qual not in QUALIFIERS:
            problems.append(f"{where}.qualifier {qual!r} not in {QUALIFIERS}")
        if type(low) is not int or low < 0:
            problems.append(f"{where}.low {low!r} must be an int >= 0")
            continue
        if high is not None and (type(high) is not int or high < low):
            problems.append(f"{where}.high {high!r} must be null or an int >= low ({low})")
            continue
        # the interval must have the shape its qualifier gives it (design.md section 2)
        shape = {
            "exact": high == low,
            "at_least": high is None,
            "more_than": high is None and low >= 1,
            "vague": high is None,
            "up_to": low == 0 and high is not None,
            "at_most": low == 0 and high is not None,
            "between": high is not None and high > low,
            "about": high is not None,
        }.get(qual, True)
        if not shape:
            problems.append(f"{where}: interval {_fmt_interval(low, high)} impossible for {qual!r}")
        value = exp.get("value")
        if value is not None:
            if type(value) is not int or value < 0:
                problems.append(f"{where}.value {value!r} must be null or an int >= 0")
            else:
                consistent = {
                    "exact": low == value,
                    "at_least": low == value,
                    "more_than": low == value + 1,
                    "up_to": high == value,
                    "at_most": high == value - 1,
                    "about": high is not None and low <= value <= high + 1,
                    "between": False,
                    "vague": False,
                }[qual] if qual in QUALIFIERS else True
                if not consistent:
                    problems.append(f"{where}.value {value} inconsistent with {qual} "
                                    f"{_fmt_interval(low, high)}")
        for key in BOOL_KEYS:
            if key in exp and not isinstance(exp[key], bool):
                problems.append(f"{where}.{key} must be true/false")
        if "victim_group" in exp and exp["victim_group"] not in VICTIM_GROUPS:
            problems.append(f"{where}.victim_group {exp['victim_group']!r} not in {VICTIM_GROUPS}")
        if "cited_source" in exp and exp["cited_source"] is not None:
            src = exp["cited_source"]
            if not isinstance(src, str) or src.lower() not in text.lower():
                problems.append(f"{where}.cited_source {src!r} does not occur in the text")
        if "quote" in exp:
            if not isinstance(exp["quote"], str) or exp["quote"] not in text:
                problems.append(f"{where}.quote {exp['quote']!r} does not occur in the text")
    return problems


def test_examples_exist():
    assert EXAMPLES, f"no example lines found in {EXAMPLES_DIR}/*.jsonl"


def test_examples_integrity():
    problems = []
    seen: dict[str, str] = {}
    for ident, example, raw, err in EXAMPLES:
        if err is not None:
            problems.append(f"{ident}: invalid JSON ({err}): {raw.strip()[:120]}")
            continue
        problems += [f"{ident}: {p}" for p in _integrity_problems(example)]
        text = example.get("text") if isinstance(example, dict) else None
        if isinstance(text, str):
            if text in seen:
                problems.append(f"{ident}: same text as {seen[text]}")
            seen.setdefault(text, ident)
    assert not problems, "example file problems:\n" + "\n".join(problems)
