"""Stance of claims toward their target: read each claim, then apply the stance rules.

Reading a claim finds its target and the target's side, its cue's class, where its
speaker stands, and the lexicon's words in its quote with their owners and
negators; :mod:`toolkit.tagging.decisions` decides from that reading.

Example:
    >>> import pandas as pd
    >>> claims = pd.DataFrame({"speaker": ["Antony Blinken"], "cue": ["said"],
    ...                        "quote": ["North Korea's dangerous provocations"]})
    >>> stance(claims, "North Korea").loc[0, ["stance", "stance_evidence"]].tolist()
    ['oppose', "negative 'dangerous', 'provocations' about the target"]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc, Token

from toolkit.errors import Errors
from toolkit.schema import require_columns
from toolkit.tagging.decisions import _decide, _Decision, _Hit, _Reading, _with_speaker_sides
from toolkit.tagging.lexicon import (
    EVALUATED_LABELS,
    _compile_lexicon,
    _Lexicon,
    load_stance_lexicon,
)
from toolkit.tagging.matching import _cached, _lemma_docs
from toolkit.tagging.owners import (
    FIRST_PERSON,
    OTHER,
    SIDE,
    _clause_owner,
    _hit_owner,
    _mark_home,
    _speaker_home,
    _speaker_owner,
    _token_owners,
    _with_pronouns,
)
from toolkit.tagging.stance_model import model_stances, stance_model_choice
from toolkit.tagging.targets import (
    GazetteerLike,
    _actor_counts,
    _gazetteer,
    _is_salient,
    _Side,
    _side_of,
    _with_named,
    resolve_target,
)
from toolkit.tagging.texts import _as_list, _as_text, _claim_docs, _column

STANCE_ANNOTATIONS = ("LEMMA", "POS", "DEP", "ENT_IOB")
NON_CONTENT_POS = frozenset({"PROPN", "ADP", "SCONJ", "CCONJ", "DET", "PART"})
PRESCRIPTIVE = frozenset({"should", "must", "ought"})
NEGATION_AFFIRMING = frozenset(
    {"delay", "ignore", "hesitate", "postpone", "exclude", "rule", "short"}
)  # "would not hesitate to strike", "nothing short of genocide"
UNNAMED_TARGET = "but no claim of the article names the target"
REPORTED_KINDS = frozenset({"indirect", "mixed"})  # the speaker is "he", "it" in the content


def stance(
    claims: pd.DataFrame,
    target: str | Mapping[str, str] | None = None,
    *,
    gazetteer: GazetteerLike | None = None,
    nlp: Language | str | None = None,
    mentions: pd.DataFrame | None = None,
    lexicon: str | os.PathLike | Mapping | None = None,
    batch_size: int = 64,
    docs: Mapping[str, Doc] | None = None,
    model: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Return a copy of ``claims`` with ``stance``, ``target`` and ``stance_evidence``.

    The target is ``target`` when given (one actor for every claim, or a mapping of
    ``doc_id`` to actor for the articles it lists), else each claim's ``target``
    column, else :func:`resolve_target` of its ``tag``. A stance ``model``, when one is
    asked for, decides alone; by default the lexicon's rules decide, in order:

    1. a speaker on the target's side (the target, its country, their people,
       agencies and outlets; not its observers, "North Korea expert") supports it,
       denials included, unless the claim has no cue, other actor named, evaluative
       word, first person, question or "should";
    2. a cue of a class with a stance (condemn, accuse, warn -> oppose; praise,
       support -> support) decides, unless the quote names only other actors (or,
       for a warning, does not name the target); a denial by another speaker of a
       quote naming the target opposes it;
    3. evaluative words decide by their balance when not negated: negative ones
       about the target's side or about no named actor ("dangerous", "blackmail";
       a place, "Middle East", is judged only by words about it by name),
       positive ones and first-person alliances about the target's side
       ("brotherly", "our alliance"); an attitude adjective is about its object
       ("wary of Pyongyang's promises"); acting against the target, by the speaker's
       camp or no one named, is negative ("we must deter Moscow");
    4. an act of the target's side that is wrongdoing when reported ("sent artillery
       shells", "North Korean weapons") opposes it, unless the cue does not assert
       it ("doubt", "deny"); a speaker whose other claims in
       the article take a side keeps that side for such reports (threatening on the
       target's behalf);
    5. anything else is neutral (the evidence names negations, hedges, even-handed words),
       unless its speaker, named, takes one side in two other claims or more of the
       article and never the other: its claim is part of that case. Non-committal
       wording ("closely following the situation") stays neutral;
    6. with a ``target`` of one's own for every claim, the claims of an article that
       never names the target's side (in any claim's words, entities or speaker) are
       neutral toward it: their words judge someone else.

    Args:
        claims: a claims table with ``quote`` and optionally ``doc_id, tag, cue, speaker,
            speaker_role, target, entities``.
        target: the actor to measure stance toward, for every claim; or a mapping
            ``doc_id -> actor`` (``{"a1": "Russia"}``) for the articles it lists.
        gazetteer: a :class:`toolkit.entities.Gazetteer`; the shipped one by default.
        nlp: the spaCy pipeline or a model's name; :func:`toolkit.nlp.load_model` by default.
        mentions: the mentions table, to resolve tags that name no actor and to know
            which actor each article names most: when that is the target, a pronoun
            ("they", "its", "he") that the quote gives no one else to stand for is the
            target's side.
        lexicon: a stance file or mapping of one's own; ``data/stance.yml`` by default.
        batch_size: texts per ``nlp.pipe`` batch.
        docs: the parsed articles by ``doc_id`` (see :func:`toolkit.pipeline.parse_articles`);
            a claim whose ``doc_id, start, end`` point at its quote is then read from its
            article's parse (tagger, parser and NER needed) instead of parsing the quote
            again. Other claims are parsed.
        model: a stance model's folder or installed package name (see
            :func:`toolkit.tagging.train_stance_model`), else ``TOOLKIT_STANCE_MODEL``;
            it then decides instead of the lexicon's rules, and ``stance_evidence``
            gives its name and score ("model stance-nk: oppose 0.81"). By default
            (no model) the lexicon decides.

    Example:
        >>> import pandas as pd
        >>> claims = pd.DataFrame({"speaker": ["North Korea"], "cue": ["denied"],
        ...                        "quote": ["the allegations"], "tag": ["Kim Jong Un"]})
        >>> stance(claims).loc[0, ["stance", "target", "stance_evidence"]].tolist()
        ['support', 'Kim Jong Un', "speaker 'North Korea' is on the target's side; cue deny"]
    """
    from toolkit.nlp import as_pipeline

    if target is not None and not isinstance(target, str | Mapping):
        raise TypeError(Errors.E005.format(
            what="target", value=type(target).__name__,
            choices="an actor's name, or a mapping of doc_id to actor",
        ))  # fmt: skip
    require_columns(claims, ["quote"], func="stance", table="claims")
    gazetteer = _gazetteer(gazetteer)
    out = claims.copy()
    out["target"] = _targets(out, target, mentions, gazetteer)
    chosen = stance_model_choice(model)
    if chosen is not None:
        out["stance"], out["stance_evidence"] = model_stances(
            out, chosen, gazetteer=gazetteer, batch_size=batch_size
        )
        return out
    nlp = as_pipeline(nlp)
    data = load_stance_lexicon(lexicon)
    compiled = _cached("stance", nlp, data, lambda: _compile_lexicon(data, nlp))
    parse = partial(nlp.pipe, batch_size=batch_size)
    quote_docs = _claim_docs(out, "quote", parse, docs=docs, needs=STANCE_ANNOTATIONS)
    own_target = isinstance(target, str) and bool(target)  # an actor of one's own
    readings = _read_claims(
        out, quote_docs, compiled, gazetteer, nlp, batch_size, mentions, by_names=own_target
    )
    decisions = [
        _decide(reading) if reading else _Decision("neutral", "no target", "none")
        for reading in readings
    ]
    decisions = _with_speaker_sides(out, decisions)
    if own_target:
        decisions = _unless_target_unnamed(out, readings, decisions)
    out["stance"] = [d.stance for d in decisions]
    out["stance_evidence"] = [d.evidence for d in decisions]
    return out


