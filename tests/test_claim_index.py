"""The claim index answers as the pandas reference does: filters, speaker counts, co-mentions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit import plots
from toolkit.claim_index import ClaimIndex, Codes, ListCodes
from toolkit.stats import comention

SPEAKERS = ["Kim Jong Un", "Park Jin", "Ali Baraka", "Blinken", "", None]
STANCE_VALUES = ["support", "oppose", "neutral", None, "unsure"]
ENTITIES = ["North Korea", "Russia", "China", "Japan", "Hamas", "Israel", "US", "", None]


def random_claims(n: int, seed: int) -> pd.DataFrame:
    """Claims with every awkward cell: missing and empty values, repeats, arrays, no date."""
    rng = np.random.default_rng(seed)

    def pick(values: list, size: int) -> list:
        return [values[i] for i in rng.integers(0, len(values), size)]

    entities = [pick(ENTITIES, int(rng.integers(0, 5))) for _ in range(n)]
    entities = [
        np.array(cell, dtype=object) if i % 3 == 0 else cell for i, cell in enumerate(entities)
    ]
    dates = pd.to_datetime(pick(["2023-01-02 00:00", "2023-02-03 10:00", None], n))
    return pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(n)],
            "doc_id": [f"d{i // 4}" for i in range(n)],
            "speaker": pick(SPEAKERS, n),
            "stance": pick(STANCE_VALUES, n),
            "target": pick(["Russia", "Hamas", None], n),
            "topics": [
                pick(["cyber", "sanctions", "alliances"], int(rng.integers(0, 3))) for _ in range(n)
            ],
            "entities": entities,
            "date": dates,
            "quote": pick(["North Korea must stop", "We ÄGREE", "no comment", None], n),
        }
    )


MASKS = [
    {},
    {"stances": ["oppose"]},
    {"speakers": ["Park Jin", "Blinken"]},
    {"topics": ["cyber"]},
    {"targets": ["Hamas"], "text": "agree"},
    {"date_range": ("2023-02-01", None)},
    {"speakers": ["Nobody"]},
]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("filters", MASKS)
@pytest.mark.parametrize("top", [2, 15])
def test_speaker_stance_is_the_table_of_the_filtered_claims(seed, filters, top):
    claims = random_claims(300, seed)
    index = ClaimIndex(claims)
    keep = index.mask(**filters)
    expected = plots.speaker_stance_table(claims[keep], top=top)
    pd.testing.assert_frame_equal(index.speaker_stance(keep, top=top), expected)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("filters", MASKS)
@pytest.mark.parametrize("top", [3, 25])
def test_comention_matrix_is_that_of_the_filtered_claims(seed, filters, top):
    claims = random_claims(300, seed)
    index = ClaimIndex(claims)
    keep = index.mask(**filters)
    pairs = comention(claims[keep], unit="claim")
    matrix = index.comention_matrix(keep, top=top)
    if pairs.empty:
        assert matrix.empty
        return
    expected = plots.comention_matrix(pairs, value="npmi", top=top)
    pd.testing.assert_frame_equal(plots.cluster_matrix(matrix, value="npmi"), expected)


def reference_mask(claims: pd.DataFrame, filters: dict) -> np.ndarray:
    """The filters spelt out in pandas, one by one."""
    keep = pd.Series(True, index=claims.index)
    for column, key in (("speaker", "speakers"), ("stance", "stances"), ("target", "targets")):
        if filters.get(key):
            keep &= claims[column].isin(filters[key])
    if filters.get("topics"):
        keep &= claims["topics"].map(lambda topics: bool(set(topics) & set(filters["topics"])))
    if "date_range" in filters:
        start = pd.Timestamp(filters["date_range"][0])
        keep &= claims["date"].dt.normalize() >= start
    if filters.get("text"):
        needle = filters["text"].casefold()
        keep &= claims["quote"].map(
            lambda quote: isinstance(quote, str) and needle in quote.casefold()
        )
    return keep.to_numpy()


@pytest.mark.parametrize("filters", MASKS)
def test_mask_is_the_filters_spelt_out(filters):
    claims = random_claims(300, 0)
    np.testing.assert_array_equal(
        ClaimIndex(claims).mask(**filters), reference_mask(claims, filters)
    )


def test_counts_of_distinct_values():
    claims = random_claims(200, 0)
    index = ClaimIndex(claims)
    keep = index.mask(stances=["oppose"])
    assert index.count("speaker", keep) == claims.loc[keep, "speaker"].nunique()
    assert index.count("doc_id", keep) == claims.loc[keep, "doc_id"].nunique()


def test_codes_and_list_codes_keep_missing_values_out():
    codes = Codes.of(pd.Series(["b", None, "a", "b"]))
    assert codes.labels.tolist() == ["a", "b"]
    assert codes.isin({"b"}).tolist() == [True, False, False, True]
    lists = ListCodes.of(pd.Series([["x", None, "x"], None, "y", np.array(["y", "x"])]))
    assert lists.labels.tolist() == ["x", "y"]
    assert lists.matrix.toarray().tolist() == [[1, 0], [0, 0], [0, 1], [1, 1]]
    assert lists.any_of({"y", "z"}).tolist() == [False, False, True, True]


def test_columns_are_coded_on_first_use():
    index = ClaimIndex(pd.DataFrame({"speaker": ["A"]}))  # no other column
    assert index.mask(speakers=["A"]).tolist() == [True]
    with pytest.raises(KeyError):
        index.mask(topics=["cyber"])
