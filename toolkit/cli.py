"""Command line: ``python -m toolkit claims|comention|process|eval|brief|train-stance ...``.

Example:
    $ python -m toolkit claims data/ --out out/claims.csv
    $ python -m toolkit process data/ --out-dir out/
    $ python -m toolkit comention data/ --unit sentence --out out/pairs.csv
    $ python -m toolkit eval ../shared/gold/seed.jsonl --corpus data/
    $ python -m toolkit brief --corpus data/ --out out/brief.html
    $ python -m toolkit train-stance labelled.csv --out models/stance
    $ python -m toolkit claims data/ --stance-model models/stance
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import Errors
from toolkit.schema import STANCES
from toolkit.tables import check_table_path, read_table, write_table

if TYPE_CHECKING:  # the pipeline (and spaCy) load only when a command runs, not for --help
    from toolkit.pipeline import ClaimOptions, Corpus

PROGRESS_MIN_ARTICLES = 20
UNITS = ("sentence", "claim", "article")
STANCE_TARGETS = ("gold", "article")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 failed, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (OSError, ValueError, RuntimeError) as exc:  # catalogued errors: a message, no traceback
        print(f"toolkit: {exc}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m toolkit",
        description="Claims (who said what, with what stance, on which topic) and co-mention "
        "statistics from news articles.",
        epilog="Examples:\n"
        + "\n".join(
            "  " + line.strip().removeprefix("$ ") for line in __doc__.splitlines() if "$ " in line
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)

    claims = commands.add_parser(
        "claims", help="extract claims: JSON lines on stdout, or a table with --out"
    )
    claims.add_argument(
        "paths", nargs="+", help="article files, folders, or .jsonl/.csv/.parquet tables"
    )
    claims.add_argument(
        "--out", help="write .jsonl, .csv or .parquet (by extension) instead of stdout"
    )
    claims.add_argument(
        "--target", help="measure stance toward this actor instead of each article's tag"
    )
    claims.add_argument(
        "--evidence", action="store_true", help="add the rule and evidence behind each claim"
    )
    _common(claims)
    _stance_model(claims)
    _join_quotes(claims)
    claims.set_defaults(run=run_claims)

    pairs = commands.add_parser(
        "comention", help="co-mention pairs with count, expected, PMI, NPMI, lift, G²"
    )
    pairs.add_argument("paths", nargs="+", help="article files, folders, or tables")
    pairs.add_argument(
        "--unit",
        choices=UNITS,
        default="sentence",
        help="what counts as together (default: sentence)",
    )
    pairs.add_argument(
        "--min-count", type=int, default=1, help="drop pairs seen fewer times (default: 1)"
    )
    pairs.add_argument("--out", help="write .csv, .jsonl or .parquet instead of CSV on stdout")
    _common(pairs)
    pairs.set_defaults(run=run_comention)

    process = commands.add_parser(
        "process", help="write claims, mentions, co-mentions and errors to a folder"
    )
    process.add_argument("paths", nargs="+", help="article files, folders, or tables")
    process.add_argument("--out-dir", default="out", help="the folder to write into (default: out)")
    _common(process)
    _stance_model(process)
    _join_quotes(process)
    process.set_defaults(run=run_process)

    score = commands.add_parser(
        "eval", help="score claims against gold (the metric of the gold README)"
    )
    score.add_argument("gold", help="gold claims, .jsonl")
    source = score.add_mutually_exclusive_group(required=True)
    source.add_argument("--pred", help="predicted claims (.jsonl, .csv or .parquet)")
    source.add_argument("--corpus", nargs="+", help="articles to extract claims from first")
    score.add_argument(
        "--json", action="store_true", help="print one JSON object instead of a table"
    )
    score.add_argument(
        "--matches",
        help="write the gold/prediction pairing, for error analysis (.csv/.jsonl/.parquet)",
    )
    score.add_argument(
        "--stance-target",
        choices=STANCE_TARGETS,
        default="gold",
        help="with --corpus, measure stance toward each document's gold target (default: "
        "the gold defines stance relative to it) or toward the article's own target "
        "(its header tag, else the toolkit's guess)",
    )
    _common(score)
    _stance_model(score)
    _join_quotes(score, note="with --corpus; ")
    score.set_defaults(run=run_eval)

    brief = commands.add_parser(
        "brief", help="execute notebooks/brief.ipynb and export it with the code hidden"
    )
    brief.add_argument("--corpus", nargs="+", required=True, help="articles to brief on")
    brief.add_argument(
        "--out", required=True, help="the brief's file (.html, or .pdf with --format pdf)"
    )
    brief.add_argument("--title", help="the brief's title")
    brief.add_argument("--from", dest="date_from", type=_day, help="first date kept, YYYY-MM-DD")
    brief.add_argument("--to", dest="date_to", type=_day, help="last date kept, YYYY-MM-DD")
    brief.add_argument(
        "--speaker", dest="speakers", action="append", help="keep this speaker (repeatable)"
    )
    brief.add_argument(
        "--topic", dest="topics", action="append", help="keep this topic id (repeatable)"
    )
    brief.add_argument(
        "--target", help="measure stance toward this actor instead of each article's tag"
    )
    brief.add_argument(
        "--format",
        dest="fmt",
        choices=("html", "pdf"),
        default="html",
        help="html (default), or pdf printed by the system's Chromium",
    )
    _join_quotes(brief)
    brief.set_defaults(run=run_brief)

    train = commands.add_parser(
        "train-stance", help="train a stance model (spaCy textcat) on labelled claims"
    )
    train.add_argument(
        "labelled", help="labelled claims, .jsonl/.csv/.parquet: quote, stance, target"
    )
    train.add_argument("--out", required=True, help="the model's folder (created)")
    train.add_argument("--target", help="the target of every row, instead of a 'target' column")
    train.add_argument(
        "--epochs", type=int, help="passes over the examples (the trainer's default)"
    )
    train.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    train.set_defaults(run=run_train_stance)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--quiet", action="store_true", help="no progress bar or error report on stderr"
    )
    parser.add_argument("--n-process", type=int, default=1, help="spaCy worker processes")
    parser.add_argument("--errors", help="write the inputs that could not be processed to this CSV")
    parser.add_argument(
        "--no-cache", action="store_true", help="process anew instead of reusing the cache"
    )


def _stance_model(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stance-model",
        help="a stance model's folder or package (train-stance) instead of the lexicon",
    )


def _join_quotes(parser: argparse.ArgumentParser, note: str = "") -> None:
    parser.add_argument(
        "--join-quotes",
        action="store_true",
        help=f"{note}one claim per statement: a speaker's quotations in a row (“...,” he said. "
        "“...”) joined, as PolNeAR annotates them (default: one claim per quotation)",
    )


def _day(value: str) -> str:
    """A YYYY-MM-DD date argument, checked before any work."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date, YYYY-MM-DD: {value!r}") from exc


