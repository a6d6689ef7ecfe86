"""One name per person across a corpus: the variants merged, the distinct people kept apart."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import toolkit as tk
from toolkit.cli import main
from toolkit.entities.people import people_counts, people_only, person_names, unify_people


def test_case_variants_take_the_mixed_case_form_written_most():
    counts = {"DONALD TRUMP": 5, "Barack Obama": 3, "BARACK Obama": 1, "barack obama": 4}
    assert person_names(counts) == {
        "DONALD TRUMP": "Donald Trump",  # the gazetteer's person
        "BARACK Obama": "Barack Obama",
        "barack obama": "Barack Obama",
    }


def test_a_middle_initial_joins_the_form_written_most():
    counts = {"Rex Tillerson": 5, "Rex W. Tillerson": 2, "Susan E. Rice": 4, "Susan Rice": 1}
    assert person_names(counts) == {
        "Rex W. Tillerson": "Rex Tillerson",
        "Susan Rice": "Susan E. Rice",
    }


def test_two_different_middles_are_two_people():
    counts = {"George W. Bush": 5, "George H.W. Bush": 3, "George H. W. Bush": 2, "George Bush": 1}
    assert person_names(counts) == {"George H. W. Bush": "George H.W. Bush"}


def test_the_gazetteer_names_the_people_it_lists():
    assert person_names({"Hillary Rodham Clinton": 7, "Kim Jong-un": 2}) == {
        "Hillary Rodham Clinton": "Hillary Clinton",
        "Kim Jong-un": "Kim Jong Un",
    }


@pytest.mark.parametrize(
    ("ivanka", "expected"),
    [(1, {"Tillerson": "Rex Tillerson"}), (3, {})],  # 8 of 9 full names; 8 of 11: below 0.8
)
def test_a_lone_surname_takes_a_full_name_only_when_it_dominates(ivanka, expected):
    counts = {"Rex Tillerson": 8, "Tillerson": 2, "Ivanka Tillerson": ivanka}
    assert person_names(counts) == expected


def test_only_people_are_renamed_in_claims_and_mentions():
    claims = pd.DataFrame(
        {
            "speaker": ["Rex W. Tillerson", "Rex Tillerson", "Jordan", "Jordan"],
            "speaker_type": ["person", "person", "government", "person"],
            "entities": [["Jordan"], ["Rex W. Tillerson", "Rex Tillerson"], [], []],
        }
    )
    mentions = pd.DataFrame(
        {
            "entity": [
                "Rex W. Tillerson",
                "Rex Tillerson",
                "Rex Tillerson",
                "Jordan",
                "Michael Jordan",
            ],
            "entity_type": ["person", "person", "person", "country", "person"],
        }
    )
    names = person_names(people_counts(claims, mentions))
    assert names == {"Rex W. Tillerson": "Rex Tillerson", "Jordan": "Michael Jordan"}
    unified = unify_people(claims, names)
    assert unified["speaker"].tolist() == [
        "Rex Tillerson",
        "Rex Tillerson",
        "Jordan",
        "Michael Jordan",
    ]
    assert unified["entities"].tolist() == [["Jordan"], ["Rex Tillerson"], [], []]
    assert unify_people(mentions, names)["entity"].tolist() == [
        "Rex Tillerson",
        "Rex Tillerson",
        "Rex Tillerson",
        "Jordan",
        "Michael Jordan",
    ]
    assert claims["speaker"].iloc[0] == "Rex W. Tillerson"  # the input is left as it was


def test_descriptions_of_people_are_no_names_to_merge():
    claims = pd.DataFrame(
        {
            "speaker": [
                "official",
                "senior official",
                "senior official",
                "Bashar al-Assad",
                "Assad",
            ],
            "speaker_type": ["person"] * 5,
        }
    )
    unified = unify_people(claims)["speaker"].tolist()
    assert unified == ["official", "senior official", "senior official"] + ["Bashar al-Assad"] * 2


def test_a_table_without_names_is_a_clear_error():
    with pytest.raises(ValueError, match="unify_people"):
        unify_people(pd.DataFrame({"quote": ["x"]}))
    with pytest.raises(ValueError, match="people_only"):
        people_only(pd.DataFrame({"entity": ["x"]}))


def test_missing_entity_lists_stay_missing():
    claims = pd.DataFrame(
        {"speaker": ["Rex W. Tillerson"], "speaker_type": ["person"], "entities": [pd.NA]}
    )
    assert unify_people(claims, {"Rex W. Tillerson": "Rex Tillerson"})["entities"].isna().all()


ARTICLES = {
    "a": "Rex W. Tillerson said the talks would resume soon.\n",
    "b": "Rex Tillerson said the sanctions would stay.\n",
    "c": "Rex Tillerson said the embassy would reopen.\n",
}


@pytest.fixture
def folder(tmp_path):
    for doc_id, text in ARTICLES.items():
        (tmp_path / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_corpus_gives_each_person_one_name_unless_told_not_to(folder):
    corpus = tk.process_corpus(folder, cache=False)
    assert set(corpus.claims["speaker"]) == {"Rex Tillerson"}
    assert set(corpus.mentions.loc[corpus.mentions["entity_type"] == "person", "entity"]) == {
        "Rex Tillerson"
    }
    articles = tk.read_corpus(folder)
    own = tk.extract_claims(articles, one_name_per_person=False)
    assert dict(zip(own["doc_id"], own["speaker"], strict=True))["a"] == "Rex W. Tillerson"
    assert set(tk.extract_claims(articles)["speaker"]) == {"Rex Tillerson"}
    mentions = tk.extract_mentions(articles)
    assert set(mentions.loc[mentions["text"].str.startswith("Rex"), "entity"]) == {"Rex Tillerson"}


def test_eval_scores_each_articles_own_name(folder, tmp_path, capsys):
    records = []
    for doc_id, text in ARTICLES.items():
        quote = text.split(" said ")[1].rstrip(".\n")
        start = text.index(quote)
        speaker = text.split(" said ")[0]
        records.append({"doc_id": doc_id, "start": start, "end": start + len(quote),
                        "quote": quote, "kind": "indirect", "speaker": speaker, "cue": "said"})  # fmt: skip
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    command = ["eval", str(gold), "--corpus", str(folder), "--json", "--quiet", "--no-cache"]
    assert main(command) == 0
    scores = json.loads(capsys.readouterr().out)
    assert (scores["claim_f1"], scores["speaker_accuracy"]) == (1.0, 1.0)


def test_a_lone_surname_in_entities_is_renamed_only_where_mentions_say_it_is_a_person():
    claims = pd.DataFrame(
        {
            "speaker": ["Rex Tillerson", "John Kerry"],
            "speaker_type": ["person", "person"],
            "entities": [[], ["Tillerson", "Jordan"]],
        }
    )
    mentions = pd.DataFrame(
        {
            "entity": ["Rex Tillerson", "Tillerson", "Jordan", "Michael Jordan", "Jordan"],
            "entity_type": ["person", "person", "person", "person", "country"],
        }
    )
    names = person_names(people_counts(claims, mentions))
    assert names == {"Tillerson": "Rex Tillerson", "Jordan": "Michael Jordan"}
    unified = unify_people(claims, names, people=people_only(mentions))
    assert unified["entities"].tolist() == [[], ["Rex Tillerson", "Jordan"]]
