"""Co-mention measures, speaker tables and disagreements on small hand-made tables.

Every expected number is worked out by hand in the test from its contingency table,
so a failure says which measure drifted.
"""

from __future__ import annotations

from math import erfc, log, sqrt

import pandas as pd
import pytest

from toolkit.schema import CLAIM_COLUMNS, COMENTION_COLUMNS, MENTION_COLUMNS
from toolkit.stats import (
    DISAGREEMENT_COLUMNS,
    SPEAKER_COLUMNS,
    SPEAKER_ENTITY_COLUMNS,
    comention,
    disagreements,
    speaker_entity,
    speakers,
)


def make_mentions(rows: list[tuple]) -> pd.DataFrame:
    """Mentions from ``(doc_id, sent, entity)`` rows; the other columns are filler."""
    frame = pd.DataFrame(rows, columns=["doc_id", "sent", "entity"])
    frame["start"] = range(len(frame))
    frame["end"] = frame["start"] + 1
    frame["text"] = frame["entity"]
    frame["label"] = "GPE"
    frame["entity_type"] = "country"
    return frame[MENTION_COLUMNS]


def make_claims(rows: list[dict]) -> pd.DataFrame:
    """Claims from dicts holding only the columns a test cares about."""
    frame = pd.DataFrame(rows).reindex(columns=CLAIM_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def p_value(g2: float) -> float:
    """Chi-square survival function with 1 dof, written without scipy."""
    return erfc(sqrt(g2 / 2))


# Four sentences (units) with entities: {A, B}, {A, B, C}, {A}, {C}; A is named twice in
# the first one and a mention without an entity leaves sentence d2/2 out of N.
MENTIONS = make_mentions(
    [
        ("d1", 0, "A"),
        ("d1", 0, "B"),
        ("d1", 0, "A"),
        ("d1", 1, "B"),
        ("d1", 1, "A"),
        ("d1", 1, "C"),
        ("d2", 0, "A"),
        ("d2", 1, "C"),
        ("d2", 2, None),
    ]
)


def test_comention_sentence_measures():
    pairs = comention(MENTIONS)
    assert list(pairs.columns) == COMENTION_COLUMNS
    assert list(zip(pairs["a"], pairs["b"], strict=True)) == [("A", "B"), ("B", "C"), ("A", "C")]
    ab, bc, ac = (row for _, row in pairs.iterrows())
    # N = 4, n_A = 3, n_B = 2, n_C = 2.
    # A-B: together in 2 sentences. 2x2 table O = [2, 1, 0, 1], E = [1.5, 1.5, 0.5, 0.5].
    g2_ab = 2 * (2 * log(2 / 1.5) + 1 * log(1 / 1.5) + 1 * log(1 / 0.5))  # 1.7261
    assert ab["count"] == 2
    assert ab["expected"] == pytest.approx(3 * 2 / 4)
    assert ab["pmi"] == pytest.approx(log(4 / 3))
    assert ab["npmi"] == pytest.approx(log(4 / 3) / log(2))
    assert ab["lift"] == pytest.approx(4 / 3)
    assert ab["g2"] == pytest.approx(g2_ab)
    assert ab["p_value"] == pytest.approx(p_value(g2_ab))  # 0.1888
    # B-C: together once, exactly as often as chance: O = E = [1, 1, 1, 1].
    assert bc["count"] == 1
    assert bc["expected"] == pytest.approx(1.0)
    assert bc[["pmi", "npmi", "g2"]].tolist() == pytest.approx([0.0, 0.0, 0.0])
    assert bc["lift"] == pytest.approx(1.0)
    assert bc["p_value"] == pytest.approx(1.0)
    # A-C: together once, less than chance. O = [1, 2, 1, 0], E = [1.5, 1.5, 0.5, 0.5].
    g2_ac = 2 * (1 * log(1 / 1.5) + 2 * log(2 / 1.5) + 1 * log(1 / 0.5))  # 1.7261
    assert ac["count"] == 1
    assert ac["expected"] == pytest.approx(1.5)
    assert ac["pmi"] == pytest.approx(log(2 / 3))
    assert ac["npmi"] == pytest.approx(log(2 / 3) / log(4))
    assert ac["lift"] == pytest.approx(2 / 3)
    assert ac["g2"] == pytest.approx(g2_ac)
    assert ac["p_value"] == pytest.approx(p_value(g2_ac))


def test_comention_counts_a_pair_once_per_unit():
    mentions = make_mentions([("d1", 0, "A"), ("d1", 0, "B"), ("d1", 0, "A"), ("d1", 0, "B")])
    pairs = comention(mentions)
    assert pairs[["a", "b", "count"]].to_dict("records") == [{"a": "A", "b": "B", "count": 1}]


def test_comention_orders_each_pair_alphabetically_and_drops_self_pairs():
    mentions = make_mentions([("d1", 0, "Zeta"), ("d1", 0, "Alpha"), ("d1", 0, "Zeta")])
    pairs = comention(mentions)
    assert pairs[["a", "b"]].values.tolist() == [["Alpha", "Zeta"]]


def test_comention_pair_in_every_unit_has_npmi_one():
    mentions = make_mentions([("d1", 0, "A"), ("d1", 0, "B"), ("d1", 1, "B"), ("d1", 1, "A")])
    row = comention(mentions).iloc[0]
    # N = n_A = n_B = count = 2: O = [2, 0, 0, 0] = E.
    assert row["count"] == 2
    assert row["expected"] == pytest.approx(2.0)
    assert row[["pmi", "npmi", "lift", "g2", "p_value"]].tolist() == pytest.approx(
        [0.0, 1.0, 1.0, 0.0, 1.0]
    )


def test_comention_article_unit():
    pairs = comention(MENTIONS, unit="article")
    # Articles: d1 = {A, B, C}, d2 = {A, C}. N = 2, n_A = 2, n_B = 1, n_C = 2.
    assert pairs[["a", "b", "count"]].values.tolist() == [
        ["A", "C", 2],
        ["A", "B", 1],
        ["B", "C", 1],
    ]
    ac, ab, bc = (row for _, row in pairs.iterrows())
    assert ac[["expected", "pmi", "npmi", "lift", "g2", "p_value"]].tolist() == pytest.approx(
        [2.0, 0.0, 1.0, 1.0, 0.0, 1.0]
    )
    # A-B: O = [1, 1, 0, 0], E = [1, 1, 0, 0]; pmi = ln(1 * 2 / (2 * 1)) = 0.
    for row in (ab, bc):
        assert row[["expected", "pmi", "npmi", "lift", "g2", "p_value"]].tolist() == pytest.approx(
            [1.0, 0.0, 0.0, 1.0, 0.0, 1.0]
        )


CLAIMS_WITH_ENTITIES = make_claims(
    [
        {"claim_id": "c1", "doc_id": "d1", "date": "2023-01-05", "entities": ["A", "B"]},
        {"claim_id": "c2", "doc_id": "d1", "date": "2023-01-05", "entities": ["A", "B", "A"]},
        {"claim_id": "c3", "doc_id": "d2", "date": "2023-02-07", "entities": ["C"]},
        {"claim_id": "c4", "doc_id": "d2", "date": "2023-02-07", "entities": []},
        {"claim_id": "c5", "doc_id": "d2", "date": "2023-02-07", "entities": None},
    ]
)


def test_comention_claim_unit():
    pairs = comention(CLAIMS_WITH_ENTITIES, unit="claim")
    # Claims with entities: {A, B}, {A, B}, {C}. N = 3, n_A = n_B = 2.
    # O = [2, 0, 0, 1], E = [4/3, 2/3, 2/3, 1/3]; pmi = ln(2 * 3 / 4) = -ln(2 / 3) so npmi = 1.
    g2 = 2 * (2 * log(2 / (4 / 3)) + 1 * log(1 / (1 / 3)))  # 3.8191
    assert len(pairs) == 1
    row = pairs.iloc[0]
    assert (row["a"], row["b"], row["count"]) == ("A", "B", 2)
    assert row[["expected", "pmi", "npmi", "lift", "g2", "p_value"]].tolist() == pytest.approx(
        [4 / 3, log(1.5), 1.0, 1.5, g2, p_value(g2)]
    )


def test_comention_claim_unit_accepts_mentions_with_claim_id():
    exploded = CLAIMS_WITH_ENTITIES[["claim_id", "entities"]].explode("entities")
    mentions = exploded.rename(columns={"entities": "entity"})
    from_mentions = comention(mentions, unit="claim")
    pd.testing.assert_frame_equal(from_mentions, comention(CLAIMS_WITH_ENTITIES, unit="claim"))


def test_comention_min_count():
    pairs = comention(MENTIONS, min_count=2)
    assert pairs[["a", "b", "count"]].values.tolist() == [["A", "B", 2]]


# d3 adds a February sentence {A, C}; d1 is in January, d2 and d3 in February.
MONTH_MENTIONS = pd.concat(
    [MENTIONS, make_mentions([("d3", 0, "C"), ("d3", 0, "A")])], ignore_index=True
)
DOC_DATES = {"d1": "2023-01-15", "d2": "2023-02-03", "d3": "2023-02-20"}


@pytest.mark.parametrize(
    "how",
    ["series", "dict", "articles", "column"],
)
def test_comention_by_month(how):
    dates = pd.Series(pd.to_datetime(pd.Series(DOC_DATES)))
    if how == "series":
        pairs = comention(MONTH_MENTIONS, by="month", dates=dates)
    elif how == "dict":
        pairs = comention(MONTH_MENTIONS, by="month", dates=dict(DOC_DATES))
    elif how == "articles":
        articles = pd.DataFrame({"doc_id": dates.index, "date": dates.to_numpy(), "tag": "x"})
        pairs = comention(MONTH_MENTIONS, by="month", dates=articles)
    else:
        mentions = MONTH_MENTIONS.assign(date=MONTH_MENTIONS["doc_id"].map(dates))
        pairs = comention(mentions, by="month")
    assert list(pairs.columns) == ["month", *COMENTION_COLUMNS]
    january, february = pd.Timestamp("2023-01-01"), pd.Timestamp("2023-02-01")
    assert pairs[["month", "a", "b", "count"]].values.tolist() == [
        [january, "A", "B", 2],
        [january, "A", "C", 1],
        [january, "B", "C", 1],
        [february, "A", "C", 1],
    ]
    # January: {A, B}, {A, B, C}; N = 2 = count(A, B), so npmi = 1; A-C at chance.
    assert pairs["npmi"].iloc[:3].tolist() == pytest.approx([1.0, 0.0, 0.0])
    # February: {A}, {C}, {A, C}; N = 3, n_A = n_C = 2; O = [1, 1, 1, 0], E = [4/3, 2/3, 2/3, 1/3].
    feb = pairs.iloc[3]
    g2 = 2 * (1 * log(1 / (4 / 3)) + 2 * 1 * log(1 / (2 / 3)))  # 1.0465
    assert feb[["expected", "pmi", "npmi", "lift", "g2", "p_value"]].tolist() == pytest.approx(
        [4 / 3, log(3 / 4), log(3 / 4) / log(3), 3 / 4, g2, p_value(g2)]
    )


def test_comention_by_week_uses_the_claims_date_column():
    pairs = comention(CLAIMS_WITH_ENTITIES, unit="claim", by="week")
    # 2023-01-05 is a Thursday: its week starts on Monday 2023-01-02.
    assert pairs[["week", "a", "b", "count"]].values.tolist() == [
        [pd.Timestamp("2023-01-02"), "A", "B", 2]
    ]


def test_comention_by_a_list_column_or_a_missing_one_says_so():
    claims = CLAIMS_WITH_ENTITIES.assign(topics=[["cyber"]] * len(CLAIMS_WITH_ENTITIES))
    with pytest.raises(ValueError, match=r"E005.*'topics'.*not lists"):
        comention(claims, unit="claim", by="topics")
    with pytest.raises(ValueError, match=r"E011.*'nope'") as error:
        comention(claims, unit="claim", by="nope")
    assert "_unit" not in str(error.value)


def test_comention_by_a_column():
    pairs = comention(MENTIONS, by="doc_id")
    # d1's sentences {A, B}, {A, B, C}; d2's {A}, {C} hold no pair.
    assert pairs[["doc_id", "a", "b", "count"]].values.tolist() == [
        ["d1", "A", "B", 2],
        ["d1", "A", "C", 1],
        ["d1", "B", "C", 1],
    ]


@pytest.mark.parametrize(
    ("data", "by", "columns"),
    [
        (pd.DataFrame(columns=MENTION_COLUMNS), None, COMENTION_COLUMNS),
        (pd.DataFrame(), None, COMENTION_COLUMNS),
        (pd.DataFrame(columns=MENTION_COLUMNS), "month", ["month", *COMENTION_COLUMNS]),
        (make_mentions([("d1", 0, None), ("d1", 1, "A")]), None, COMENTION_COLUMNS),
        (make_mentions([("d1", 0, "A"), ("d1", 1, "B")]), "doc_id", ["doc_id", *COMENTION_COLUMNS]),
    ],
)
def test_comention_empty(data, by, columns):
    pairs = comention(data, by=by)
    assert pairs.empty
    assert list(pairs.columns) == columns


def test_comention_does_not_mutate_its_input():
    before = MONTH_MENTIONS.copy()
    comention(MONTH_MENTIONS, by="month", dates=DOC_DATES)
    pd.testing.assert_frame_equal(MONTH_MENTIONS, before)


def test_comention_unknown_unit():
    with pytest.raises(ValueError, match=r"\[E005\].*paragraph"):
        comention(MENTIONS, unit="paragraph")


def test_comention_missing_column():
    with pytest.raises(ValueError, match=r"\[E011\].*'sent'"):
        comention(MENTIONS.drop(columns="sent"))


def test_comention_by_month_without_dates():
    with pytest.raises(ValueError, match=r"\[E012\]"):
        comention(MENTIONS, by="month")


# --- speakers, speaker_entity, disagreements ----------------------------------------------


def test_speaker_entity():
    claims = make_claims(
        [
            {"claim_id": "c1", "speaker": "Kim", "stance": "oppose", "entities": ["US", "ROK"]},
            {"claim_id": "c2", "speaker": "Kim", "stance": "neutral", "entities": ["US", "US"]},
            {"claim_id": "c3", "speaker": "Blinken", "stance": "support", "entities": ["DPRK"]},
            {"claim_id": "c4", "speaker": None, "stance": "support", "entities": ["US"]},
            {"claim_id": "c5", "speaker": "Kim", "stance": "support", "entities": []},
        ]
    )
    table = speaker_entity(claims)
    assert list(table.columns) == SPEAKER_ENTITY_COLUMNS
    assert table.values.tolist() == [
        ["Kim", "US", 2, 0, 1, 1],
        ["Blinken", "DPRK", 1, 1, 0, 0],
        ["Kim", "ROK", 1, 0, 1, 0],
    ]
    assert speaker_entity(claims, min_count=2).values.tolist() == [["Kim", "US", 2, 0, 1, 1]]


SPEAKER_CLAIMS = make_claims(
    [
        {"speaker": "Kim", "speaker_role": "leader", "speaker_type": "person",
         "stance": "oppose", "topics": ["nuclear_missile", "sanctions"], "date": "2023-01-10"},
        {"speaker": "Kim", "speaker_role": "chairman", "speaker_type": "person",
         "stance": "oppose", "topics": ["sanctions"], "date": "2023-03-05"},
        {"speaker": "Kim", "speaker_role": "leader", "speaker_type": None,
         "stance": "neutral", "topics": [], "date": "2023-02-01"},
        {"speaker": "Zakharova", "speaker_role": "spokeswoman", "speaker_type": "government",
         "stance": "neutral", "topics": ["cyber"], "date": "2023-04-01"},
        {"speaker": "Zakharova", "speaker_role": "diplomat", "speaker_type": "government",
         "stance": "neutral", "topics": ["arms_trade"], "date": "2023-04-02"},
        {"speaker": "Blinken", "speaker_role": "secretary of state", "speaker_type": "person",
         "stance": "support", "topics": ["alliances"], "date": "2023-02-15"},
        {"speaker": "Blinken", "speaker_role": None, "speaker_type": "person",
         "stance": "support", "topics": ["alliances", "sanctions"], "date": "2023-02-20"},
        {"speaker": None, "speaker_role": "leader", "speaker_type": "person",
         "stance": "oppose", "topics": ["cyber"], "date": "2023-05-01"},
    ]
)  # fmt: skip


def test_speakers():
    table = speakers(SPEAKER_CLAIMS)
    assert list(table.columns) == SPEAKER_COLUMNS
    day = pd.Timestamp
    assert table.values.tolist() == [
        ["Kim", "leader", "person", 3, 0, 2, 1, ["sanctions", "nuclear_missile"],
         day("2023-01-10"), day("2023-03-05")],
        ["Blinken", "secretary of state", "person", 2, 2, 0, 0, ["alliances", "sanctions"],
         day("2023-02-15"), day("2023-02-20")],
        # Ties go to the first alphabetically: role "diplomat", topics arms_trade then cyber.
        ["Zakharova", "diplomat", "government", 2, 0, 0, 2, ["arms_trade", "cyber"],
         day("2023-04-01"), day("2023-04-02")],
    ]  # fmt: skip


def test_a_claim_without_a_stance_counts_as_neutral():
    claims = SPEAKER_CLAIMS.copy()
    claims["stance"] = [None, "OPPOSE", *claims["stance"].iloc[2:]]
    table = speakers(claims).set_index("speaker")
    counts = table[["support", "oppose", "neutral"]].sum(axis=1)
    assert (counts == table["claims"]).all()


def test_speakers_does_not_mutate_its_input():
    before = SPEAKER_CLAIMS.copy()
    speakers(SPEAKER_CLAIMS)
    pd.testing.assert_frame_equal(SPEAKER_CLAIMS, before)


DISPUTE_CLAIMS = make_claims(
    [
        {"claim_id": "c1", "speaker": "Blinken", "stance": "support", "target": "sanctions",
         "topics": ["sanctions", "nuclear_missile"], "quote": "q1", "date": "2023-01-01"},
        {"claim_id": "c2", "speaker": "Lavrov", "stance": "oppose", "target": "sanctions",
         "topics": ["sanctions"], "quote": "q2", "date": "2023-02-01"},
        {"claim_id": "c3", "speaker": "Kim", "stance": "oppose", "target": "sanctions",
         "topics": ["nuclear_missile", "sanctions"], "quote": "q3", "date": "2023-01-15"},
        # the same speaker never contradicts himself here
        {"claim_id": "c4", "speaker": "Blinken", "stance": "oppose", "target": "sanctions",
         "topics": ["sanctions"], "quote": "q4", "date": "2023-01-20"},
        # no opposite stance on this target; a neutral claim takes no side
        {"claim_id": "c5", "speaker": "Lavrov", "stance": "support", "target": "alliance",
         "topics": ["alliances"], "quote": "q5", "date": "2023-01-02"},
        {"claim_id": "c6", "speaker": "Wang", "stance": "neutral", "target": "sanctions",
         "topics": ["sanctions"], "quote": "q6", "date": "2023-01-03"},
        # same target, no shared topic
        {"claim_id": "c7", "speaker": "Austin", "stance": "support", "target": "drills",
         "topics": ["military_threat"], "quote": "q7", "date": "2023-01-04"},
        {"claim_id": "c8", "speaker": "Kim", "stance": "oppose", "target": "drills",
         "topics": ["alliances"], "quote": "q8", "date": "2023-01-05"},
        # the opposing claim comes first, so it is claim a
        {"claim_id": "c9", "speaker": "Kim", "stance": "oppose", "target": "talks",
         "topics": ["alliances"], "quote": "q9", "date": "2023-03-01"},
        {"claim_id": "c10", "speaker": "Yoon", "stance": "support", "target": "talks",
         "topics": ["alliances"], "quote": "q10", "date": "2023-04-01"},
    ]
)  # fmt: skip


def test_disagreements():
    table = disagreements(DISPUTE_CLAIMS)
    assert list(table.columns) == DISAGREEMENT_COLUMNS
    day = pd.Timestamp
    assert table.values.tolist() == [
        ["sanctions", ["nuclear_missile", "sanctions"], 2,
         "Blinken", "support", "q1", "c1", day("2023-01-01"),
         "Kim", "oppose", "q3", "c3", day("2023-01-15")],
        ["talks", ["alliances"], 1,
         "Kim", "oppose", "q9", "c9", day("2023-03-01"),
         "Yoon", "support", "q10", "c10", day("2023-04-01")],
        ["sanctions", ["sanctions"], 1,
         "Blinken", "support", "q1", "c1", day("2023-01-01"),
         "Lavrov", "oppose", "q2", "c2", day("2023-02-01")],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("func", "columns"),
    [
        (speakers, SPEAKER_COLUMNS),
        (speaker_entity, SPEAKER_ENTITY_COLUMNS),
        (disagreements, DISAGREEMENT_COLUMNS),
    ],
)
def test_claim_tables_on_empty_claims(func, columns):
    table = func(pd.DataFrame(columns=CLAIM_COLUMNS))
    assert table.empty
    assert list(table.columns) == columns


def test_disagreements_missing_column():
    with pytest.raises(ValueError, match=r"\[E011\].*'target'"):
        disagreements(DISPUTE_CLAIMS.drop(columns="target"))
