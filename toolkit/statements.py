"""One claim per statement: a speaker's quotations in a row joined into one row.

The gold guidelines make each quotation its own claim: in “We are ready,” Kim said.
“We will not wait.” there are two. Some corpora (PolNeAR among them) annotate the
whole statement as one attribution, and an analyst reading a table may prefer one
row per statement. :func:`join_quotes` gives that reading on any claims table.

A quotation joins the claim before it when both are the same speaker's, in one
paragraph, the earlier one quoted (``direct`` or ``mixed``), the later one a whole
quotation (``direct``), and nothing stands between them but the cue's clause
("Kim said", "he added, adjusting his glasses") or bare punctuation. Each part was
tagged on its own words before the join, so the narration between the parts (the
speaker's name, the reporter's "praising Iran") never counts: the joined row's
``topics`` and ``entities`` are those of its parts, its ``stance`` theirs when they
agree (``neutral`` when they take opposite sides).

``extract_claims(..., join_quotes=True)`` and ``python -m toolkit claims --join-quotes``
apply it; on a table at hand, ``tk.join_quotes(claims, articles)``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import pandas as pd

from toolkit.reading import ArticlesLike, as_articles
from toolkit.schema import as_list, is_missing, require_columns

MAX_GAP_CHARS = 120  # room for "Jane Doe, a senior analyst at the Brookings Institution, said"
QUOTED_KINDS = {"direct", "mixed"}
# Marks around a gap's words: the closing and opening quotation marks, commas, a full stop.
GAP_EDGES = " \t,.;:!?—–-“”\"'‘’«»"
# A full stop, "!" or "?" before the next sentence's capital; a full stop counts only after
# a word of four letters or more, so "Mr.", "Rep.", "G.K." and "(D-N.C.)" end none.
SENTENCE_END_RE = re.compile(r"(\w*)([.!?])\s+(?=[A-Z“\"])")
MIN_WORD_BEFORE_FULL_STOP = 4
JOINED_NOTE = "joined with the same speaker's next quotation (one claim per statement)"
REQUIRED_COLUMNS = ["doc_id", "start", "end", "kind", "cue", "speaker"]


def join_quotes(claims: pd.DataFrame, articles: ArticlesLike | Mapping[str, str]) -> pd.DataFrame:
    """Return ``claims`` with each speaker's quotations in a row joined into one row.

    Args:
        claims: a claims table (:func:`toolkit.extract_claims`), already tagged.
        articles: the articles the claims come from (a table with ``doc_id`` and
            ``text``, or a mapping ``doc_id -> text``), to read what lies between
            two quotations.

    Returns:
        A new table, rows in the same order. A joined row runs from its first
        quotation's ``start`` to its last one's ``end``, and its ``quote`` is the
        article's text between them, cue clause included, so offsets stay exact;
        it keeps the first part's ``claim_id``, cue and speaker fields, is ``direct``
        when every part is (else ``mixed``), and unites the parts' ``topics``,
        ``entities`` and sentences. Other rows are unchanged.

    Example:
        >>> text = "“We are ready,” Kim said. “We will not wait.”"
        >>> claims = pd.DataFrame({
        ...     "doc_id": "a", "start": [1, 26], "end": [13, 43], "kind": "direct",
        ...     "cue": ["said", None], "speaker": "Kim", "topics": [[], ["alliances"]]})
        >>> join_quotes(claims, {"a": text}).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
        [{'doc_id': 'a', 'start': 1, 'end': 43, 'kind': 'direct', 'cue': 'said',
          'speaker': 'Kim', 'topics': ['alliances']}]
    """
    require_columns(claims, REQUIRED_COLUMNS, func="join_quotes", table="claims")
    texts = articles if isinstance(articles, Mapping) else _texts_of(articles)
    rows = claims.to_dict("records")
    order = sorted(range(len(rows)), key=lambda i: (str(rows[i]["doc_id"]), _offset(rows[i])))
    groups: list[list[int]] = []
    for i in order:
        previous = groups[-1][-1] if groups else None
        text = texts.get(rows[i]["doc_id"])
        if previous is not None and text is not None and _goes_on(rows[previous], rows[i], text):
            groups[-1].append(i)
        else:
            groups.append([i])
    joined = {
        group[0]: _joined([rows[i] for i in group], texts[rows[group[0]]["doc_id"]])
        for group in groups
        if len(group) > 1
    }
    kept = sorted(group[0] for group in groups)
    table = pd.DataFrame([joined.get(i, rows[i]) for i in kept], columns=claims.columns)
    table.attrs = dict(claims.attrs)
    return table.reset_index(drop=True)


def _offset(row: dict) -> float:
    """Where a claim starts; one without offsets sorts last."""
    return math.inf if is_missing(row["start"]) else float(row["start"])


def _texts_of(articles: ArticlesLike) -> dict[str, str]:
    articles = as_articles(articles)
    return dict(zip(articles["doc_id"], articles["text"], strict=True))


def _goes_on(previous: dict, claim: dict, text: str) -> bool:
    """Whether ``claim`` is the same speaker's statement going on after ``previous``."""
    if previous["doc_id"] != claim["doc_id"] or is_missing(previous["speaker"]):
        return False
    if any(is_missing(row[key]) for row in (previous, claim) for key in ("start", "end")):
        return False  # a claim without offsets stands alone
    if claim["speaker"] != previous["speaker"]:
        return False
    if previous["kind"] not in QUOTED_KINDS or claim["kind"] != "direct":
        return False
    end, start = int(previous["end"]), int(claim["start"])  # floats when a cell was missing
    gap = text[end:start]
    if start < end or len(gap) > MAX_GAP_CHARS or "\n" in gap:
        return False
    words = gap.strip(GAP_EDGES)
    if not words:
        return True  # “...” “...”: the next quotation follows at once
    if _ends_a_sentence(words):
        return False  # a sentence of narration between them
    own_cue = claim["cue"] if not is_missing(claim["cue"]) else None
    if own_cue is not None and not _holds_word(words, own_cue):
        return False  # “...,” she added: the later quotation's own cue comes after it
    return _holds_word(words, previous["cue"]) or own_cue is not None


