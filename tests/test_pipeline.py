"""The whole path: tables with the promised columns, entities in claims, the CLI round trip."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

import toolkit as tk
from toolkit.cli import main
from toolkit.schema import CLAIM_COLUMNS, COMENTION_COLUMNS, MENTION_COLUMNS
from toolkit.tables import read_table

REPO_DATA = "data/"


@pytest.fixture(scope="module")
def corpus(sample_path):
    return tk.process_corpus(sample_path, cache=False)


def test_claims_have_exactly_the_promised_columns(corpus):
    assert list(corpus.claims.columns) == CLAIM_COLUMNS
    assert list(corpus.mentions.columns) == MENTION_COLUMNS
    assert corpus.claims["claim_id"].is_unique


def test_known_quotes_sit_at_their_gold_offsets(corpus):
    claims = corpus.claims.set_index("start")
    assert claims.loc[212, "quote"].startswith("The leader of North Korea is, perhaps")
    assert claims.loc[212, "end"] == 325
    assert claims.loc[900, "quote"] == "the allegations"
    for claim in corpus.claims.itertuples():
        assert claim.quote == claim.quote.strip(" ,;:")  # trimmed of spaces and separators


def test_claims_carry_metadata_entities_stance_and_topics(corpus):
    claims = corpus.claims
    assert (claims["tag"] == "Kim Jong Un").all()
    assert (claims["date"] == pd.Timestamp("2023-11-12")).all()
    assert set(claims["stance"]) <= {"support", "oppose", "neutral"}
    denial = claims[claims["quote"] == "any arms deal"].iloc[0]
    assert denial["speaker"] == "North Korea"
    assert denial["stance"] == "support"
    nis = claims[claims["speaker"] == "National Intelligence Service"].iloc[0]
    assert "arms_trade" in nis["topics"]
    assert "North Korea" in nis["entities"]


def test_claims_take_their_article_main_topic_unless_told_not_to(tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(
        " date 2024-03-01 North Korea.\n\nThe North fired a ballistic missile on Monday. "
        "The missile flew 600 km. Tokyo said the missile test broke UN resolutions. "
        'Analysts expect a nuclear test soon.\n\n"We proved that our deterrent works," '
        "the North's state media said.\n",
        encoding="utf-8",
    )
    articles = tk.read_corpus(path)
    topics = {
        main_topic: tk.extract_claims(articles, main_topic=main_topic)["topics"].tolist()
        for main_topic in (True, False)
    }
    assert topics[True] == [["nuclear_missile", "sanctions"], ["nuclear_missile"]]
    assert topics[False] == [["nuclear_missile", "sanctions"], []]


def test_evidence_columns_on_request(sample_path):
    articles = tk.read_corpus(sample_path)
    claims = tk.extract_claims(articles, evidence=True)
    assert list(claims.columns) == [*CLAIM_COLUMNS, "rule", "evidence", "stance_evidence"]
    assert set(claims["rule"]) <= {
        "reported_speech",
        "according_to",
        "sentence_subject",
        "continuation",
    }
    assert claims["stance_evidence"].map(bool).all()
    assert tk.explain(claims.iloc[0]).startswith("rule: ")
    with pytest.raises(ValueError, match=r"\[E017\].*evidence=True"):
        tk.explain(tk.extract_claims(articles).iloc[0])


def test_comention_merges_aliases(corpus):
    pairs = tk.comention(corpus.mentions, unit="sentence")
    assert list(pairs.columns) == COMENTION_COLUMNS
    entities = set(pairs["a"]) | set(pairs["b"])
    assert "North Korea" in entities
    assert not {"Pyongyang", "DPRK", "North Korean"} & entities
    hamas = pairs[(pairs["a"] == "Hamas") & (pairs["b"] == "North Korea")]
    assert hamas["count"].iloc[0] >= 3


def test_bad_article_is_reported_and_the_batch_goes_on(tmp_path, sample_path):
    (tmp_path / "good.txt").write_text(sample_path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00bad")
    with pytest.warns(UserWarning):
        corpus = tk.process_corpus(tmp_path, cache=False)
    assert corpus.articles["doc_id"].tolist() == ["good"]
    assert len(corpus.claims) > 20
    assert sorted(p.split("/")[-1] for p in corpus.errors["path"]) == ["binary.txt", "empty.txt"]


def test_process_corpus_takes_articles_already_at_hand(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    table = pd.DataFrame({"doc_id": ["a1"], "text": ["Seoul said the talks failed."]})
    corpus = tk.process_corpus(table)
    assert corpus.articles["doc_id"].tolist() == ["a1"]
    assert corpus.claims["quote"].tolist() == ["the talks failed"]
    with pytest.warns(UserWarning, match="W001"):
        missing = tk.process_corpus(str(tmp_path / "nope"))
    assert missing.articles.empty and "No such file or folder" in missing.errors["reason"][0]


def test_articles_processed_in_chunks_give_the_same_tables(sample_path, monkeypatch):
    import toolkit.pipeline as pipeline

    texts = [
        sample_path.read_text(encoding="utf-8"),
        "Seoul said the talks failed. “We will try again,” the minister said.",
        "Pyongyang denied the allegations. Kim Yo Jong said the drills were a provocation.",
    ]
    table = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": texts})
    whole = tk.process_corpus(table, cache=False)
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 1)
    chunked = tk.process_corpus(table, cache=False)
    assert set(whole.claims["doc_id"]) == {"a", "b", "c"}
    pd.testing.assert_frame_equal(whole.claims, chunked.claims)
    pd.testing.assert_frame_equal(whole.mentions, chunked.mentions)


def test_cache_returns_the_same_tables(tmp_path, sample_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    first = tk.process_corpus(sample_path)
    assert any((tmp_path / "cache").iterdir())
    second = tk.process_corpus(sample_path)
    pd.testing.assert_frame_equal(first.claims, second.claims)


def test_cli_claims_round_trip(tmp_path, capsys, sample_path):
    assert main(["claims", str(sample_path), "--quiet", "--no-cache"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    records = [json.loads(line) for line in lines]
    assert {r["speaker"] for r in records} >= {
        "Ali Baraka",
        "Michael O’Hanlon",
        "Patrick M. Cronin",
    }
    tables = {}
    for suffix in (".jsonl", ".csv", ".parquet"):
        out = tmp_path / f"claims{suffix}"
        assert main(["claims", str(sample_path), "--out", str(out), "--quiet"]) == 0
        tables[suffix] = read_table(out)
    for table in tables.values():
        assert list(table.columns) == CLAIM_COLUMNS
        assert table["quote"].tolist() == [r["quote"] for r in records]
        assert table["topics"].map(list).tolist() == [r["topics"] for r in records]
        assert table["entities"].map(list).tolist() == [r["entities"] for r in records]
    for table in tables.values():
        assert pd.api.types.is_datetime64_any_dtype(table["date"])


def test_cli_claims_writes_an_empty_table_when_no_claim_is_found(tmp_path, capsys):
    article = tmp_path / "a1.txt"
    article.write_text(" date 2023-11-12 Russia.\nKim visited Russia in September.\n")
    assert main(["claims", str(article), "--quiet", "--no-cache"]) == 0
    assert capsys.readouterr().out == ""
    for suffix in (".jsonl", ".csv", ".parquet"):
        out = tmp_path / f"claims{suffix}"
        assert main(["claims", str(article), "--out", str(out), "--quiet"]) == 0
        table = read_table(out)
        assert table.empty
        if suffix == ".csv":
            assert list(table.columns) == CLAIM_COLUMNS


def test_cli_eval_scores_a_csv_like_a_parquet(tmp_path, shared_dir, capsys):
    gold = shared_dir / "gold" / "seed.jsonl"
    article = shared_dir / "gold" / "000_7aa5f2e1afbc3548.txt"
    scores = {}
    for suffix in (".csv", ".parquet"):
        out = tmp_path / f"pred{suffix}"
        assert main(["claims", str(article), "--out", str(out), "--quiet"]) == 0
        capsys.readouterr()
        assert main(["eval", str(gold), "--pred", str(out), "--json"]) == 0
        scores[suffix] = json.loads(capsys.readouterr().out)
    assert scores[".csv"] == scores[".parquet"]
    assert scores[".csv"]["topic_f1"] >= 0.75


def test_cli_rejects_an_unknown_output_format_before_working(tmp_path, capsys, sample_path):
    assert (
        main(["claims", str(sample_path), "--out", str(tmp_path / "claims.xlsx"), "--quiet"]) == 1
    )
    assert "[E005]" in capsys.readouterr().err


def test_cli_comention_columns(tmp_path, sample_path):
    out = tmp_path / "pairs.csv"
    assert (
        main(["comention", str(sample_path), "--unit", "claim", "--out", str(out), "--quiet"]) == 0
    )
    pairs = pd.read_csv(out)
    assert list(pairs.columns) == COMENTION_COLUMNS
    korea_hamas = pairs[(pairs["a"] == "Hamas") & (pairs["b"] == "North Korea")]
    assert korea_hamas["count"].iloc[0] >= 3  # claims naming both, aliases merged


def test_cli_eval_on_seed(shared_dir, capsys):
    gold = shared_dir / "gold" / "seed.jsonl"
    article = shared_dir / "gold" / "000_7aa5f2e1afbc3548.txt"
    assert main(["eval", str(gold), "--corpus", str(article), "--json", "--quiet"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["claim_f1"] >= 0.85
    assert scores["e2e_f1"] >= 0.75


def test_cli_eval_measures_stance_toward_the_gold_target(tmp_path, capsys):
    """Without a header tag the toolkit guesses Brazil; the gold's target is Russia."""
    article = tmp_path / "a1.txt"
    article.write_text(
        "Brazil hosts farmers\n\nBrazil and its Brazilian partners met on Monday in Brazil.\n\n"
        '"Russia\'s attacks on the farms are brutal," the Brazilian agriculture minister said.\n',
        encoding="utf-8",
    )
    quote = "Russia's attacks on the farms are brutal"
    start = article.read_text(encoding="utf-8").index(quote)
    record = {"doc_id": "a1", "start": start, "end": start + len(quote), "quote": quote,
              "kind": "direct", "speaker": "Brazilian agriculture minister", "cue": "said",
              "target": "Russia", "stance": "oppose", "topics": []}  # fmt: skip
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    accuracy = {}
    for flags in ([], ["--stance-target", "gold"], ["--stance-target", "article"]):
        command = ["eval", str(gold), "--corpus", str(article), "--json", "--quiet", "--no-cache"]
        assert main(command + flags) == 0
        accuracy[" ".join(flags)] = json.loads(capsys.readouterr().out)["stance_accuracy"]
    assert accuracy == {"": 1.0, "--stance-target gold": 1.0, "--stance-target article": 0.0}


