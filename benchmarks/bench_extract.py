"""Words per second of ``extract_claims`` against plain ``nlp.pipe`` of the same model.

Both run in one process on the same texts (a few hundred articles of
``../shared/corpus/allsides-intl/articles`` by default), so the ratio says what the
toolkit's own work costs on top of spaCy's parse. They take turns, a chunk of articles
each (``--chunk``), so that a shared machine's changing speed weighs on both alike; the
spread of the chunks' ratios says how steady the machine was.

    python benchmarks/bench_extract.py [--articles 300] [--chunk 50] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "allsides-intl" / "articles"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--chunk", type=int, default=50, help="articles a turn")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"benchmark skipped: {args.corpus} is absent", file=sys.stderr)
        return 0

    import toolkit as tk
    from toolkit.nlp import load_model

    files = sorted(p for p in args.corpus.rglob("*") if p.suffix.lower() == ".txt")
    articles = tk.read_corpus(files[: args.articles]) if files else None
    if articles is None or articles.empty:
        print(f"benchmark skipped: no readable .txt article under {args.corpus}", file=sys.stderr)
        return 0
    words = int(articles["text"].str.split().str.len().sum())
    nlp = load_model()
    list(nlp.pipe(articles["text"].head(5)))  # warm up

    pipe_seconds = extract_seconds = 0.0
    n_claims, ratios = 0, []
    for at in range(0, len(articles), args.chunk):
        chunk = articles.iloc[at : at + args.chunk]
        start = time.perf_counter()
        for _ in nlp.pipe(chunk["text"], batch_size=32):
            pass
        pipe = time.perf_counter() - start
        start = time.perf_counter()
        n_claims += len(tk.extract_claims(chunk, nlp=nlp))
        extract = time.perf_counter() - start
        pipe_seconds, extract_seconds = pipe_seconds + pipe, extract_seconds + extract
        ratios.append(pipe / extract)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles                 {len(articles)}")
    print(f"words                    {words}")
    print(f"claims                   {n_claims}")
    print(f"nlp.pipe                 {words / pipe_seconds:10.0f} words/s  ({pipe_seconds:.1f} s)")
    print(
        f"extract_claims           {words / extract_seconds:10.0f} words/s  ({extract_seconds:.1f} s)"
    )
    print(f"ratio extract/pipe speed {pipe_seconds / extract_seconds:10.2f}")
    print(f"  chunks' ratios         {min(ratios):10.2f} to {max(ratios):.2f}")
    print(f"peak memory              {peak_mb:10.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