def run_claims(args: argparse.Namespace) -> int:
    """``claims``: the claims table on stdout (JSON lines) or in a file."""
    from toolkit.pipeline import ClaimOptions

    check_table_path(args.out)
    options = ClaimOptions(
        target=args.target,
        evidence=args.evidence,
        stance_model=args.stance_model,
        join_quotes=args.join_quotes,
    )
    corpus = _process(args, options)
    write_table(corpus.claims, args.out, default="jsonl")
    return 0


def run_comention(args: argparse.Namespace) -> int:
    """``comention``: pairs of entities named together, with association measures."""
    from toolkit.stats import comention

    check_table_path(args.out)
    corpus = _process(args)
    data = corpus.claims if args.unit == "claim" else corpus.mentions
    pairs = comention(data, unit=args.unit, min_count=args.min_count)
    write_table(pairs, args.out, default="csv")
    return 0


def run_process(args: argparse.Namespace) -> int:
    """``process``: every table of a corpus written into one folder (cached for the brief)."""
    from toolkit.pipeline import ClaimOptions, write_outputs

    options = ClaimOptions(stance_model=args.stance_model, join_quotes=args.join_quotes)
    corpus = _process(args, options)
    for path in write_outputs(corpus, args.out_dir).values():
        print(path)
    return 0


