"""Train a stance model on claims an analyst labelled: spaCy ``textcat``, CPU, fixed seed.

The labelled table has the columns ``quote``, ``stance`` (support, oppose, neutral)
and ``target`` (or one ``target=`` for every row), and optionally ``speaker`` and
``cue``, which the model reads too (:func:`toolkit.tagging.stance_model.model_text`).
Rows with no stance (null or blank), or marked ``stance_ambiguous`` (the gold
format), are left out, so a gold file trains as it is. The model is a bag of words
and word pairs (spaCy's ``TextCatBOW``): it needs no word vectors and trains in
seconds on a few dozen claims.

Example:
    >>> import pandas as pd
    >>> labelled = pd.DataFrame({
    ...     "quote": ["Kim's reckless provocations", "Kim is a brave leader", "Kim met officials"] * 3,
    ...     "stance": ["oppose", "support", "neutral"] * 3})
    >>> path = train_stance_model(labelled, "models/stance-demo", target="Kim Jong Un")  # doctest: +SKIP
"""

from __future__ import annotations

import os
import random
from collections import Counter
from pathlib import Path

import pandas as pd
import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from toolkit.errors import Errors
from toolkit.schema import STANCES
from toolkit.tables import check_table_path, read_table
from toolkit.tagging.stance_model import INPUT_VERSION, TEXTCAT, model_texts
from toolkit.tagging.targets import GazetteerLike

MIN_PER_STANCE = 3
EPOCHS = 30
BATCH_SIZE = 8
DROPOUT = 0.2
NGRAM_SIZE = 2
MAX_ROWS_NAMED = 5
MODEL_NAME = "toolkit_stance"
TEXTCAT_MODEL = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "ngram_size": NGRAM_SIZE,
    "no_output_layer": False,
}


def train_stance_model(
    labelled_claims: pd.DataFrame | str | os.PathLike,
    out_dir: str | os.PathLike,
    *,
    target: str | None = None,
    gazetteer: GazetteerLike | None = None,
    epochs: int = EPOCHS,
    seed: int = 0,
    min_per_stance: int = MIN_PER_STANCE,
    source: str | os.PathLike | None = None,
) -> Path:
    """Train a stance model on labelled claims, save it to ``out_dir`` and return that folder.

    Training runs on the CPU with ``seed`` fixed (it seeds Python's, NumPy's and
    thinc's random generators), so the same table and seed give the same model.
    Use the model with ``tk.stance(claims, model=out_dir)``.

    Args:
        labelled_claims: ``quote``, ``stance``, ``target`` (unless ``target=``), and
            optionally ``speaker``, ``cue``, ``stance_ambiguous``; a table or its file
            (.jsonl, .csv, .parquet).
        out_dir: the folder to write (created with its parents; a model already there is
            replaced).
        target: the target of every row, instead of a ``target`` column.
        gazetteer: the names of the targets' sides; the shipped one by default.
        epochs: passes over the examples.
        seed: the random seed.
        min_per_stance: the fewest examples of each stance accepted.
        source: where the table came from, to name in error messages.

    Raises:
        ValueError: missing columns, unknown labels, rows without quote or target,
            or too few examples of a stance; the message names ``source`` and the problem.
    """
    if isinstance(labelled_claims, str | os.PathLike):
        source = source or labelled_claims
        labelled_claims = read_labelled(labelled_claims)
    rows = labelled_rows(
        labelled_claims, target=target, min_per_stance=min_per_stance, source=source
    )
    spacy.require_cpu()
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe(TEXTCAT, config={"model": TEXTCAT_MODEL})
    for label in STANCES:
        textcat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {s: float(s == stance) for s in STANCES}})
        for text, stance in zip(model_texts(rows, gazetteer), rows["stance"], strict=True)
    ]
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(seed)
    for _ in range(epochs):
        order.shuffle(examples)
        for batch in minibatch(examples, BATCH_SIZE):
            nlp.update(batch, sgd=optimizer, drop=DROPOUT)
    nlp.meta["name"] = MODEL_NAME
    nlp.meta["description"] = (
        "toolkit stance model: speaker || cue || quote, target's side as TARGET"
    )
    nlp.meta["toolkit"] = {
        "stance_input": INPUT_VERSION,
        "examples": dict(Counter(rows["stance"])),
        "epochs": epochs,
        "seed": seed,
    }
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return out


