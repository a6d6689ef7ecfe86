"""Resolve who each claim's speaker is: pronouns, descriptions and canonical names.

- Pronouns ("he said") take the last earlier speaker of a compatible kind: a
  person for he/she, an organisation, government or outlet for it, a group or
  government for they (or joint speakers: "Fowle and Miller said ... they").
- A bare description ("the official") takes the last person speaker whose role holds
  it, else ("the minister") the one person the article titled so before.
- Names are made canonical within the article (the surname "O’Hanlon" becomes the
  full "Michael O’Hanlon") and across the corpus through the gazetteer
  ("Pyongyang" → "North Korea", "reuters" → "Reuters").

Example:
    >>> speaker_type_of("experts", None, None, frozenset({"experts"}))
    'group'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from toolkit.attribution.claim import Claim, sent_of
from toolkit.attribution.headline import headline_lines
from toolkit.attribution.lexicon import CueLexicon
from toolkit.attribution.quotes import Quote
from toolkit.attribution.speakers import (
    GOVERNMENT_WORDS,
    QUANTITY_HEADS,
    describe_speaker,
    is_group_noun,
    named_appositive,
)
from toolkit.attribution.transcript import RULE as TRANSCRIPT_RULE
from toolkit.entities.names import (
    given_name_gender,
    head_word,
    head_words,
    is_description,
    written_in_capitals,
)
from toolkit.reading import body_start

PERSON_PRONOUNS = {"he", "she"}
PLURAL_SOURCES = {"some", "many", "most", "others", "those", "several", "both", "all", "few"}
NAME_PARTICLES = {
    "de",
    "da",
    "van",
    "von",
    "der",
    "den",
    "bin",
    "al",
    "el",
    "la",
    "le",
    "di",
    "du",
    "ibn",
}
DASHES = "―—–‒- \u00a0"
FIRST_PERSON = {"i", "me", "we", "us"}  # the author or the outlet: no one the article names
# "That said, ...", "That suggests ...": a demonstrative stands for a fact, not a speaker.
DEMONSTRATIVES = {"that", "this"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
CLAUSE_DEPS = {"ccomp", "xcomp"}
PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f", "hers": "f"}
ROLE_GENDER_ENDINGS = (("woman", "f"), ("man", "m"), ("wife", "f"), ("husband", "m"))
TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "madam": "f"}
GROUP_PRONOUNS = {"they", "we"}
LEDE_NAME_CHARS = 600  # the lede's source is named in the next lines, or not at all
LEDE_CHARS = 400  # where a story's first claim (its lede) starts, at the latest
HEADLINE_RULES = {"colon", "headline", "signed"}
SENTENCE_ENDS = (".", "!", "?", "”", '"', "’")
# Words before a title that make it another office: a vice president is not "the president".
OTHER_OFFICE = {
    "vice", "deputy", "former", "ex", "late", "assistant", "associate", "under", "acting",
}  # fmt: skip
SUBJECT_FORMS = {  # "his view that ...", "according to him"
    "his": "he", "her": "she", "its": "it", "their": "they", "our": "we", "my": "i",
    "him": "he", "them": "they", "us": "we", "me": "i",
}  # fmt: skip
THING_PRONOUNS = {"it"}
# fmt: off
KIN_WORDS = frozenset({
    "wife", "husband", "widow", "widower", "spouse", "son", "daughter", "mother", "father",
    "brother", "sister", "parent", "grandson", "granddaughter", "grandmother", "grandfather",
    "nephew", "niece", "cousin", "uncle", "aunt", "stepson", "stepdaughter", "stepfather",
    "stepmother", "fiancée", "fiancee", "fiancé", "fiance", "girlfriend", "boyfriend",
})
# fmt: on
NAME_ADJECTIVE_RE = re.compile(  # "Reagan-like", "Obama-era", "Putin-backed"; not "Jong-un"
    r"(.+)-(?:like|era|style|esque|led|backed|linked|allied|aligned|appointed|funded|run)$",
    re.IGNORECASE,
)
SINGULAR_TYPES = {"person", "organisation", "media"}  # speakers "they" does not name
MEDIA_WORDS = {
    "newspaper",
    "magazine",
    "outlet",
    "channel",
    "broadcaster",
    "tv",
    "daily",
    "journal",
    "news",
    "media",  # "North Korean state media"
    "newswire",
    "network",
    "website",
}
ORGANISATION_NOUNS = {
    "group", "organisation", "organization", "company", "firm", "movement", "party", "network",
    "coalition", "alliance", "union", "association", "foundation", "institute", "campaign",
    "office", "ministry", "department", "agency", "committee", "council", "commission",
    "bureau", "court",
}  # fmt: skip
# "the group said" may stand for any organisation; "the party", "the institute" only for one
# whose name says so ("the Republican Party", "the Hudson Institute").
GENERIC_ORGANISATION_NOUNS = {"group", "organisation", "organization"}
GAZETTEER_TYPES = {
    "country": "government",
    "government": "government",
    "media": "media",
    "organisation": "organisation",
    "group": "group",
    "person": "person",
}
SHORT_FORM_LABELS = {"ORG", "WORK_OF_ART"}  # "The Washington Post" ... "the Post"
MAX_BODY_NAME_WORDS = 5
NOT_IN_BODY_NAMES = {"and", "by", "on", "against", "says", "said"}
LABEL_TYPES = {"PERSON": "person", "GPE": "government", "NORP": "group", "ORG": "organisation"}


def resolve_speakers(
    claims: list[Claim], doc: Doc, gazetteer, lexicon: CueLexicon, quotes: list[Quote] = ()
) -> None:
    """Fill ``speaker`` and ``speaker_type`` of each claim, in document order (in place)."""
    groups = lexicon.groups
    persons = PersonIndex(
        doc,
        claims,
        quotes,
        verb_forms=frozenset(lexicon.forms),
        gazetteer=gazetteer,
        roles=lexicon.speaker_nouns,
    )
    resolved: list[Claim] = []
    for claim in sorted(claims, key=lambda c: c.start):
        if claim.speaker is None:
            if claim.speaker_label == "PRON":
                _resolve_pronoun(claim, resolved, doc, persons, lexicon.person_roles)
            else:
                _resolve_description(claim, resolved, doc, persons, lexicon.person_roles)
                if claim.speaker is None:
                    _name(claim, persons, gazetteer, groups, doc)
        resolved.append(claim)


def type_described_people(
    claims: list[Claim], roles: frozenset[str], titles: frozenset[str] = frozenset()
) -> None:
    """Type a speaker described by a person's role ("official", "senior Israeli official",
    "Kremlin spokesman"; not a name such as "The Observer") or by a title alone
    ("President", "U.S. Ambassador": ``titles``, lower case) ``person``, and one by such
    roles ("Republican senators") ``group`` (in place). Done last: a description stays no
    antecedent for "he said", which in news is nearly always a named person.

    Example:
        >>> claim = Claim(0, 5, "reported_speech", speaker="senior official")
        >>> type_described_people([claim], frozenset({"official"}))
        >>> claim.speaker_type
        'person'
        >>> claim = Claim(0, 5, "reported_speech", speaker="U.S. Ambassador")
        >>> type_described_people([claim], frozenset(), frozenset({"ambassador"}))
        >>> claim.speaker_type
        'person'
    """
    for claim in claims:
        if claim.speaker_type == "unknown" and _title_alone(claim, titles, roles):
            claim.speaker_type = "person"
            continue
        head = _description_head(claim)
        if head is None:
            continue
        if head in roles:
            claim.speaker_type = "person"
        elif _singular(head) in roles:
            claim.speaker_type = "group"  # "Republican senators", "his lawyers", "witnesses"


def name_the_lede(claims: list[Claim], doc: Doc, roles: frozenset[str], gazetteer=None) -> None:
    """ "A senior Hamas official has claimed that ..." opening an article, then "“...,” Ali
    Baraka said": news names the lede's source in the next lines. The article's first claim,
    opening its story (``LEDE_CHARS``), by an unnamed person ("a senior official"), takes
    the name of the next claim's speaker (after the lede's own continuations), a person the
    article names there for the first time (within ``LEDE_NAME_CHARS``), no public figure
    the gazetteer lists (who would be answering the lede, not making it), and with no role
    of another kind. Claims that were given the lede's description take the name too (in
    place).

    Example:
        >>> from toolkit.nlp import load_model
        >>> from toolkit.attribution import attribute_doc
        >>> text = ("A senior Hamas official has claimed that Kim could attack.\\n\\n"
        ...         "“He is capable of it,” Ali Baraka said.")
        >>> [c.speaker for c in attribute_doc(load_model()(text))]
        ['Ali Baraka', 'Ali Baraka']
    """
    ordered = sorted(
        (c for c in claims if c.rule not in HEADLINE_RULES), key=lambda c: c.start
    )  # a headline's "Expert: ..." is no lede: the story may name anyone next
    if len(ordered) < 2:
        return
    lede = ordered[0]
    named = next((c for c in ordered[1:] if c.speaker != lede.speaker), None)
    if named is None:
        return  # the lede's own continuations come first; the next other speaker counts
    if lede.start - body_start(doc.text) > LEDE_CHARS:
        return  # the first claim comes after the story has begun
    if not doc.text[lede.sent_start : lede.sent_end].rstrip().endswith(SENTENCE_ENDS):
        return  # a title ("Expert says GOP keeps its distance") names no one next
    speaker = lede.speaker or ""
    head = _description_head(lede)
    if head not in roles or _definite(lede, doc):
        return
    name = named.speaker or ""
    if named.speaker_type != "person" or is_description(name):
        return
    if named.start - lede.end > LEDE_NAME_CHARS:
        return
    if gazetteer is not None and gazetteer.entity_type(gazetteer.canonical(name) or name):
        return  # "“They are working,” Joe Biden said": a public figure answers the lede
    words = {word.lower() for word in name.split()}
    if any(
        ent.label_ == "PERSON"
        and ent.start_char < lede.end
        and words & set(ent.text.lower().split())
        for ent in doc.ents
    ):
        return  # named before the lede ("Wang met Blinken ..."): the official is someone else
    role = (named.speaker_role or "").lower().split()
    if role and head not in role:
        return  # "Ali Baraka, a Lebanese journalist": another kind of source
    for claim in ordered:
        if claim.speaker == speaker:
            _copy_speaker(claim, named, f"lede's '{speaker}' named next: '{name}'")
            claim.speaker_role = claim.speaker_role or speaker


def _singular(noun: str) -> str:
    """A plural noun's singular, for the common endings ("deputies", "bosses", "senators")."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("sses", "shes", "ches")):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") else ""


