"""Whose is a word: the actors a quote names, and which of them a word belongs to.

Actor mentions map to the target's side (``"side"``) or another actor
(``"other"``); the parse then gives an evaluative word or an act its owner: the
noun phrase's possessor, modifiers or by-phrase, else the subject of its clause (an
attitude adjective's object, a label's own noun phrase). A speaker is placed by
name, then by role.

Example:
    >>> from toolkit.nlp import load_model
    >>> from toolkit.tagging.lexicon import _compile_lexicon, load_stance_lexicon
    >>> from toolkit.tagging.targets import _gazetteer, _side_of
    >>> nlp = load_model()
    >>> side = _side_of("North Korea", _gazetteer(None))
    >>> doc = nlp("Pyongyang condemned Seoul's aggression")
    >>> owners = _token_owners(doc, side, _compile_lexicon(load_stance_lexicon(), nlp))
    >>> {doc[i].text: owner for i, owner in sorted(owners.items())}
    {'Pyongyang': 'side', 'Seoul': 'other'}
    >>> _evaluation_owner(doc[4], owners)
    'other'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from toolkit.tagging.lexicon import _Lexicon
from toolkit.tagging.targets import _Side, _strip_possessive

ENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "appos"})
OWNER_PREPS = frozenset({"by", "between", "from"})
NOMINAL_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
PREDICATE_DEPS = frozenset({"attr", "oprd", "acomp"})
ATTITUDE_PREPS = frozenset({"of", "about", "toward", "towards", "to"})
BENEFICIARY_PREPS = frozenset({"for"})  # a positive adjective is good for its object
FAVOUR_PREPS = frozenset({"for", "with", "to", "toward", "towards"})  # "solidarity with X"
AGAINST_PREPS = frozenset({"to", "against", "on", "upon", "at", "toward", "towards"})
POSITIVE_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my"})
THIRD_PERSON = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"})
SALIENT_PRONOUNS = frozenset({"they", "them", "their", "theirs", "its"})
PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
MAX_ENT_PARTS = 6
SIDE, OTHER, SELF = "side", "other", "self"


class _Owners(dict):
    """Token index -> ``"side"`` or ``"other"``, with the lexicon's word lists for owners."""

    def __init__(
        self, owner_nouns: frozenset[str] = frozenset(), countering: frozenset[str] = frozenset()
    ) -> None:
        super().__init__()
        self.owner_nouns = owner_nouns
        self.countering = countering


def _token_owners(
    doc: Doc, side: _Side, lexicon: _Lexicon, *, known_only: bool = False, referents: bool = True
) -> _Owners:
    """Map the token indices of actor mentions to ``"side"`` or ``"other"``.

    A name the gazetteer knows beats one only the NER found; then the longest span
    decides ("North Dakota" is not "the North"); then the target's side wins. With
    ``known_only``, names the gazetteer does not know are left out; without
    ``referents``, so are the words that refer to the target's camp without naming it
    ("the regime").
    """
    owners = _Owners(lexicon.owner_nouns, lexicon.countering)
    ranks: dict[int, tuple[bool, int, bool]] = {}
    words = lexicon.referents if referents else frozenset()
    for span in _candidate_spans(doc):
        owner, known = _span_owner(span, side, words)
        if owner is None or (known_only and not known):
            continue
        rank = (known, len(span), owner == SIDE)
        for token in span:
            if rank > ranks.get(token.i, (False, 0, False)):
                owners[token.i], ranks[token.i] = owner, rank
    return owners


def _with_pronouns(
    doc: Doc, owners: _Owners, *, salient: bool, speaker: str | None = None
) -> _Owners:
    """Add the pronouns that no actor named before them in the quote can stand for.

    In reported speech they stand for its ``speaker`` when the speaker is placed: the
    target's side ("Tehran says its program is peaceful"), else the speaker's own camp,
    ``"self"``, as its "we" is ("Sunak said he would expel Russian spies"). Otherwise they
    are read in the article: with ``salient`` (the target is the actor the article
    names most), "they", "their", "its", "he" or "her" is the target's side ("they
    will launch a nuclear weapon" in a report on North Korea's tests); otherwise "he"
    or "she" is some other person, and "they" or "its" no one known.
    """
    for token in doc:
        if any(i < token.i for i in owners):
            continue
        if token.lower_ in SALIENT_PRONOUNS | PERSONAL_PRONOUNS and speaker in (SIDE, OTHER):
            owners[token.i] = SIDE if speaker == SIDE else SELF
        elif token.lower_ in SALIENT_PRONOUNS | PERSONAL_PRONOUNS and salient:
            owners[token.i] = SIDE
        elif token.lower_ in PERSONAL_PRONOUNS:
            owners[token.i] = OTHER
    return owners