def _ends_a_sentence(words: str) -> bool:
    return any(
        mark != "." or len(word) >= MIN_WORD_BEFORE_FULL_STOP
        for word, mark in SENTENCE_END_RE.findall(words)
    )


def _holds_word(words: str, cue: object) -> bool:
    """Whether the cue (a word or phrase, e.g. "said", "told reporters") stands in ``words``."""
    if is_missing(cue) or not str(cue).strip(GAP_EDGES):
        return False
    return re.search(rf"\b{re.escape(str(cue))}\b", words) is not None


def _joined(parts: list[dict], text: str) -> dict:
    """One row for a statement's parts (see :func:`join_quotes`)."""
    first, last = parts[0], parts[-1]
    row = dict(first)
    row["end"] = last["end"]
    if "quote" in row:
        row["quote"] = text[int(first["start"]) : int(last["end"])]
    row["kind"] = "direct" if all(p["kind"] == "direct" for p in parts) else "mixed"
    row["cue"] = next((p["cue"] for p in parts if not is_missing(p["cue"])), first["cue"])
    for column in ("topics", "entities"):
        if column in row:
            row[column] = _united(p[column] for p in parts)
    if "sentence" in row:
        row["sentence"] = " ".join(dict.fromkeys(str(p["sentence"]) for p in parts))
    if "stance" in row:
        row["stance"] = _agreed(p["stance"] for p in parts)
    if "stance_evidence" in row:
        notes = [str(p["stance_evidence"]) for p in parts if not is_missing(p["stance_evidence"])]
        row["stance_evidence"] = "; ".join(dict.fromkeys(note for note in notes if note))
    if "evidence" in row:
        row["evidence"] = [*[e for p in parts for e in as_list(p["evidence"])], JOINED_NOTE]
    return row


def _united(lists) -> list:
    """The items of several lists, each once, in order of first appearance."""
    return list(dict.fromkeys(item for items in lists for item in as_list(items)))


def _agreed(stances) -> str | None:
    """The parts' stance: the side they take, ``neutral`` if they take both or none."""
    stances = [s for s in stances if not is_missing(s)]
    if not stances:
        return None
    sides = {s for s in stances if s != "neutral"}
    return sides.pop() if len(sides) == 1 else "neutral"