def _name(claim: Claim, persons: PersonIndex, gazetteer, groups: frozenset[str], doc: Doc) -> None:
    """The canonical speaker: a person's full name as the article writes it (the gazetteer's
    only for a name the article never writes out), a seat of government as itself ("White
    House"), any other actor by the gazetteer ("Pyongyang" -> "North Korea")."""
    mention = claim.speaker_mention or ""
    position = claim.speaker_start or claim.start
    if claim.speaker_label == "PERSON":
        full = persons.full_name(mention, position)
        known = gazetteer.canonical(mention) if gazetteer and full == mention else None
        claim.speaker = known if known and " " not in full else full
    elif person := _person_of_surname(mention, position, persons):
        claim.speaker = person
    else:
        mention = persons.acronyms.get(mention, mention)
        seat = gazetteer.seat(mention) if gazetteer else None
        known = seat or (gazetteer.canonical(mention) if gazetteer else None)
        known = known or _weak_alias(mention, doc, gazetteer)
        known = known or _short_form(claim, doc, gazetteer, persons)
        claim.speaker = known or persons.full_name(mention, position, person=False)
    if gazetteer and gazetteer.entity_type(claim.speaker) == "person":
        claim.speaker = persons.as_written(claim.speaker)
    claim.speaker_type = speaker_type_of(claim.speaker, claim.speaker_label, gazetteer, groups)
    if claim.speaker_type == "unknown" and claim.speaker_role and _name_like(claim.speaker):
        claim.speaker_type = "person"  # "Bruce Cumings, an expert on Korea," the tagger missed
    elif (
        claim.speaker_label != "PERSON"
        and not (gazetteer and gazetteer.entity_type(claim.speaker))
        and persons.is_person(claim.speaker)
    ):  # "Skabeeva" or "Josh Earnest" tagged otherwise here, a person elsewhere in the article
        claim.speaker_type = "person"


