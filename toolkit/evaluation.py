"""Score predicted claims against gold claims with the metric of ``shared/gold/README.md``.

The steps have names: :func:`load_gold` reads a gold ``.jsonl``; :func:`match_claims`
pairs predictions with gold claims one-to-one within each document and returns an
error-analysis table (one row per gold claim and per unmatched prediction);
:func:`score_matches` turns that table into scores; :func:`evaluate` does both;
:func:`format_report` prints the scores as a plain-text table.

Decisions on points the metric leaves open (each documented where it is made):

- Apostrophes (straight, curly, modifier letter, backtick) are deleted before
  tokenising, so a word keeps its apostrophe-free spelling as one token:
  "O’Hanlon" and "O'Hanlon" both give ``ohanlon``, "Korea's" gives ``koreas``.
- Ties in overlap go to the pair whose token counts are closer (higher
  ``|P ∩ G| / max(|P|, |G|)``), then to the pair whose start offsets are closer,
  then to the earlier gold row and the earlier prediction.
- Predictions on documents that have no gold claim are left out (counted in
  ``n_pred_other_docs``), so scoring a whole corpus against a gold subset is fair.
- A person's surname alone counts as the right speaker when a gold name "looks
  like a person": see :func:`looks_like_person`.

Example:
    >>> import pandas as pd
    >>> gold = pd.DataFrame({"doc_id": ["d"], "quote": ["We will win"], "speaker": ["Ann Lee"]})
    >>> pred = pd.DataFrame({"doc_id": ["d"], "quote": ["we will win, he said"],
    ...                      "speaker": ["Lee"]})
    >>> scores = evaluate(gold, pred)
    >>> scores["claim_f1"], scores["e2e_f1"]
    (1.0, 1.0)
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from toolkit.errors import Errors
from toolkit.schema import KINDS, STANCES, require_columns

MATCH_THRESHOLD = 0.5

GOLD_COLUMNS = [
    "doc_id",
    "start",
    "end",
    "quote",
    "kind",
    "speaker",
    "speaker_aliases",
    "cue",
    "target",
    "stance",
    "topics",
    "via",
    "optional",
    "stance_ambiguous",
]
GOLD_REQUIRED = ("doc_id", "quote")
GOLD_STRING_FIELDS = ("speaker", "cue", "target", "via")
GOLD_FLAG_FIELDS = ("optional", "stance_ambiguous")
PRED_REQUIRED = ("doc_id", "quote")

MATCH_COLUMNS = [
    "doc_id",
    "status",
    "gold_row",
    "pred_row",
    "overlap",
    "best_overlap",
    "optional",
    "speaker_ok",
    "kind_ok",
    "stance_ok",
    "gold_quote",
    "pred_quote",
    "gold_speaker",
    "pred_speaker",
    "gold_aliases",
    "gold_kind",
    "pred_kind",
    "gold_stance",
    "pred_stance",
    "stance_ambiguous",
    "gold_topics",
    "pred_topics",
    "topic_tp",
    "topic_fp",
    "topic_fn",
    "gold_cue",
    "pred_cue",
    "gold_start",
    "gold_end",
    "pred_start",
    "pred_end",
]
MATCHED, MISSED, SPURIOUS = "match", "missed", "spurious"

APOSTROPHES = "'\u2018\u2019\u02bc\u0060\u00b4\u2032"
_APOSTROPHE_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")
_TOKEN_RE = re.compile(r"[^\W_]+")  # runs of Unicode letters and digits
_LEADING_THE_RE = re.compile(r"^the\s+")

# Words that make a capitalised multi-word name an organisation, a place or an
# outlet rather than a person ("North Korea", "Wall Street Journal").
NON_PERSON_WORDS = frozenset(
    """
    academy administration affairs agency alliance america american army assembly associated
    association authority bank board brigade brigades bureau campaign capital center centre
    channel chiefs china chinese city club coalition college command commission committee
    company congress corp corporation council county court daily defence defense democratic
    democrats department east eastern embassy federal federation force forces foreign
    foundation front fund global government group guard guards gulf herald house inc institute
    institution intelligence international israel israeli japan journal kingdom korea korean
    league ltd magazine media middle military ministry mission monitor movement nation national
    nations navy network new news north northern observatory office organisation organization
    parliament party peninsula pentagon people peoples police post press project province radio
    republic republican republicans research review russia russian school security senate
    service services society south southern state states street studies times tribune trust tv
    ukraine ukrainian union united university watch west western world
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
NAME_PARTICLES = frozenset(
    "abu al bin da das de del della der di dos du el ibn la le st ten ter van von y zu".split()  # noqa: SIM905
)
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PERSON_MIN_WORDS, PERSON_MAX_WORDS = 2, 5
_INITIAL_RE = re.compile(r"^(?:[A-Z]\.?){1,3}$")
_NAME_CHARS = frozenset("-.") | frozenset(APOSTROPHES)


