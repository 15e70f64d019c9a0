"""The tables of a :class:`casualties.Store` file, its schema version and migrations.

A store is one DuckDB file (docs/decisions/0005-store-on-duckdb.md).  ``meta`` holds the
schema version, the version of `casualties` that last wrote it and the policies its ranges
follow.  Opening a store written with an older schema runs the :data:`MIGRATIONS` from its
version up, in one transaction; a store whose schema is newer than :data:`SCHEMA_VERSION`
is refused (:class:`~casualties.errors.StoreVersionError`, naming both versions).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Dict, List

from .errors import MissingDependencyError, StoreLockedError, StoreVersionError
from .schema import (CLAIM_COLUMNS, INCIDENT_COLUMNS, RANGE_COLUMNS, REPORT_FRAME_COLUMNS,
                     REPORT_INCIDENT_COLUMNS, column_kind)

__all__ = ["SCHEMA_VERSION", "MIGRATIONS", "connect", "duckdb_module", "FRAME_TABLES", "REVISION_COLUMNS"]

#: The schema this version of `casualties` writes.
SCHEMA_VERSION = 2

#: The DuckDB type of each kind of column of :data:`casualties.schema.FRAMES`.
DUCKDB_TYPES = {"count": "BIGINT", "flag": "BOOLEAN", "date": "DATE", "text": "VARCHAR", "list": "VARCHAR[]"}

#: The result frames the store keeps, by table name: (Result attribute, columns).  ``ord`` keeps
#: a report's rows in the order :func:`casualties.reconcile` gives them.
FRAME_TABLES = {
    "f_reports": ("reports", REPORT_FRAME_COLUMNS),
    "f_claims": ("claims", CLAIM_COLUMNS),
    "f_incidents": ("incidents", INCIDENT_COLUMNS),
    "f_ranges": ("ranges", RANGE_COLUMNS),
    "f_report_incidents": ("report_incidents", REPORT_INCIDENT_COLUMNS),
}

#: The columns of ``Store.changes()``.
REVISION_COLUMNS = [
    "batch", "at", "action", "incident_id", "category", "victims",
    "old_low", "old_best", "old_high", "old_consensus_low", "old_consensus_high",
    "new_low", "new_best", "new_high", "new_consensus_low", "new_consensus_high",
    "reports", "claims", "note",
]


def _type(column: str, version: int = SCHEMA_VERSION) -> str:
    """The DuckDB type of a result frame's column in schema ``version`` (1 kept lists as ``;``-joined text)."""
    kind = column_kind(column)
    return "VARCHAR" if kind == "list" and version < 2 else DUCKDB_TYPES[kind]


def _frame_table(name: str, columns: List[str], version: int = SCHEMA_VERSION) -> str:
    cols = ", ".join(f'"{c}" {_type(c, version)}' for c in columns if version > 1 or c != "high_open")
    return f"CREATE TABLE {name} ({cols}, ord BIGINT)"


def _revisions_table() -> str:
    def kind(c: str) -> str:
        return "INTEGER" if c == "batch" else "TIMESTAMP" if c == "at" else \
            "BIGINT" if c.startswith(("old_", "new_")) else "VARCHAR"
    cols = ", ".join(f'"{c}" {kind(c)}' for c in REVISION_COLUMNS)
    return f"CREATE TABLE revisions ({cols})"


_V1 = [
    "CREATE TABLE meta (key VARCHAR, value VARCHAR)",
    # one row per stored report: the report, its extracted claims and events (``claims``), its
    # first-look cues and country, its final cues and its incident (pickled objects of this library)
    "CREATE TABLE reports (report_id VARCHAR, batch INTEGER, n_input_rows BIGINT, country VARCHAR, "
    "incident_id VARCHAR, report BLOB, claims BLOB, first_cues BLOB, cues BLOB)",
    # the corpus-wide statistics reconcile computes over every report, kept as counts
    "CREATE TABLE countries (country VARCHAR, n BIGINT)",
    "CREATE TABLE vocab (word VARCHAR, n BIGINT)",
    "CREATE TABLE raw_names (report_id VARCHAR, name VARCHAR)",
    "CREATE TABLE names (report_id VARCHAR, name VARCHAR)",
    "CREATE TABLE name_df (name VARCHAR, n BIGINT)",
    # blocking keys, indexed by key: a report's candidates are a lookup, not a scan of the cues
    "CREATE TABLE block_keys (key VARCHAR, report_id VARCHAR)",
    "CREATE TABLE key_counts (key VARCHAR, n BIGINT)",
    "CREATE TABLE pairs (a VARCHAR, b VARCHAR, score DOUBLE)",
    'CREATE TABLE batches (batch INTEGER, "at" TIMESTAMP, action VARCHAR, n_reports BIGINT, version VARCHAR)',
    "CREATE TABLE id_history (batch INTEGER, old_id VARCHAR, new_id VARCHAR, kind VARCHAR, n_reports BIGINT)",
    "CREATE TABLE issued (incident_id VARCHAR)",
    _revisions_table(),
    *(_frame_table(name, cols, 1) for name, (_, cols) in FRAME_TABLES.items()),
    "CREATE INDEX block_keys_key ON block_keys (key)",
    "CREATE INDEX block_keys_report ON block_keys (report_id)",
    "CREATE INDEX names_name ON names (name)",
    "CREATE INDEX raw_names_name ON raw_names (name)",
]

