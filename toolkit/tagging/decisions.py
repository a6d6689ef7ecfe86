"""The stance rules: what was read in a claim, and the stance it decides.

The rules run in order (speaker, cue, evaluative words, reported acts, neutral;
see :func:`toolkit.tagging.stance`); the first that decides wins, with evidence
that says why. A speaker's claims are then read together (:func:`_with_speaker_sides`):
reported acts take the side of the speaker's other claims, and claims with no stance
of their own take the side the speaker takes in at least two others.

Example:
    >>> _decide(_Reading(cue="condemned", cue_class="condemn", cue_stance="oppose"))
    _Decision(stance='oppose', evidence="cue 'condemned' (condemn)", strength='strong')
    >>> _decide(_Reading(hits=[_Hit("hedges", "perhaps")])).evidence
    "hedge 'perhaps'"
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from toolkit.tagging.lexicon import STANCE_LABELS
from toolkit.tagging.owners import SIDE
from toolkit.tagging.texts import _column

MAX_EVIDENCE_WORDS = 3
MIN_SPEAKER_SIDE = 2  # claims on one side that make a speaker's side in an article


@dataclass
class _Hit:
    """One lexicon match in a quote and whose it is."""

    label: str
    text: str
    owner: str | None = None
    negator: str | None = None


@dataclass
class _Reading:
    """What the rules read in one claim."""

    speaker: str | None = None
    speaker_side: str | None = None
    cue: str | None = None
    cue_class: str | None = None
    cue_stance: str | None = None
    cue_needs_target: bool = False  # the cue's class decides only about the target named
    cue_asserts: bool = True  # False for "doubt", "deny": the content is not asserted
    names_side: bool = False
    names_side_by_name: bool = False  # not only by a pronoun or "the regime"
    names_other: bool = False
    target_is_place: bool = False  # a place is judged only by words about it, by name
    argues: bool = False  # the first person, a question or "should" in the quote
    hits: list[_Hit] = field(default_factory=list)

    def words(self, label: str, owners: Sequence[str | None]) -> list[str]:
        """The words of one lexicon label, owned by one of ``owners``, not negated."""
        return [
            h.text for h in self.hits if h.label == label and h.owner in owners and not h.negator
        ]


@dataclass
class _Decision:
    stance: str
    evidence: str
    # "strong" (cue, evaluative word, speaker, non-committal wording, the target's side
    # reporting with no side taken), "weak" (reported
    # act, or the speaker's side), "none" (nothing decided)
    strength: str


def _decide(reading: _Reading) -> _Decision:
    """Apply the stance rules, in order, to one claim's reading."""
    for rule in (_by_speaker, _by_cue, _by_evaluation, _by_acts):
        decision = rule(reading)
        if decision:
            return decision
    return _neutral(reading)


def _by_speaker(reading: _Reading) -> _Decision | None:
    """Rule 1: the target's own side supports it, when the claim argues anything at all:
    a cue or word with a stance, another actor named, the first person, a question,
    "should". Its report about itself alone ("Kim inspected a factory") takes no side."""
    if reading.speaker_side != SIDE:
        return None
    evidence = f"speaker '{reading.speaker or 'speaker'}' is on the target's side"
    stance_bearing = any(hit.label in STANCE_LABELS for hit in reading.hits)
    names = reading.names_other
    if not (reading.cue_class or stance_bearing or names or reading.argues):
        return _Decision("neutral", f"{evidence}, but the claim takes no side", "strong")
    cue = f"; cue {reading.cue_class}" if reading.cue_class else ""
    return _Decision("support", f"{evidence}{cue}", "strong")


def _by_cue(reading: _Reading) -> _Decision | None:
    """Rule 2: a cue with a stance, aimed at the target or (for most classes) at no one named."""
    if not reading.cue_class:
        return None
    implied = not (reading.names_other or reading.cue_needs_target or reading.target_is_place)
    aimed = reading.names_side or implied
    if reading.cue_class == "deny":
        if reading.names_side:
            return _Decision(
                "oppose", f"cue '{reading.cue}' (deny) of a claim naming the target", "strong"
            )
        return None
    if reading.cue_stance in ("support", "oppose") and aimed:
        return _Decision(reading.cue_stance, f"cue '{reading.cue}' ({reading.cue_class})", "strong")
    return None


def _by_evaluation(reading: _Reading) -> _Decision | None:
    """Rule 3: the balance of evaluative words about the target."""
    even_handed = any(hit.label == "neutral_phrases" for hit in reading.hits)
    implied = not (even_handed or reading.target_is_place)
    negative = reading.words("negative", (SIDE, None) if implied else (SIDE,))
    negative += reading.words("labels", (SIDE,)) + reading.words("against", (SIDE,))
    positive = reading.words("positive", (SIDE,)) + reading.words("alignment", (SIDE,))
    if len(negative) == len(positive):
        return None
    if len(negative) > len(positive):
        return _Decision("oppose", f"negative {_quoted(negative)} about the target", "strong")
    return _Decision("support", f"positive {_quoted(positive)} about the target", "strong")