def test_cli_eval_writes_matches_with_missed_and_spurious_rows(tmp_path, capsys):
    article = tmp_path / "a1.txt"
    text = (
        'Seoul warns Pyongyang\n\n"North Korea fired a missile," the minister said. '
        "Kim visited Russia in September. Officials said the talks failed.\n"
    )
    article.write_text(text, encoding="utf-8")

    def record(quote, speaker, topics):
        start = text.index(quote)
        return {"doc_id": "a1", "start": start, "end": start + len(quote), "quote": quote,
                "kind": "indirect", "speaker": speaker, "cue": "said", "topics": topics}  # fmt: skip

    gold = tmp_path / "gold.jsonl"
    records = [
        record("North Korea fired a missile", "minister", ["nuclear_missile"]),
        record("Kim visited Russia in September", "Kim", ["alliances"]),  # found by no rule
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "matches.csv"
    command = ["eval", str(gold), "--corpus", str(article), "--quiet", "--no-cache"]
    assert main([*command, "--matches", str(out)]) == 0
    matches = pd.read_csv(out).set_index("status")
    assert json.loads(matches.loc["match", "pred_topics"]) == ["nuclear_missile"]
    assert json.loads(matches.loc["missed", "gold_topics"]) == ["alliances"]
    assert pd.isna(matches.loc["missed", "pred_topics"])  # nothing predicted, not "[]"
    assert matches.loc[["spurious"], "gold_topics"].isna().all()  # "the talks failed"


def test_extract_claims_join_quotes_keeps_offsets_exact():
    text = "Talks\n\n“We are ready,” Kim said. “We will not wait.” Park said he disagreed.\n"
    per_quote = tk.extract_claims([text])
    per_statement = tk.extract_claims([text], join_quotes=True)
    assert per_quote["quote"].tolist() == ["We are ready", "We will not wait.", "he disagreed"]
    assert per_statement["quote"].tolist() == [
        "We are ready,” Kim said. “We will not wait.",
        "he disagreed",
    ]
    assert all(text[r.start : r.end] == r.quote for r in per_statement.itertuples())


def test_cli_eval_join_quotes_scores_statement_gold(tmp_path, capsys):
    """Gold that makes a statement one claim (as PolNeAR does) wants --join-quotes."""
    article = tmp_path / "a1.txt"
    text = "“We are ready,” the minister said. “We will not wait for them.”\n"
    article.write_text(text, encoding="utf-8")
    start, end = text.index("We are"), text.index("them.") + len("them.")
    record = {"doc_id": "a1", "start": start, "end": end, "quote": text[start:end],
              "kind": "direct", "speaker": "minister", "cue": "said"}  # fmt: skip
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    precision = {}
    for flags in ([], ["--join-quotes"]):
        command = ["eval", str(gold), "--corpus", str(article), "--json", "--quiet", "--no-cache"]
        assert main(command + flags) == 0
        precision[" ".join(flags)] = json.loads(capsys.readouterr().out)["claim_precision"]
    assert precision == {"": 0.5, "--join-quotes": 1.0}


def test_cli_eval_with_pred_file(tmp_path, shared_dir, capsys):
    gold = shared_dir / "gold" / "seed.jsonl"
    assert main(["eval", str(gold), "--pred", str(gold), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["claim_f1"] == 1.0


def test_cli_missing_input_fails_clearly(tmp_path, capsys):
    assert main(["claims", str(tmp_path / "nope"), "--quiet"]) == 1
    assert "E009" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["claims", str(tmp_path / "empty"), "--quiet"]) == 1
    assert "no .txt file or .jsonl/.csv/.parquet table there" in capsys.readouterr().err


def test_python_dash_m_entry_point(sample_path):
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", "claims", str(sample_path), "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert len(done.stdout.strip().splitlines()) > 20


def test_entities_on_a_filtered_table(corpus):
    from toolkit.pipeline import add_entities

    subset = corpus.claims[corpus.claims["speaker"] == "National Intelligence Service"]
    again = add_entities(subset.assign(entities=[[]] * len(subset)), corpus.mentions)
    assert again["entities"].tolist() == subset["entities"].tolist()
    assert "North Korea" in again["entities"].iloc[0]


def test_unknown_option_is_an_error(sample_path):
    with pytest.raises(TypeError):
        tk.process_corpus(sample_path, evidance=True)


def test_cache_sees_an_edited_taxonomy(tmp_path, sample_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
    taxonomy = tmp_path / "topics.yml"
    taxonomy.write_text(
        (sample_path.parent / "topics.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    first = tk.process_corpus(sample_path, taxonomy=taxonomy)
    assert first.claims["topics"].map(len).sum() > 0
    taxonomy.write_text(
        "arms_trade:\n  description: never matches\n  lemmas: [zzzz]\n", encoding="utf-8"
    )
    second = tk.process_corpus(sample_path, taxonomy=taxonomy)
    assert second.claims["topics"].map(len).sum() == 0


def test_claims_and_mentions_of_a_dataframe_of_ones_own():
    table = pd.DataFrame(
        {"text": ["Seoul's foreign ministry said North Korea sent shells to Russia.", None]}
    )
    with pytest.warns(UserWarning, match="no text"):
        claims = tk.extract_claims(table)
    assert claims[["doc_id", "speaker"]].values.tolist() == [["row-0", "Seoul's foreign ministry"]]
    assert claims.attrs["errors"] == [{"path": "<DataFrame>#1", "reason": "row with no text"}]
    with pytest.warns(UserWarning, match="no text"):
        mentions = tk.extract_mentions(table)
    assert {"North Korea", "Russia"} <= set(mentions["entity"])


def test_docs_parsed_from_a_dataframe_line_up_with_its_claims():
    table = pd.DataFrame({"text": ["", "Seoul's foreign ministry said North Korea sent shells."]})
    with pytest.warns(UserWarning, match="no text"):
        docs = tk.parse_articles(table)
    with pytest.warns(UserWarning, match="no text"):
        claims = tk.extract_claims(table, docs=docs)
    assert len(docs) == 1
    assert claims["doc_id"].tolist() == ["row-1"]
