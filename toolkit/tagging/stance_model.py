"""A stance classifier from a spaCy ``textcat`` pipeline: optional, off by default.

The lexicon (:mod:`toolkit.tagging.stances`) is the default. A stance model is a
spaCy pipeline with one ``textcat`` component whose exclusive labels are
``support``, ``oppose`` and ``neutral``, trained on an analyst's labelled claims by
:func:`toolkit.tagging.training.train_stance_model` and loaded from its folder or
from an installed package name; nothing is ever fetched from a hub.

One model serves any target because it reads the claim with the target's side
written ``TARGET`` (:func:`model_text`): ``speaker || cue || quote``, where the
speaker is ``TARGET`` when the gazetteer puts it on the target's side, and every
name of the side in the speaker and the quote (the target, its country, their
aliases: "Pyongyang", "the North", "Kim") is replaced by ``TARGET``.

Example:
    >>> model_text("Pyongyang sent shells to Russia", "Kim Jong Un", speaker="NIS", cue="told")
    'NIS || told || TARGET sent shells to Russia'
    >>> model_text("the allegations", "Kim Jong Un", speaker="KCNA", cue="denied")
    'TARGET || denied || the allegations'
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import pandas as pd
import spacy
from spacy.language import Language

from toolkit.errors import Errors
from toolkit.schema import STANCES
from toolkit.tagging.targets import GazetteerLike, _gazetteer, _Side, _side_of
from toolkit.tagging.texts import _as_text, _column

STANCE_MODEL_ENV_VAR = "TOOLKIT_STANCE_MODEL"
TARGET_MARK = "TARGET"
FIELD_SEP = " || "
INPUT_VERSION = 1  # the meta's toolkit.stance_input: what model_text writes
TEXTCAT = "textcat"


def stance_model_choice(model: str | os.PathLike | None = None) -> str | None:
    """The stance model asked for: the argument, else ``TOOLKIT_STANCE_MODEL``, else None (the lexicon).

    Example:
        >>> stance_model_choice("models/stance")
        'models/stance'
    """
    chosen = model or os.environ.get(STANCE_MODEL_ENV_VAR)
    return os.fspath(chosen) if chosen else None


def model_text(
    quote: str,
    target: str,
    *,
    speaker: str | None = None,
    cue: str | None = None,
    gazetteer: GazetteerLike | None = None,
) -> str:
    """The text a stance model reads for one claim (see the module's docstring).

    A one-word name followed by another capitalised word is left alone: it is part
    of someone else's name ("Kim" in "Kim Kwan-jin").
    """
    return _Marker(_side_of(target, _gazetteer(gazetteer))).text(quote, speaker, cue)


def model_texts(claims: pd.DataFrame, gazetteer: GazetteerLike | None = None) -> list[str | None]:
    """:func:`model_text` of every claim (``quote``, ``target``, ``speaker``, ``cue``); None without a target."""
    gazetteer = _gazetteer(gazetteer)
    markers: dict[str, _Marker] = {}
    texts: list[str | None] = []
    rows = zip(
        _column(claims, "quote"),
        _column(claims, "target"),
        _column(claims, "speaker"),
        _column(claims, "cue"),
        strict=True,
    )
    for quote, target, speaker, cue in rows:
        if not isinstance(target, str) or not target:
            texts.append(None)
            continue
        if target not in markers:
            markers[target] = _Marker(_side_of(target, gazetteer))
        texts.append(markers[target].text(_as_text(quote), speaker, cue))
    return texts


class _Marker:
    """Writes the target's side as ``TARGET`` in a speaker and a quote."""

    def __init__(self, side: _Side) -> None:
        self.side = side
        names = sorted(side.names, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])"
        )

    def text(self, quote: str, speaker: object, cue: object) -> str:
        return FIELD_SEP.join(
            (self.speaker(_as_text(speaker).strip()), _as_text(cue), self.mark(quote))
        )

    def speaker(self, name: str) -> str:
        if name and self.side.has(self.side.gazetteer.canonical(name) or name):
            return TARGET_MARK
        return self.mark(name)

    def mark(self, text: str) -> str:
        def replace(match: re.Match) -> str:
            name = match.group(0)
            if " " not in name and re.match(r"\s+[A-Z]", text[match.end() :]):
                return name
            return TARGET_MARK

        return self.pattern.sub(replace, text)


