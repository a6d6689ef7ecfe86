"""Tests of the claim metric: hand-built gold and predictions with hand-computed scores."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.evaluation import (
    MATCH_COLUMNS,
    check_speaker,
    evaluate,
    format_report,
    gold_targets,
    load_gold,
    looks_like_person,
    macro_f1,
    match_claims,
    normalize_speaker,
    score_overlap,
    tokenize,
)

QUOTE_A = "North Korea could attack the United States over the war in Gaza"
QUOTE_B = "We are closely following the situation in the Middle East"
QUOTE_C = "Hamas is using various North Korean weapons"


def make_claims(*rows: dict) -> pd.DataFrame:
    """Build a claims table (gold or predicted) with one document ``d`` by default."""
    return pd.DataFrame([{"doc_id": "d"} | row for row in rows])


@pytest.fixture
def gold() -> pd.DataFrame:
    return make_claims(
        {
            "quote": QUOTE_A,
            "speaker": "Ali Baraka",
            "speaker_aliases": ["Hamas official"],
            "kind": "indirect",
            "stance": "support",
            "topics": ["military_threat", "israel_gaza"],
        },
        {
            "quote": QUOTE_B,
            "speaker": "Park Jin-in",
            "kind": "direct",
            "stance": "neutral",
            "topics": ["israel_gaza"],
        },
        {
            "quote": QUOTE_C,
            "speaker": "South Korean military",
            "kind": "mixed",
            "stance": "oppose",
            "topics": ["arms_trade"],
        },
    )


def test_perfect_prediction_scores_one(gold):
    scores = evaluate(gold, gold)
    for key in ("claim_f1", "e2e_f1", "speaker_accuracy", "kind_accuracy", "stance_macro_f1"):
        assert scores[key] == 1.0
    assert scores["topic_f1"] == 1.0
    assert scores["n_gold"] == scores["n_pred"] == scores["n_matched"] == 3


# --- tokens and overlap ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text,tokens",
    [
        ("O’Hanlon said", ["ohanlon", "said"]),
        ("O'Hanlon said", ["ohanlon", "said"]),
        ("“It’s 2 p.m.,” he said", ["its", "2", "p", "m", "he", "said"]),
        ("Jin-in's NEWS_desk", ["jin", "ins", "news", "desk"]),
        ("", []),
        (None, []),
    ],
)
def test_tokenize(text, tokens):
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    "pred,gold,expected",
    [
        ("a b c d", "a b c d", 1.0),
        ("a b x y", "a b c d", 0.5),
        ("war now", "the war in Gaza", 0.5),  # 1 shared / min(2, 4)
        ("war now then", "the war in Gaza", 1 / 3),
        ("a a b", "a c", 0.5),  # multisets: one "a" is shared
        ("a a", "a a b", 1.0),
        ("a", "", 0.0),
        ("...", "a", 0.0),
    ],
)
def test_score_overlap(pred, gold, expected):
    assert score_overlap(pred, gold) == pytest.approx(expected)


def test_half_overlapping_pair_matches():
    gold = make_claims({"quote": "alpha beta gamma delta", "speaker": "Ann"})
    pred = make_claims({"quote": "alpha beta omega sigma", "speaker": "Ann"})
    matches = match_claims(gold, pred)
    assert matches["status"].tolist() == ["match"]
    assert matches.loc[0, "overlap"] == 0.5
    assert evaluate(gold, pred)["claim_f1"] == 1.0


@pytest.mark.parametrize(
    "pred_quote,n_matched", [("war now", 1), ("war now then", 0), ("the war in Gaza", 1)]
)
def test_overlap_threshold_is_inclusive(pred_quote, n_matched):
    gold = make_claims({"quote": "the war in Gaza"})
    pred = make_claims({"quote": pred_quote})
    assert evaluate(gold, pred)["n_matched"] == n_matched


def test_claims_match_only_within_their_document():
    gold = make_claims({"doc_id": "a", "quote": QUOTE_A}, {"doc_id": "b", "quote": QUOTE_B})
    pred = make_claims({"doc_id": "b", "quote": QUOTE_A}, {"doc_id": "a", "quote": QUOTE_B})
    assert evaluate(gold, pred)["n_matched"] == 0


# --- one-to-one pairing ---------------------------------------------------------------


def test_two_predictions_on_one_gold_give_one_match():
    gold = make_claims({"quote": QUOTE_A})
    pred = make_claims({"quote": QUOTE_A}, {"quote": QUOTE_A})
    scores = evaluate(gold, pred)
    assert scores["n_matched"] == 1
    assert scores["claim_precision"] == 0.5
    assert scores["claim_recall"] == 1.0
    assert scores["claim_f1"] == pytest.approx(2 / 3)


def test_one_prediction_on_two_gold_gives_one_match():
    gold = make_claims({"quote": QUOTE_A}, {"quote": QUOTE_A})
    pred = make_claims({"quote": QUOTE_A})
    scores = evaluate(gold, pred)
    assert scores["n_matched"] == 1
    assert scores["claim_precision"] == 1.0
    assert scores["claim_recall"] == 0.5


def test_best_overlap_pairs_first():
    gold = make_claims({"quote": "a b c d"})
    pred = make_claims({"quote": "a b c q"}, {"quote": "a b c d"})
    matches = match_claims(gold, pred)
    matched = matches[matches["status"] == "match"]
    assert matched["pred_row"].tolist() == [1]
    spurious = matches[matches["status"] == "spurious"]
    assert spurious["pred_row"].tolist() == [0]
    assert spurious["best_overlap"].tolist() == [0.75]


def test_ties_go_to_closer_length_then_closer_offsets():
    gold = make_claims(
        {"quote": "a b", "start": 10},
        {"quote": "a b c d", "start": 50},
        {"quote": "a b", "start": 90},
    )
    pred = make_claims(
        {"quote": "a b", "start": 90},
        {"quote": "a b c d", "start": 0},
        {"quote": "a b", "start": 10},
    )
    matches = match_claims(gold, pred).set_index("gold_row")
    assert matches.loc[0, "pred_row"] == 2  # same start offset
    assert matches.loc[1, "pred_row"] == 1  # same length wins over any "a b"
    assert matches.loc[2, "pred_row"] == 0


# --- optional gold --------------------------------------------------------------------


@pytest.fixture
def gold_with_optional() -> pd.DataFrame:
    return make_claims(
        {"quote": QUOTE_A, "speaker": "Ali Baraka"},
        {"quote": QUOTE_B, "speaker": "Park Jin-in", "optional": True},
    )


@pytest.mark.parametrize("predict_optional", [True, False])
def test_optional_gold_is_neither_rewarded_nor_punished(gold_with_optional, predict_optional):
    pred = gold_with_optional[["doc_id", "quote", "speaker"]]
    if not predict_optional:
        pred = pred.iloc[:1]
    scores = evaluate(gold_with_optional, pred)
    assert scores["n_gold"] == 1
    assert scores["n_pred_ignored"] == int(predict_optional)
    assert scores["claim_precision"] == scores["claim_recall"] == scores["claim_f1"] == 1.0
    assert scores["e2e_f1"] == 1.0


def test_only_optional_predicted(gold_with_optional):
    scores = evaluate(gold_with_optional, gold_with_optional.iloc[1:])
    assert scores["claim_precision"] is None
    assert scores["claim_recall"] == 0.0
    assert scores["claim_f1"] == 0.0


# --- speakers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pred,speaker,aliases,expected",
    [
        ("Ali Baraka", "Ali Baraka", [], True),
        ("ali baraka.", "Ali Baraka", [], True),
        ("the Israeli military", "Israeli military", [], True),
        ("The Wall Street Journal", "Wall Street Journal", [], True),
        ("South Korea’s military", "South Korea's military", [], True),
        ("WSJ", "Wall Street Journal", ["WSJ"], True),
        ("Hamas official", "Ali Baraka", ["senior Hamas official", "Hamas official"], True),
        ("O'Hanlon", "Michael O’Hanlon", [], True),  # surname, other apostrophe
        ("Cronin", "Patrick M. Cronin", [], True),
        ("King", "Martin Luther King Jr.", [], True),
        ("Davies", "Christian Davis", ["Christian Davies"], True),  # an alias's surname
        ("Michael", "Michael O’Hanlon", [], False),  # a first name is not enough
        ("Korea", "North Korea", [], False),  # a place, not a person
        ("Journal", "Wall Street Journal", [], False),
        ("military", "South Korean military", [], False),
        ("Ali Baraka", "Park Jin-in", [], False),
        ("", "Ali Baraka", [], False),
        (None, "Ali Baraka", [], False),
    ],
)
def test_check_speaker(pred, speaker, aliases, expected):
    assert check_speaker(pred, speaker, aliases) is expected


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Michael O’Hanlon", True),
        ("Park Jin-in", True),
        ("Gregory W. Meeks", True),
        ("Bashar al-Assad", True),
        ("Ursula von der Leyen", True),
        ("Baraka", False),  # one word: nothing to shorten
        ("National Intelligence Service", False),
        ("Infosecurity Magazine", False),
        ("US Army", False),
        ("South Korean military", False),
        ("a source", False),
        (None, False),
    ],
)
def test_looks_like_person(name, expected):
    assert looks_like_person(name) is expected


def test_normalize_speaker_drops_only_a_leading_the():
    assert normalize_speaker("The Other Side") == "other side"
    assert normalize_speaker("Theresa May") == "theresa may"


def test_speaker_accuracy_and_end_to_end(gold):
    pred = gold.assign(speaker=["Baraka", "Blinken", "the South Korean military"])
    pred = pd.concat([pred, make_claims({"quote": "something else entirely"})])
    scores = evaluate(gold, pred)
    assert scores["speaker_accuracy"] == pytest.approx(2 / 3)
    assert scores["e2e_precision"] == pytest.approx(2 / 4)
    assert scores["e2e_recall"] == pytest.approx(2 / 3)
    assert scores["e2e_f1"] == pytest.approx(2 * 2 / (4 + 3))
    assert scores["claim_f1"] == pytest.approx(2 * 3 / (4 + 3))


# --- kind, stance, topics -------------------------------------------------------------


def test_kind_accuracy_and_recall_by_kind(gold):
    gold = pd.concat([gold, make_claims({"quote": "a claim nobody found", "kind": "indirect"})])
    pred = gold.iloc[:3].assign(kind=["direct", "direct", "mixed"])
    scores = evaluate(gold, pred)
    assert scores["kind_accuracy"] == pytest.approx(2 / 3)
    assert scores["recall_direct"] == 1.0
    assert scores["recall_indirect"] == 0.5
    assert scores["recall_mixed"] == 1.0
    assert scores["n_gold_indirect"] == 2


def test_stance_macro_f1_by_hand():
    stances = [
        ("support", "support"),
        ("support", "oppose"),
        ("oppose", "oppose"),
        ("neutral", "oppose"),
        ("oppose", "neutral"),
    ]
    quotes = [f"claim number {i}" for i in range(8)]
    gold_rows = [{"quote": q, "stance": g} for q, (g, _) in zip(quotes, stances, strict=False)]
    pred_rows = [{"quote": q, "stance": p} for q, (_, p) in zip(quotes, stances, strict=False)]
    # left out: ambiguous gold, no predicted stance, no gold stance
    gold_rows += [
        {"quote": quotes[5], "stance": "support", "stance_ambiguous": True},
        {"quote": quotes[6], "stance": "support"},
        {"quote": quotes[7], "stance": None},
    ]
    pred_rows += [
        {"quote": quotes[5], "stance": "oppose"},
        {"quote": quotes[6], "stance": None},
        {"quote": quotes[7], "stance": "oppose"},
    ]
    scores = evaluate(make_claims(*gold_rows), make_claims(*pred_rows))
    # support: F1 2/3; oppose: tp 1, fp 2, fn 1 -> 2/5; neutral: 0
    assert scores["n_stance"] == 5
    assert scores["stance_accuracy"] == pytest.approx(2 / 5)
    assert scores["stance_macro_f1"] == pytest.approx((2 / 3 + 2 / 5 + 0) / 3)


@pytest.mark.parametrize(
    "gold,pred,expected",
    [
        (["support"], ["support"], 1.0),  # absent classes are not averaged in
        (["support", "support"], ["support", "oppose"], (2 / 3 + 0) / 2),  # class only in pred
        (["support"], ["positive"], 0.0),  # unknown label: a miss
        ([], [], None),
    ],
)
def test_macro_f1(gold, pred, expected):
    assert macro_f1(gold, pred, classes=("support", "oppose", "neutral")) == expected


def test_topic_micro_f1_by_hand():
    gold = make_claims(
        {"quote": "claim one", "topics": ["alliances", "sanctions"]},
        {"quote": "claim two", "topics": ["cyber"]},
        {"quote": "claim three", "topics": []},
        {"quote": "claim four"},  # no topics field: not scored
        {"quote": "claim five", "topics": ["cyber"]},
    )
    pred = make_claims(
        {"quote": "claim one", "topics": np.array(["alliances"])},
        {"quote": "claim two", "topics": ["cyber", "arms_trade"]},
        {"quote": "claim three", "topics": ["alliances"]},
        {"quote": "claim four", "topics": ["cyber"]},
        {"quote": "claim five", "topics": None},  # predicted no topic
    )
    scores = evaluate(gold, pred)
    # tp = 1 + 1 = 2; fp = 1 (two) + 1 (three) = 2; fn = 1 (one) + 1 (five) = 2
    assert scores["n_topic"] == 4
    assert scores["topic_f1"] == pytest.approx(2 * 2 / (2 * 2 + 2 + 2))


def test_missing_prediction_columns_give_none(gold):
    scores = evaluate(gold, gold[["doc_id", "quote"]])
    assert scores["claim_f1"] == 1.0
    for key in ("speaker_accuracy", "e2e_f1", "kind_accuracy", "stance_macro_f1", "topic_f1"):
        assert scores[key] is None
    json.dumps(scores, allow_nan=False)


def test_prediction_without_quote_column_raises(gold):
    with pytest.raises(ValueError, match=r"\[E011\].*'quote'"):
        evaluate(gold, gold[["doc_id", "speaker"]])


def test_predictions_on_other_documents_are_left_out(gold):
    pred = pd.concat([gold, make_claims({"doc_id": "elsewhere", "quote": "x"})])
    scores = evaluate(gold, pred)
    assert scores["claim_precision"] == 1.0
    assert scores["n_pred_other_docs"] == 1
    assert evaluate(gold, pred, only_gold_docs=False)["claim_precision"] == 0.75


# --- the match table and the report ---------------------------------------------------


def test_match_table_lists_gold_and_unmatched_predictions(gold):
    pred = make_claims(
        {"quote": QUOTE_A, "speaker": "Baraka"},
        {"quote": "the weather is fine", "speaker": "Ann"},
    )
    matches = match_claims(gold, pred)
    assert list(matches.columns) == MATCH_COLUMNS
    assert matches["status"].tolist() == ["match", "missed", "missed", "spurious"]
    assert matches["gold_row"].tolist()[:3] == [0, 1, 2]
    assert matches["speaker_ok"].tolist()[0] is True
    assert matches["speaker_ok"].isna().tolist() == [False, True, True, True]
    assert matches.loc[3, "pred_quote"] == "the weather is fine"


def test_format_report():
    report = format_report({"n_gold": 12, "claim_f1": 2 / 3, "topic_f1": None})
    lines = report.splitlines()
    assert lines[0].split() == ["metric", "value"]
    assert lines[2].split() == ["n_gold", "12"]
    assert lines[3].split() == ["claim_f1", "0.667"]
    assert lines[4].split() == ["topic_f1", "-"]


# --- reading gold ---------------------------------------------------------------------


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_gold_fills_missing_fields(tmp_path):
    path = write_lines(tmp_path / "gold.jsonl", ['{"doc_id": "d", "quote": "We will win"}', ""])
    gold = load_gold(path)
    row = gold.iloc[0]
    assert len(gold) == 1
    assert row["speaker"] is None and row["stance"] is None and row["topics"] is None
    assert row["speaker_aliases"] == []
    assert gold["optional"].dtype == bool and not row["optional"] and not row["stance_ambiguous"]
    assert pd.isna(row["start"])


@pytest.mark.parametrize(
    "bad_line",
    [
        '{"doc_id": "d", "quote": "x"',
        '["d", "x"]',
        '{"doc_id": "d"}',
        '{"doc_id": "d", "quote": "x", "kind": "quoted"}',
        '{"doc_id": "d", "quote": "x", "topics": "cyber"}',
        '{"doc_id": "d", "quote": "x", "start": "12"}',
        '{"doc_id": "d", "quote": "x", "optional": "yes"}',
    ],
)
def test_bad_gold_line_raises_naming_file_and_line(tmp_path, bad_line):
    path = write_lines(tmp_path / "bad.jsonl", ['{"doc_id": "d", "quote": "fine"}', bad_line])
    with pytest.raises(ValueError, match=r"\[E006\].*bad\.jsonl.*line 2"):
        load_gold(path)


def test_load_gold_missing_file_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"\[E001\]"):
        load_gold(tmp_path / "absent.jsonl")


# --- the shared gold ------------------------------------------------------------------


@pytest.mark.shared
def test_seed_gold_against_itself_is_perfect(shared_dir):
    gold = load_gold(shared_dir / "gold" / "seed.jsonl")
    scores = evaluate(gold, gold)
    assert scores["claim_f1"] == 1.0
    assert scores["e2e_f1"] == 1.0
    assert scores["n_pred_ignored"] == int(gold["optional"].sum())


@pytest.mark.shared
def test_load_polnear_dev_gold(shared_dir):
    from conftest import require_shared

    gold = load_gold(require_shared("polnear", "dev", "gold.jsonl"))
    assert len(gold) > 1000
    assert gold["topics"].isna().all()  # PolNeAR has no topics: left out of topic scoring
    assert gold["optional"].any()


@pytest.mark.parametrize(
    ("pred", "speaker", "aliases", "expected"),
    [
        ("Tom Clarke", "Clarke", ["Mr. Clarke"], True),  # gold keeps the name as written
        ("Tom Clarke", "Cruz", [], False),
        ("Wall Street Journal", "Journal", [], False),  # not a person's name
    ],
)
def test_surname_counts_either_way(pred, speaker, aliases, expected):
    from toolkit.evaluation import check_speaker

    assert check_speaker(pred, speaker, aliases) is expected


def test_gold_targets_gives_each_document_its_most_frequent_target():
    gold = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b", "c"],
            "target": ["Russia", " Russia", "Ukraine", None, ""],
        }
    )
    assert gold_targets(gold) == {"a": "Russia"}
    assert gold_targets(gold.drop(columns="target")) == {}
