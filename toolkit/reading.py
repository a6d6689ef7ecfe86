"""Read articles from files, folders and tables into one ``articles`` DataFrame.

No spaCy here: this module only turns inputs into rows of text with their metadata.
The text of every row is the file's text exactly as read (UTF-8, header included),
so the character offsets of every claim and mention point into it.

Example:
    >>> import toolkit as tk
    >>> articles = tk.read_corpus("data/")
    >>> list(articles.columns)
    ['doc_id', 'date', 'tag', 'title', 'text', 'path']
"""

from __future__ import annotations

import fnmatch
import os
import re
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from toolkit.errors import Errors, Reasons, Warnings

ARTICLE_COLUMNS = ["doc_id", "date", "tag", "title", "text", "path"]
TABLE_SUFFIXES = {".jsonl", ".csv", ".parquet"}
FILE_SUFFIXES = TABLE_SUFFIXES | {".txt"}  # a one-word string ending so names a file
HEADER_RE = re.compile(
    r"\A[ \t\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]+([^\r\n]*?)\.?[ \t]*(?:\r?\n|\Z)"
)
TITLE_MAX_WORDS = 20

PathLike = str | os.PathLike
ArticlesLike = pd.DataFrame | pd.Series | Iterable[str] | PathLike  # what as_articles reads


def parse_header(text: str) -> tuple[pd.Timestamp | None, str | None]:
    """Return the date and subject tag of a ``' date YYYY-MM-DD TAG.'`` first line.

    Example:
        >>> parse_header(" date 2023-11-12 Kim Jong Un.\\n\\nBody.")
        (Timestamp('2023-11-12 00:00:00'), 'Kim Jong Un')
        >>> parse_header("No header here.")
        (None, None)
    """
    match = HEADER_RE.match(text)
    if not match:
        return None, None
    date = pd.to_datetime(match.group(1), errors="coerce")
    tag = match.group(2).strip() or None
    return (None if pd.isna(date) else date), tag


def body_start(text: str) -> int:
    """Where an article's story starts: after its header line, if it has one.

    Example:
        >>> body_start(" date 2023-11-12 Kim Jong Un.\\nSeoul said so."), body_start("Seoul said so.")
        (30, 0)
    """
    header = HEADER_RE.match(text)
    return header.end() if header else 0


def find_title(text: str) -> str | None:
    """Return the article's title: its first short line after the header with no closing period.

    Example:
        >>> find_title(" date 2020-01-01 Russia.\\n\\nPutin Meets Kim\\n\\nBody text.")
        'Putin Meets Kim'
    """
    body = HEADER_RE.sub("", text, count=1)
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line.split()) <= TITLE_MAX_WORDS and not line.endswith((".", ",", ";")):
            return line
        return None
    return None