def _candidate_spans(doc: Doc) -> Iterator[Span]:
    """Spans that may name an actor, each also with a "the" before it ("the North").

    Entities, the parts of entities other than people's names ("North Korea" in a
    mislabelled "North Korea Replay"), noun chunks, and proper nouns or capitalised
    words outside people's names ("Kim" in "Kim Kwan-jin" is not Kim Jong Un).
    """
    ents = [ent for ent in doc.ents if ent.label_ in ENT_LABELS]
    in_person = {
        i
        for ent in ents
        if ent.label_ == "PERSON" and len(ent) > 1
        for i in range(ent.start, ent.end)
    }
    parts = [
        ent[i:j]
        for ent in ents
        if ent.label_ != "PERSON" and 1 < len(ent) <= MAX_ENT_PARTS
        for i in range(len(ent))
        for j in range(i + 1, len(ent) + 1)
        if j - i < len(ent)
    ]
    words = [
        doc[t.i : t.i + 1]
        for t in doc
        if (t.pos_ == "PROPN" or t.text[:1].isupper()) and t.i not in in_person
    ]
    chunks = list(doc.noun_chunks) if doc.has_annotation("DEP") else []
    for span in [*ents, *parts, *chunks, *words]:
        yield span
        if span.start > 0 and doc[span.start - 1].lower_ == "the":
            yield doc[span.start - 1 : span.end]


def _span_owner(span: Span, side: _Side, referents: frozenset[str]) -> tuple[str | None, bool]:
    """``"side"``, ``"other"`` or None (no actor) for one candidate span, and whether the
    gazetteer (or the side's names) knows it rather than only the NER."""
    text = span.text.strip()
    if _strip_possessive(text.lower()) in referents or side.named(text):
        return SIDE, True
    entity = side.gazetteer.canonical(text)
    if entity:
        return (SIDE if side.has(entity) else OTHER), True
    return (OTHER if span.label_ in ACTOR_LABELS else None), False


def _owner_in(tokens: Iterable[Token], owners: Mapping) -> str | None:
    """``"side"`` if a token names the target's side, else ``"other"`` if one names another
    actor, else ``"self"`` if one names the speaker's own camp.

    A third-person pronoun stands for the nearest actor named before it in the quote.
    """
    return _first_kind({owners.get(token.i) or _pronoun_owner(token, owners) for token in tokens})


def _first_kind(kinds: set[str | None]) -> str | None:
    """The weightiest owner among ``kinds``: the target's side, another actor, the speaker's own."""
    return next((kind for kind in (SIDE, OTHER, SELF) if kind in kinds), None)


def _pronoun_owner(token: Token, owners: Mapping) -> str | None:
    """The actor a third-person pronoun stands for: the nearest subject before it, else the
    nearest actor named before it ("Hamas used North Korean weapons in its attacks": Hamas).
    """
    if token.lower_ not in THIRD_PERSON:
        return None
    before = [token.doc[i] for i in range(token.i - 1, -1, -1) if i in owners]
    subjects = [t for t in before if any(a.dep_ in SUBJECT_DEPS for a in (t, *t.ancestors))]
    chosen = subjects or before
    return owners[chosen[0].i] if chosen else None


def _noun_owner(noun: Token, owners: Mapping) -> str | None:
    """The actor that a noun phrase belongs to: its possessor, modifiers or by-phrase.

    An of-phrase names the owner only after a noun of ``OWNER_NOUNS`` ("the leader of
    North Korea"); after an event it names a patient ("the invasion of Ukraine").
    """
    tokens = [noun]
    for child in noun.children:
        if child.dep_ in OWNER_DEPS or (child.dep_ == "prep" and _owner_prep(child, noun, owners)):
            tokens.extend(child.subtree)
    return _owner_in(tokens, owners)


def _owner_prep(prep: Token, noun: Token, owners: Mapping) -> bool:
    """Does this preposition introduce the noun's owner (by, between, from; of after a role)?"""
    if prep.lower_ in OWNER_PREPS:
        return True
    return prep.lower_ == "of" and noun.lemma_.lower() in getattr(owners, "owner_nouns", ())