def _person_of_surname(mention: str, position: int, persons: PersonIndex) -> str | None:
    """The full name of a person the article named before that one word ends, whatever the
    tagger made of the word here: "Cuban said" after "Mark Cuban", "Paris said" after
    "Jeremy Paris", not the country or the city; else None."""
    if " " in mention.strip():
        return None
    full = persons.full_name(mention, position, person=False)
    return full if " " in full and _surname(full) == _surname(mention) else None


def _short_form(claim: Claim, doc: Doc, gazetteer, persons: PersonIndex) -> str | None:
    """ "the Post said" after "The Washington Post": "the" and a one-word name that ends
    the one body's name the article wrote before, as that body is known. Not a person's
    surname, a place ("Texas" after "University of Texas"), a seat of government's short
    form ("the House" after "the White House"), nor one of several bodies ("the
    Department" after the Justice and State Departments)."""
    mention, position = claim.speaker_mention or "", claim.speaker_start
    if (
        position is None
        or len(mention.split()) != 1
        or not mention[:1].isupper()
        or claim.speaker_label not in SHORT_FORM_LABELS | {None}
        or persons.is_surname(mention)
        or not doc.text[:position].rstrip().lower().endswith("the")
    ):
        return None
    story = body_start(doc.text)
    names = {
        _strip_article(ent.text)
        for ent in persons.entities
        if ent.label_ in SHORT_FORM_LABELS
        and ent.start_char >= story
        and ent.end_char <= position
        and ent[-1].text == mention
        and ent.root.i == ent[-1].i
        and _body_name(ent)
    }
    if len(names) != 1:
        return None
    (name,) = names
    if gazetteer is None:
        return name
    if gazetteer.seat(name):
        return None
    return gazetteer.canonical(name) or name


def _body_name(ent: Span) -> bool:
    """Two to five capitalised words, "of" or "the" between them: "Washington Post", "Bank
    of England"; no headline ("Suspect Named By Police"), list or possessive."""
    words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    inner = [t for t in words[1:-1] if t.lower_ not in {"of", "the", "for"}]
    return (
        2 <= len(words) <= MAX_BODY_NAME_WORDS
        and all(t.is_alpha and t.text[:1].isupper() for t in [words[0], *inner, words[-1]])
        and not any(t.lower_ in NOT_IN_BODY_NAMES or t.pos_ == "VERB" for t in words)
    )


def _strip_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _weak_alias(mention: str, doc: Doc, gazetteer) -> str | None:
    """ "the North said" (its "the" dropped): North Korea, in an article that names North
    Korea in another way too, as the gazetteer's weak aliases ask."""
    form = f"the {mention}"
    entity = gazetteer.canonical(form) if gazetteer and gazetteer.is_weak(form) else None
    if entity and any(
        gazetteer.canonical(ent.text) == entity for ent in doc.ents if ent.text != mention
    ):
        return entity
    return None


