"""The stance lexicon: the shipped ``data/stance.yml``, a file of one's own, or a mapping.

:func:`load_stance_lexicon` checks it; :func:`_compile_lexicon` turns it into one
matcher of labelled words (evaluative words, acts, negators, hedges...) and the
word lists the stance rules look up.

Example:
    >>> from toolkit.nlp import load_model
    >>> nlp = load_model()
    >>> lexicon = _compile_lexicon(load_stance_lexicon(), nlp)
    >>> lexicon.cue_classes["condemn"], lexicon.cue_stances["condemn"]
    ('condemn', 'oppose')
    >>> [label for label, start, end in lexicon.matcher(nlp("a dangerous act"))]
    ['negative']
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.language import Language

from toolkit.errors import Errors
from toolkit.resources import load_yaml
from toolkit.tagging.matching import _TermMatcher

STANCE_FILE = "stance.yml"
EVALUATED_LABELS = frozenset({"negative", "labels", "positive", "acts", "against"})
STANCE_LABELS = EVALUATED_LABELS | {"alignment"}


def load_stance_lexicon(lexicon: str | os.PathLike | Mapping | None = None) -> dict:
    """Load and check the stance lexicon: the shipped ``stance.yml``, a file, or a mapping.

    Example:
        >>> lexicon = load_stance_lexicon()
        >>> lexicon["cues"]["condemn"]["stance"], "dangerous" in lexicon["negative"]["lemmas"]
        ('oppose', True)
    """
    where = "<mapping>" if isinstance(lexicon, Mapping) else str(lexicon or STANCE_FILE)
    data = lexicon if isinstance(lexicon, Mapping) else load_yaml(lexicon or STANCE_FILE)
    if not isinstance(data, Mapping) or not isinstance(data.get("cues"), Mapping):
        raise ValueError(Errors.E008.format(path=where, reason="expected a mapping with 'cues'"))
    for name, cue in data["cues"].items():
        if not isinstance(cue, Mapping) or cue.get("stance") not in (
            None,
            "support",
            "oppose",
            "neutral",
        ):
            reason = (
                f"cue class '{name}' needs 'lemmas' and a 'stance' of support/oppose/neutral/null"
            )
            raise ValueError(Errors.E008.format(path=where, reason=reason))
    return data


@dataclass
class _Lexicon:
    """The stance lexicon compiled for one pipeline."""

    matcher: _TermMatcher
    cue_classes: dict[str, str]
    cue_stances: dict[str, str | None]
    targeted_cues: frozenset[str]  # classes that decide only about the target named
    unasserted_cues: frozenset[str]  # classes whose content the speaker does not assert
    referents: frozenset[str]
    observers: frozenset[str]
    owner_nouns: frozenset[str]
    countering: frozenset[str]


def _compile_lexicon(data: Mapping, nlp: Language) -> _Lexicon:
    matcher = _TermMatcher(nlp)
    for label in ("negative", "positive", "acts", "against"):
        section = data.get(label) or {}
        matcher.add_terms(label, [*section.get("lemmas", []), *section.get("phrases", [])])
    matcher.add_terms("labels", (data.get("negative") or {}).get("labels", []))
    for label in ("negators", "conditionals", "hedges", "neutral_phrases"):
        matcher.add_terms(label, data.get(label) or [])
    alignment = data.get("alignment") or {}
    if alignment.get("possessives") and alignment.get("nouns"):
        pattern = [
            {"LOWER": {"IN": [w.lower() for w in alignment["possessives"]]}},
            {"IS_PUNCT": True, "OP": "?"},
            {"LEMMA": {"IN": alignment["nouns"]}},
        ]
        matcher.add_patterns("alignment", [pattern])
    cue_classes = {
        lemma.lower(): name
        for name, cue in data["cues"].items()
        for lemma in cue.get("lemmas") or []
    }
    cue_stances = {name: cue.get("stance") for name, cue in data["cues"].items()}
    targeted = frozenset(name for name, cue in data["cues"].items() if cue.get("needs_target"))
    unasserted = frozenset(
        name for name, cue in data["cues"].items() if cue.get("asserts", True) is False
    )
    referents = frozenset(r.lower() for r in data.get("side_referents") or [])
    observers = frozenset(r.lower() for r in data.get("observer_roles") or [])
    owner_nouns = frozenset(r.lower() for r in data.get("owner_nouns") or [])
    countering = frozenset(r.lower() for r in data.get("countering") or [])
    return _Lexicon(
        matcher,
        cue_classes,
        cue_stances,
        targeted,
        unasserted,
        referents,
        observers,
        owner_nouns,
        countering,
    )