def _clause_owner(token: Token, owners: Mapping, *, countered: bool = False) -> str | None:
    """The actor of the nearest clause above ``token`` whose subject names one.

    With ``countered``, climbing stops (None) at a word of countering ("deal with any
    provocations", "vigilant about provocations"): its subject opposes the thing.
    """
    current = token
    countering = getattr(owners, "countering", frozenset()) if countered else frozenset()
    while True:
        if current.i != token.i and current.lemma_.lower() in countering:
            return None
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS or child.dep_ == "agent":
                owner = _subject_owner(child, owners)
                if owner:
                    return owner
        if current.head.i == current.i:
            return None
        current = current.head


def _subject_owner(subject: Token, owners: Mapping) -> str | None:
    """The actor a subject names: a clause's whole text, a noun phrase's owner and conjuncts.

    "Hamas's attacks on Israel" belong to Hamas: a patient in an of/on phrase does not count.
    A subject in the first person ("we", "the US and our allies") is the speaker's own
    camp, ``"self"``, unless it names the target's side.
    """
    if subject.dep_ in ("csubj", "csubjpass"):
        return _owner_in(subject.subtree, owners)
    if any(token.lower_ in FIRST_PERSON for token in subject.subtree):
        return SIDE if _owner_in(subject.subtree, owners) == SIDE else SELF
    heads = (
        [child for child in subject.children if child.dep_ == "pobj"]
        if subject.dep_ == "agent"
        else [subject]
    )
    heads = [conjunct for head in heads for conjunct in (head, *head.conjuncts)]
    return _first_kind({_noun_owner(head, owners) for head in heads})


def _nominal(token: Token) -> Token | None:
    """The noun a token heads or modifies, or None for predicates and verbs."""
    if token.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return token
    if token.dep_ in NOMINAL_MODIFIER_DEPS and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    return None


def _evaluation_owner(token: Token, owners: Mapping) -> str | None:
    """Whose is an evaluative word or an act: its noun phrase's owner, else its clause's
    subject, but not the subject of a countering word.

    "NATO's aggression", "NATO is aggressive" and "NATO leads aggressive operations"
    judge NATO; "we must watch for provocations" judges no one named (None); in "Seoul
    will respond to any attack" the attack is not Seoul's.
    """
    noun = _nominal(token)
    if noun is None:
        owner = _clause_owner(token, owners)
    else:
        owner = _noun_owner(noun, owners) or _clause_owner(noun, owners, countered=True)
    return None if owner == SELF else owner


def _label_owner(token: Token, owners: Mapping) -> str | None:
    """Whom a label ("terrorist", "dictator") names: its own noun phrase's actor, or the
    subject it is predicated of ("Hamas is a terrorist group"), never the subject of a
    clause it is only an object in ("Pyongyang supplies the terrorist group").
    """
    noun = _nominal(token) or token
    owner = _noun_owner(noun, owners)
    if owner is None and noun.dep_ in PREDICATE_DEPS:
        owner = _clause_owner(noun, owners)
    if owner is None and noun.dep_ == "appos":
        owner = _noun_owner(noun.head, owners)
    return None if owner == SELF else owner


