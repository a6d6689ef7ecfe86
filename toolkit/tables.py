"""Tables to and from files: claims, mentions, pairs and gold as .jsonl, .csv or .parquet.

:func:`write_table` writes what the command line writes; :func:`read_table` reads it back
as it was, so a claims table saved as CSV can go on to :func:`toolkit.explore`,
:func:`toolkit.speakers` or :func:`toolkit.disagreements`: list cells (``topics``,
``entities``) come back as lists, not their JSON text, and dates as dates.

Example:
    >>> import tempfile
    >>> claims = pd.DataFrame({"quote": ["talks failed"], "topics": [["sanctions"]],
    ...                        "date": pd.to_datetime(["2023-11-12"])})
    >>> path = Path(tempfile.mkdtemp()) / "claims.csv"
    >>> write_table(claims, path)
    >>> back = read_table(path)
    >>> back["topics"].tolist(), back["date"].dt.strftime("%Y-%m-%d").tolist()
    ([['sanctions']], ['2023-11-12'])
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.errors import Errors
from toolkit.schema import is_missing

TABLE_FORMATS = (".jsonl", ".csv", ".parquet")
ID_COLUMNS = ("doc_id", "claim_id")
TEXT_COLUMNS = {  # words, never lists, even when they look like "[1, 2]"
    "quote", "sentence", "text", "title", "tag", "speaker", "speaker_mention", "speaker_role",
    "cue", "via", "gold_quote", "pred_quote", "gold_speaker", "pred_speaker",
}  # fmt: skip
DATE_COLUMNS = {"date", "first_date", "last_date", "month", "week"}


def read_table(path: str | os.PathLike) -> pd.DataFrame:
    """Read a table written by :func:`write_table` (or the command line) as it was.

    List cells (``topics``, ``entities``, a matches table's ``gold_topics`` ...) come
    back as lists, from CSV's JSON text or Parquet's arrays alike; dates (``date``,
    ``first_date``, ``last_date``, ``month``, ``week``) as dates; ids (``doc_id``,
    ``claim_id``) as text, so "0123" stays "0123". An empty JSON lines file is a table
    with no rows and no columns.

    Args:
        path: a ``.jsonl``, ``.csv`` or ``.parquet`` file.

    Returns:
        The table.

    Raises:
        ValueError: for another suffix.

    Example:
        >>> read_table("out/claims.csv")["topics"].iloc[0]  # doctest: +SKIP
        ['nuclear_missile', 'russia_ukraine']
    """
    path = Path(path)
    suffix = check_table_path(path)
    if suffix == ".parquet":
        table = pd.read_parquet(path)
    elif suffix == ".jsonl":
        table = pd.read_json(path, lines=True, dtype=False)
    else:
        table = pd.read_csv(path, dtype=dict.fromkeys(ID_COLUMNS, str))
    for column in table.columns:
        textual = table[column].dtype == object or pd.api.types.is_string_dtype(table[column])
        if textual and column not in TEXT_COLUMNS:
            table[column] = _lists_back(table[column])
    for column in DATE_COLUMNS & set(table.columns):
        table[column] = pd.to_datetime(table[column], errors="coerce")
    return table


def _lists_back(cells: pd.Series) -> pd.Series:
    """A column of JSON list text or arrays as lists; any other column as it is."""
    present = [cell for cell in cells if not is_missing(cell)]
    if present and all(isinstance(cell, np.ndarray) for cell in present):
        return cells.map(lambda cell: cell.tolist() if isinstance(cell, np.ndarray) else cell)
    if present and all(
        isinstance(cell, str) and cell.startswith("[") and cell.endswith("]") for cell in present
    ):
        try:
            return cells.map(lambda cell: json.loads(cell) if isinstance(cell, str) else None)
        except json.JSONDecodeError:
            return cells
    return cells


def check_table_path(path: str | os.PathLike | None) -> str | None:
    """The table format of a path by its suffix; an unknown one fails before any work."""
    if path is None:
        return None
    suffix = Path(path).suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise ValueError(
            Errors.E005.format(what="table format", value=suffix, choices=", ".join(TABLE_FORMATS))
        )
    return suffix


def write_table(
    table: pd.DataFrame, out: str | os.PathLike | None, *, default: str = "jsonl"
) -> None:
    """Write ``table`` to ``out`` in the format its suffix names, or to stdout as ``default``.

    In CSV, list cells are JSON text; in JSON lines, dates are ISO days. Missing folders
    are created.

    Example:
        >>> write_table(pd.DataFrame({"a": [1]}), None)
        {"a":1}
    """
    suffix = check_table_path(out) or f".{default}"
    if suffix == ".parquet":
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        table.to_parquet(path, index=False)
        return
    table = _as_text_cells(table, dates=suffix == ".jsonl")
    target = sys.stdout if out is None else Path(out)
    if out is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".jsonl" and table.empty:  # no lines at all, not one blank line
        if out is not None:
            target.write_text("", encoding="utf-8")
    elif suffix == ".jsonl":
        table.to_json(target, orient="records", lines=True, force_ascii=False)
    else:
        table.to_csv(target, index=False)


def _as_json_list(value: object) -> str | None:
    """A list cell as JSON text; a missing one (a missed claim's predicted topics) stays empty."""
    return None if is_missing(value) else json.dumps(list(value), ensure_ascii=False)


def _as_text_cells(table: pd.DataFrame, *, dates: bool) -> pd.DataFrame:
    """Lists as JSON text (in CSV), dates as ISO days (in JSON lines), for a text format."""
    table = table.copy()
    for column in table.columns:
        if table[column].dtype == object and any(
            isinstance(v, list | tuple | np.ndarray) for v in table[column]
        ):
            if not dates:
                table[column] = table[column].map(_as_json_list)
        elif dates and pd.api.types.is_datetime64_any_dtype(table[column]):
            table[column] = table[column].dt.strftime("%Y-%m-%d")
    return table