def load_stance_model(model: str | os.PathLike) -> Language:
    """Load a stance model from its folder or an installed package, and check that it is one.

    Loads are cached until the folder's files change (a model retrained in place is reloaded).

    Raises:
        OSError: no such folder or package, or it is not a toolkit stance model; the
            message says how to train one.

    Example:
        >>> load_stance_model("no/such/folder")
        Traceback (most recent call last):
        ...
        OSError: [E018] Can't use the stance model 'no/such/folder': no such folder or installed package. ...
    """
    return _load(os.fspath(model), stance_model_fingerprint(model))


def stance_model_fingerprint(model: str | os.PathLike) -> str:
    """What identifies a model's current weights: its folder's files, sizes and times (for caches)."""
    where = _model_dir(model)
    files = sorted(p for p in where.rglob("*") if p.is_file())
    return ";".join(
        f"{p.relative_to(where)}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files
    )


def model_name(model: str | os.PathLike) -> str:
    """The short name that stance evidence gives a model: its folder's name, or the package name.

    Example:
        >>> model_name("models/stance-nk/")
        'stance-nk'
    """
    return Path(model).name if os.sep in os.fspath(model) or Path(model).exists() else str(model)


def model_stances(
    claims: pd.DataFrame,
    model: str | os.PathLike,
    *,
    gazetteer: GazetteerLike | None = None,
    batch_size: int = 64,
) -> tuple[list[str], list[str]]:
    """The stance model's label and evidence for every claim of a table with a ``target`` column.

    A claim without a target is neutral ("no target"), as with the lexicon. The
    evidence names the model and the label's score: ``model stance-nk: oppose 0.81``.
    """
    nlp = load_stance_model(model)
    name = model_name(model)
    texts = model_texts(claims, gazetteer)
    read = [text for text in texts if text is not None]
    scores = iter(doc.cats for doc in nlp.pipe(read, batch_size=batch_size))
    stances, evidence = [], []
    for text in texts:
        if text is None:
            stances.append("neutral")
            evidence.append("no target")
            continue
        label, score = _best(next(scores))
        stances.append(label)
        evidence.append(f"model {name}: {label} {score:.2f}")
    return stances, evidence


def _best(cats: Mapping[str, float]) -> tuple[str, float]:
    label = max(STANCES, key=lambda stance: cats.get(stance, 0.0))
    return label, cats.get(label, 0.0)


def _model_dir(model: str | os.PathLike) -> Path:
    """The folder holding the model: the path given, or the installed package's folder."""
    path = Path(model)
    if path.is_dir():
        return path
    name = os.fspath(model)
    if os.sep not in name and spacy.util.is_package(name):
        return spacy.util.get_package_path(name)
    raise OSError(Errors.E018.format(model=name, reason="no such folder or installed package"))


@lru_cache(maxsize=8)
def _load(model: str, fingerprint: str) -> Language:
    """Load a folder, else an installed package; cached by name and ``fingerprint`` (its files)."""
    try:
        nlp = spacy.load(Path(model) if Path(model).is_dir() else model)
    except (OSError, ValueError) as exc:
        raise OSError(
            Errors.E018.format(model=model, reason=f"not a spaCy pipeline ({exc})")
        ) from exc
    meta = nlp.meta.get("toolkit") or {}
    labels = set(nlp.get_pipe(TEXTCAT).labels) if TEXTCAT in nlp.pipe_names else set()
    if labels != set(STANCES) or meta.get("stance_input") != INPUT_VERSION:
        reason = (
            f"it is no toolkit stance model (a '{TEXTCAT}' with labels "
            f"{', '.join(STANCES)} and input version {INPUT_VERSION} is needed)"
        )
        raise OSError(Errors.E018.format(model=model, reason=reason))
    return nlp
