"""Tests for the optional stance model: training, loading, predictions, errors, the CLI."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import toolkit as tk
from toolkit.cli import main
from toolkit.tagging import STANCE_MODEL_ENV_VAR, load_stance_model, model_text, stance

# Hand-written, clear-cut labelled claims about three targets: speaker, cue, quote, stance.
LABELLED_ROWS = {
    "Kim Jong Un": [
        ("Antony Blinken", "condemned", "North Korea's reckless missile launches", "oppose"),
        ("Yoon Suk Yeol", "said", "Pyongyang's provocations are a grave threat", "oppose"),
        ("UN experts", "accused", "the North of stealing cryptocurrency", "oppose"),
        ("KCNA", "said", "the great leader guides the country to victory", "support"),
        ("Sergei Shoigu", "praised", "Kim's wise and firm leadership", "support"),
        ("Chinese officials", "said", "they back Pyongyang's right to defend itself", "support"),
        ("Park Jin", "said", "officials will meet on Tuesday", "neutral"),
        ("analysts", "said", "the data covers the last ten years", "neutral"),
    ],
    "Russia": [
        ("Volodymyr Zelensky", "condemned", "Russia's brutal attacks on cities", "oppose"),
        ("NATO", "warned", "Moscow's aggression is a grave threat to Europe", "oppose"),
        ("investigators", "accused", "the Kremlin of war crimes", "oppose"),
        ("Sergei Lavrov", "said", "Russia defends its people with honour", "support"),
        ("Kim Jong Un", "praised", "Russia's heroic army", "support"),
        ("Chinese officials", "said", "they back Moscow's security interests", "support"),
        ("officials", "said", "the delegation will meet on Monday", "neutral"),
        ("experts", "said", "the report covers the last two years", "neutral"),
    ],
    "Iran": [
        ("Israeli officials", "condemned", "Iran's reckless attacks", "oppose"),
        ("US officials", "warned", "Tehran's provocations are a grave threat", "oppose"),
        ("inspectors", "accused", "Iran of hiding nuclear material", "oppose"),
        ("Ebrahim Raisi", "said", "Iran stands with honour against its enemies", "support"),
        ("Hezbollah", "praised", "Tehran's firm and wise leadership", "support"),
        ("Russian officials", "said", "they back Iran's right to defend itself", "support"),
        ("diplomats", "said", "talks will resume on Tuesday", "neutral"),
        ("analysts", "said", "the survey covers the last five years", "neutral"),
    ],
}
LABELLED = pd.DataFrame(
    [
        {"target": target, "speaker": speaker, "cue": cue, "quote": quote, "stance": label}
        for target, rows in LABELLED_ROWS.items()
        for speaker, cue, quote, label in rows
    ]
)
EVIDENCE = re.compile(r"model stance-test: (support|oppose|neutral) (0|1)\.\d\d")


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    return tk.train_stance_model(LABELLED, tmp_path_factory.mktemp("models") / "stance-test")


@pytest.fixture
def no_env_model(monkeypatch):
    monkeypatch.delenv(STANCE_MODEL_ENV_VAR, raising=False)


# --------------------------------------------------------------------------- training and loading


def test_training_writes_a_loadable_stance_model(model_dir):
    nlp = load_stance_model(model_dir)
    assert nlp.pipe_names == ["textcat"]
    assert set(nlp.get_pipe("textcat").labels) == {"support", "oppose", "neutral"}
    assert nlp.meta["toolkit"]["examples"] == {"oppose": 9, "support": 9, "neutral": 6}


def test_the_model_predicts_its_clear_cut_training_claims(model_dir, no_env_model):
    tagged = stance(LABELLED, model=model_dir)
    assert tagged["stance"].tolist() == LABELLED["stance"].tolist()


def test_stance_with_a_model_returns_its_labels_and_scores(model_dir, no_env_model):
    claims = LABELLED.drop(columns=["stance"]).head(9)
    tagged = tk.stance(claims, model=model_dir)
    nlp = load_stance_model(model_dir)
    for row in tagged.itertuples():
        cats = nlp(model_text(row.quote, row.target, speaker=row.speaker, cue=row.cue)).cats
        label = max(cats, key=cats.get)
        assert row.stance == label
        assert row.stance_evidence == f"model stance-test: {label} {cats[label]:.2f}"
    assert tagged["target"].tolist() == claims["target"].tolist()


def test_the_model_reads_any_target_as_TARGET(model_dir, no_env_model):
    claims = pd.DataFrame(
        {
            "speaker": ["Western officials", "Syrian state media"],
            "cue": ["condemned", "praised"],
            "quote": ["Damascus's reckless attacks", "Syria's wise leadership"],
        }
    )
    tagged = stance(claims, target="Syria", model=model_dir)
    assert tagged["stance"].tolist() == ["oppose", "support"]
    assert model_text("Damascus's reckless attacks", "Syria") == " ||  || TARGET's reckless attacks"


def test_a_claim_without_target_is_neutral_with_a_model(model_dir, no_env_model):
    claims = pd.DataFrame({"quote": ["North Korea's reckless launches"], "tag": ["Terrorism"]})
    tagged = stance(claims, model=model_dir)
    assert tagged.loc[0, ["stance", "target", "stance_evidence"]].tolist() == [
        "neutral",
        None,
        "no target",
    ]


def test_the_same_seed_trains_the_same_model(model_dir, tmp_path, no_env_model):
    again = tk.train_stance_model(LABELLED, tmp_path / "stance-test")
    first = stance(LABELLED, model=model_dir)["stance_evidence"].tolist()
    assert stance(LABELLED, model=again)["stance_evidence"].tolist() == first


def test_a_model_retrained_in_place_is_reloaded(tmp_path, no_env_model):
    folder = tmp_path / "stance"
    tk.train_stance_model(LABELLED, folder)
    before = load_stance_model(folder)
    tk.train_stance_model(LABELLED, folder, seed=1)
    assert load_stance_model(folder) is not before


# --------------------------------------------------------------------------- the default


def test_the_lexicon_decides_without_a_model(model_dir, monkeypatch):
    claims = pd.DataFrame(
        {
            "speaker": ["Antony Blinken"],
            "cue": ["condemned"],
            "quote": ["North Korea's provocative actions"],
            "tag": ["Kim Jong Un"],
        }
    )
    monkeypatch.delenv(STANCE_MODEL_ENV_VAR, raising=False)
    lexicon = stance(claims)
    assert lexicon.loc[0, ["stance", "stance_evidence"]].tolist() == [
        "oppose",
        "cue 'condemned' (condemn)",
    ]
    monkeypatch.setenv(STANCE_MODEL_ENV_VAR, str(model_dir))
    assert EVIDENCE.fullmatch(stance(claims).loc[0, "stance_evidence"])


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.drop(columns=["stance"]), "missing column(s) 'stance'"),
        (lambda t: t.drop(columns=["target"]), "missing column(s) 'target'"),
        (lambda t: t.replace({"stance": {"support": "pro"}}), "unknown stance label(s) 'pro'"),
        (lambda t: t.assign(quote=["", *t["quote"].tolist()[1:]]), "no quote in row 1"),
        (
            lambda t: t[(t["stance"] != "neutral") | (t["target"] == "Iran")],
            "too few examples of neutral (support 9, oppose 9, neutral 2)",
        ),
    ],
)
def test_bad_labelled_claims_fail_clearly(tmp_path, change, message):
    with pytest.raises(ValueError, match="E019") as raised:
        tk.train_stance_model(change(LABELLED), tmp_path / "m", source="mine.csv")
    assert "'mine.csv'" in str(raised.value)
    assert message in str(raised.value)
    assert not (tmp_path / "m").exists()


def test_rows_without_a_stance_or_marked_ambiguous_are_left_out(tmp_path):
    extra = pd.DataFrame(
        [
            {"target": "Iran", "quote": "no label yet", "stance": None},
            {"target": "Iran", "quote": "blank label", "stance": " "},
            {"target": "Iran", "quote": "argued", "stance": "support", "stance_ambiguous": True},
        ]
    )
    table = pd.concat([LABELLED.assign(stance_ambiguous=False), extra], ignore_index=True)
    model = load_stance_model(tk.train_stance_model(table, tmp_path / "m"))
    assert sum(model.meta["toolkit"]["examples"].values()) == len(LABELLED)


def test_a_missing_model_says_how_to_train_one(tmp_path, no_env_model):
    with pytest.raises(OSError, match="E018") as raised:
        stance(LABELLED, model=tmp_path / "nope")
    assert "python -m toolkit train-stance" in str(raised.value)


def test_a_pipeline_that_is_no_stance_model_is_refused(tmp_path, no_env_model):
    import spacy

    spacy.blank("en").to_disk(tmp_path / "blank")
    with pytest.raises(OSError, match="no toolkit stance model"):
        stance(LABELLED, model=tmp_path / "blank")


# --------------------------------------------------------------------------- CLI and pipeline


def test_cli_trains_a_model_from_a_labelled_file(tmp_path, capsys, no_env_model):
    labelled = tmp_path / "labelled.jsonl"
    LABELLED.to_json(labelled, orient="records", lines=True)
    model = tmp_path / "models" / "stance"  # its parent folder made too
    assert main(["train-stance", str(labelled), "--out", str(model)]) == 0
    assert (
        "trained on 24 labelled claims (support 9, oppose 9, neutral 6)" in capsys.readouterr().out
    )
    assert stance(LABELLED, model=model)["stance"].tolist() == LABELLED["stance"].tolist()


def test_a_labelled_file_trains_in_python_too(tmp_path, no_env_model):
    labelled = tmp_path / "labelled.csv"
    LABELLED.to_csv(labelled, index=False)
    model = tk.train_stance_model(str(labelled), tmp_path / "model")
    assert stance(LABELLED, model=model)["stance"].tolist() == LABELLED["stance"].tolist()
    with pytest.raises(ValueError, match=r"E019.*nope\.csv.*no such file"):
        tk.train_stance_model(tmp_path / "nope.csv", tmp_path / "m")


def test_cli_names_the_file_and_the_problem(tmp_path, capsys):
    labelled = tmp_path / "labelled.csv"
    LABELLED.drop(columns=["stance"]).to_csv(labelled, index=False)
    assert main(["train-stance", str(labelled), "--out", str(tmp_path / "model")]) == 1
    err = capsys.readouterr().err
    assert "E019" in err and str(labelled) in err and "missing column(s) 'stance'" in err


def test_extract_claims_with_a_model(model_dir, sample_path, no_env_model):
    claims = tk.extract_claims(tk.read_corpus(sample_path), stance_model=model_dir, evidence=True)
    assert len(claims) > 0
    assert all(EVIDENCE.fullmatch(e) or e == "no target" for e in claims["stance_evidence"])


def test_a_missing_model_fails_before_the_corpus_is_parsed(
    tmp_path, sample_path, monkeypatch, no_env_model
):
    import toolkit.pipeline

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed before checking the stance model")

    monkeypatch.setattr(toolkit.pipeline, "parse_articles", no_parse)
    missing = tmp_path / "nope"
    with pytest.raises(OSError, match="E018"):
        tk.extract_claims(tk.read_corpus(sample_path), stance_model=missing)
    with pytest.raises(OSError, match="E018"):
        tk.process_corpus(sample_path, stance_model=missing, cache=False)


def test_the_cache_knows_the_stance_model(model_dir, sample_path, tmp_path, monkeypatch):
    from toolkit.pipeline import ClaimOptions, _cache_key

    articles = tk.read_corpus(sample_path)
    monkeypatch.delenv(STANCE_MODEL_ENV_VAR, raising=False)
    lexicon = _cache_key(articles, ClaimOptions(), None)
    with_model = _cache_key(articles, ClaimOptions(stance_model=model_dir), None)
    monkeypatch.setenv(STANCE_MODEL_ENV_VAR, str(model_dir))
    assert lexicon != with_model == _cache_key(articles, ClaimOptions(), None)