def _targets(
    claims: pd.DataFrame,
    target: str | Mapping[str, str] | None,
    mentions: pd.DataFrame | None,
    gazetteer: GazetteerLike,
) -> list[str | None]:
    """Each claim's target: ``target``, else its ``target`` column, else its resolved tag."""
    if isinstance(target, str) and target:
        return [target] * len(claims)
    given, tags, doc_ids = (_column(claims, name) for name in ("target", "tag", "doc_id"))
    if isinstance(target, Mapping):
        given = [
            target.get(d, g) if isinstance(d, str) else g
            for d, g in zip(doc_ids, given, strict=True)
        ]
    resolved: dict[tuple, str | None] = {}
    targets = []
    for chosen, tag, doc_id in zip(given, tags, doc_ids, strict=True):
        if isinstance(chosen, str) and chosen:
            targets.append(chosen)
            continue
        key = (tag if isinstance(tag, str) else None, doc_id)
        if key not in resolved:
            resolved[key] = resolve_target(
                key[0], mentions=mentions, gazetteer=gazetteer, doc_id=doc_id
            )
        targets.append(resolved[key])
    return targets


def _read_claims(
    claims: pd.DataFrame,
    quote_docs: Iterable[Doc],
    lexicon: _Lexicon,
    gazetteer: GazetteerLike,
    nlp: Language,
    batch_size: int,
    mentions: pd.DataFrame | None = None,
    *,
    by_names: bool = False,
) -> list[_Reading | None]:
    """Read every claim's quote (one Doc each, in order), cue and speaker against its side;
    with ``by_names``, also whether it names the side by name (see
    :func:`_unless_target_unnamed`)."""
    sides: dict[str, _Side] = {}
    counts = _actor_counts(mentions)
    cue_classes = _cue_classes(_column(claims, "cue"), lexicon, nlp)
    names = [_as_text(name).strip() for name in _column(claims, "speaker")]
    roles = [_as_text(role).strip() for role in _column(claims, "speaker_role")]
    distinct = sorted({*names, *roles} - {""})
    speaker_docs = dict(zip(distinct, nlp.pipe(distinct, batch_size=batch_size), strict=True))
    doc_ids = _column(claims, "doc_id")
    roles_of = _speaker_roles(doc_ids, names, roles)
    entities = _column(claims, "entities")
    readings: list[_Reading | None] = []
    rows = zip(
        quote_docs,
        claims["target"],
        doc_ids,
        _column(claims, "cue"),
        names,
        roles,
        entities,
        _column(claims, "kind"),
        strict=True,
    )
    for doc, target, doc_id, cue, name, role, named, kind in rows:
        if not isinstance(target, str) or not target:
            readings.append(None)
            continue
        side = _with_named(sides.setdefault(target, _side_of(target, gazetteer)), _as_list(named))
        salient = _is_salient(side, counts.get(doc_id) if isinstance(doc_id, str) else None)
        described = [
            speaker_docs.get(text) for text in [name, role, *roles_of.get((doc_id, name), [])]
        ]
        speaker_side = _speaker_owner(name, described, side, lexicon)
        owners = _token_owners(doc, side, lexicon)
        names_other = OTHER in owners.values()  # by name, not by a pronoun
        by_name = by_names and SIDE in _token_owners(doc, side, lexicon, referents=False).values()
        if speaker_side == OTHER:
            home = _speaker_home(name, described, side, lexicon)
            owners = _mark_home(doc, owners, home, side) if home else owners
        reported = speaker_side if kind in REPORTED_KINDS else None
        owners = _with_pronouns(doc, owners, salient=salient, speaker=reported)
        cue_class = cue_classes.get(cue)
        reading = _Reading(
            speaker=name or None,
            speaker_side=speaker_side,
            cue=cue if isinstance(cue, str) else None,
            cue_class=cue_class,
            cue_stance=lexicon.cue_stances.get(cue_class),
            cue_needs_target=cue_class in lexicon.targeted_cues,
            cue_asserts=cue_class not in lexicon.unasserted_cues,
            names_side=SIDE in owners.values() or any(side.has(e) for e in _as_list(named)),
            names_side_by_name=by_name or any(side.has(e) for e in _as_list(named)),
            names_other=names_other,
            target_is_place=side.is_place,
            argues=_argues(doc),
        )
        reading.hits = _hits(doc, lexicon, owners)
        readings.append(reading)
    return readings