# --- reading gold ---------------------------------------------------------------------


def load_gold(path: str | os.PathLike) -> pd.DataFrame:
    """Read a gold ``.jsonl`` file into a DataFrame with one row per gold claim.

    Missing fields are filled: strings and offsets with null, ``speaker_aliases``
    with ``[]``, ``optional`` and ``stance_ambiguous`` with ``False``. ``topics`` and
    ``stance`` stay null when absent, which means "not annotated" (PolNeAR), so those
    claims are left out of topic and stance scoring. Unknown fields are ignored;
    blank lines are skipped.

    Args:
        path: the gold file, one JSON object per line.

    Returns:
        A DataFrame with the columns of ``GOLD_COLUMNS``.

    Raises:
        FileNotFoundError: when ``path`` does not exist.
        ValueError: for a line that is not a valid gold claim, naming the file and line.

    Example:
        >>> gold = load_gold("../shared/gold/seed.jsonl")  # doctest: +SKIP
        >>> gold.loc[0, ["speaker", "kind"]].tolist()  # doctest: +SKIP
        ['Ali Baraka', 'indirect']
    """
    if not os.path.isfile(path):
        raise FileNotFoundError(Errors.E001.format(path=path, reason="no such file"))
    records = []
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            record = _parse_gold_line(raw, path=path, number=number)
            if record is not None:
                records.append(record)
    return _gold_frame(records)


def _parse_gold_line(raw: bytes, *, path: Any, number: int) -> dict[str, Any] | None:
    def fail(reason: str) -> ValueError:
        return ValueError(Errors.E006.format(path=path, line=number, reason=reason))

    try:
        line = raw.decode("utf-8").lstrip("\ufeff").strip()
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 ({exc.reason})") from exc
    if not line:
        return None
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise fail(f"invalid JSON ({exc.msg}, column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise fail("expected a JSON object")
    problem = _check_gold_record(data)
    if problem:
        raise fail(problem)
    return data


def _check_gold_record(data: dict[str, Any]) -> str | None:
    """Return what is wrong with one gold record, or None when it is valid."""
    for field in GOLD_REQUIRED:
        if not isinstance(data.get(field), str):
            return f"'{field}' is missing or not a string"
    for field in GOLD_STRING_FIELDS:
        if data.get(field) is not None and not isinstance(data[field], str):
            return f"'{field}' must be a string or null"
    for field in ("start", "end"):
        value = data.get(field)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            return f"'{field}' must be an integer or null"
    start, end = data.get("start"), data.get("end")
    if start is not None and end is not None and start > end:
        return "'start' is after 'end'"
    for field, choices in (("kind", KINDS), ("stance", STANCES)):
        if data.get(field) is not None and data[field] not in choices:
            return f"'{field}' is {data[field]!r}; choose one of: {', '.join(choices)}"
    for field in ("speaker_aliases", "topics"):
        value = data.get(field)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(item, str) for item in value)
        ):
            return f"'{field}' must be a list of strings or null"
    for field in GOLD_FLAG_FIELDS:
        if data.get(field) is not None and not isinstance(data[field], bool):
            return f"'{field}' must be true, false or null"
    return None


