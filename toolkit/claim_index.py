"""A claims table as integer codes and sparse matrices: filters and counts in milliseconds.

A view helper. :class:`ClaimIndex` codes a column the first time a question needs it
and keeps the codes, so the explorer answers each filter change on 100,000 claims
with numpy instead of pandas: which claims pass (:meth:`ClaimIndex.mask`), how many
claims each speaker made by stance (:meth:`ClaimIndex.speaker_stance`) and how the
most co-mentioned entities associate (:meth:`ClaimIndex.comention_matrix`). The answers
are those of :func:`toolkit.explorer.filter_claims`, :func:`toolkit.plots.speaker_stance_table`
and :func:`toolkit.plots.comention_matrix` of :func:`toolkit.stats.comention` on the
filtered claims; the tests hold them equal.

Example:
    >>> claims = pd.DataFrame({"speaker": ["A", "B", "A"], "topics": [["x"], [], ["x", "y"]]})
    >>> index = ClaimIndex(claims)
    >>> index.mask(speakers=["A"], topics=["y"]).tolist()
    [False, False, True]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from toolkit.schema import STANCES, as_list, is_missing
from toolkit.stats import association

PREPARED = {  # what ClaimIndex.prepare makes ahead, from which column
    "days": "date",
    "quotes": "quote",
    "speakers": "speaker",
    "stances": "stance",
    "entities": "entities",
}


def wanted(values: Iterable[Any] | str | None) -> set | None:
    """The values a filter keeps, missing ones left out; ``None`` when that keeps everything.

    Example:
        >>> wanted(["a", None]), wanted("a"), wanted([]), wanted(None)
        ({'a'}, {'a'}, None, None)
    """
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    kept = {value for value in values if not is_missing(value)}
    return kept or None


def day(value: Any) -> np.datetime64 | None:
    """A date filter's bound as the start of its day, or ``None`` for an open end.

    Example:
        >>> day("2023-11-12 15:00") == np.datetime64("2023-11-12"), day(""), day(None)
        (np.True_, None, None)
    """
    if is_missing(value) or (isinstance(value, str) and not value.strip()):
        return None
    stamp = pd.Timestamp(value)
    return None if pd.isna(stamp) else stamp.normalize().to_datetime64()


@dataclass(frozen=True)
class Codes:
    """One column as codes into its sorted distinct values (``labels``); -1 where missing.

    Example:
        >>> Codes.of(pd.Series(["b", None, "a"])).codes.tolist()
        [1, -1, 0]
    """

    codes: np.ndarray
    labels: np.ndarray

    @classmethod
    def of(cls, values: pd.Series) -> Codes:
        codes, labels = pd.factorize(values, sort=True)
        return cls(codes, np.asarray(labels, dtype=object))

    def lookup(self, table: np.ndarray, missing: Any) -> np.ndarray:
        """Each row's entry of ``table`` (one entry per label), ``missing`` where it has none.

        Example:
            >>> codes = Codes.of(pd.Series(["b", None, "a"]))
            >>> codes.lookup(np.array([10, 20]), missing=0).tolist()
            [20, 0, 10]
        """
        return np.append(table, np.array([missing], dtype=table.dtype))[self.codes]

    def isin(self, values: set) -> np.ndarray:
        """True where the value is one of ``values``.

        Example:
            >>> Codes.of(pd.Series(["b", None, "a"])).isin({"a", "z"}).tolist()
            [False, False, True]
        """
        return self.lookup(pd.Index(self.labels).isin(values), missing=False)


@dataclass(frozen=True)
class ListCodes:
    """A column of lists as a rows × values 0/1 CSR matrix; ``labels`` name its columns.

    Example:
        >>> lists = ListCodes.of(pd.Series([["x", "y"], [], ["y", "y"]]))
        >>> lists.labels.tolist(), lists.matrix.toarray().tolist()
        (['x', 'y'], [[1, 1], [0, 0], [0, 1]])
    """

    matrix: sparse.csr_matrix
    labels: np.ndarray

    @classmethod
    def of(cls, values: pd.Series) -> ListCodes:
        lists = [as_list(value) for value in values]
        rows = np.repeat(np.arange(len(lists)), [len(items) for items in lists])
        items = pd.Series([item for items in lists for item in items], dtype=object)
        codes, labels = pd.factorize(items, sort=True)
        ones = np.ones(len(codes), dtype=np.int32)
        matrix = sparse.csr_matrix((ones, (rows, codes)), shape=(len(lists), len(labels)))
        matrix.sum_duplicates()
        matrix.data[:] = 1  # a value counts once per row
        return cls(matrix, np.asarray(labels, dtype=object))

    def any_of(self, values: set) -> np.ndarray:
        """True for rows holding any of ``values``.

        Example:
            >>> ListCodes.of(pd.Series([["x"], [], ["y"]])).any_of({"y"}).tolist()
            [False, False, True]
        """
        columns = np.flatnonzero(pd.Index(self.labels).isin(values))
        return np.diff(self.matrix[:, columns].indptr) > 0


class ClaimIndex:
    """Codes of a claims table's columns, made on first use and kept, for masks and counts.

    Args:
        claims: the claims table; the index reads it and never changes it.

    Example:
        >>> claims = pd.DataFrame({"speaker": ["A", "B", "A"],
        ...     "stance": ["oppose", None, "support"], "quote": ["No", "yes", "Yes!"]})
        >>> index = ClaimIndex(claims)
        >>> index.mask(text="YES").tolist()
        [False, True, True]
        >>> index.speaker_stance(index.mask(), top=5).to_dict("index")
        {'A': {'support': 1, 'oppose': 1, 'neutral': 0}, 'B': {'support': 0, 'oppose': 0, 'neutral': 1}}
    """

    def __init__(self, claims: pd.DataFrame) -> None:
        self.claims = claims
        self._codes: dict[str, Codes] = {}
        self._lists: dict[str, ListCodes] = {}

    def __len__(self) -> int:
        return len(self.claims)

    def codes(self, column: str) -> Codes:
        """The column's :class:`Codes`, made on first use."""
        if column not in self._codes:
            self._codes[column] = Codes.of(self.claims[column])
        return self._codes[column]

    def lists(self, column: str) -> ListCodes:
        """The list column's :class:`ListCodes`, made on first use."""
        if column not in self._lists:
            self._lists[column] = ListCodes.of(self.claims[column])
        return self._lists[column]

    @cached_property
    def days(self) -> np.ndarray:
        """Each claim's date at the start of its day (``datetime64``; NaT when it has none)."""
        dates = pd.to_datetime(self.claims["date"], errors="coerce")
        return dates.dt.normalize().to_numpy()

    @cached_property
    def quotes(self) -> list[str]:
        """Each claim's quote, case-folded (``""`` when it has none)."""
        return [
            "" if is_missing(quote) or quote is pd.NA else str(quote).casefold()
            for quote in self.claims["quote"]
        ]

    @cached_property
    def speakers(self) -> np.ndarray:
        """Each claim's speaker code (see :meth:`codes`), -1 when it has none or a blank one."""
        speaker = self.codes("speaker")
        named = np.where(speaker.labels.astype(str) != "", np.arange(len(speaker.labels)), -1)
        return speaker.lookup(named, missing=-1)

    @cached_property
    def stances(self) -> np.ndarray:
        """Each claim's stance as its place in ``STANCES``: none is neutral, another is -1."""
        stance = self.codes("stance")
        places = [STANCES.index(label) if label in STANCES else -1 for label in stance.labels]
        return stance.lookup(np.array(places, dtype=int), missing=STANCES.index("neutral"))

    @cached_property
    def entities(self) -> ListCodes:
        """The claims' entities, blank names left out (as :func:`toolkit.stats.comention` does)."""
        entities = self.lists("entities")
        named = np.flatnonzero(entities.labels.astype(str) != "")
        return ListCodes(entities.matrix[:, named].tocsr(), entities.labels[named].astype(str))

    def prepare(self) -> ClaimIndex:
        """Code now what the explorer asks about (of the columns there), so no change waits."""
        columns = set(self.claims.columns)
        for column in ("target", "doc_id"):
            if column in columns:
                self.codes(column)
        if "topics" in columns:
            self.lists("topics")
        for derived, column in PREPARED.items():
            if column in columns:
                getattr(self, derived)
        return self

    def mask(
        self,
        *,
        speakers: Iterable[str] | None = None,
        stances: Iterable[str] | None = None,
        topics: Iterable[str] | None = None,
        targets: Iterable[str] | None = None,
        date_range: Sequence[Any] | None = None,
        text: str | None = None,
    ) -> np.ndarray:
        """True for the claims that pass every filter given (see :func:`filter_claims`)."""
        keep = np.ones(len(self), dtype=bool)
        for column, values in (("speaker", speakers), ("stance", stances), ("target", targets)):
            kept = wanted(values)
            if kept is not None:
                keep &= self.codes(column).isin(kept)
        kept_topics = wanted(topics)
        if kept_topics is not None:
            keep &= self.lists("topics").any_of(kept_topics)
        start, end = date_range if date_range is not None else (None, None)
        start, end = day(start), day(end)
        if start is not None or end is not None:
            keep &= ~np.isnat(self.days)
            if start is not None:
                keep &= self.days >= start
            if end is not None:
                keep &= self.days <= end
        if text is not None and text.strip():
            needle = text.strip().casefold()
            keep &= np.fromiter((needle in quote for quote in self.quotes), bool, len(self))
        return keep

    def count(self, column: str, keep: np.ndarray) -> int:
        """How many distinct values of ``column`` the kept claims have (missing left out).

        Example:
            >>> ClaimIndex(pd.DataFrame({"doc_id": ["a", "b", "a"]})).count(
            ...     "doc_id", np.array([True, False, True]))
            1
        """
        codes = self.codes(column)
        return int(np.count_nonzero(np.bincount(codes.codes[keep] + 1, minlength=1)[1:]))

    def speaker_stance(self, keep: np.ndarray, *, top: int) -> pd.DataFrame:
        """Claims per speaker and stance among the kept claims, most claims first.

        The table of :func:`toolkit.plots.speaker_stance_table` for the kept claims:
        claims without a speaker are left out, a claim without a stance is neutral, ties
        go by name.
        """
        labels = self.codes("speaker").labels
        speakers, stances = self.speakers[keep], self.stances[keep]
        named = speakers >= 0
        claims = np.bincount(speakers[named], minlength=len(labels))
        counted = named & (stances >= 0)
        per_stance = np.bincount(
            speakers[counted] * len(STANCES) + stances[counted],
            minlength=len(labels) * len(STANCES),
        ).reshape(-1, len(STANCES))
        shown = np.flatnonzero(claims)
        shown = shown[np.lexsort((shown, -per_stance[shown].sum(axis=1)))][:top]
        index = pd.Index(labels[shown], name="speaker")
        return pd.DataFrame(per_stance[shown], index=index, columns=list(STANCES))

    def comention_matrix(self, keep: np.ndarray, *, top: int) -> pd.DataFrame:
        """NPMI of the ``top`` most co-mentioned entities of the kept claims, one unit a claim.

        The matrix :func:`toolkit.plots.comention_matrix` makes of
        ``comention(filtered, unit="claim")``, before clustering: entities sorted by
        name, NaN where two were never named in one claim and on the diagonal. Empty
        when no claim names two entities.
        """
        named = self.entities.matrix if keep.all() else self.entities.matrix[np.flatnonzero(keep)]
        per_claim = np.diff(named.indptr)
        strength = named.T @ np.maximum(per_claim - 1, 0)  # each entity's co-mentions
        ranked = np.flatnonzero(strength)
        ranked = np.sort(ranked[np.lexsort((ranked, -strength[ranked]))][:top])
        shown = named[:, ranked]
        together = (shown.T @ shown).toarray()
        i, j = np.nonzero(np.triu(together, k=1))
        n_units = int(np.count_nonzero(per_claim))
        npmi = association(together[i, j], together[i, i], together[j, j], n_units)["npmi"]
        values = np.full(together.shape, np.nan)
        values[i, j] = values[j, i] = npmi
        names = self.entities.labels[ranked]
        return pd.DataFrame(values, index=names, columns=names)
