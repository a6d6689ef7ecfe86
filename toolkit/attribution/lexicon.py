"""The reporting-cue lexicon (``data/cues.yml``) and a spaCy Matcher built from it.

Example:
    >>> lexicon = load_lexicon()
    >>> lexicon.verb_class("deny")
    'deny'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache, cached_property

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from toolkit.errors import Errors
from toolkit.resources import data_path, load_yaml

DEFAULT_LEXICON = "cues.yml"
VERB_CUE = "VERB_CUE"
PHRASE_CUE = "PHRASE_CUE"


@dataclass(frozen=True)
class CueLexicon:
    """Cue words with their classes, and which cues may take an object as content."""

    verbs: dict[str, str]
    phrases: dict[str, str]
    nouns: dict[str, str]
    object_content: frozenset[str]
    clause_only: frozenset[str]
    groups: frozenset[str]
    prep_content: dict[str, frozenset[str]] = field(default_factory=dict)
    xcomp_content: frozenset[str] = frozenset()
    speaker_nouns: frozenset[str] = frozenset()
    person_roles: frozenset[str] = frozenset()
    quotation_only: frozenset[str] = frozenset()
    particle_required: dict[str, frozenset[str]] = field(default_factory=dict)
    _matchers: dict = field(default_factory=dict, compare=False, repr=False)

    def verb_class(self, word: str) -> str | None:
        """Return the class of a verb cue (a lemma or an inflected form), or None."""
        word = word.lower()
        return self.verbs.get(word) or self.verbs.get(self.forms.get(word, ""))

    @cached_property
    def forms(self) -> dict[str, str]:
        """Inflected forms of the verb cues ("notes", "said") mapped to their lemma.

        The Matcher uses them to catch cues the tagger got wrong ("reuters Notes that").
        """
        forms = {}
        for lemma in self.verbs:
            for form in inflect(lemma):
                forms.setdefault(form, lemma)
        return forms

    def matcher(self, vocab: Vocab) -> Matcher:
        """Return (once per vocab) a Matcher that finds verb cues and phrase cues."""
        key = id(vocab)
        if key not in self._matchers:
            matcher = Matcher(vocab)
            matcher.add(
                VERB_CUE,
                [[{"LEMMA": {"IN": sorted(self.verbs)}}], [{"LOWER": {"IN": sorted(self.forms)}}]],
            )
            matcher.add(
                PHRASE_CUE,
                [[{"LOWER": word} for word in phrase.split()] for phrase in self.phrases],
            )
            self._matchers[key] = matcher
        return self._matchers[key]

    def find_cues(self, doc: Doc) -> tuple[list[Token], list[tuple[int, int]]]:
        """Return the verb-cue tokens and the ``(start, end)`` token spans of phrase cues."""
        verbs, phrases = [], []
        for match_id, start, end in self.matcher(doc.vocab)(doc):
            if doc.vocab.strings[match_id] == VERB_CUE:
                if not verbs or verbs[-1].i != start:
                    verbs.append(doc[start])
            else:
                phrases.append((start, end))
        return verbs, phrases


IRREGULAR = {
    "say": ["said"], "tell": ["told"], "think": ["thought"], "write": ["wrote", "written"],
    "find": ["found"], "feel": ["felt"], "know": ["knew", "known"], "understand": ["understood"],
    "show": ["shown"], "learn": ["learnt"], "see": ["saw", "seen"], "speak": ["spoke", "spoken"],
    "hold": ["held"], "seek": ["sought"], "lay": ["laid"],
}  # fmt: skip


def inflect(lemma: str) -> list[str]:
    """English inflections of a cue verb: the regular ones, and the irregular past of common cues.

    Example:
        >>> inflect("deny"), inflect("see")
        (['deny', 'denies', 'denied', 'denying'], ['see', 'sees', 'seeing', 'saw', 'seen'])
    """
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms = [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    elif lemma.endswith("ee"):
        forms = [lemma, lemma + "s", lemma + "d", lemma + "ing"]
    elif lemma.endswith("e"):
        forms = [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms = [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    else:
        forms = [lemma, lemma + "s", lemma + "ed", lemma + "ing"]
    if lemma in IRREGULAR:  # no regular past ("sayed", "seed"): it would match names and nouns
        forms = [forms[0], forms[1], forms[3], *IRREGULAR[lemma]]
    return forms


@cache
def _load(path: str, mtime: float) -> CueLexicon:
    data = load_yaml(path)
    try:
        return CueLexicon(
            verbs={k.lower(): v for k, v in data["verbs"].items()},
            phrases={k.lower(): v for k, v in data.get("phrases", {}).items()},
            nouns={k.lower(): v for k, v in data.get("nouns", {}).items()},
            object_content=frozenset(data.get("object_content", [])),
            clause_only=frozenset(data.get("clause_only", [])),
            groups=frozenset(w.lower() for w in data.get("groups", [])),
            prep_content={k: frozenset(v) for k, v in data.get("prep_content", {}).items()},
            xcomp_content=frozenset(data.get("xcomp_content", [])),
            speaker_nouns=frozenset(data.get("speaker_nouns", [])),
            person_roles=frozenset(data.get("person_roles", [])),
            quotation_only=frozenset(data.get("quotation_only", [])),
            particle_required={
                k: frozenset(v) for k, v in data.get("particle_required", {}).items()
            },
        )
    except (KeyError, AttributeError, TypeError) as exc:
        raise ValueError(Errors.E008.format(path=path, reason=exc)) from exc


def load_lexicon(path: str | os.PathLike | None = None) -> CueLexicon:
    """Load a cue lexicon: the shipped ``data/cues.yml`` or an analyst's own file."""
    resolved = data_path(path or DEFAULT_LEXICON)
    return _load(str(resolved), resolved.stat().st_mtime)  # an edited file is read anew
