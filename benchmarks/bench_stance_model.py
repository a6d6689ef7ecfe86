"""The stance model beside the lexicon on the seed gold, by cross-validation.

Stance is scored on the gold claims themselves (their quote, speaker, cue and
target), so extraction errors play no part, with the metric of
``../shared/gold/README.md`` (:func:`toolkit.evaluation.evaluate`: stance accuracy
and macro-F1 over non-ambiguous, non-optional claims). The lexicon reads every
claim as the pipeline does. The model never sees the claim it labels:

- leave one claim out: each claim is labelled by a model trained on every other
  labelled gold claim;
- leave one speaker out: each claim is labelled by a model trained on the claims
  of the other speakers, so a speaker's other claims cannot give its side away;
- with ``--silver``, also a model trained on the lexicon's labels of the claims in
  the corpus's other North Korea articles (``../shared/corpus/allsides-intl``,
  several minutes): many labels, but the lexicon's and not a person's.

The seed has 27 gold claims from one article (24 scored), so one claim moves
accuracy by 4 points: read the figures as a sanity check, not a ranking. The
held-out rows (``benchmarks/heldout``) train the model on the labels of 12 other
international articles and score both systems on 12 more, none of them seen while
the lexicon was written. The
lexicon was written while looking at this article, so its figure is optimistic
too.

    python benchmarks/bench_stance_model.py [--shared PATH] [--silver]
    make bench-stance
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
MIN_PER_STANCE = 1  # a held-out speaker may take most of one stance with it
SILVER_CORPUS = "corpus/allsides-intl"
SILVER_TOPIC = "north_korea"  # the seed article's subject


def gold_claims(
    shared: Path, gold_file: str = "gold/seed.jsonl", text_dir: str = "gold"
) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """A gold set, its claims as a claims table, and the parsed articles by doc_id."""
    from toolkit.evaluation import load_gold
    from toolkit.nlp import load_model

    gold = load_gold(shared / gold_file)
    claims = gold[["doc_id", "start", "end", "quote", "kind", "speaker", "cue", "target"]].copy()
    nlp = load_model()
    docs = {
        doc_id: nlp((shared / text_dir / f"{doc_id}.txt").read_text(encoding="utf-8"))
        for doc_id in claims["doc_id"].unique()
    }
    return gold, claims, docs


def heldout_runs(shared: Path) -> dict[str, tuple[pd.DataFrame, Callable[[], list[str]]]]:
    """The lexicon and a model trained on the held-out dev labels, on the held-out test set
    (``benchmarks/heldout``: other articles, other annotators, other targets)."""
    from heldout import build_heldout

    from toolkit.tagging import stance, train_stance_model

    out = Path(tempfile.mkdtemp(prefix="heldout-"))
    try:
        build_heldout(shared, out)
    except (FileNotFoundError, ValueError) as error:
        print(f"held-out sets skipped: {error}", file=sys.stderr)
        return {}
    dev_gold, dev_claims, _ = gold_claims(out, "dev/gold.jsonl", "dev/text")
    gold, claims, docs = gold_claims(out, "test/gold.jsonl", "test/text")
    labelled = dev_claims.assign(
        stance=dev_gold["stance"], stance_ambiguous=dev_gold["stance_ambiguous"]
    )[~dev_gold["optional"]]

    def model_stances() -> list[str]:
        model = train_stance_model(labelled, out / "model")
        return stance(claims, docs=docs, model=model)["stance"].tolist()

    return {
        "held-out test: lexicon": (gold, lambda: stance(claims, docs=docs)["stance"].tolist()),
        "held-out test: model (dev labels)": (gold, model_stances),
    }


def cross_validated(
    gold: pd.DataFrame, claims: pd.DataFrame, group: Callable[[pd.Series], pd.Series]
) -> list[str]:
    """Each claim's stance from a model trained on the labelled claims outside its group."""
    from toolkit.tagging import stance, train_stance_model

    labelled = claims.assign(stance=gold["stance"], stance_ambiguous=gold["stance_ambiguous"])
    groups = group(claims)
    stances = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(len(claims)):
            train = labelled[groups != groups.iloc[i]]
            model = train_stance_model(train, Path(tmp) / f"fold{i}", min_per_stance=MIN_PER_STANCE)
            stances.append(stance(claims.iloc[[i]], model=model)["stance"].iloc[0])
    return stances


def silver_model(shared: Path, out: Path) -> Path:
    """A model trained on the lexicon's stance of the claims in the corpus's North Korea articles."""
    from toolkit.pipeline import process_articles
    from toolkit.reading import read_corpus
    from toolkit.tagging import train_stance_model

    corpus = shared / SILVER_CORPUS
    index = pd.read_json(corpus / "index.jsonl", lines=True)
    names = index.loc[index["topic"] == SILVER_TOPIC, "txt"].dropna()
    claims = process_articles(read_corpus([corpus / "articles" / name for name in names])).claims
    labelled = claims[claims["target"].notna()]
    print(f"silver: {len(labelled)} claims of {len(names)} articles", file=sys.stderr)
    return train_stance_model(labelled, out)


def silver_stances(shared: Path, claims: pd.DataFrame) -> list[str]:
    from toolkit.tagging import stance

    with tempfile.TemporaryDirectory() as tmp:
        return stance(claims, model=silver_model(shared, Path(tmp) / "silver"))["stance"].tolist()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument(
        "--silver", action="store_true", help="also train on the lexicon's labels of a corpus"
    )
    args = parser.parse_args(argv)
    if not (args.shared / "gold" / "seed.jsonl").exists():
        print(f"no {args.shared}/gold/seed.jsonl: nothing to measure", file=sys.stderr)
        return 0

    from toolkit.evaluation import evaluate
    from toolkit.tagging import STANCE_MODEL_ENV_VAR, stance

    os.environ.pop(STANCE_MODEL_ENV_VAR, None)  # the lexicon row is the lexicon's
    gold, claims, docs = gold_claims(args.shared)
    runs = {
        "lexicon (default)": lambda: stance(claims, docs=docs, model=None)["stance"].tolist(),
        "model, leave one claim out": lambda: cross_validated(
            gold, claims, lambda c: pd.Series(range(len(c)), index=c.index)
        ),
        "model, leave one speaker out": lambda: cross_validated(
            gold, claims, lambda c: c["speaker"].str.lower()
        ),
    }
    if args.silver:
        runs["model, lexicon's labels (silver)"] = lambda: silver_stances(args.shared, claims)
    scored = {name: (gold, claims, run) for name, run in runs.items()}
    for name, (heldout_gold, run) in heldout_runs(args.shared).items():
        heldout_claims = heldout_gold[["doc_id", "quote", "speaker", "cue", "target"]]
        scored[name] = (heldout_gold, heldout_claims, run)
    print(f"{'method':<36} {'n':>3} {'accuracy':>9} {'macro-F1':>9} {'seconds':>8}")
    for name, (gold_set, claim_set, run) in scored.items():
        started = time.perf_counter()
        scores = evaluate(gold_set, claim_set.assign(stance=run()))
        print(
            f"{name:<36} {scores['n_stance']:>3} {scores['stance_accuracy']:>9.3f} "
            f"{scores['stance_macro_f1']:>9.3f} {time.perf_counter() - started:>8.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