# schema 2: attribution lists as VARCHAR[] (were ";"-joined text) and the ranges' high_open flag
_V2 = [
    *(f'ALTER TABLE {name} ALTER COLUMN "{c}" TYPE VARCHAR[] USING list_filter(list_transform('
      f'string_split(coalesce("{c}", \'\'), \';\'), lambda x: trim(x)), lambda x: x <> \'\')'
      for name, (_, cols) in FRAME_TABLES.items() for c in cols if column_kind(c) == "list"),
    "ALTER TABLE f_ranges ADD COLUMN high_open BOOLEAN",
    "UPDATE f_ranges SET high_open = consistent AND consensus_high IS NULL",
]

#: ``{version: statements}``: the statements that bring a store from ``version - 1`` to
#: ``version`` (version 1: an empty file to the first schema).
MIGRATIONS: Dict[int, List[str]] = {1: _V1, 2: _V2}


def select_ids(con, sql: str, ids, params=()) -> list:
    """``sql`` run on ``con`` with the temporary table ``_ids`` (one column ``id``) holding ``ids``."""
    import pandas as pd
    con.register("_ids", pd.DataFrame({"id": pd.Series(sorted(set(ids)), dtype=object)}))
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.unregister("_ids")


def duckdb_module():
    """The ``duckdb`` module, or :class:`~casualties.errors.MissingDependencyError` saying how to
    install it."""
    try:
        import duckdb
    except ImportError as e:  # pragma: no cover - the test extra installs duckdb
        raise MissingDependencyError(
            "casualties.Store needs DuckDB: pip install 'casualties[store]' (or pip install duckdb)") from e
    return duckdb


def _locked(e: Exception, path: Path) -> bool:
    text = str(e).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


def connect(path, version: str, settings: Callable[[object, bool], None]):
    """An open DuckDB connection to the store at ``path``, created or migrated to
    :data:`SCHEMA_VERSION`.  ``settings(con, created)`` records or checks the store's policies.

    Raises :class:`~casualties.errors.StoreLockedError` when another process has the file open
    and :class:`~casualties.errors.StoreVersionError` when the file's schema is newer."""
    duckdb = duckdb_module()
    path = Path(path)
    try:
        con = duckdb.connect(str(path))
    except duckdb.IOException as e:
        if _locked(e, path):
            raise StoreLockedError(f"casualty store {path} is open for writing in another process (DuckDB "
                                   f"allows one writer per file); close it there or wait: {e}") from None
        raise OSError(f"cannot open the casualty store {path}: {e}") from None
    try:
        _migrate(con, path, version, settings)
    except BaseException:
        con.close()
        raise
    return con


def _schema_version(con, path: Path) -> int:
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not tables:
        return 0
    if "meta" not in tables:
        raise StoreVersionError(f"{path} is a DuckDB file but not a casualty store (no meta table)")
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(row[0][0]) if row else 0


def _migrate(con, path: Path, version: str, settings) -> None:
    found = _schema_version(con, path)
    if found > SCHEMA_VERSION:
        writer = con.execute("SELECT value FROM meta WHERE key = 'written_by'").fetchall()
        raise StoreVersionError(
            f"casualty store {path} has schema version {found} (written by casualties "
            f"{writer[0][0] if writer else 'unknown'}); this is casualties {version}, which reads schema versions up to "
            f"{SCHEMA_VERSION}: upgrade casualties to open it")
    con.execute("BEGIN TRANSACTION").fetchall()
    try:
        for v in range(found + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[v]:
                con.execute(statement).fetchall()
        if found < SCHEMA_VERSION:
            con.execute("DELETE FROM meta WHERE key IN ('schema_version', 'written_by')").fetchall()
            con.execute("INSERT INTO meta VALUES ('schema_version', ?), ('written_by', ?)",
                        [str(SCHEMA_VERSION), version]).fetchall()
        settings(con, found == 0)
        con.execute("COMMIT").fetchall()
    except BaseException:
        con.execute("ROLLBACK").fetchall()
        raise


def get_meta(con, key: str, default=None):
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
    return json.loads(row[0][0]) if row else default


def set_meta(con, key: str, value) -> None:
    con.execute("DELETE FROM meta WHERE key = ?", [key]).fetchall()
    con.execute("INSERT INTO meta VALUES (?, ?)", [key, json.dumps(value)]).fetchall()