def _by_acts(reading: _Reading) -> _Decision | None:
    """Rule 4: wrongdoing reported of the target's side (a weak decision), unless the
    cue says the speaker does not assert it ("doubt", "deny")."""
    acts = reading.words("acts", (SIDE,))
    if not acts:
        return None
    evidence = f"reported act {_quoted(acts)} by the target's side"
    if not reading.cue_asserts:
        return _Decision("neutral", f"{evidence}, not asserted: cue '{reading.cue}'", "none")
    return _Decision("oppose", evidence, "weak")


def _neutral(reading: _Reading) -> _Decision:
    """Rule 5: neutral, saying what was seen (negations, even-handed words, hedges)."""
    notes = []
    negated = [f"'{h.text}' negated by '{h.negator}'" for h in reading.hits if h.negator]
    if negated:
        notes.append("; ".join(negated[:MAX_EVIDENCE_WORDS]))
    neutral = [h.text for h in reading.hits if h.label == "neutral_phrases"]
    if neutral:
        notes.append(f"non-committal {_quoted(neutral)}")
    hedges = [h.text for h in reading.hits if h.label == "hedges"]
    if hedges:
        notes.append(f"hedge {_quoted(hedges)}")
    evidence = "; ".join(notes) or "no evaluative cue about the target"
    return _Decision("neutral", evidence, "strong" if neutral else "none")


def _quoted(words: list[str]) -> str:
    unique = list(dict.fromkeys(w.lower() for w in words))[:MAX_EVIDENCE_WORDS]
    return ", ".join(f"'{w}'" for w in unique)


def _with_speaker_sides(claims: pd.DataFrame, decisions: list[_Decision]) -> list[_Decision]:
    """Read each speaker's claims in an article together.

    Example:
        >>> claims = pd.DataFrame({"doc_id": ["a"] * 3, "speaker": ["Hill"] * 3})
        >>> decisions = [_Decision("oppose", "negative 'reckless'", "strong"),
        ...              _Decision("oppose", "reported act 'missile'", "weak"),
        ...              _Decision("neutral", "no evaluative cue about the target", "none")]
        >>> _with_speaker_sides(claims, decisions)[2].stance
        'oppose'
    """
    speakers = _column(claims, "speaker")
    keys = list(zip(_column(claims, "doc_id"), (_key(s) for s in speakers), strict=True))
    named = [isinstance(s, str) and s.strip()[:1].isupper() for s in speakers]
    return _follow_speaker_side(keys, named, _keep_speaker_side(keys, decisions))


def _keep_speaker_side(keys: list[tuple], decisions: list[_Decision]) -> list[_Decision]:
    """Give a speaker's weak (reported-act) claims the side their strong claims take.

    A speaker who praises or sides with the target elsewhere in the article is
    threatening on its behalf, not reporting its wrongdoing.
    """
    strong: dict[tuple, set[str]] = defaultdict(set)
    for key, decision in zip(keys, decisions, strict=True):
        if key[1] and decision.strength == "strong" and decision.stance != "neutral":
            strong[key].add(decision.stance)
    kept = []
    for key, decision in zip(keys, decisions, strict=True):
        sides = strong.get(key, set())
        if decision.strength == "weak" and len(sides) == 1 and decision.stance not in sides:
            (side,) = sides
            evidence = f"{decision.evidence}, but the speaker's other claims {side} the target"
            decision = _Decision(side, evidence, "weak")
        kept.append(decision)
    return kept


def _follow_speaker_side(
    keys: list[tuple], named: list[bool], decisions: list[_Decision]
) -> list[_Decision]:
    """Give a named speaker's claims that decided nothing the side it takes in the article.

    A speaker who takes one side in at least ``MIN_SPEAKER_SIDE`` claims, and never
    the other, makes a case: "it's time to start planning a response", from a critic
    who warns of the target's weapons, is part of it. Non-committal wording
    ("closely following the situation") stays neutral, and a description ("media
    reports", "experts") may stand for several sources, so it makes no case.
    """
    sides: dict[tuple, list[str]] = defaultdict(list)
    for key, decision in zip(keys, decisions, strict=True):
        if key[1] and decision.stance != "neutral":
            sides[key].append(decision.stance)
    followed = []
    for key, is_named, decision in zip(keys, named, decisions, strict=True):
        taken = sides.get(key, []) if is_named else []
        if decision.strength == "none" and len(taken) >= MIN_SPEAKER_SIDE and len(set(taken)) == 1:
            evidence = f"{decision.evidence}, but the speaker's other claims {taken[0]} the target"
            decision = _Decision(taken[0], evidence, "weak")
        followed.append(decision)
    return followed


def _key(value: Any) -> str:
    return value.strip().lower() if isinstance(value, str) else ""
