"""Our claim scores beside textacy's ``direct_quotations`` on the same gold sets, in one table.

Each gold set's articles are parsed once with :func:`toolkit.nlp.load_model`; the
same Docs feed the toolkit's extraction and textacy's
``textacy.extract.triples.direct_quotations``, and both are scored with
:func:`toolkit.evaluation.evaluate` (the metric of ``../shared/gold/README.md``).
textacy extracts direct quotations only, so its claim recall is bounded by the
share of direct claims; the ``direct R`` column is the like-for-like comparison.
textacy refuses a document with an odd number of quotation marks (``ValueError``):
that document counts as having no textacy prediction, and the ``failed`` column
says on how many documents each system failed. Besides the shared gold sets, the
held-out sets of ``benchmarks/heldout`` (64 international articles annotated for this
project, rebuilt from the shared texts by ``heldout.py``) show how the rules fare on
articles they were not tuned on; they carry stance and topics, so their stance and
topic scores are shown too. A set whose files are absent (no ``../shared``) is
skipped with a message.

    python benchmarks/bench_quality.py [--shared PATH]
    make bench-quality
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"


@dataclass(frozen=True)
class GoldSet:
    """A gold file and the folder holding its articles as ``<doc_id>.txt``."""

    name: str
    gold: str
    text_dir: str


GOLD_SETS = (
    GoldSet("seed", "gold/seed.jsonl", "gold"),
    GoldSet("polnear-dev", "polnear/dev/gold.jsonl", "polnear/dev/text"),
)
OURS, OURS_JOINED, TEXTACY = "toolkit", "toolkit --join-quotes", "textacy"
# Sets annotated one attribution per statement (“...,” he said. “...” is one): they get a
# second toolkit row with join_quotes, the option that follows that convention.
STATEMENT_GOLD = {"polnear-dev"}

# (header, key): counts first, then the scores of toolkit.evaluation.evaluate.
COLUMNS = (
    ("set", "set"),
    ("system", "system"),
    ("docs", "n_docs"),
    ("failed", "n_failed"),
    ("gold", "n_gold"),
    ("pred", "n_pred"),
    ("match", "n_matched"),
    ("claim P", "claim_precision"),
    ("claim R", "claim_recall"),
    ("claim F1", "claim_f1"),
    ("spk acc", "speaker_accuracy"),
    ("e2e F1", "e2e_f1"),
    ("direct R", "recall_direct"),
    ("stance mF1", "stance_macro_f1"),
    ("topic F1", "topic_f1"),
)

ANCHORS = (
    "SFU Gender Gap Tracker: quote F1 0.837, speaker accuracy 0.865 on its own news set",
    "BBC Citron: overlap F1 0.832 on PARC 3.0",
)

TEXTACY_HINT = "textacy is not installed: .venv/bin/pip install -e '.[dev]'"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder"
    )
    args = parser.parse_args()

    from toolkit.evaluation import evaluate, gold_targets, load_gold
    from toolkit.nlp import load_model

    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        note(f"{TEXTACY_HINT}; showing the toolkit only")
        direct_quotations = None

    started = time.perf_counter()
    rows, timings = [], []
    for name, gold_path, text_dir in gold_sets(args.shared):
        if not (gold_path.is_file() and text_dir.is_dir()):
            note(f"skipped {name}: {gold_path} or {text_dir} is absent")
            continue
        gold = load_gold(gold_path)
        articles = read_articles(sorted(set(gold["doc_id"])), text_dir)
        if articles.empty:
            note(f"skipped {name}: no article of {gold_path} in {text_dir}")
            continue
        seconds = {}

        start = time.perf_counter()
        docs = parse_docs(articles, nlp=load_model())
        seconds["parse"] = time.perf_counter() - start

        start = time.perf_counter()
        ours, n_failed = predict_ours(articles, docs, targets=gold_targets(gold))
        seconds[OURS] = time.perf_counter() - start
        rows.append(score_row(name, OURS, evaluate(gold, ours), len(articles), n_failed))
        if name in STATEMENT_GOLD:
            joined, n_failed = predict_ours(
                articles, docs, targets=gold_targets(gold), join_quotes=True
            )
            rows.append(
                score_row(name, OURS_JOINED, evaluate(gold, joined), len(articles), n_failed)
            )

        if direct_quotations is not None:
            start = time.perf_counter()
            theirs, n_failed = predict_textacy(articles, docs, extract=direct_quotations)
            seconds[TEXTACY] = time.perf_counter() - start
            rows.append(score_row(name, TEXTACY, evaluate(gold, theirs), len(articles), n_failed))
        timings.append((name, seconds))

    if not rows:
        note("no gold set found; nothing to compare")
        return 0
    print(format_table(rows))
    print()
    print("failed: documents the system raised on (textacy: an unclosed quotation mark); their")
    print("        predictions count as none. textacy extracts direct quotations only.")
    print("toolkit --join-quotes: a speaker's quotations in a row as one claim, the convention")
    print("        of the sets annotated so (PolNeAR); the guidelines' sets make each its own.")
    print("Published anchors, on other sets (not comparable with the rows above):")
    for anchor in ANCHORS:
        print(f"  {anchor}")
    print()
    for name, seconds in timings:
        parts = ", ".join(f"{what} {value:.1f} s" for what, value in seconds.items())
        print(f"time {name}: {parts}")
    print(f"time total: {time.perf_counter() - started:.1f} s")
    return 0


def gold_sets(shared: Path) -> list[tuple[str, Path, Path]]:
    """Each set's name, gold file and article folder: the shared sets, then the held-out
    sets of ``benchmarks/heldout`` rebuilt from the shared texts (see ``heldout.py``)."""
    from heldout import build_heldout

    sets = [(g.name, shared / g.gold, shared / g.text_dir) for g in GOLD_SETS]
    try:
        folders = build_heldout(shared, Path(tempfile.mkdtemp(prefix="heldout-")))
    except (FileNotFoundError, ValueError) as error:
        note(f"skipped the held-out sets: {error}")
        return sets
    return sets + [
        (f"heldout-{split}", folder / "gold.jsonl", folder / "text")
        for split, folder in sorted(folders.items())
    ]


def read_articles(doc_ids: list[str], text_dir: Path) -> pd.DataFrame:
    """Read the gold documents' articles, ``<text_dir>/<doc_id>.txt``; report the missing ones."""
    import toolkit as tk

    files = [text_dir / f"{doc_id}.txt" for doc_id in doc_ids]
    missing = [file.name for file in files if not file.is_file()]
    if missing:
        note(f"{len(missing)} gold documents have no article in {text_dir}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tk.read_corpus([file for file in files if file.is_file()])


def parse_docs(articles: pd.DataFrame, *, nlp) -> list:
    """Parse every article once; both systems read the same Docs."""
    from toolkit.pipeline import parse_articles

    return parse_articles(articles, nlp=nlp)


def predict_ours(
    articles: pd.DataFrame, docs: list, *, targets: dict[str, str], join_quotes: bool = False
) -> tuple[pd.DataFrame, int]:
    """Return the toolkit's claims and the number of documents it failed on.

    Stance is measured toward each document's gold target, as ``toolkit eval`` does
    by default (``--stance-target gold``), and speakers keep each article's own name.
    ``join_quotes`` makes a speaker's quotations in a row one claim (``--join-quotes``).
    """
    from toolkit.pipeline import extract_claims

    with warnings.catch_warnings():  # failures are counted in the table instead
        warnings.simplefilter("ignore")
        claims = extract_claims(
            articles,
            docs=docs,
            target=targets or None,
            join_quotes=join_quotes,
            one_name_per_person=False,
        )
    return claims, len(claims.attrs.get("errors", []))


def predict_textacy(articles: pd.DataFrame, docs: list, *, extract) -> tuple[pd.DataFrame, int]:
    """Return textacy's direct quotations as claims and the number of documents it failed on.

    ``quote`` is the quotation span as textacy gives it (marks included, which the
    metric's tokens ignore), with its character offsets in the article's text;
    ``speaker`` is the text of textacy's speaker tokens.
    """
    rows, n_failed = [], 0
    for doc_id, doc in zip(articles["doc_id"], docs, strict=True):
        try:
            triples = list(extract(doc))
        except ValueError:  # an unclosed quotation mark: textacy bails out on the document
            n_failed += 1
            continue
        for triple in triples:
            content = triple.content
            rows.append(
                {
                    "doc_id": doc_id,
                    "start": content.start_char,
                    "end": content.end_char,
                    "quote": content.text,
                    "speaker": join_tokens(triple.speaker),
                    "cue": join_tokens(triple.cue),
                    "kind": "direct",
                }
            )
    columns = ["doc_id", "start", "end", "quote", "speaker", "cue", "kind"]
    return pd.DataFrame(rows, columns=columns), n_failed


def join_tokens(tokens) -> str:
    """Join tokens as written where they touch, with one space across gaps ("Kim and Lee" -> "Kim Lee")."""
    text = ""
    for previous, token in zip([None, *tokens], tokens, strict=False):
        if previous is not None:
            text += previous.whitespace_ if token.i == previous.i + 1 else " "
        text += token.text
    return text


def note(message: str) -> None:
    """Say something about the run on stderr, apart from the table."""
    print(f"bench-quality: {message}", file=sys.stderr)


def score_row(
    set_name: str, system: str, scores: dict[str, Any], n_docs: int, n_failed: int
) -> dict:
    return {"set": set_name, "system": system, "n_docs": n_docs, "n_failed": n_failed, **scores}


def format_table(rows: list[dict], *, digits: int = 3) -> str:
    """Return the rows as a plain-text table: text left, numbers right, missing as ``-``."""
    headers = [header for header, _ in COLUMNS]
    cells = [[format_value(row.get(key), digits) for _, key in COLUMNS] for row in rows]
    widths = [
        max(len(header), *(len(line[i]) for line in cells)) for i, header in enumerate(headers)
    ]
    text_columns = {"set", "system"}

    def line(values: list[str]) -> str:
        return "  ".join(
            value.ljust(width) if header in text_columns else value.rjust(width)
            for header, value, width in zip(headers, values, widths, strict=True)
        ).rstrip()

    return "\n".join([line(headers), line(["-" * width for width in widths]), *map(line, cells)])


def format_value(value: Any, digits: int) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


if __name__ == "__main__":
    sys.exit(main())