def _unless_target_unnamed(
    claims: pd.DataFrame, readings: list[_Reading | None], decisions: list[_Decision]
) -> list[_Decision]:
    """Neutral, every claim of an article none of whose claims names the target's side by
    name (in its words, entities, speaker or the speaker's role): asked about a target of
    one's own (``stance(claims, target="Russia")``), an article about Gaza judges someone
    else, whatever "the regime" or "they" stand for there.

    Example:
        >>> claims = pd.DataFrame({"doc_id": ["a", "b"]})
        >>> readings = [_Reading(names_side=True), _Reading(names_side_by_name=True)]
        >>> decisions = [_Decision("oppose", "negative 'threat' about the target", "strong")] * 2
        >>> [d.stance for d in _unless_target_unnamed(claims, readings, decisions)]
        ['neutral', 'oppose']
    """
    doc_ids = [  # a row without its article's id is an article of its own
        doc_id if isinstance(doc_id, str) and doc_id else ("row", i)
        for i, doc_id in enumerate(_column(claims, "doc_id"))
    ]
    named = {
        doc_id
        for doc_id, reading in zip(doc_ids, readings, strict=True)
        if reading is not None and (reading.names_side_by_name or reading.speaker_side == SIDE)
    }
    return [
        decision
        if doc_id in named or decision.stance == "neutral"
        else _Decision("neutral", f"{decision.evidence}; {UNNAMED_TARGET}", "none")
        for doc_id, decision in zip(doc_ids, decisions, strict=True)
    ]


