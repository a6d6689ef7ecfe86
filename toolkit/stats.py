"""Co-mention counts, association measures and speaker tables from mentions and claims.

The core of the toolkit's statistics: DataFrames in, new DataFrames out, no plotting.
Co-mentions are counted on a sparse unit × entity matrix (``X.T @ X``), so a corpus
of thousands of articles and a hundred thousand sentences takes seconds.

Example:
    >>> import pandas as pd
    >>> from toolkit.stats import comention
    >>> mentions = pd.DataFrame({
    ...     "doc_id": ["d1", "d1", "d1"], "sent": [0, 0, 1],
    ...     "entity": ["North Korea", "Russia", "Russia"],
    ... })
    >>> comention(mentions)[["a", "b", "count", "expected"]]
                 a       b  count  expected
    0  North Korea  Russia      1       1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import chi2

from toolkit.errors import Errors
from toolkit.schema import COMENTION_COLUMNS, STANCES, require_columns

UNITS = ("sentence", "article", "claim")
PERIODS = {"month": "M", "week": "W"}
DISAGREEMENT_COLUMNS = [
    "target",
    "topics",
    "shared",
    "speaker_a",
    "stance_a",
    "quote_a",
    "claim_id_a",
    "date_a",
    "speaker_b",
    "stance_b",
    "quote_b",
    "claim_id_b",
    "date_b",
]
SPEAKER_COLUMNS = [
    "speaker",
    "speaker_role",
    "speaker_type",
    "claims",
    *STANCES,
    "topics",
    "first_date",
    "last_date",
]
SPEAKER_ENTITY_COLUMNS = ["speaker", "entity", "claims", *STANCES]
DATE = "datetime64[ns]"
COUNTS = dict.fromkeys(["claims", *STANCES], "int64")
DATES = {"first_date": DATE, "last_date": DATE}

Dates = pd.Series | Mapping | pd.DataFrame


def comention(
    data: pd.DataFrame,
    *,
    unit: Literal["sentence", "article", "claim"] = "sentence",
    min_count: int = 1,
    by: str | None = None,
    dates: Dates | None = None,
) -> pd.DataFrame:
    """Count the units that name each pair of entities and measure how strongly they associate.

    An entity counts once per unit, so a pair named twice in one sentence counts once.
    ``N`` is the number of units that name at least one entity; for a pair ``a, b``
    named in ``n_a`` and ``n_b`` units and together in ``count`` units:

    - ``expected = n_a * n_b / N``, ``lift = count / expected``,
    - ``pmi = ln(count * N / (n_a * n_b))``, ``npmi = pmi / -ln(count / N)``
      (1 when the pair is in every unit),
    - ``g2`` is the log-likelihood ratio ``2 * sum(O * ln(O / E))`` over the 2×2 table
      of units with/without ``a`` × with/without ``b``, and ``p_value`` its chi-square
      (1 dof) tail probability.

    Args:
        data: a mentions table (``doc_id``, ``sent``, ``entity``) or, for
            ``unit="claim"``, a claims table whose ``entities`` column lists the
            entities of each claim (a mentions table with a ``claim_id`` column works too).
        unit: what counts as one co-occurrence context: ``"sentence"`` (``doc_id``,
            ``sent``), ``"article"`` (``doc_id``) or ``"claim"`` (one claim).
        min_count: keep pairs seen together in at least this many units.
        by: count separately per group: ``"month"`` or ``"week"`` (calendar periods
            of the unit's date, given as the period's first day) or the name of any
            column of ``data`` (such as ``"tag"``). Each group has its own ``N``. A unit
            whose rows fall in several groups is counted in each; units without a date
            are left out when grouping by period.
        dates: where the dates come from for ``by="month"``/``"week"``: a Series or dict
            ``doc_id -> date``, or the articles table (its ``doc_id`` and ``date``
            columns). Without it, the ``date`` column of ``data`` is used.

    Returns:
        DataFrame with columns ``a, b, count, expected, pmi, npmi, lift, g2, p_value``
        (``by``'s column first when given), one row per unordered pair with
        ``a < b``, sorted by ``count`` then ``npmi``, both descending.

    Example:
        >>> mentions = pd.DataFrame({
        ...     "doc_id": ["d1"] * 4, "sent": [0, 0, 1, 1],
        ...     "entity": ["Russia", "North Korea", "Russia", "China"],
        ... })
        >>> comention(mentions)[["a", "b", "count", "npmi"]]
                     a       b  count  npmi
        0        China  Russia      1   0.0
        1  North Korea  Russia      1   0.0
    """
    if unit not in UNITS:
        raise ValueError(Errors.E005.format(what="unit", value=unit, choices=", ".join(UNITS)))
    if data.empty:
        return _empty_comention(by)
    items = _unit_entities(data.reset_index(drop=True), unit=unit, by=by, dates=dates)
    if items.empty:
        return _empty_comention(by)
    entity_codes, names = pd.factorize(items["entity"], sort=True)
    items = items.assign(_entity=entity_codes)
    names = np.asarray(names, dtype=object)
    if by is None:
        return _sort_pairs(_pairs(items, names, min_count=min_count), by=None)
    tables = [
        _pairs(group, names, min_count=min_count).assign(**{by: value})
        for value, group in items.groupby("_by", sort=True)
    ]
    pairs = pd.concat([table for table in tables if not table.empty] or [_empty_comention(by)])
    return _sort_pairs(pairs[[by, *COMENTION_COLUMNS]], by=by)


def speaker_entity(claims: pd.DataFrame, *, min_count: int = 1) -> pd.DataFrame:
    """Count, for each speaker and each entity their claims name, the claims and their stances.

    Claims without a speaker are left out; an entity listed twice in one claim counts once.

    Args:
        claims: a claims table with ``speaker``, ``stance`` and ``entities`` (lists).
        min_count: keep speaker-entity rows with at least this many claims.

    Returns:
        DataFrame with columns ``speaker, entity, claims, support, oppose, neutral``,
        sorted by ``claims`` descending, then speaker and entity.

    Example:
        >>> claims = pd.DataFrame({
        ...     "speaker": ["Kim Jong Un", "Kim Jong Un"], "stance": ["oppose", "neutral"],
        ...     "entities": [["United States", "South Korea"], ["United States"]],
        ... })
        >>> speaker_entity(claims)
               speaker         entity  claims  support  oppose  neutral
        0  Kim Jong Un  United States       2        0       1        1
        1  Kim Jong Un    South Korea       1        0       1        0
    """
    require_columns(
        claims, ["speaker", "stance", "entities"], func="speaker_entity", table="claims"
    )
    claims = claims.reset_index(drop=True)
    rows = (
        claims[["speaker", "stance", "entities"]]
        .assign(_claim=np.arange(len(claims)))
        .explode("entities")
        .rename(columns={"entities": "entity"})
    )
    rows = rows[_present(rows["speaker"]) & _present(rows["entity"])]
    rows = rows.drop_duplicates(["_claim", "entity"])
    if rows.empty:
        return _empty(SPEAKER_ENTITY_COLUMNS, COUNTS)
    table = _stance_counts(rows, ["speaker", "entity"])
    table = table[table["claims"] >= min_count]
    table = table.sort_values(
        ["claims", "speaker", "entity"], ascending=[False, True, True], kind="mergesort"
    )
    return table[SPEAKER_ENTITY_COLUMNS].reset_index(drop=True)


def speakers(claims: pd.DataFrame) -> pd.DataFrame:
    """Summarise each canonical speaker: role, type, claims, stance mix, topics and dates.

    Claims without a speaker are left out. Role and type are the speaker's most
    frequent non-empty values (ties go to the first alphabetically); topics are
    listed most frequent first.

    Args:
        claims: a claims table (see ``toolkit.schema.CLAIM_COLUMNS``).

    Returns:
        DataFrame with columns ``speaker, speaker_role, speaker_type, claims, support,
        oppose, neutral, topics, first_date, last_date``, sorted by ``claims``
        descending, then speaker.

    Example:
        >>> claims = pd.DataFrame({
        ...     "speaker": ["Kim Yo Jong"] * 2, "speaker_role": ["sister", None],
        ...     "speaker_type": ["person"] * 2, "stance": ["oppose", "oppose"],
        ...     "topics": [["sanctions"], ["sanctions", "cyber"]],
        ...     "date": pd.to_datetime(["2023-01-05", "2023-03-01"]),
        ... })
        >>> speakers(claims)[["speaker_role", "claims", "oppose", "topics"]]
          speaker_role  claims  oppose              topics
        0       sister       2       2  [sanctions, cyber]
    """
    needed = ["speaker", "speaker_role", "speaker_type", "stance", "topics", "date"]
    require_columns(claims, needed, func="speakers", table="claims")
    claims = claims.reset_index(drop=True)
    rows = claims[needed][_present(claims["speaker"])]
    if rows.empty:
        return _empty(SPEAKER_COLUMNS, {**COUNTS, **DATES})
    table = _stance_counts(rows, ["speaker"]).set_index("speaker")
    table["speaker_role"] = _most_frequent(rows, "speaker_role")
    table["speaker_type"] = _most_frequent(rows, "speaker_type")
    topics = rows[["speaker", "topics"]].explode("topics")
    topics = topics[_present(topics["topics"])]
    ranked = (
        topics.groupby(["speaker", "topics"])
        .size()
        .rename("n")
        .reset_index()
        .sort_values(["speaker", "n", "topics"], ascending=[True, False, True])
    )
    topic_lists = ranked.groupby("speaker")["topics"].agg(list)
    table["topics"] = [topic_lists.get(speaker, []) for speaker in table.index]
    dates = pd.to_datetime(rows["date"]).groupby(rows["speaker"])
    table["first_date"] = dates.min()
    table["last_date"] = dates.max()
    table = table.reset_index().sort_values(
        ["claims", "speaker"], ascending=[False, True], kind="mergesort"
    )
    return table[SPEAKER_COLUMNS].reset_index(drop=True)


def disagreements(claims: pd.DataFrame) -> pd.DataFrame:
    """Find who contradicts whom: opposite stances from different speakers on one target.

    Two claims disagree when they have the same ``target``, share at least one topic,
    one supports and the other opposes, and their speakers differ. Claim ``a`` is the
    earlier of the two (by date, then by table order), ``b`` the later one.

    Args:
        claims: a claims table with ``claim_id, date, quote, speaker, stance, target,
            topics``.

    Returns:
        DataFrame with columns ``target, topics`` (the shared topics), ``shared`` (how
        many), then ``speaker, stance, quote, claim_id, date`` for ``a`` and for ``b``;
        ranked by ``shared`` descending, then the most recent pair first.

    Example:
        >>> claims = pd.DataFrame({
        ...     "claim_id": ["c1", "c2"], "date": pd.to_datetime(["2023-01-01", "2023-02-01"]),
        ...     "quote": ["Sanctions work.", "Sanctions fail."], "speaker": ["US", "Russia"],
        ...     "stance": ["support", "oppose"], "target": ["sanctions regime"] * 2,
        ...     "topics": [["sanctions"], ["sanctions"]],
        ... })
        >>> disagreements(claims)[["speaker_a", "speaker_b", "topics"]]
          speaker_a speaker_b       topics
        0        US    Russia  [sanctions]
    """
    needed = ["claim_id", "date", "quote", "speaker", "stance", "target", "topics"]
    require_columns(claims, needed, func="disagreements", table="claims")
    claims = claims.reset_index(drop=True).assign(date=lambda frame: pd.to_datetime(frame["date"]))
    rows = claims[needed].assign(_row=np.arange(len(claims)))
    rows = rows[rows["stance"].isin(["support", "oppose"]) & _present(rows["speaker"])]
    rows = rows[_present(rows["target"])].explode("topics")
    rows = rows[_present(rows["topics"])].drop_duplicates(["_row", "topics"])
    keys = ["target", "topics", "_row", "speaker"]
    pairs = rows.loc[rows["stance"] == "support", keys].merge(
        rows.loc[rows["stance"] == "oppose", keys], on=["target", "topics"], suffixes=("_s", "_o")
    )
    pairs = pairs[pairs["speaker_s"] != pairs["speaker_o"]]
    if pairs.empty:
        return _empty(DISAGREEMENT_COLUMNS, {"shared": "int64", "date_a": DATE, "date_b": DATE})
    pairs = (
        pairs.sort_values("topics")
        .groupby(["_row_s", "_row_o", "target"], sort=False)["topics"]
        .agg(list)
        .reset_index()
    )
    # a is the earlier claim: rank every claim by (date, table order), NaT last.
    order = rows.drop_duplicates("_row").sort_values(["date", "_row"], na_position="last")
    rank = pd.Series(np.arange(len(order)), index=order["_row"].to_numpy())
    swap = rank.loc[pairs["_row_o"]].to_numpy() < rank.loc[pairs["_row_s"]].to_numpy()
    first = np.where(swap, pairs["_row_o"], pairs["_row_s"])
    second = np.where(swap, pairs["_row_s"], pairs["_row_o"])
    side = claims[["speaker", "stance", "quote", "claim_id", "date"]]
    a = side.iloc[first].add_suffix("_a").reset_index(drop=True)
    b = side.iloc[second].add_suffix("_b").reset_index(drop=True)
    table = pd.concat(
        [pairs[["target", "topics"]].assign(shared=pairs["topics"].str.len()), a, b], axis=1
    )
    latest = table[["date_a", "date_b"]].max(axis=1)
    table = (
        table.assign(_latest=latest)
        .sort_values(
            ["shared", "_latest", "claim_id_a", "claim_id_b"],
            ascending=[False, False, True, True],
            na_position="last",
            kind="mergesort",
        )
        .reset_index(drop=True)
    )
    return table[DISAGREEMENT_COLUMNS]


# --- co-mention steps -------------------------------------------------------------------


def _unit_entities(
    data: pd.DataFrame, *, unit: str, by: str | None, dates: Dates | None
) -> pd.DataFrame:
    """Return one row per (unit, entity) with columns ``_unit``, ``entity`` and ``_by``."""
    if unit == "claim" and "entities" in data.columns:
        items = data.assign(_unit=np.arange(len(data)))
        items = items.explode("entities").rename(columns={"entities": "entity"})
    else:
        keys = {"sentence": ["doc_id", "sent"], "article": ["doc_id"], "claim": ["claim_id"]}[unit]
        table = "claims (with 'entities') or mentions" if unit == "claim" else "mentions"
        require_columns(data, [*keys, "entity"], func="comention", table=table)
        items = data.assign(_unit=data.groupby(keys, sort=False, dropna=False).ngroup())
    if by is not None:
        items = items.assign(_by=_group_values(items, by=by, dates=dates))
        items = items[items["_by"].notna()]
    items = items[_present(items["entity"])]
    items = items.assign(entity=items["entity"].astype(str))
    columns = ["_unit", "entity"] if by is None else ["_unit", "entity", "_by"]
    return items[columns].drop_duplicates()


def _group_values(items: pd.DataFrame, *, by: str, dates: Dates | None) -> pd.Series:
    if by not in PERIODS:
        require_columns(
            items.drop(columns="_unit"), [by], func="comention", table="mentions or claims"
        )
        values = items[by]
        if any(isinstance(v, list | tuple | np.ndarray) for v in values):
            choices = ", ".join(PERIODS) + ", or a column of one value a row (not lists)"
            raise ValueError(Errors.E005.format(what="by", value=by, choices=choices))
        return values
    if dates is not None:
        require_columns(items, ["doc_id"], func="comention", table="mentions or claims")
        if isinstance(dates, pd.DataFrame):
            require_columns(dates, ["doc_id", "date"], func="comention", table="articles")
            dates = dates.drop_duplicates("doc_id").set_index("doc_id")["date"]
        elif not isinstance(dates, pd.Series):
            dates = pd.Series(dict(dates), dtype=object)
        values = items["doc_id"].map(dates)
    elif "date" in items.columns:
        values = items["date"]
    else:
        raise ValueError(Errors.E012.format(by=by))
    values = pd.to_datetime(pd.Series(values, index=items.index), errors="coerce")
    return values.dt.to_period(PERIODS[by]).dt.start_time


def _pairs(items: pd.DataFrame, names: np.ndarray, *, min_count: int) -> pd.DataFrame:
    """Association measures for every pair of entities in ``items`` (``_unit``, ``_entity``)."""
    units = pd.factorize(items["_unit"])[0]
    n_units = int(units.max()) + 1 if len(units) else 0
    if n_units == 0:
        return _empty_comention(None)
    x = sparse.csr_matrix(
        (np.ones(len(units), dtype=np.int64), (units, items["_entity"].to_numpy())),
        shape=(n_units, len(names)),
    )
    x.data[:] = 1  # binary: an entity counts once per unit
    n = np.asarray(x.sum(axis=0)).ravel()
    together = sparse.triu(x.T @ x, k=1, format="coo")
    keep = together.data >= min_count
    i, j, count = together.row[keep], together.col[keep], together.data[keep].astype(np.int64)
    measures = association(count, n[i], n[j], n_units)
    pairs = pd.DataFrame({"a": names[i], "b": names[j], "count": count, **measures})
    return pairs[COMENTION_COLUMNS]


def association(
    count: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, n_units: int
) -> dict[str, np.ndarray]:
    """Expected count, PMI, NPMI, lift, G² and its p-value, vectorised over pairs.

    The measures of :func:`comention`, for pairs seen together in ``count`` of
    ``n_units`` units, ``a`` in ``n_a`` of them and ``b`` in ``n_b``.

    Example:
        >>> measures = association(np.array([2]), np.array([2]), np.array([4]), 8)
        >>> float(measures["expected"][0]), round(float(measures["npmi"][0]), 3)
        (1.0, 0.5)
    """
    big_n = float(n_units)
    count = count.astype(float)
    n_a = n_a.astype(float)
    n_b = n_b.astype(float)
    expected = n_a * n_b / big_n
    pmi = np.log(count / expected)
    with np.errstate(divide="ignore", invalid="ignore"):
        npmi = np.where(count == big_n, 1.0, pmi / -np.log(count / big_n))
    observed = [count, n_a - count, n_b - count, big_n - n_a - n_b + count]
    expect = [
        expected,
        n_a * (big_n - n_b) / big_n,
        (big_n - n_a) * n_b / big_n,
        (big_n - n_a) * (big_n - n_b) / big_n,
    ]
    g2 = np.zeros_like(count)
    for o, e in zip(observed, expect, strict=True):
        # 0 * ln(0) = 0; E > 0 wherever O > 0.
        ratio = np.divide(o, e, out=np.ones_like(o), where=o > 0)
        g2 += o * np.log(ratio)
    g2 = np.maximum(2.0 * g2, 0.0)  # clip rounding noise below zero
    return {
        "expected": expected,
        "pmi": pmi,
        "npmi": npmi,
        "lift": count / expected,
        "g2": g2,
        "p_value": chi2.sf(g2, df=1),
    }


def _sort_pairs(pairs: pd.DataFrame, *, by: str | None) -> pd.DataFrame:
    keys = ["count", "npmi", "a", "b"]
    ascending = [False, False, True, True]
    if by is not None:
        keys, ascending = [by, *keys], [True, *ascending]
    return pairs.sort_values(keys, ascending=ascending, kind="mergesort").reset_index(drop=True)


def _empty_comention(by: str | None) -> pd.DataFrame:
    floats = dict.fromkeys(COMENTION_COLUMNS[3:], "float64")
    empty = _empty(COMENTION_COLUMNS, {"a": "str", "b": "str", "count": "int64", **floats})
    if by is not None:
        empty.insert(0, by, pd.Series(dtype=DATE if by in PERIODS else object))
    return empty


# --- helpers ----------------------------------------------------------------------------


def _stance_counts(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Claims per ``keys`` group, with one count column per stance; a claim without a
    stance counts as neutral, as in the plots, so the stance columns add up to ``claims``."""
    stance = rows["stance"].fillna("neutral").astype(str).str.strip().str.lower()
    stances = pd.get_dummies(stance).reindex(columns=list(STANCES), fill_value=0)
    counts = stances.astype(np.int64).groupby([rows[key] for key in keys], sort=False).sum()
    counts.insert(0, "claims", rows.groupby(keys, sort=False).size())
    return counts.reset_index()


def _most_frequent(rows: pd.DataFrame, column: str) -> pd.Series:
    """Each speaker's most frequent non-empty value of ``column`` (ties: alphabetical)."""
    present = rows[_present(rows[column])]
    counts = present.groupby(["speaker", column]).size().rename("n").reset_index()
    counts = counts.sort_values(["speaker", "n", column], ascending=[True, False, True])
    return counts.drop_duplicates("speaker").set_index("speaker")[column]


def _present(values: pd.Series) -> pd.Series:
    """True where a value is there: not null and not an empty string."""
    return values.notna() & (values.astype(object) != "")


def _empty(columns: list[str], dtypes: Mapping[str, str]) -> pd.DataFrame:
    """An empty table with ``columns``; those not in ``dtypes`` hold objects."""
    return pd.DataFrame({column: pd.Series(dtype=dtypes.get(column, object)) for column in columns})