def run_eval(args: argparse.Namespace) -> int:
    """``eval``: the gold metric, on a predictions file or on claims extracted from articles."""
    from toolkit.evaluation import evaluate, format_report, gold_targets, load_gold, match_claims
    from toolkit.pipeline import ClaimOptions

    check_table_path(args.matches)
    gold = load_gold(args.gold)
    if args.pred:
        pred = read_table(args.pred)
    else:
        args.paths = args.corpus
        targets = gold_targets(gold) if args.stance_target == "gold" else None
        options = ClaimOptions(  # the speaker as the gold guidelines define it: the article's
            target=targets or None,
            stance_model=args.stance_model,
            join_quotes=args.join_quotes,
            one_name_per_person=False,
        )
        pred = _process(args, options, keep_docs=set(gold["doc_id"])).claims
    scores = evaluate(gold, pred)
    if args.matches:
        write_table(match_claims(gold, pred), args.matches, default="csv")
    print(json.dumps(scores) if args.json else format_report(scores))
    return 0


def run_brief(args: argparse.Namespace) -> int:
    """``brief``: the brief notebook executed on a corpus and exported without its code."""
    from toolkit.brief import render_brief

    out = render_brief(
        args.corpus,
        args.out,
        title=args.title,
        date_from=args.date_from,
        date_to=args.date_to,
        speakers=args.speakers,
        topics=args.topics,
        target=args.target,
        join_quotes=args.join_quotes,
        fmt=args.fmt,
    )
    print(out)
    return 0


def run_train_stance(args: argparse.Namespace) -> int:
    """``train-stance``: a stance model trained on labelled claims, saved to ``--out``."""
    from toolkit.tagging import train_stance_model

    epochs = {} if args.epochs is None else {"epochs": args.epochs}
    out = train_stance_model(
        Path(args.labelled), args.out, target=args.target, seed=args.seed, **epochs
    )
    counts = json.loads((out / "meta.json").read_text(encoding="utf-8"))["toolkit"]["examples"]
    found = ", ".join(f"{stance} {counts.get(stance, 0)}" for stance in STANCES)
    print(f"trained on {sum(counts.values())} labelled claims ({found}); saved to {out}")
    print(f"use it: python -m toolkit claims ARTICLES --stance-model {out}")
    return 0


def _process(
    args: argparse.Namespace,
    options: ClaimOptions | None = None,
    *,
    keep_docs: set[str] | None = None,
) -> Corpus:
    """Read, parse and extract; report unreadable inputs on stderr (and in --errors)."""
    from toolkit.pipeline import ClaimOptions, process_articles
    from toolkit.reading import read_corpus

    options = options or ClaimOptions()
    with warnings.catch_warnings():  # unreadable inputs are reported below, once
        warnings.simplefilter("ignore")
        articles = read_corpus(args.paths)
    read_any = not articles.empty
    if keep_docs is not None:
        kept = articles[articles["doc_id"].isin(keep_docs)].reset_index(drop=True)
        kept.attrs = articles.attrs
        articles = kept
    show_progress = not args.quiet and len(articles) >= PROGRESS_MIN_ARTICLES
    corpus = process_articles(
        articles, options, cache=not args.no_cache, n_process=args.n_process, progress=show_progress
    )
    if not args.quiet:
        for row in corpus.errors.itertuples(index=False):
            print(f"toolkit: skipped {row.path}: {row.reason}", file=sys.stderr)
    if args.errors:
        corpus.errors.to_csv(args.errors, index=False)
    if not read_any:
        why = (
            "every input was skipped (listed above, or in --errors)"
            if len(corpus.errors)
            else "no .txt file or .jsonl/.csv/.parquet table there"
        )
        raise ValueError(Errors.E009.format(paths=", ".join(map(str, args.paths)), why=why))
    if articles.empty:
        raise ValueError(Errors.E016.format(paths=", ".join(map(str, args.paths))))
    return corpus