def _titled(token: Token, roles: frozenset[str]) -> bool:
    """A name with a role before it, whatever the tagger made of it: "Former
    Hewlett-Packard CEO Carly Fiorina" (tagged an organisation) is a person."""
    return any(
        child.dep_ in {"compound", "amod"} and child.lower_ in roles for child in token.lefts
    )


def _name_like(name: str) -> bool:
    """Two to four capitalised words, as a person's name is written ("Bruce Cumings")."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(
        word[0].isupper() and word.replace("-", "").replace("’", "").replace("'", "").isalpha()
        for word in words
    )


def speaker_type_of(name: str, label: str | None, gazetteer, groups: frozenset[str]) -> str:
    """One of person, organisation, government, media, group, unknown."""
    known = gazetteer.entity_type(name) if gazetteer else None
    if known in GAZETTEER_TYPES:
        return GAZETTEER_TYPES[known]
    if label == "PERSON":
        return "person"
    if is_group_noun(name, groups) or name.lower() in PLURAL_SOURCES:
        return "group"
    last = head_word(name)
    if last in QUANTITY_HEADS and name.split()[-1].lower() in groups:
        if last == "one":
            return "person"  # "one of the officials"
        if last != "each":
            return "group"  # "30 percent of voters", "a majority of Americans"
    if last in GOVERNMENT_WORDS:
        return "government"
    if last in MEDIA_WORDS:
        return "media"
    if last in ORGANISATION_NOUNS and not label:
        return "organisation"  # "the company", "the Clinton campaign"
    return LABEL_TYPES.get(label or "", "unknown")


def _resolve_pronoun(
    claim: Claim,
    resolved: list[Claim],
    doc: Doc,
    persons: PersonIndex,
    roles: frozenset[str] = frozenset(),
) -> None:
    """he/she: the nearest earlier person, as a speaker or as a sentence's subject, whose
    gender the article does not contradict, or a speaker described as one ("The Republican
    president said ... He said"); it: the last organisation; they/we: the last speaker, but
    "they" never one person, company or outlet alone (joint speakers, "Fowle and Miller said",
    are no one person): with no other antecedent the claim names no one."""
    pronoun = (claim.speaker_mention or "").lower()
    pronoun = SUBJECT_FORMS.get(pronoun, pronoun)  # "his view that ..." is his: he
    position = min(claim.start, claim.speaker_start or claim.start)  # before the claim's own words
    if pronoun in FIRST_PERSON or pronoun in DEMONSTRATIVES:
        return
    if pronoun in PERSON_PRONOUNS:
        wanted = {"person"}
    elif pronoun in THING_PRONOUNS:
        wanted = {"organisation", "government", "media"}
    else:
        wanted = {"group", "organisation", "government", "media", "person"}
    gender = PRONOUN_GENDER.get(pronoun)
    candidates = [
        _ranked(c)
        for c in resolved
        if c.speaker and c.speaker_type in wanted and (c.speaker_start or c.start) < position
    ]
    plural = [c for c in candidates if c[2] is not None and c[2].speaker_type != "person"]
    if pronoun in GROUP_PRONOUNS and plural:  # "they": a group before a lone person
        candidates = plural
    if pronoun == "they":
        candidates = [c for c in candidates if not _one_person(c[2])]
    if wanted == {"person"}:  # the latest sentence's main subject beats one in its clauses
        candidates += [(key, name, None) for key, name in persons.subjects_before(position)]
        candidates = [c for c in candidates if persons.gender(c[1]) in {None, gender}]
        latest = max(candidates, key=lambda c: c[0], default=None)
        if latest is not None:
            candidates += _described_speaker_over(latest, resolved, doc, persons, roles, gender)
    governing = _governing_cue(claim, doc)
    outer = [c for c in candidates if c[2] is not None and _holds_cue(c[2], claim, governing)]
    if pronoun in GROUP_PRONOUNS and not outer:  # "20 percent said they believe ...": any kind
        outer = [_ranked(c) for c in resolved if c.speaker and _holds_cue(c, claim, governing)]
    if pronoun == "they":
        outer = [c for c in outer if not _one_person(c[2])]
    if _in_a_turn(position, resolved):  # "AMY GOODMAN: ... he said": no one in the dialogue
        outer = [c for c in outer if c[2] is None or c[2].rule != TRANSCRIPT_RULE]
        candidates = [c for c in candidates if c[2] is None or c[2].rule != TRANSCRIPT_RULE]
    if not candidates and not outer:
        return
    _, name, earlier = max(outer or candidates, key=lambda c: c[0])
    if earlier is not None:
        _copy_speaker(claim, earlier, f"pronoun '{claim.speaker_mention}' → '{name}'")
    else:
        claim.speaker, claim.speaker_type = name, "person"
        claim.evidence.append(
            f"pronoun '{claim.speaker_mention}' → last person in subject position '{name}'"
        )


def _one_person(claim: Claim | None) -> bool:
    """Is the antecedent ``claim``'s speaker one person, company or outlet, whom "they" is
    not? ("They said" after "Google said" is nearly always some of its people; a government,
    "the Kremlin said ... they", stays an antecedent.)"""
    return claim is not None and claim.speaker_type in SINGULAR_TYPES and not claim.joint


def _described_speaker_over(
    latest: tuple[tuple[int, bool, int], str, Claim | None],
    resolved: list[Claim],
    doc: Doc,
    persons: PersonIndex,
    roles: frozenset[str],
    gender: str | None,
) -> list[tuple[tuple[int, bool, int], str, Claim]]:
    """The described speaker ("The Republican president said ...") of the sentence whose
    content holds ``latest``, the nearest person so far ("... Maguire was not forced out"),
    as an antecedent for he/she: the speaker is the likelier one, unless the article
    surely says the person's gender and it agrees with the pronoun."""
    (sentence, main_subject, _), name, _ = latest
    if main_subject or persons.gender(name, surely=True) == gender:
        return []
    return [
        _ranked(claim)
        for claim in resolved
        if claim.sent_start == sentence
        and (head := _description_head(claim)) in roles
        and _definite(claim, doc)
        and _role_gender(head) in {None, gender}
    ]


def _in_a_turn(position: int, resolved: list[Claim]) -> bool:
    """Does ``position`` lie in a transcript turn, where he/she is someone talked about?"""
    return any(c.rule == TRANSCRIPT_RULE and c.start <= position < c.end for c in resolved)


def _role_gender(noun: str) -> str | None:
    """ "f" for "spokeswoman", "m" for "chairman", None for "president"."""
    return next((gender for ending, gender in ROLE_GENDER_ENDINGS if noun.endswith(ending)), None)


def _ranked(claim: Claim) -> tuple[tuple[int, bool, int], str, Claim]:
    """An earlier speaker as an antecedent: its salience (sentence, main clause, position),
    name and claim, as :meth:`PersonIndex.subjects_before` ranks subjects."""
    return (claim.sent_start, True, claim.speaker_start or claim.start), claim.speaker, claim


def _holds_cue(outer: Claim, claim: Claim, governing: int | None) -> bool:
    """ "X said that, when Y comes, he hopes ...": a pronoun whose cue lies in X's content,
    or whose cue is the clause of X's cue ("X said they believe ..."), is X."""
    if claim.cue_start is None:
        return False
    return outer.start <= claim.cue_start < outer.end or outer.cue_start == governing


def _governing_cue(claim: Claim, doc: Doc) -> int | None:
    """Where the verb starts whose clause the claim's cue is ("said" in "said they believe")."""
    if claim.cue_start is None:
        return None
    span = doc.char_span(claim.cue_start, claim.cue_start + 1, alignment_mode="expand")
    if span is None or span[0].dep_ not in CLAUSE_DEPS or span[0].head.i == span[0].i:
        return None
    return span[0].head.idx


def _resolve_description(
    claim: Claim, resolved: list[Claim], doc: Doc, persons: PersonIndex, roles: frozenset[str]
) -> None:
    """ "the official said": the last person speaker whose role names an official;
    "the minister said": else the one person the article titled so before ("Foreign
    Minister Wang Yi arrived ..."), unless an unnamed one ("a minister said") spoke since;
    "the group said": the last organisation the article named before; "the party said":
    the last one whose name holds the word ("the Republican Party")."""
    mention = (claim.speaker_mention or "").lower()
    if not mention or claim.speaker_label:
        return
    words = mention.split()
    since = -1  # "a senior official said ... the official said": that one, unnamed
    if words[-1] not in roles and all(w[:1].isupper() for w in claim.speaker_mention.split()):
        resolved = []  # a name the tagger missed ("Rubio said"), no office to look up
    if _singular(words[-1]) in roles:
        resolved = []  # "the authors", "party leaders": no one person
    for earlier in reversed(resolved):
        if _description_head(earlier) == words[-1]:
            since = earlier.speaker_start if earlier.speaker_start is not None else earlier.start
            break
        role = head_words((earlier.speaker_role or "").lower())  # its office, not "of ..."
        if earlier.speaker_type == "person" and _names_office(role, words, roles):
            _copy_speaker(
                claim, earlier, f"description '{claim.speaker_mention}' → '{earlier.speaker}'"
            )
            return
    position = claim.speaker_start or claim.start
    if words[-1] in roles and _definite(claim, doc):
        titled = persons.titled_before(words, position, roles, since=since)
        if titled:
            claim.speaker, claim.speaker_type = titled, "person"
            claim.evidence.append(
                f"description '{claim.speaker_mention}' → the one person titled so '{titled}'"
            )
            return
    if mention in ORGANISATION_NOUNS:
        named = [
            ent
            for ent in doc.ents
            if ent.label_ == "ORG"
            and ent.end_char <= position
            and (mention in GENERIC_ORGANISATION_NOUNS or mention in ent.text.lower().split())
        ]
        if named:
            claim.speaker_mention = describe_speaker(named[-1].root).text
            claim.speaker_label = "ORG"
            claim.evidence.append(
                f"description '{mention}' → last named organisation '{claim.speaker_mention}'"
            )


def _description_head(claim: Claim) -> str | None:
    """The head noun of a speaker that is a description naming no one ("official" for "a
    senior official"), else None."""
    speaker = claim.speaker or ""
    if claim.speaker_type != "unknown" or not is_description(speaker):
        return None
    return head_word(speaker)


def _title_alone(claim: Claim, titles: frozenset[str], roles: frozenset[str]) -> bool:
    """A speaker that is a title in capitals with no name ("President", "U.S. Ambassador",
    left so where the article named no one to resolve it to)."""
    words = (claim.speaker or "").split()
    if not words or not words[-1].istitle() or words[-1].lower() not in titles:
        return False
    return all(  # "Attorney General", "U.S. Ambassador", not "Dollar General"
        "." in word or word.lower().strip(".") in titles | roles for word in words[:-1]
    )


def _definite(claim: Claim, doc: Doc) -> bool:
    """Does the speaker's description start with "the" ("the minister", not "a minister")?"""
    if claim.speaker_start is None:
        return False
    span = doc.char_span(claim.speaker_start, claim.speaker_start + 1, alignment_mode="expand")
    if span is None:
        return False
    first = span[0]
    before = doc[first.i - 1] if first.i > 0 else None
    return first.lower_ == "the" or (before is not None and before.lower_ == "the")


def _names_office(role: list[str], words: list[str], roles: frozenset[str]) -> bool:
    """Does a role hold these words in a row as its office? ("Attorney General William
    Barr" holds "attorney general"; "Vice President Joe Biden" and "former Russian President
    Dmitry Medvedev" hold no "president", see ``OTHER_OFFICE``; "Attorney General" holds no
    "general", another role's word standing before it.)

    Example:
        >>> roles = frozenset({"attorney", "general", "president"})
        >>> _names_office(["former", "russian", "president"], ["president"], roles)
        False
    """
    size = len(words)
    return any(
        role[i : i + size] == words and _is_office(role[:i], roles)
        for i in range(len(role) - size + 1)
    )


def _is_office(before: list[str], roles: frozenset[str]) -> bool:
    """Do the words before a title leave it the office it names?"""
    return not any(word in OTHER_OFFICE for word in before) and not (before and before[-1] in roles)


def _is_name(token: Token, surnames: set[str]) -> bool:
    """A proper noun, or a person's surname the tagger calls a noun ("Sanders" after "Bernie
    Sanders"; not "Supporter" in a headline's "Trump Supporter Screams")."""
    return token.pos_ == "PROPN" or (token.ent_type_ == "PERSON" and token.lower_ in surnames)


def _kin(name: Token, role: str | None) -> bool:
    """Is the person named by ``name``, with ``role``, given as someone's kin, by a
    description after the name ("Liz Cheney, the daughter of ...") or one the name stands
    beside ("his wife, Gabriela Lazar")?"""
    if name.dep_ == "appos" and name.head.lower_ in KIN_WORDS:
        return True
    return bool(role) and head_word(role) in KIN_WORDS


def _copy_speaker(claim: Claim, earlier: Claim, note: str) -> None:
    claim.speaker = earlier.speaker
    claim.speaker_type = earlier.speaker_type
    claim.speaker_role = claim.speaker_role or earlier.speaker_role
    claim.joint = earlier.joint
    claim.evidence.append(note)


class PersonIndex:
    """The people an article names, where, and the full name each mention stands for;
    also the acronyms the article defines ("Asia Pacific Strategy Center (APSC)").

    A lone surname takes the full name mentioned before it that ends with it; of several,
    not one the article gives as someone's kin ("his wife, Gabriela Lazar"), then the one
    named most often so far ("Ted Cruz" twice, then "Heidi Cruz": "Cruz said" is
    Ted), the latest of equals ("Ted Cruz ... Rafael Cruz ... Cruz said" →
    "Rafael Cruz"); else the article-wide full name from
    :func:`toolkit.entities.canonicalize_names`.
    """

    def __init__(
        self,
        doc: Doc,
        claims: list[Claim],
        quotes: list[Quote] = (),
        *,
        verb_forms: frozenset[str] = frozenset(),
        gazetteer=None,
        roles: frozenset[str] = frozenset(),
    ) -> None:
        from toolkit.entities import acronym_pairs, canonicalize_names

        self.verb_forms = verb_forms

        def not_person(name: str) -> bool:  # a place or body the tagger took for a person
            entity = gazetteer.canonical(name) if gazetteer is not None else None
            return entity is not None and gazetteer.entity_type(entity) not in (None, "person")

        self.entities = list(doc.ents)  # doc.ents is dear: read once
        heads = [(line.start_char, line.end_char) for line in headline_lines(doc)]
        people = [ent for ent in self.entities if ent.label_ == "PERSON" and self.clean(ent.text)]
        in_body = {ent.text for ent in people if not _inside(ent.start_char, heads)}
        people = [  # "Obama Lifts Decades-old", a headline's words the tagger ran together
            ent for ent in people if ent.text in in_body or not _inside(ent.start_char, heads)
        ]
        self._people = people
        self.mentions = [(ent.start_char, self.clean(ent.text)) for ent in people]
        surnames = {_surname(text) for _, text in self.mentions if text}
        self.subjects = [  # a name, or a description naming one ("One delegate, Nancy Worley,")
            (token.idx, name, sent_of(token).start_char, _in_main_clause(token))
            for token in doc
            if token.dep_ in SUBJECT_DEPS
            and token.pos_ in {"PROPN", "NOUN"}
            and not _inside(token.idx, heads)  # "Obama Sends Letter to ..."
            and (named := token if _is_name(token, surnames) else named_appositive(token))
            and not any(q.start <= token.idx < q.end for q in quotes)
            and (name := self.clean(describe_speaker(token).text))
            and (
                named.ent_type_ == "PERSON"
                or _surname(name) in surnames
                or (_name_like(name) and _titled(named, roles))
            )
            and not not_person(name)
        ]
        names = [text for _, text in self.mentions]
        names += [
            self.clean(c.speaker_mention)
            for c in claims
            if c.speaker_label == "PERSON" and c.speaker_mention
        ]
        self.canonical = canonicalize_names(names) if names else {}
        self.full_names = {self.canonical.get(text, text) for _, text in self.mentions}
        self.genders = self._count_genders(doc, people, quotes)
        self.acronyms = {  # "Asia Pacific Strategy Center (APSC)": APSC names the center
            acronym.text: describe_speaker(expansion.root).text
            for expansion, acronym in acronym_pairs(doc, list(doc.ents))
        }

    def clean(self, name: str) -> str:
        """A person's name cut before a headline's verb or a lower-case word the tagger
        swept in: "Obama Says" → "Obama", "Trump demands accountability" → "Trump", and
        an adjective made of it ("Reagan-like" → "Reagan"). The first word always stays,
        and only present-tense verbs cut ("Edward Said" stays)."""
        words = name.strip(DASHES).split()
        kept = words[:1]
        for word in words[1:]:
            lower = word.lower()
            headline_verb = lower in self.verb_forms and lower.endswith("s")
            if headline_verb or (word[:1].islower() and word not in NAME_PARTICLES):
                break
            kept.append(word)
        if kept and (adjective := NAME_ADJECTIVE_RE.match(kept[-1])):  # "Reagan-like"
            kept[-1] = adjective.group(1)
        return " ".join(kept)

    def full_name(self, name: str, position: int, *, person: bool = True) -> str:
        """The full name that ``name``, mentioned at ``position``, stands for; ``person``
        says the tagger labelled it a person, whose name may be cut (see :meth:`clean`)."""
        if person:
            name = self.clean(name) or name
        words = name.split()
        if len(words) == 1:
            earlier = [
                self.canonical.get(text, text)
                for start, text in self.mentions
                if start < position and len(text.split()) > 1 and _surname(text) == _surname(name)
            ]
            if len(set(earlier)) > 1:  # "Lazar" is not "his wife, Gabriela Lazar"
                earlier = [n for n in earlier if n not in self.relatives] or earlier
            if earlier:  # the most named of those, the latest of equals
                counts = Counter(earlier)
                return max(reversed(earlier), key=counts.__getitem__)
            if name not in self.canonical:  # "Wang said" after "Wang Yi", tagged otherwise
                given = {
                    self.canonical.get(text, text)
                    for start, text in self.mentions
                    if start < position
                    and len(text.split()) > 1
                    and text.split()[0].lower() == name.lower()
                }
                if len(given) == 1:
                    return given.pop()
        return self.canonical.get(name, name)

    def is_person(self, name: str) -> bool:
        """Is ``name`` a full name the article gives a person?

        Example:
            >>> from toolkit.nlp import load_model
            >>> PersonIndex(load_model()("Olga Skabeeva spoke."), []).is_person("Olga Skabeeva")
            True
        """
        return name in self.full_names

    def is_surname(self, word: str) -> bool:
        """Does the article name a person with this last word ("Tuttle" for "Ian Tuttle")?"""
        return any(_surname(text) == word.lower() for _, text in self.mentions)

    def as_written(self, name: str) -> str:
        """``name`` with each word spelt as the article spells it, when it writes it with
        other accents or case ("Luiz Inácio Lula da Silva" in an article that has "Inacio
        Lula da Silva" becomes "Luiz Inacio Lula da Silva")."""
        spelling = {  # not a transcript label's capitals ("INSKEEP:")
            _folded(word): word
            for _, text in self.mentions
            for word in text.split()
            if not written_in_capitals(word)
        }
        return " ".join(spelling.get(_folded(word), word) for word in name.split())

    def subjects_before(self, position: int) -> list[tuple[tuple[int, bool, int], str]]:
        """Who was named as a sentence's subject before ``position``, each with its salience:
        (where its sentence starts, whether it is the main clause's subject, where it is)."""
        return [
            ((sent_start, main, start), self.full_name(text, start))
            for start, text, sent_start, main in self.subjects
            if start < position
        ]

    @cached_property
    def mention_roles(self) -> list[str | None]:
        """Each person mention's role or title as the parse gives it ("Foreign Minister",
        "the daughter of ..."), in the order of ``mentions``; read once, when first asked."""
        return [describe_speaker(ent.root).role for ent in self._people]

    @cached_property
    def relatives(self) -> set[str]:
        """Full names the article gives as someone's kin ("his wife, Gabriela Lazar"): a lone
        surname they share with another person is the other's. Read when first asked."""
        return {
            self.canonical.get(text, text)
            for ent, (_, text), role in zip(
                self._people, self.mentions, self.mention_roles, strict=True
            )
            if len(text.split()) > 1 and _kin(ent.root, role)
        }

    @cached_property
    def titles(self) -> list[tuple[int, str, list[str]]]:
        """Who holds which title, and where ("Foreign Minister Wang Yi"); read when first
        asked, as few articles say "the minister said"."""
        return [
            (ent.start_char, self.full_name(text, ent.start_char), head_words(role.lower()))
            for ent, (_, text), role in zip(
                self._people, self.mentions, self.mention_roles, strict=True
            )
            if role
        ]

    def titled_before(
        self, words: list[str], position: int, roles: frozenset[str], *, since: int = -1
    ) -> str | None:
        """The one person named between ``since`` and ``position`` with a title or role
        whose head ends with ``words`` as its office ("Russian President Vladimir Putin"
        for ["president"]; see :func:`_names_office` for "Vice President" and the like);
        None when no one or several people have been titled so ("President Donald Trump"
        and "Russian President Vladimir Putin": "the president" may be either).

        Example:
            >>> from toolkit.nlp import load_model
            >>> doc = load_model()("Russian President Vladimir Putin spoke. The president said no.")
            >>> PersonIndex(doc, []).titled_before(["president"], 40, frozenset({"president"}))
            'Vladimir Putin'
        """
        size = len(words)
        found = {
            name
            for start, name, role in self.titles
            if since < start < position
            and role[-size:] == words
            and _is_office(role[:-size], roles)
        }
        return found.pop() if len(found) == 1 else None

    def gender(self, full_name: str, *, surely: bool = False) -> str | None:
        """ "m" or "f": by the article's titles ("Mrs."), else by a pronoun right after the
        person ("Ashley Young said he was proud"), else by the given name
        (:func:`~toolkit.entities.names.given_name_gender`), else by the other pronouns
        after the person; None when nothing says. ``surely``: no given name, and only a
        pronoun in the sentence that names the person as its subject counts, not the next
        sentence's first pronoun."""
        ballot = self.genders.get(full_name, ())
        decided = _majority(g for g, how in ballot if how == "title") or _majority(
            g for g, how in ballot if how == "next"
        )
        if decided or (not surely and (decided := given_name_gender(full_name))):
            return decided
        return _majority(g for g, how in ballot if how != "far" or not surely)

    def _count_genders(
        self, doc: Doc, people: list[Span], quotes: list[Quote]
    ) -> dict[str, list[tuple[str, str]]]:
        """Vote on each person's gender: a title before the name ("Mr.", "Mrs."), or the first
        he/she/his/her after the person is a sentence's subject, in that sentence or the next,
        not in a quotation that does not name the person ("Kunin said. “His demeanor is
        grumpy,” she said": "His" is someone she talks about). Each vote says how it was
        cast: "title"; "next", the subject of a clause the person's verb reports ("Young
        said he was proud"); "close", another pronoun in the same sentence ("Warren told
        Stumpf, after he admitted"); or "far", the next sentence's."""

        def quoted_apart(token, ent) -> bool:
            return any(
                q.start <= token.idx < q.end and not q.start <= ent.start_char < q.end
                for q in quotes
            )

        votes: dict[str, list[tuple[str, str]]] = {}
        sents = list(doc.sents)
        for ent in people:
            full = self.full_name(ent.text, ent.start_char)
            ballot = votes.setdefault(full, [])
            title = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
            if title in TITLE_GENDER:
                ballot.append((TITLE_GENDER[title], "title"))
            if ent.root.dep_ not in SUBJECT_DEPS:
                continue
            index = next(i for i, sent in enumerate(sents) if sent.start <= ent.start < sent.end)
            window = [t for sent in sents[index : index + 2] for t in sent if t.i >= ent.end]
            first = next(
                (t for t in window if t.lower_ in PRONOUN_GENDER and not quoted_apart(t, ent)),
                None,
            )
            if first is None:
                continue
            if first.i >= sents[index].end:
                how = "far"
            elif _says_of_self(ent.root, first):
                how = "next"  # "Ashley Young said he was proud"
            else:
                how = "close"  # "Warren told Stumpf, after he admitted": maybe Stumpf
            ballot.append((PRONOUN_GENDER[first.lower_], how))
        return votes


def _says_of_self(subject: Token, pronoun: Token) -> bool:
    """The pronoun is the subject of a clause the person's own verb reports: "Ashley
    Young said he was proud", "She insisted she had won"."""
    clause = pronoun.head
    return (
        pronoun.dep_ in SUBJECT_DEPS
        and clause.dep_ in CLAUSE_DEPS
        and clause.head.i == subject.head.i
    )


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _majority(genders: Iterable[str]) -> str | None:
    """The gender most votes give, None on a tie or no vote."""
    votes = Counter(genders)
    if votes["m"] == votes["f"]:
        return None
    return "m" if votes["m"] > votes["f"] else "f"


def _in_main_clause(token) -> bool:
    """A subject of its sentence's main verb (or of a verb joined to it by "and")."""
    head = token.head
    root = sent_of(token).root
    return head.i == root.i or (head.dep_ == "conj" and head.head.i == root.i)


def _folded(name: str) -> str:
    """A name without accents or case: "Inácio" and "INACIO" fold alike."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _surname(name: str) -> str:
    last = name.split()[-1] if name.split() else ""
    for ending in ("’s", "'s"):
        last = last.removesuffix(ending)
    return last.lower()