def read_labelled(path: str | os.PathLike) -> pd.DataFrame:
    """Read a file of labelled claims; a missing or unreadable file fails naming it.

    Example:
        >>> read_labelled("labelled.csv").columns.tolist()  # doctest: +SKIP
        ['quote', 'stance', 'target']
    """
    path = Path(path)
    check_table_path(path)
    if not path.is_file():
        raise ValueError(Errors.E019.format(source=f"'{path}'", reason="no such file"))
    try:
        return read_table(path)
    except ValueError as exc:
        raise ValueError(
            Errors.E019.format(source=f"'{path}'", reason=f"can't be read ({exc})")
        ) from exc


def labelled_rows(
    labelled_claims: pd.DataFrame,
    *,
    target: str | None = None,
    min_per_stance: int = MIN_PER_STANCE,
    source: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """The rows a model trains on, with ``target`` filled in; a clear error for bad input.

    Example:
        >>> table = pd.DataFrame({"quote": ["a"], "stance": ["against"]})
        >>> labelled_rows(table, target="Russia", source="mine.csv")
        Traceback (most recent call last):
        ...
        ValueError: [E019] Labelled claims 'mine.csv': unknown stance label(s) 'against' (row 1); use support, oppose or neutral. ...
    """
    where = f"'{os.fspath(source)}'" if source is not None else "(the table given)"

    def fail(reason: str) -> ValueError:
        return ValueError(Errors.E019.format(source=where, reason=reason))

    needed = ["quote", "stance"] + ([] if target else ["target"])
    missing = [column for column in needed if column not in labelled_claims.columns]
    if missing:
        columns = ", ".join(map(str, labelled_claims.columns)) or "none"
        raise fail(f"missing column(s) {', '.join(map(repr, missing))} (columns: {columns})")
    table = labelled_claims.reset_index(drop=True)
    table.index += 1  # rows are named from 1, as an analyst counts them
    if "stance_ambiguous" in table.columns:
        ambiguous = table["stance_ambiguous"].map(lambda v: str(v).strip().lower() == "true")
        table = table[~ambiguous]
    labels = table["stance"].map(
        lambda value: str(value).strip().lower() if pd.notna(value) else ""
    )
    table = table[labels != ""].assign(stance=labels[labels != ""])
    unknown = table[~table["stance"].isin(STANCES)]
    if not unknown.empty:
        labels = ", ".join(repr(label) for label in dict.fromkeys(unknown["stance"]))
        raise fail(
            f"unknown stance label(s) {labels} ({_rows(unknown.index)}); use support, oppose or neutral"
        )
    if target:
        table["target"] = target
    for column in ("quote", "target"):
        empty = table[~table[column].map(lambda v: isinstance(v, str) and bool(v.strip()))]
        if not empty.empty:
            raise fail(f"no {column} in {_rows(empty.index)}")
    counts = Counter(table["stance"])
    few = [stance for stance in STANCES if counts[stance] < min_per_stance]
    if few:
        found = ", ".join(f"{stance} {counts[stance]}" for stance in STANCES)
        raise fail(
            f"too few examples of {', '.join(few)} ({found}); label at least {min_per_stance} of each"
        )
    return table


def _rows(index: pd.Index) -> str:
    numbers = [str(i) for i in index[:MAX_ROWS_NAMED]]
    more = f" and {len(index) - MAX_ROWS_NAMED} more" if len(index) > MAX_ROWS_NAMED else ""
    return f"row{'s' if len(index) > 1 else ''} {', '.join(numbers)}{more}"
