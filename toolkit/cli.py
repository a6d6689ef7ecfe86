"""Command line: ``python -m toolkit claims|comention|process|eval|brief ...``.

Example:
    $ python -m toolkit claims data/ --out out/claims.csv
    $ python -m toolkit process data/ --out-dir out/
    $ python -m toolkit comention data/ --unit sentence --out out/pairs.csv
    $ python -m toolkit eval ../shared/gold/seed.jsonl --corpus data/
    $ python -m toolkit brief --corpus data/ --out out/brief.html
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from toolkit.errors import Errors

TABLE_FORMATS = (".jsonl", ".csv", ".parquet")
PROGRESS_MIN_ARTICLES = 20
UNITS = ("sentence", "claim", "article")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 failed, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (OSError, ValueError) as exc:
        print(f"toolkit: {exc}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m toolkit", description=__doc__.splitlines()[0])
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
    claims.set_defaults(run=run_claims)

    pairs = commands.add_parser(
        "comention", help="co-mention pairs with count, expected, PMI, NPMI, lift, G²"
    )
    pairs.add_argument("paths", nargs="+", help="article files, folders, or tables")
    pairs.add_argument("--unit", choices=UNITS, default="sentence", help="what counts as together")
    pairs.add_argument("--min-count", type=int, default=1, help="drop pairs seen fewer times")
    pairs.add_argument("--out", help="write .csv, .jsonl or .parquet instead of CSV on stdout")
    _common(pairs)
    pairs.set_defaults(run=run_comention)

    process = commands.add_parser(
        "process", help="write claims, mentions, co-mentions and errors to a folder"
    )
    process.add_argument("paths", nargs="+", help="article files, folders, or tables")
    process.add_argument("--out-dir", default="out", help="the folder to write into (default: out)")
    _common(process)
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
    _common(score)
    score.set_defaults(run=run_eval)

    brief = commands.add_parser(
        "brief", help="execute notebooks/brief.ipynb and export it with the code hidden"
    )
    brief.add_argument("--corpus", nargs="+", required=True, help="articles to brief on")
    brief.add_argument(
        "--out", required=True, help="the brief's file (.html, or .pdf with --format pdf)"
    )
    brief.add_argument("--title", help="the brief's title")
    brief.add_argument("--from", dest="date_from", help="first date kept, YYYY-MM-DD")
    brief.add_argument("--to", dest="date_to", help="last date kept, YYYY-MM-DD")
    brief.add_argument(
        "--speaker", dest="speakers", action="append", help="keep this speaker (repeatable)"
    )
    brief.add_argument(
        "--topic", dest="topics", action="append", help="keep this topic id (repeatable)"
    )
    brief.add_argument("--target", help="stance target")
    brief.add_argument("--format", dest="fmt", choices=("html", "pdf"), default="html")
    brief.set_defaults(run=run_brief)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--quiet", action="store_true", help="no progress bar or error report on stderr"
    )
    parser.add_argument("--n-process", type=int, default=1, help="spaCy worker processes")
    parser.add_argument("--errors", help="write the inputs that could not be processed to this CSV")


def run_claims(args: argparse.Namespace) -> int:
    corpus = _process(args, target=args.target, evidence=args.evidence)
    _write_table(_jsonable(corpus.claims), args.out, default="jsonl")
    return 0


def run_comention(args: argparse.Namespace) -> int:
    from toolkit.stats import comention

    corpus = _process(args)
    data = corpus.claims if args.unit == "claim" else corpus.mentions
    pairs = comention(data, unit=args.unit, min_count=args.min_count)
    _write_table(pairs, args.out, default="csv")
    return 0


def run_process(args: argparse.Namespace) -> int:
    from toolkit.pipeline import write_outputs

    for path in write_outputs(_process(args), args.out_dir).values():
        print(path)
    return 0


def run_eval(args: argparse.Namespace) -> int:
    from toolkit.evaluation import evaluate, format_report, load_gold, match_claims

    gold = load_gold(args.gold)
    if args.pred:
        pred = read_table(args.pred)
    else:
        args.paths = args.corpus
        pred = _process(args, keep_docs=set(gold["doc_id"])).claims
    scores = evaluate(gold, pred)
    if args.matches:
        _write_table(match_claims(gold, pred), args.matches, default="csv")
    print(json.dumps(scores) if args.json else format_report(scores))
    return 0


def run_brief(args: argparse.Namespace) -> int:
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
        fmt=args.fmt,
    )
    print(out)
    return 0


def _process(args: argparse.Namespace, *, keep_docs: set[str] | None = None, **options):
    """Read, parse and extract; report unreadable inputs on stderr (and in --errors)."""
    from toolkit.pipeline import process_articles
    from toolkit.reading import read_corpus

    with warnings.catch_warnings():  # unreadable inputs are reported below, once
        warnings.simplefilter("ignore")
        articles = read_corpus(args.paths)
    if keep_docs is not None:
        kept = articles[articles["doc_id"].isin(keep_docs)].reset_index(drop=True)
        kept.attrs = articles.attrs
        articles = kept
    show_progress = not args.quiet and len(articles) >= PROGRESS_MIN_ARTICLES
    corpus = process_articles(
        articles, cache=False, n_process=args.n_process, progress=show_progress, **options
    )
    report = corpus.errors
    if not args.quiet:
        for row in report.itertuples(index=False):
            print(f"toolkit: skipped {row.path}: {row.reason}", file=sys.stderr)
    if args.errors:
        report.to_csv(args.errors, index=False)
    if articles.empty:
        raise ValueError(Errors.E009.format(paths=", ".join(map(str, args.paths))))
    return corpus


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a claims table from .jsonl, .csv or .parquet."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    if suffix == ".csv":
        return pd.read_csv(path)
    if suffix == ".parquet":
        return pd.read_parquet(path)
    raise ValueError(
        Errors.E005.format(what="table format", value=suffix, choices=", ".join(TABLE_FORMATS))
    )


def _write_table(table: pd.DataFrame, out: str | None, *, default: str) -> None:
    if out is None:
        if default == "jsonl":
            table.to_json(
                sys.stdout, orient="records", lines=True, force_ascii=False, date_format="iso"
            )
        else:
            table.to_csv(sys.stdout, index=False)
        return
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        table.to_json(path, orient="records", lines=True, force_ascii=False, date_format="iso")
    elif suffix == ".csv":
        table.to_csv(path, index=False)
    elif suffix == ".parquet":
        table.to_parquet(path, index=False)
    else:
        raise ValueError(
            Errors.E005.format(what="output format", value=suffix, choices=", ".join(TABLE_FORMATS))
        )


def _jsonable(claims: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO day strings, so JSON, CSV and Parquet outputs agree."""
    claims = claims.copy()
    claims["date"] = claims["date"].dt.strftime("%Y-%m-%d")
    return claims