def _speaker_roles(
    doc_ids: list[Any], names: list[str], roles: list[str]
) -> dict[tuple, list[str]]:
    """Every role an article gives each speaker, in order: a role said once places all the
    speaker's claims ("Ivan Petrov, a Russian lawmaker, said ..." then "Petrov added ...").

    Example:
        >>> _speaker_roles(["a", "a"], ["Ivan Petrov", "Ivan Petrov"], ["Russian lawmaker", ""])
        {('a', 'Ivan Petrov'): ['Russian lawmaker']}
    """
    found: dict[tuple, list[str]] = {}
    for doc_id, name, role in zip(doc_ids, names, roles, strict=True):
        if name and role and role not in found.setdefault((doc_id, name), []):
            found[(doc_id, name)].append(role)
    return found


def _argues(doc: Doc) -> bool:
    """Does a quote speak in the first person, ask a question, say what should be or tell
    someone what to do ("Why can't we ...?", "the pontiff should stay out of politics",
    "Stay out of politics")?"""
    return any(
        token.lower_ in FIRST_PERSON or token.lower_ in PRESCRIPTIVE or token.text == "?"
        for token in doc
    ) or any(_imperative(sent.root) for sent in doc.sents)


def _imperative(root: Token) -> bool:
    """A sentence led by a bare verb with no subject: "Stay out of politics"."""
    first = next((t for t in root.sent if not t.is_punct), None)
    return (
        root.tag_ == "VB"
        and first is not None
        and first.i == root.i
        and not any(child.dep_ in ("nsubj", "nsubjpass", "expl") for child in root.children)
    )


def _cue_classes(cues: list[Any], lexicon: _Lexicon, nlp: Language) -> dict[str, str]:
    """Map each distinct cue text to its class by its lower-case text or a lemma."""
    distinct = sorted({cue for cue in cues if isinstance(cue, str) and cue.strip()})
    classes = {}
    for cue, doc in zip(distinct, _lemma_docs(distinct, nlp, 64), strict=True):
        keys = [cue.lower().strip(), *(token.lemma_.lower() for token in doc)]
        found = next((lexicon.cue_classes[k] for k in keys if k in lexicon.cue_classes), None)
        if found:
            classes[cue] = found
    return classes


def _negator(token: Token, negators: set[int]) -> Token | None:
    """A negator on the token or on the first two clauses above it; none above a verb whose
    negation asserts its object ("cannot delay a response", "would not hesitate to strike")."""
    clauses = 0
    for current in [token, *token.ancestors]:
        if current.i != token.i and current.lemma_.lower() in NEGATION_AFFIRMING:
            return None
        for child in current.children:
            if child.i in negators or child.dep_ == "neg":
                return child
        if current.i != token.i and current.i in negators:
            return current
        if current.pos_ in ("VERB", "AUX"):
            clauses += 1
            if clauses == 2:
                return None
    return None


def _longest(matches: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop a match that lies inside a longer one with the same label ("rogue" in "rogue state")."""
    return [
        (label, start, end)
        for label, start, end in matches
        if not any(
            other == label and s <= start and end <= e and (s, e) != (start, end)
            for other, s, e in matches
        )
    ]


def _hits(doc: Doc, lexicon: _Lexicon, owners: Mapping) -> list[_Hit]:
    """The lexicon's matches in a quote, each with its owner and negator.

    A conditional ("if", "unless") cancels only an act, which it makes hypothetical; a
    judgement or a threat under it still takes a side ("if they attack, we will punish
    Moscow").
    """
    matches = _longest(lexicon.matcher(doc))
    negators = _positions(matches, "negators")
    conditionals = _positions(matches, "conditionals")
    hits = []
    for label, start, end in matches:
        span = doc[start:end]
        if label in EVALUATED_LABELS:
            head = span.root
            if head.pos_ in NON_CONTENT_POS or head.dep_ == "prep":
                continue
            owner = _hit_owner(label, head, owners)
            cancelling = negators | conditionals if label == "acts" else negators
            negator = _negator(head, cancelling - set(range(start, end)))
            hits.append(_Hit(label, span.text, owner, negator.text if negator else None))
        elif label == "alignment":
            hits.append(_Hit(label, span.text, _clause_owner(span.root, owners)))
        else:
            hits.append(_Hit(label, span.text))
    return hits


def _positions(matches: list[tuple[str, int, int]], label: str) -> set[int]:
    """The token positions of one label's matches."""
    return {i for found, start, end in matches if found == label for i in range(start, end)}