def read_corpus(paths: PathLike | Iterable[PathLike], *, pattern: str = "*.txt") -> pd.DataFrame:
    """Read articles from files, folders (recursive, sorted) or .jsonl/.csv/.parquet tables.

    A file that can't be read, or holds no text, is skipped with a warning that
    names it and the reason; the batch goes on. The skipped inputs are listed in
    ``articles.attrs["errors"]`` (a list of ``{"path", "reason"}`` dicts), so every
    input is accounted for. A table's rows are named ``table.csv#i`` in ``path`` and in
    errors, ``i`` counting its data rows from 0 as ``table.iloc[i]`` does. A date that
    is no calendar date ("2023-13-45", "yesterday") is left empty with a warning (W002).

    Args:
        paths: one path or several: text files, folders of text files, or tables
            with a ``text`` column and optional ``doc_id``, ``date``, ``tag``, ``title``.
        pattern: the glob that selects text files inside folders, whatever their case.

    Returns:
        DataFrame with columns ``doc_id, date, tag, title, text, path``.

    Example:
        >>> articles = read_corpus("data/000_7aa5f2e1afbc3548.txt")
        >>> articles.loc[0, "tag"]
        'Kim Jong Un'
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    rows: list[dict] = []
    errors: list[dict] = []
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if _matches(p, path, pattern) and p.is_file() and not _is_hidden(p, path)
            )
            for file in files:
                _read_one(file, rows, errors)
        elif path.is_file():
            _read_one(path, rows, errors)
        else:
            _report(errors, path, Errors.E002.format(path=path))
    return _articles_frame(rows, errors)


def as_articles(articles: ArticlesLike) -> pd.DataFrame:
    """Articles given in any usual shape as the articles table the toolkit reads.

    - a table of one's own: a ``text`` column, optional ``doc_id``, ``date``, ``tag``,
      ``title``, as in a ``.csv`` or ``.jsonl`` input (a table from :func:`read_corpus`
      comes back as it is);
    - a dict of columns, as ``pd.DataFrame`` takes it;
    - a Series of texts (its index gives the ``doc_id`` unless it is the default
      ``0..n-1``), a list of texts, or one text;
    - a ``Path``, or a string that names an existing file or folder, or a list of them
      (``glob.glob("news/*.txt")``): read with :func:`read_corpus`.

    A missing ``doc_id`` is ``row-N``, a missing date and tag come from the text's
    header line, and a row without text is skipped and listed in ``attrs["errors"]``.
    Repeated ids (two corpora concatenated) are numbered: ``x``, ``x~2``.

    Example:
        >>> table = pd.DataFrame({"text": [" date 2023-11-12 Kim Jong Un.\\nSeoul said so."]})
        >>> articles = as_articles(table)
        >>> articles.loc[0, ["doc_id", "tag"]].tolist()
        ['row-0', 'Kim Jong Un']
        >>> as_articles(["Seoul said so.", "Tokyo agreed."])["doc_id"].tolist()
        ['row-0', 'row-1']
    """
    table = _as_table(articles)
    if set(ARTICLE_COLUMNS) <= set(table.columns):
        ids = table["doc_id"].astype(str)
        if ids.is_unique:
            return table
        renumbered = table.reset_index(drop=True)  # two tables concatenated: each article
        renumbered["doc_id"] = _unique_ids(ids.tolist())  # stays addressable
        renumbered.attrs = dict(table.attrs)
        return renumbered
    errors: list[dict] = []
    return _articles_frame(_table_rows(table, "<DataFrame>", "row", errors), errors)


def _as_table(articles: ArticlesLike) -> pd.DataFrame:
    if isinstance(articles, pd.DataFrame):
        return articles
    if _is_path(articles):
        return read_corpus(articles)
    if isinstance(articles, str):
        return pd.DataFrame({"text": [articles]})
    if isinstance(articles, pd.Series):
        table = pd.DataFrame({"text": articles.to_numpy()})
        if not articles.index.equals(pd.RangeIndex(len(articles))):
            table["doc_id"] = articles.index.astype(str)
        return table
    if isinstance(articles, Mapping):  # columns by name, as pd.DataFrame takes them
        try:
            return pd.DataFrame(articles)
        except ValueError as exc:
            raise TypeError(Errors.E020.format(kind=f"mapping ({exc})")) from exc
    if isinstance(articles, Iterable):
        texts = list(articles)
        if texts and all(_is_path(item) for item in texts):  # glob.glob(...), Path.glob(...)
            return read_corpus(texts)
        if all(isinstance(text, str) for text in texts):
            return pd.DataFrame({"text": texts})
    raise TypeError(Errors.E020.format(kind=type(articles).__name__))


def _is_path(item: object) -> bool:
    """A ``Path``, or a one-line string that names an existing file or folder, or looks
    like a path (one word with a "/" or a suffix the toolkit reads: "news/typo.txt"),
    which :func:`read_corpus` then reports missing rather than reading as a text."""
    return isinstance(item, os.PathLike) or (
        isinstance(item, str)
        and "\n" not in item
        and (_names_a_path(item) or _looks_like_a_file(item))
    )


def _names_a_path(text: str) -> bool:
    try:
        return bool(text) and Path(text).exists()
    except (OSError, ValueError):  # too long or not a valid path name: a text
        return False


def _looks_like_a_file(text: str) -> bool:
    """ "news/typo.txt", "claims.jsonl", "news/": one word with a folder separator or a
    suffix the toolkit reads."""
    word = text.strip()
    if not word or any(ch.isspace() for ch in word):
        return False
    return "/" in word or os.sep in word or Path(word).suffix.lower() in FILE_SUFFIXES


def _articles_frame(rows: list[dict], errors: list[dict]) -> pd.DataFrame:
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    articles["doc_id"] = _unique_ids(articles["doc_id"].astype(str).tolist())
    articles["date"] = pd.to_datetime(articles["date"], errors="coerce")
    articles = articles.astype({"tag": "object", "title": "object", "path": "object"})
    articles.attrs["errors"] = errors
    return articles


def _read_one(path: Path, rows: list[dict], errors: list[dict]) -> None:
    if path.suffix.lower() in TABLE_SUFFIXES:
        try:
            rows.extend(_read_table(path, errors))
        except Exception as exc:  # a bad table is reported, never fatal to the batch
            _report(errors, path, str(exc))
        return
    try:
        with open(
            path, encoding="utf-8", newline=""
        ) as handle:  # offsets count "\r\n" as in the file
            text = handle.read()
    except UnicodeDecodeError as exc:
        _report(errors, path, Reasons.NOT_UTF8.format(reason=exc.reason, start=exc.start))
        return
    except OSError as exc:
        _report(errors, path, exc.strerror or str(exc))
        return
    if not text.strip():
        _report(errors, path, Reasons.EMPTY)
        return
    if "\x00" in text:  # valid UTF-8, but no one's text: an image, a database, zeros
        _report(errors, path, Reasons.BINARY.format(at=text.index("\x00")))
        return
    rows.append(_article(path.stem, text, str(path)))


def _read_table(path: Path, errors: list[dict]) -> list[dict]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        table = pd.read_json(path, lines=True, dtype={"doc_id": str, "text": str})
    elif suffix == ".csv":
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    else:
        table = pd.read_parquet(path)
    return _table_rows(table, str(path), path.stem, errors)


def _table_rows(table: pd.DataFrame, source: str, prefix: str, errors: list[dict]) -> list[dict]:
    """The articles of a table with a ``text`` column; a row without text is reported."""
    if "text" not in table.columns:
        raise ValueError(
            Errors.E003.format(path=source, columns=", ".join(map(str, table.columns)))
        )
    rows = []
    for i, record in enumerate(table.to_dict("records")):
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            _report(errors, f"{source}#{i}", Reasons.NO_TEXT)
            continue
        doc_id = record.get("doc_id")
        doc_id = f"{prefix}-{i}" if _missing(doc_id) else str(doc_id)
        row = _article(doc_id, text, f"{source}#{i}", dated=not _missing(record.get("date")))
        for column in ("date", "tag", "title"):
            value = record.get(column)
            if not _missing(value):
                row[column] = _read_date(value, row["path"]) if column == "date" else value
        rows.append(row)
    return rows


def _missing(value) -> bool:
    return value is None or value != value or (isinstance(value, str) and not value.strip())


def _read_date(value: object, path: str) -> pd.Timestamp | None:
    """A table cell's or header's date; one that is no date is reported (W002), not kept,
    and so is a bare number in a DataFrame (1700000000 would read as nanoseconds after
    1970; a JSON lines file's numbers are read by pandas as seconds)."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    date = pd.NaT if number else pd.to_datetime(value, errors="coerce")
    if pd.isna(date):
        warnings.warn(Warnings.W002.format(path=path, value=value), stacklevel=4)
        return None
    return date


def _article(doc_id: str, text: str, path: str, *, dated: bool = False) -> dict:
    """An articles row; ``dated``: the row brings its own date (a table's date cell)."""
    date, tag = parse_header(text)
    header = HEADER_RE.match(text)
    if header and date is None and not dated:  # "date 2023-13-45 ...": an impossible date
        _read_date(header.group(1), path)
    return {
        "doc_id": doc_id,
        "date": date,
        "tag": tag,
        "title": find_title(text),
        "text": text,
        "path": path,
    }


def _report(errors: list[dict], path: Path, reason: str) -> None:
    errors.append({"path": str(path), "reason": reason})
    warnings.warn(Warnings.W001.format(path=path, reason=reason.rstrip(".")), stacklevel=3)


def _matches(path: Path, root: Path, pattern: str) -> bool:
    """Does a file under ``root`` match the glob, whatever its case ("*.txt" takes
    "NOTES.TXT")? A pattern with a "/" is matched on the path below ``root``.

    Example:
        >>> _matches(Path("news/a/NOTES.TXT"), Path("news"), "*.txt")
        True
    """
    name = path.relative_to(root).as_posix() if "/" in pattern else path.name
    return fnmatch.fnmatch(name.lower(), pattern.lower())


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _unique_ids(doc_ids: list[str]) -> list[str]:
    """Keep ids as they are, numbering repeats (``a``, ``a~2``) so every article stays
    addressable, with a number no other id has taken.

    Example:
        >>> _unique_ids(["a", "a", "a~2"])
        ['a', 'a~3', 'a~2']
    """
    taken = set(doc_ids)
    seen: set[str] = set()
    unique = []
    for doc_id in doc_ids:
        new = doc_id
        number = 1
        while new in seen or (new != doc_id and new in taken):
            number += 1
            new = f"{doc_id}~{number}"
        seen.add(new)
        unique.append(new)
    return unique
