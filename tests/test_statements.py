"""One claim per statement: join_quotes on claims tables."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit as tk
from toolkit.statements import join_quotes


def statements(text: str, **options) -> list[tuple[str, str, str]]:
    claims = tk.extract_claims([f"Talks\n\n{text}\n"], join_quotes=True, **options)
    return list(zip(claims["quote"], claims["kind"], claims["speaker"], strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the cue's clause between two quotations: one statement
            "“We are ready,” Kim said. “We will not wait.”",
            [("We are ready,” Kim said. “We will not wait.", "direct", "Kim")],
        ),
        (  # the cue inside one sentence
            "“We are ready,” Kim said, “and we will not wait.”",
            [("We are ready,” Kim said, “and we will not wait.", "direct", "Kim")],
        ),
        (  # three in a row
            "“We are ready,” Kim said. “We will not wait.” “The talks are over.”",
            [
                (
                    "We are ready,” Kim said. “We will not wait.” “The talks are over.",
                    "direct",
                    "Kim",
                )
            ],
        ),
        (  # a paraphrase before a quotation stays apart
            "Kim said the talks had failed. “We will not wait.”",
            [("the talks had failed", "indirect", "Kim"), ("We will not wait.", "direct", "Kim")],
        ),
        (  # a new paragraph starts a new statement
            "“We are ready,” Kim said.\n\n“We will not wait.”",
            [("We are ready", "direct", "Kim"), ("We will not wait.", "direct", "Kim")],
        ),
        (  # another speaker in between
            "“We are ready,” Kim said. “No,” Park said.",
            [("We are ready", "direct", "Kim"), ("No", "direct", "Park")],
        ),
        (  # a later quotation with its own cue after it stays its own claim
            "“We are ready,” Kim said. “We will not wait,” Kim added.",
            [("We are ready", "direct", "Kim"), ("We will not wait", "direct", "Kim")],
        ),
        (  # a sentence of narration between them
            "“We are ready,” Kim said. The ministry declined to comment. “We will not wait.”",
            [("We are ready", "direct", "Kim"), ("We will not wait.", "direct", "Kim")],
        ),
    ],
)
def test_join_quotes_makes_one_claim_per_statement(text, expected):
    assert statements(text) == expected


def test_the_narration_between_the_parts_gives_no_entity_and_no_stance():
    text = "“The deal is good,” Kim said, praising Iran. “We will sign it.”"
    per_quote = tk.extract_claims([f"Talks\n\n{text}\n"], target="Iran")
    (joined,) = join_quotes(per_quote, {per_quote["doc_id"][0]: f"Talks\n\n{text}\n"}).itertuples()
    assert per_quote["stance"].tolist() == ["neutral", "neutral"]
    assert (joined.stance, joined.entities) == ("neutral", [])
    assert joined.quote == "The deal is good,” Kim said, praising Iran. “We will sign it."


def test_joined_rows_unite_their_parts_and_keep_offsets_exact():
    text = "“Sanctions must stay,” Kim said. “The missile tests go on.”"
    claims = pd.DataFrame(
        {
            "claim_id": ["a:0", "a:1"], "doc_id": "a", "start": [1, 34], "end": [21, 58],
            "kind": "direct", "cue": ["said", None], "speaker": "Kim",
            "sentence": [text[:32], text[33:]], "stance": ["oppose", "neutral"],
            "topics": [["sanctions"], ["nuclear_missile"]], "entities": [[], ["North Korea"]],
            "evidence": [["cue 'said'"], ["quotation with no cue"]],
        }
    )  # fmt: skip
    (row,) = join_quotes(claims, {"a": text}).to_dict("records")
    assert (row["claim_id"], row["start"], row["end"], row["kind"]) == ("a:0", 1, 58, "direct")
    assert row["topics"] == ["sanctions", "nuclear_missile"] and row["stance"] == "oppose"
    assert row["entities"] == ["North Korea"] and row["sentence"] == text
    assert row["evidence"][:2] == ["cue 'said'", "quotation with no cue"]
    assert "one claim per statement" in row["evidence"][-1]


def test_opposite_sides_make_a_neutral_statement():
    text = "“We back them,” Kim said. “We condemn them.”"
    claims = pd.DataFrame(
        {"doc_id": "a", "start": [1, 27], "end": [13, 42], "kind": "direct",
         "cue": ["said", None], "speaker": "Kim", "stance": ["support", "oppose"]}
    )  # fmt: skip
    assert join_quotes(claims, {"a": text})["stance"].tolist() == ["neutral"]


def test_join_quotes_is_off_by_default_and_names_a_missing_column():
    text = "Talks\n\n“We are ready,” Kim said. “We will not wait.”\n"
    assert len(tk.extract_claims([text])) == 2
    with pytest.raises(ValueError, match=r"join_quotes.*speaker"):
        join_quotes(pd.DataFrame({"doc_id": ["a"], "start": [0], "end": [1]}), {"a": text})


def test_a_claim_without_offsets_stands_alone_and_an_empty_table_is_fine():
    import numpy as np

    text = "Talks\n\n“We are ready,” Kim said. “We will not wait.” Park said he disagreed.\n"
    claims = tk.extract_claims([text])
    claims.loc[2, "start"] = np.nan  # the float column a missing cell makes
    joined = tk.join_quotes(claims, [text])
    assert joined["quote"].tolist() == [
        "We are ready,” Kim said. “We will not wait.",
        "he disagreed",
    ]
    assert tk.join_quotes(claims.iloc[:0], [text]).empty
