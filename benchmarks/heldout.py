"""Rebuild the held-out gold sets from stand-off claims and the shared texts.

``benchmarks/heldout/claims.jsonl`` names each gold claim by its article's path under
``../shared`` and its offsets, without the article's words. This script reads the
texts, fills in each claim's ``quote``, checks that every offset still points inside
its article, and writes one folder per split with ``gold.jsonl`` and ``text/`` (links
to the shared files, named ``<doc_id>.txt``), ready for ``python -m toolkit eval``.

    python benchmarks/heldout.py [--shared PATH] --out DIR

Example:
    >>> sets = build_heldout(DEFAULT_SHARED, Path(tempfile.mkdtemp()))  # doctest: +SKIP
    >>> sorted(sets)  # doctest: +SKIP
    ['dev', 'test']
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
CLAIMS = Path(__file__).resolve().parent / "heldout" / "claims.jsonl"
STAND_OFF_FIELDS = ("split", "path")


def build_heldout(shared: Path, out: Path, *, claims: Path = CLAIMS) -> dict[str, Path]:
    """Write ``<out>/<split>/gold.jsonl`` and ``<out>/<split>/text/``; return the split folders.

    Raises:
        FileNotFoundError: an article of the set is absent from ``shared``.
        ValueError: an offset runs past the end of its article.
    """
    records = [json.loads(line) for line in claims.read_text(encoding="utf-8").splitlines()]
    texts: dict[str, str] = {}
    folders: dict[str, Path] = {}
    golds: dict[str, list[dict]] = {}
    for record in records:
        split, path = record["split"], record["path"]
        if path not in texts:
            source = shared / path
            if not source.is_file():
                raise FileNotFoundError(f"{claims}: the article {source} is absent")
            texts[path] = source.read_text(encoding="utf-8")
            folder = folders.setdefault(split, out / split)
            (folder / "text").mkdir(parents=True, exist_ok=True)
            link = folder / "text" / f"{record['doc_id']}.txt"
            link.unlink(missing_ok=True)
            link.symlink_to(source.resolve())
        text = texts[path]
        if not 0 <= record["start"] < record["end"] <= len(text):
            raise ValueError(f"{claims}: offsets {record['start']}-{record['end']} outside {path}")
        gold = {k: v for k, v in record.items() if k not in STAND_OFF_FIELDS}
        gold["quote"] = text[record["start"] : record["end"]]
        golds.setdefault(split, []).append(gold)
    for split, rows in golds.items():
        lines = [json.dumps(row, ensure_ascii=False) for row in rows]
        (folders[split] / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folders


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "heldout")
    args = parser.parse_args()
    try:
        folders = build_heldout(args.shared, args.out)
    except (FileNotFoundError, ValueError) as error:
        print(f"heldout: {error}", file=sys.stderr)
        return 1
    for split, folder in sorted(folders.items()):
        print(f"{split}: {folder / 'gold.jsonl'} (articles in {folder / 'text'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