def _gold_frame(records: Sequence[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame([{col: rec.get(col) for col in GOLD_COLUMNS} for rec in records])
    return _complete_gold(frame)


def _complete_gold(gold: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``gold`` with every gold column, filled with its default."""
    gold = gold.reset_index(drop=True).copy()
    for column in GOLD_COLUMNS:
        if column not in gold.columns:
            gold[column] = None
    gold = gold[GOLD_COLUMNS + [c for c in gold.columns if c not in GOLD_COLUMNS]]
    gold["doc_id"] = gold["doc_id"].astype(str)
    gold["speaker_aliases"] = [_as_list(v) or [] for v in gold["speaker_aliases"]]
    gold["topics"] = pd.Series([_as_list(v) for v in gold["topics"]], dtype=object)
    for column in GOLD_FLAG_FIELDS:
        gold[column] = [bool(v) if not _is_missing(v) else False for v in gold[column]]
        gold[column] = gold[column].astype(bool)
    for column in ("start", "end"):
        gold[column] = pd.array([None if _is_missing(v) else int(v) for v in gold[column]], "Int64")
    for column in ("quote", "kind", "speaker", "cue", "target", "stance", "via"):
        gold[column] = pd.Series(
            [None if _is_missing(v) else v for v in gold[column]], dtype=object
        )
    return gold


def gold_targets(gold: pd.DataFrame) -> dict[str, str]:
    """Each document's stance target as its gold claims give it (the most frequent one).

    The gold defines stance relative to this target; ``toolkit eval`` measures stance
    toward it by default (``--stance-target gold``), so that an article without a
    header tag is not scored against a target the toolkit guessed differently.

    Example:
        >>> gold = pd.DataFrame({"doc_id": ["a", "a", "b"], "target": ["Russia", "Russia", None]})
        >>> gold_targets(gold)
        {'a': 'Russia'}
    """
    if "target" not in gold.columns:
        return {}
    named = gold[[isinstance(t, str) and bool(t.strip()) for t in gold["target"]]]
    return {
        str(doc_id): targets.str.strip().value_counts().index[0]
        for doc_id, targets in named.groupby("doc_id", sort=False)["target"]
    }


# --- tokens and overlap ---------------------------------------------------------------


def _fold(text: str) -> str:
    """Delete apostrophes, apply NFKC and case-fold (apostrophes again after NFKC)."""
    text = _APOSTROPHE_RE.sub("", text)
    return _APOSTROPHE_RE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def tokenize(text: str | None) -> list[str]:
    """Split text into the metric's word tokens: lower-cased runs of letters and digits.

    Apostrophes of every kind are deleted first, so "O’Hanlon", "O'Hanlon" and
    "OHanlon" give the same single token; any other character separates tokens.

    Example:
        >>> tokenize("O’Hanlon said: “It's 2 p.m.”")
        ['ohanlon', 'said', 'its', '2', 'p', 'm']
    """
    if _is_missing(text):
        return []
    return _TOKEN_RE.findall(_fold(str(text)))


def score_overlap(pred: str | Iterable[str] | None, gold: str | Iterable[str] | None) -> float:
    """Return the metric's overlap ``|P ∩ G| / min(|P|, |G|)`` counted as multisets.

    Args:
        pred: a predicted quote, or its tokens.
        gold: a gold quote, or its tokens.

    Returns:
        A value in ``[0, 1]``; 0.0 when either side has no tokens.

    Example:
        >>> score_overlap("the war in Gaza", "North Korea could attack over the war in Gaza")
        1.0
        >>> score_overlap("a a b", "a c")
        0.5
    """
    pred_counts, gold_counts = _as_counter(pred), _as_counter(gold)
    return _overlap(pred_counts, gold_counts)[0]


def _as_counter(value: str | Iterable[str] | Counter | None) -> Counter:
    if isinstance(value, Counter):
        return value
    if value is None or isinstance(value, str):
        return Counter(tokenize(value))
    return Counter(value)


def _overlap(pred: Counter, gold: Counter) -> tuple[float, float]:
    """Return the overlap and the tie-break score ``|P ∩ G| / max(|P|, |G|)``."""
    if not pred or not gold:
        return 0.0, 0.0
    shared = (pred & gold).total()
    if not shared:
        return 0.0, 0.0
    sizes = (pred.total(), gold.total())
    return shared / min(sizes), shared / max(sizes)


# --- speakers -------------------------------------------------------------------------


def normalize_speaker(name: str | None) -> str:
    """Normalise a speaker name: case, apostrophes, punctuation, a leading "the".

    Example:
        >>> normalize_speaker("The South Korea’s  military.")
        'south koreas military'
    """
    if _is_missing(name):
        return ""
    words = _TOKEN_RE.findall(_fold(str(name)))
    return _LEADING_THE_RE.sub("", " ".join(words))


def looks_like_person(name: str | None) -> bool:
    """Tell whether a gold speaker name looks like a person's full name.

    The test is deliberately conservative, since it only decides whether a
    surname alone is credited: 2 to 5 words once a "Jr."/"III" suffix is dropped;
    every word capitalised with some lower-case letter ("O’Hanlon", "Jin-in",
    "Rep."), or an initial ("M.", "J.R."), or a name particle ("bin", "van")
    between other words; and no word that marks an organisation, place or outlet
    (``NON_PERSON_WORDS``: "North Korea", "Wall Street Journal", "Israeli military").
    Acronyms ("US Army") and all-caps names fail, lower-case descriptions
    ("South Korean military", "a source") fail. Korean names are treated like
    Western ones (the last word is the "surname"); annotators list the real
    surname as an alias.

    Example:
        >>> looks_like_person("Michael O’Hanlon"), looks_like_person("Patrick M. Cronin")
        (True, True)
        >>> looks_like_person("North Korea"), looks_like_person("Reuters")
        (False, False)
    """
    words = _name_words(name)
    if not PERSON_MIN_WORDS <= len(words) <= PERSON_MAX_WORDS:
        return False
    for position, word in enumerate(words):
        inner = 0 < position < len(words) - 1
        if _fold(word).strip(".") in NON_PERSON_WORDS:
            return False
        if not (_is_name_word(word) or (inner and word.casefold() in NAME_PARTICLES)):
            return False
    return True


def _name_words(name: str | None) -> list[str]:
    if _is_missing(name):
        return []
    words = unicodedata.normalize("NFKC", str(name)).replace(",", " ").split()
    while words and normalize_speaker(words[-1]) in NAME_SUFFIXES:
        words.pop()
    return words


def _is_name_word(word: str) -> bool:
    if _INITIAL_RE.match(word):
        return True
    if not all(char.isalpha() or char in _NAME_CHARS for char in word):
        return False
    head, _, rest = word.partition("-")
    if rest and head.casefold() in NAME_PARTICLES:  # "al-Assad"
        word = rest
    return word[0].isupper() and any(char.islower() for char in word)


def find_surname(name: str | None) -> str | None:
    """Return the normalised surname of a person's name, or None if it isn't one.

    Example:
        >>> find_surname("Martin Luther King Jr."), find_surname("Wall Street Journal")
        ('king', None)
    """
    if not looks_like_person(name):
        return None
    return normalize_speaker(_name_words(name)[-1]) or None


def check_speaker(pred: str | None, speaker: str | None, aliases: Iterable[str] = ()) -> bool:
    """Tell whether a predicted speaker is right for a gold claim.

    Right means: equal to the gold speaker or one of its aliases after
    :func:`normalize_speaker`, or the same person by surname alone, either way round:
    the prediction is the surname (last word) of a gold name that
    :func:`looks_like_person`, or a gold name is the surname of a predicted full name
    (gold sets that keep the name as written at the mention, such as PolNeAR's
    "Clarke", name the same person as the article's full "Tom Clarke"). An empty
    prediction is wrong.

    Example:
        >>> check_speaker("O'Hanlon", "Michael O’Hanlon")
        True
        >>> check_speaker("Tom Clarke", "Clarke", ["Mr. Clarke"])
        True
        >>> check_speaker("the Israeli military", "Israeli military")
        True
        >>> check_speaker("Korea", "North Korea")
        False
    """
    guess = normalize_speaker(pred)
    if not guess:
        return False
    names = [speaker, *aliases]
    if guess in {normalize_speaker(name) for name in names}:
        return True
    if any(guess == find_surname(name) for name in names):
        return True
    surname = find_surname(pred)
    return surname is not None and surname in {normalize_speaker(name) for name in names}


# --- matching -------------------------------------------------------------------------


def match_claims(
    gold: pd.DataFrame,
    pred: pd.DataFrame,
    *,
    threshold: float = MATCH_THRESHOLD,
    only_gold_docs: bool = True,
) -> pd.DataFrame:
    """Pair predicted claims with gold claims and return an error-analysis table.

    Within each document, all (gold, prediction) pairs are ranked by overlap
    (ties: closer token counts, closer start offsets, earlier gold row, earlier
    prediction) and taken greedily one-to-one; a pair with overlap ``>= threshold``
    is a match.

    Args:
        gold: gold claims (from :func:`load_gold`, or any table with ``doc_id``
            and ``quote``; missing gold columns get their defaults).
        pred: predicted claims with ``doc_id`` and ``quote``, and optionally
            ``speaker``, ``kind``, ``stance``, ``topics``, ``cue``, ``start``, ``end``.
            A missing column leaves its judgement (e.g. ``speaker_ok``) null.
        threshold: the overlap a pair needs to match.
        only_gold_docs: leave out predictions on documents with no gold claim.

    Returns:
        One row per gold claim and per unmatched prediction, in document order, with
        the columns of ``MATCH_COLUMNS``: ``status`` (``match``, ``missed``,
        ``spurious``), ``gold_row`` and ``pred_row`` (positions in the inputs, for
        ``.iloc``), ``overlap`` (of the matched pair), ``best_overlap`` (the highest
        overlap with any claim on the other side, matched or not: a missed claim
        with ``best_overlap >= 0.5`` lost its partner in the one-to-one pairing),
        ``speaker_ok``, ``kind_ok``, ``stance_ok`` (null where not judged) and the
        topic counts ``topic_tp``, ``topic_fp``, ``topic_fn``, side by side with the
        gold and predicted values.

    Raises:
        ValueError: when ``pred`` or ``gold`` lacks ``doc_id`` or ``quote``.

    Example:
        >>> gold = pd.DataFrame({"doc_id": ["d"], "quote": ["a b c d"], "speaker": ["Ann"]})
        >>> pred = pd.DataFrame({"doc_id": ["d", "d"], "quote": ["a b x y", "z"],
        ...                      "speaker": ["Bob", "Ann"]})
        >>> match_claims(gold, pred)[["status", "pred_row", "overlap", "speaker_ok"]]
             status  pred_row  overlap  speaker_ok
        0     match         0      0.5       False
        1  spurious         1      NaN        <NA>
    """
    require_columns(gold, GOLD_REQUIRED, func="match_claims", table="gold")
    require_columns(pred, PRED_REQUIRED, func="match_claims", table="predicted claims")
    gold = _complete_gold(gold)
    pred = _prepare_pred(pred)
    if only_gold_docs:
        pred = pred[pred["doc_id"].isin(set(gold["doc_id"]))]
    pairs = _pair_claims(gold, pred, threshold=threshold)
    return _build_table(gold, pred, pairs)


def _prepare_pred(pred: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``pred`` indexed by position, with string doc ids."""
    pred = pred.reset_index(drop=True).copy()
    pred["doc_id"] = pred["doc_id"].astype(str)
    return pred


def _pair_claims(gold: pd.DataFrame, pred: pd.DataFrame, *, threshold: float) -> list[dict]:
    """Return one dict per output row: doc_id, gold_row, pred_row, overlap, best_overlap."""
    gold_tokens = [Counter(tokenize(q)) for q in gold["quote"]]
    pred_tokens = {i: Counter(tokenize(q)) for i, q in zip(pred.index, pred["quote"], strict=True)}
    gold_start = _offsets(gold)
    pred_start = _offsets(pred)
    pred_by_doc = pred.groupby("doc_id", sort=False).groups
    gold_by_doc = gold.groupby("doc_id", sort=False).groups
    rows: list[dict] = []
    for doc_id in dict.fromkeys([*gold_by_doc, *pred_by_doc]):
        gold_rows = list(gold_by_doc.get(doc_id, []))
        pred_rows = list(pred_by_doc.get(doc_id, []))
        best = {("g", g): 0.0 for g in gold_rows} | {("p", p): 0.0 for p in pred_rows}
        candidates, scores = [], {}
        for g in gold_rows:
            for p in pred_rows:
                score, closeness = _overlap(pred_tokens[p], gold_tokens[g])
                best["g", g] = max(best["g", g], score)
                best["p", p] = max(best["p", p], score)
                if score >= threshold:
                    scores[g, p] = score
                    distance = abs(gold_start[g] - pred_start[p])
                    candidates.append((-score, -closeness, distance, g, p))
        matched = _take_greedily(candidates)
        for g in gold_rows:
            p = matched.get(g)
            score = None if p is None else scores[g, p]
            rows.append(_pair_row(doc_id, g, p, score, best["g", g]))
        taken = set(matched.values())
        rows.extend(
            _pair_row(doc_id, None, p, None, best["p", p]) for p in pred_rows if p not in taken
        )
    return rows


def _offsets(table: pd.DataFrame) -> dict[int, float]:
    """Return each row's start offset, infinite where unknown (so it never wins a tie)."""
    if "start" not in table.columns:
        return dict.fromkeys(table.index, math.inf)
    return {i: math.inf if _is_missing(v) else float(v) for i, v in table["start"].items()}


def _take_greedily(candidates: list[tuple]) -> dict[int, int]:
    """Take candidate pairs best first, each gold row and prediction at most once."""
    matched: dict[int, int] = {}
    used: set[int] = set()
    for *_, g, p in sorted(candidates):
        if g not in matched and p not in used:
            matched[g] = p
            used.add(p)
    return matched


def _pair_row(doc_id: str, g: int | None, p: int | None, score: float | None, best: float) -> dict:
    status = MATCHED if g is not None and p is not None else (MISSED if p is None else SPURIOUS)
    return {
        "doc_id": doc_id,
        "status": status,
        "gold_row": g,
        "pred_row": p,
        "overlap": score,
        "best_overlap": best,
    }


def _build_table(gold: pd.DataFrame, pred: pd.DataFrame, pairs: list[dict]) -> pd.DataFrame:
    gold_records = gold.to_dict("index")
    pred_records = pred.to_dict("index")
    has = {column: column in pred.columns for column in ("speaker", "kind", "stance", "topics")}
    rows = []
    for pair in pairs:
        g = gold_records.get(pair["gold_row"], {}) if pair["gold_row"] is not None else {}
        p = pred_records.get(pair["pred_row"], {}) if pair["pred_row"] is not None else {}
        rows.append(pair | _side_by_side(g, p) | _judge(pair["status"], g, p, has))
    table = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return _set_dtypes(_sort_by_position(table))


def _side_by_side(g: dict, p: dict) -> dict:
    def value(record: dict, column: str) -> Any:
        found = record.get(column)
        return None if _is_missing(found) else found

    row = {f"gold_{col}": value(g, col) for col in ("quote", "speaker", "kind", "stance", "cue")}
    row |= {f"pred_{col}": value(p, col) for col in ("quote", "speaker", "kind", "stance", "cue")}
    row |= {f"gold_{col}": value(g, col) for col in ("start", "end")}
    row |= {f"pred_{col}": value(p, col) for col in ("start", "end")}
    row["gold_aliases"] = g.get("speaker_aliases") if g else None
    row["gold_topics"] = g.get("topics") if g else None
    row["pred_topics"] = _as_list(p.get("topics")) if p else None
    row["optional"] = bool(g.get("optional", False))
    row["stance_ambiguous"] = bool(g.get("stance_ambiguous", False))
    return row


def _judge(status: str, g: dict, p: dict, has: dict[str, bool]) -> dict:
    """Return the judgements of a row; null where there is nothing to judge."""
    row: dict[str, Any] = dict.fromkeys(
        ("speaker_ok", "kind_ok", "stance_ok", "topic_tp", "topic_fp", "topic_fn")
    )
    if status != MATCHED:
        return row
    if has["speaker"]:
        row["speaker_ok"] = check_speaker(p.get("speaker"), g["speaker"], g["speaker_aliases"])
    if has["kind"]:
        row["kind_ok"] = _compare_labels(g["kind"], p.get("kind"))
    if has["stance"] and not g["stance_ambiguous"]:
        row["stance_ok"] = _compare_labels(g["stance"], p.get("stance"))
    if has["topics"] and g["topics"] is not None:
        gold_topics, pred_topics = set(g["topics"]), set(_as_list(p.get("topics")) or [])
        row["topic_tp"] = len(gold_topics & pred_topics)
        row["topic_fp"] = len(pred_topics - gold_topics)
        row["topic_fn"] = len(gold_topics - pred_topics)
    return row


def _compare_labels(gold: Any, pred: Any) -> bool | None:
    """Compare two labels; None (not judged) when either is missing."""
    if _is_missing(gold) or _is_missing(pred):
        return None
    return _label(gold) == _label(pred)


def _label(value: Any) -> str:
    return str(value).strip().casefold()


def _sort_by_position(table: pd.DataFrame) -> pd.DataFrame:
    position = table["gold_start"].where(table["gold_start"].notna(), table["pred_start"])
    order = pd.DataFrame(
        {
            "doc": table["doc_id"],
            "position": pd.to_numeric(position, errors="coerce"),
            "gold": pd.to_numeric(table["gold_row"], errors="coerce"),
            "pred": pd.to_numeric(table["pred_row"], errors="coerce"),
        }
    ).sort_values(["doc", "position", "gold", "pred"], na_position="last", kind="stable")
    return table.loc[order.index].reset_index(drop=True)


def _set_dtypes(table: pd.DataFrame) -> pd.DataFrame:
    for column in ("gold_row", "pred_row", "topic_tp", "topic_fp", "topic_fn"):
        table[column] = pd.array(table[column].tolist(), dtype="Int64")
    for column in ("gold_start", "gold_end", "pred_start", "pred_end"):
        values = [None if _is_missing(v) else int(v) for v in table[column]]
        table[column] = pd.array(values, dtype="Int64")
    for column in ("speaker_ok", "kind_ok", "stance_ok"):
        table[column] = pd.array(table[column].tolist(), dtype="boolean")
    for column in ("overlap", "best_overlap"):
        table[column] = table[column].astype(float)
    table["optional"] = table["optional"].astype(bool)
    table["stance_ambiguous"] = table["stance_ambiguous"].astype(bool)
    return table


# --- scores ---------------------------------------------------------------------------


def evaluate(
    gold: pd.DataFrame,
    pred: pd.DataFrame,
    *,
    threshold: float = MATCH_THRESHOLD,
    only_gold_docs: bool = True,
) -> dict[str, Any]:
    """Score predicted claims against gold claims; see :func:`score_matches` for the keys.

    Args:
        gold: gold claims, e.g. from :func:`load_gold`.
        pred: predicted claims (``doc_id``, ``quote``; ``speaker``, ``kind``,
            ``stance``, ``topics`` where available).
        threshold: the overlap a pair needs to match.
        only_gold_docs: leave out predictions on documents with no gold claim;
            how many were left out is ``n_pred_other_docs``.

    Returns:
        A flat dict of ints, floats and None (JSON-safe, no NaN).

    Example:
        >>> gold = pd.DataFrame({"doc_id": ["d"], "quote": ["a b"], "speaker": ["Ann"]})
        >>> pred = pd.DataFrame({"doc_id": ["d", "e"], "quote": ["a b", "c"],
        ...                      "speaker": ["Ann", "X"]})
        >>> scores = evaluate(gold, pred)
        >>> scores["claim_f1"], scores["n_pred_other_docs"]
        (1.0, 1)
    """
    scores = score_matches(
        match_claims(gold, pred, threshold=threshold, only_gold_docs=only_gold_docs)
    )
    other = 0
    if only_gold_docs:
        other = int((~pred["doc_id"].astype(str).isin(set(gold["doc_id"].astype(str)))).sum())
    return scores | {"n_pred_other_docs": other}


def score_matches(matches: pd.DataFrame) -> dict[str, Any]:
    """Turn a :func:`match_claims` table into the metric's scores.

    Keys: ``n_gold`` (non-optional gold claims), ``n_pred`` (all predictions),
    ``n_pred_ignored`` (predictions matched to optional gold: in no count),
    ``n_matched``; ``claim_precision/recall/f1``; ``speaker_accuracy`` (over
    matches); ``e2e_precision/recall/f1`` (a match counts only with the right
    speaker); ``kind_accuracy`` and ``stance_accuracy``, ``stance_macro_f1`` (over
    matches where both sides have a label and gold is not ``stance_ambiguous``;
    macro over the stances present on either side) with their counts ``n_kind``
    and ``n_stance``; ``topic_f1`` (micro, over matches whose gold has ``topics``)
    with ``n_topic``; ``recall_direct/indirect/mixed`` with ``n_gold_direct/...``.
    F1 is ``2·TP / (n_pred + n_gold)``, the harmonic mean of precision and recall
    whenever both exist. A score with nothing to count is None.

    Example:
        >>> gold = pd.DataFrame({"doc_id": ["d", "d"], "quote": ["a b", "c d"]})
        >>> pred = pd.DataFrame({"doc_id": ["d"], "quote": ["a b"]})
        >>> scores = score_matches(match_claims(gold, pred))
        >>> scores["claim_precision"], scores["claim_recall"], scores["speaker_accuracy"]
        (1.0, 0.5, None)
    """
    is_match = matches["status"] == MATCHED
    optional = matches["optional"].astype(bool)
    scored = matches[is_match & ~optional]
    n_gold = int(((matches["status"] != SPURIOUS) & ~optional).sum())
    n_pred = int(matches["pred_row"].notna().sum())
    n_ignored = int((is_match & optional).sum())
    n_matched = len(scored)
    scores: dict[str, Any] = {
        "n_gold": n_gold,
        "n_pred": n_pred,
        "n_pred_ignored": n_ignored,
        "n_matched": n_matched,
    }
    scores |= _prf("claim", n_matched, n_pred - n_ignored, n_gold)
    speaker_ok = scored["speaker_ok"].dropna()
    has_speaker = len(speaker_ok) > 0
    scores["speaker_accuracy"] = _ratio(int(speaker_ok.sum()), len(speaker_ok))
    scores |= _prf("e2e", int(speaker_ok.sum()), n_pred - n_ignored, n_gold)
    if not has_speaker:
        scores |= dict.fromkeys(("e2e_precision", "e2e_recall", "e2e_f1"))
    kind_ok = scored["kind_ok"].dropna()
    scores["kind_accuracy"] = _ratio(int(kind_ok.sum()), len(kind_ok))
    scores["n_kind"] = len(kind_ok)
    scores |= _score_stance(scored)
    scores |= _score_topics(scored)
    scores |= _recall_by_kind(matches[~optional])
    return scores


def _prf(prefix: str, tp: int, n_pred: int, n_gold: int) -> dict[str, float | None]:
    return {
        f"{prefix}_precision": _ratio(tp, n_pred),
        f"{prefix}_recall": _ratio(tp, n_gold),
        f"{prefix}_f1": _ratio(2 * tp, n_pred + n_gold),
    }


def _score_stance(scored: pd.DataFrame) -> dict[str, Any]:
    judged = scored[scored["stance_ok"].notna()]
    gold_labels = [_label(v) for v in judged["gold_stance"]]
    pred_labels = [_label(v) for v in judged["pred_stance"]]
    return {
        "stance_accuracy": _ratio(int(judged["stance_ok"].sum()), len(judged)),
        "stance_macro_f1": macro_f1(gold_labels, pred_labels, classes=STANCES),
        "n_stance": len(judged),
    }


def macro_f1(gold: Sequence[str], pred: Sequence[str], *, classes: Sequence[str]) -> float | None:
    """Return the mean F1 over the ``classes`` that occur in ``gold`` or ``pred``.

    A predicted label outside ``classes`` is simply wrong (a miss for the gold class).

    Example:
        >>> macro_f1(["support", "oppose"], ["support", "support"], classes=("support", "oppose"))
        0.3333333333333333
    """
    present = [c for c in classes if c in set(gold) | set(pred)]
    if not present:
        return None
    f1s = []
    for label in present:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        wrong = sum((g == label) != (p == label) for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + wrong))
    return float(np.mean(f1s))


def _score_topics(scored: pd.DataFrame) -> dict[str, Any]:
    judged = scored[scored["topic_tp"].notna()]
    tp, fp, fn = (int(judged[c].sum()) for c in ("topic_tp", "topic_fp", "topic_fn"))
    return {"topic_f1": _ratio(2 * tp, 2 * tp + fp + fn), "n_topic": len(judged)}


def _recall_by_kind(gold_side: pd.DataFrame) -> dict[str, Any]:
    gold_side = gold_side[gold_side["status"] != SPURIOUS]
    scores: dict[str, Any] = {}
    for kind in KINDS:
        rows = gold_side[gold_side["gold_kind"] == kind]
        scores[f"recall_{kind}"] = _ratio(int((rows["status"] == MATCHED).sum()), len(rows))
    for kind in KINDS:
        scores[f"n_gold_{kind}"] = int((gold_side["gold_kind"] == kind).sum())
    return scores


def _ratio(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


# --- report ---------------------------------------------------------------------------


def format_report(scores: dict[str, Any], *, digits: int = 3) -> str:
    """Return the scores as a plain-text two-column table (metric, value).

    Counts print as integers, scores with ``digits`` decimals, missing scores as ``-``.

    Example:
        >>> print(format_report({"n_gold": 2, "claim_f1": 0.5, "topic_f1": None}))
        metric    value
        --------  -----
        n_gold        2
        claim_f1  0.500
        topic_f1      -
    """
    cells = [(str(name), _format_value(value, digits)) for name, value in scores.items()]
    name_width = max([len("metric"), *(len(name) for name, _ in cells)])
    value_width = max([len("value"), *(len(value) for _, value in cells)])
    lines = [
        f"{'metric':<{name_width}}  {'value':>{value_width}}",
        f"{'-' * name_width}  {'-' * value_width}",
    ]
    lines += [f"{name:<{name_width}}  {value:>{value_width}}" for name, value in cells]
    return "\n".join(lines)


def _format_value(value: Any, digits: int) -> str:
    if _is_missing(value):
        return "-"
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return f"{float(value):.{digits}f}"
    return str(value)


# --- small helpers --------------------------------------------------------------------


def _is_missing(value: Any) -> bool:
    """Tell whether a cell is null: None, NaN, NA or NaT (lists and arrays are not)."""
    if value is None:
        return True
    if isinstance(value, list | tuple | set | np.ndarray | dict):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_list(value: Any) -> list[str] | None:
    """Return a list of strings from a list, tuple, set or array; a string is one item."""
    if _is_missing(value):
        return None
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]