def _object_owner(
    token: Token, owners: Mapping, *, deps: frozenset[str], preps: frozenset[str] = frozenset()
) -> str | None:
    """The actor of a word's object: a child of one of ``deps`` ("praised Moscow") or the
    object of one of its ``preps`` ("sanctions on Moscow", "wary of Moscow's tests")."""
    objects = [child for child in token.children if child.dep_ in deps]
    objects += [
        obj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
    found = {_noun_owner(noun, owners) for obj in objects for noun in (obj, *obj.conjuncts)}
    found -= {None}
    return SIDE if SIDE in found else (OTHER if found else None)  # the speaker's own: "other"


def _against_owner(token: Token, owners: Mapping) -> str | None:
    """Whom a word of acting against is aimed at, when the speaker's camp or no one named
    does it: "we must deter Moscow", "a response to Moscow's tests"; a passive is done to its
    subject ("Moscow's sites will be hit"). Another actor's pressure on the target ("their
    pressure on Israel is declining", "Moscow was hit by Kyiv") is not the speaker's.
    """
    noun = _nominal(token)
    if noun is None and any(child.dep_ == "nsubjpass" for child in token.children):
        agents = [t for child in token.children if child.dep_ == "agent" for t in child.subtree]
        if _owner_in(agents, owners) == OTHER:
            return None
        return _object_owner(token, owners, deps=frozenset({"nsubjpass"}))  # "Moscow was hit"
    doer = (_noun_owner(noun, owners) if noun is not None else None) or _clause_owner(token, owners)
    if doer == OTHER:
        return None
    return _object_owner(token, owners, deps=frozenset({"dobj"}), preps=AGAINST_PREPS)


def _hit_owner(label: str, token: Token, owners: Mapping) -> str | None:
    """Whose is a lexicon word: the doer of an act, the one judged by an evaluation.

    A positive verb judges its object, not its subject: in "Moscow praised the pact"
    Moscow does the praising and is not praised. A label names its own noun phrase.
    A word of acting against is about its object: "deter Moscow", "sanctions on Moscow".
    """
    if label == "labels":
        return _label_owner(token, owners)
    if label == "against":
        return _against_owner(token, owners)
    if token.pos_ == "ADJ" and label in ("negative", "positive"):
        preps = ATTITUDE_PREPS | BENEFICIARY_PREPS if label == "positive" else ATTITUDE_PREPS
        judged = _object_owner(token, owners, deps=frozenset(), preps=preps)
        if judged:  # an attitude: "wary of Beijing", "grateful to Seoul", "good for Seoul"
            return judged
    if label == "positive" and token.pos_ == "VERB":
        return _object_owner(token, owners, deps=POSITIVE_OBJECT_DEPS)
    if label == "positive" and token.pos_ == "NOUN" and _noun_owner(token, owners) is None:
        judged = _object_owner(token, owners, deps=frozenset(), preps=FAVOUR_PREPS)
        if judged:  # "steadfast support for Israel", "respect for China": its object
            return judged
    return _evaluation_owner(token, owners)


def _speaker_owner(
    name: str, docs: Sequence[Doc | None], side: _Side, lexicon: _Lexicon
) -> str | None:
    """Is the speaker on the target's side (``"side"``), on another's, or unknown (None)?

    A name the gazetteer knows decides ("Kim Jong Un", "KCNA", "Israeli military");
    otherwise the first known actor that the name, then the role, names does
    ("North Korea's foreign ministry", "Chinese Foreign Ministry spokesman"), unless
    the name or role makes the speaker an observer ("North Korea expert").
    """
    if not name:
        return None
    if side.named(name) or side.named(f"the {name}"):
        return SIDE
    entity = side.gazetteer.canonical(name)
    if entity:
        return SIDE if side.has(entity) else OTHER
    present = [doc for doc in docs if doc is not None]
    if any(_is_observer(doc, lexicon.observers) for doc in present):
        return None
    for doc in present:
        owners = _token_owners(doc, side, lexicon, known_only=True)
        first = next((owners[token.i] for token in doc if token.i in owners), None)
        if first:
            return first
    return None


def _speaker_home(
    name: str, docs: Sequence[Doc | None], side: _Side, lexicon: _Lexicon
) -> str | None:
    """The country or body a speaker off the target's side speaks for, by name, then role:
    "Ukrainian President" -> "Ukraine", "Israeli military" -> "Israel". None for the
    target's side, for an observer ("Russia expert") and for a speaker the gazetteer
    cannot place.
    """
    gazetteer = side.gazetteer
    present = [doc for doc in docs if doc is not None]
    if not name or any(_is_observer(doc, lexicon.observers) for doc in present):
        return None
    entities = [gazetteer.canonical(name)]
    entities += [gazetteer.canonical(span.text.strip()) for doc in present for span in _ents(doc)]
    for entity in entities:
        if entity:
            home = gazetteer.affiliation(entity) or entity
            return None if side.has(home) else home
    return None


def _ents(doc: Doc) -> list[Span]:
    """A name's or role's entities, else its proper nouns ("Ukrainian", "Kyiv")."""
    return list(doc.ents) or [doc[t.i : t.i + 1] for t in doc if t.pos_ in ("PROPN", "ADJ")]


def _mark_home(doc: Doc, owners: _Owners, home: str, side: _Side) -> _Owners:
    """Mark the quote's names of the speaker's own camp ``"self"``, as its "we" is:
    "Ukraine must win the battle against Russia", said by Ukraine's president."""
    gazetteer = side.gazetteer
    for span in _candidate_spans(doc):
        entity = gazetteer.canonical(span.text.strip())
        if entity and home in (entity, gazetteer.affiliation(entity)):
            for token in span:
                if owners.get(token.i) == OTHER:
                    owners[token.i] = SELF
    return owners


def _is_observer(doc: Doc, observers: frozenset[str]) -> bool:
    """Does a speaker's name or role make it an observer ("North Korea expert")?"""
    words = {token.lower_ for token in doc} | {token.lemma_.lower() for token in doc}
    text = doc.text.lower()
    return bool(words & observers) or any(" " in o and o in text for o in observers)
