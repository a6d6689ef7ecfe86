"""Speakers from the parse: the mention, its role or affiliation, and its type.

Example:
    >>> import spacy
    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Michael O’Hanlon, senior fellow at the Brookings Institution, said no.")
    >>> describe_speaker(doc[1]).role
    'senior fellow at the Brookings Institution'
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from toolkit.attribution.lexicon import CueLexicon
from toolkit.entities.names import DESCRIPTION_PREPS, KNOWING_MODIFIERS, head_word

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"}
OBJECT_PRONOUNS = {"him", "them", "us", "me"}  # "according to him", "said by them"
POSSESSIVES = {"his", "her", "its", "their", "our", "my", "your"}  # "his view that ..."
PERSONAL_PRONOUNS = PRONOUNS | OBJECT_PRONOUNS | POSSESSIVES
MAX_UNTAGGED_NAME_WORDS = 3  # "TikTok creator Rimma", "Irish MEP Clare Daly"
MODAL_NAMES = {"will", "may", "can"}  # given names the parser may take for auxiliaries
# Words of time, never a speaker ("Tuesday said ..."); not "May" and "June", names too.
TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "week",
    "weekend", "month", "year", "january", "february", "march", "april", "july", "august",
    "september", "october", "november", "december",
}  # fmt: skip
GOVERNMENT_WORDS = {  # heads of a government body's name ("Foreign Ministry")
    "government", "ministry", "military", "army", "navy", "agency", "administration",
    "embassy", "kremlin", "pentagon", "department", "police", "court", "parliament",
    "congress", "senate", "regime", "cabinet", "office", "service", "forces", "command",
}  # fmt: skip
NP_LEFT_DEPS = {"compound", "amod", "nmod", "poss", "case", "nummod", "quantmod", "det"}
AFFILIATION_PREPS = {"of", "at", "from", "with"}
QUANTITY_HEADS = {
    "many", "most", "some", "few", "half", "all", "none", "each", "both", "one", "two", "three",
    "percent", "majority", "minority", "number", "third", "quarter", "dozens", "hundreds",
    "thousands", "millions", "share", "plurality", "group", "members", "several", "others",
}  # fmt: skip
VAGUE_AMOUNTS = {
    "number", "handful", "couple", "host", "slew", "raft", "series", "dozens", "scores",
}  # fmt: skip
NAMING_VERBS = {"name", "call", "identify"}
TITLE_WORDS = {
    "president", "senator", "sen", "rep", "representative", "congressman", "congresswoman",
    "governor", "gov", "minister", "secretary", "mr", "mrs", "ms", "miss", "dr", "prof",
    "professor", "general", "gen", "judge", "justice", "mayor", "chairman", "chairwoman",
    "speaker", "leader", "king", "queen", "prince", "princess", "pope", "ambassador",
    "chancellor", "premier", "director", "commissioner", "lt", "col", "capt", "sgt", "adm",
    "admiral", "colonel", "captain", "sergeant", "lieutenant", "major", "sir", "lord", "lady",
    "dame", "rev", "reverend", "father", "sister", "brother", "saint", "st", "vice", "deputy",
    "former", "attorney", "chief", "officer", "agent", "spokesman", "spokeswoman", "coach",
    "anchor", "host", "candidate", "nominee", "sheikh", "emir", "ayatollah", "cardinal",
    "bishop", "rabbi", "imam", "chair", "commander", "marshal", "field", "supreme", "comrade",
    "madam", "madame", "monsieur", "herr", "senor", "señor", "don", "dona", "doña",
    "democrat", "republican", "independent", "conservative", "liberal", "labour", "tory",
    "adviser", "advisor", "aide", "sheriff", "counsel", "whip", "recorder", "advocate",
}  # fmt: skip
DROP_WORDS = {"the", "a", "an", "this", "that", "these", "those"}
HONORIFICS = {  # no role: "Mr. Peskov", "Messrs. Smith and Jones"
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "madam", "madame", "dame", "messrs", "mmes",
}  # fmt: skip
POSSESSIVE_ENDINGS = ("’s", "'s", "’", "'")
UNCLOSED_PARENTHESIS_RE = re.compile(r"\s*\([^()]*$")
DOUBLE_QUOTE_RE = re.compile(r"[“”\"]")
SPEAKING_PRONOUNS = {
    "he", "she", "they", "we", "i", "you", "it", "who", "that", "which", "everyone", "everybody",
    "someone", "somebody", "anyone", "nobody", "some", "many", "most", "few", "several", "all",
    "each", "both", "others", "those", "one", "none", "either", "neither",
}  # fmt: skip
SPEAKING_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "LOC"}
# Endings of nouns for people: "voter", "activist", "Republican", "resident", "spokesman".
PERSON_SUFFIXES = (
    "er", "or", "ist", "ian", "ant", "ent", "ee", "man", "woman", "person", "people", "eer",
    "ess", "ary",
)  # fmt: skip


class SpeakerMention(NamedTuple):
    """What the text says about a speaker: its name as written, role, label and where it is."""

    text: str
    start: int
    label: str | None
    role: str | None
    is_pronoun: bool
    conjuncts: tuple[str, ...]


def describe_speaker(token: Token) -> SpeakerMention:
    """Describe the speaker headed by ``token``: name (named entity or noun phrase) and role.

    A description with a named appositive ("a senior official, Ali Baraka,") names
    the person and keeps the description as the role. Joint speakers ("Blinken and
    Park") keep the first as the speaker and list all in ``conjuncts``.
    """
    if token.lower_ in PERSONAL_PRONOUNS and token.pos_ == "PRON":
        return SpeakerMention(token.text, token.idx, None, None, True, ())
    name_token = named_appositive(token) or token
    name = _name_span(name_token)
    role = _role(token, name_token, name)
    conjuncts = tuple(_strip(_name_span(c).text) for c in token.conjuncts if c.i > token.i)
    label = name.label_ or None
    text = _strip(name.text) + _shared_surname(name, token)
    return SpeakerMention(text, name.start_char, label, role, False, conjuncts)


def _shared_surname(name: Span, token: Token) -> str:
    """The surname a given name shares with the next joint speaker: "Fred and Cindy
    Warmbier said" -> " Warmbier" for "Fred". Empty when there is none, and for a name
    the article uses elsewhere ("Putin and Xi Jinping" where Putin is named again)."""
    if name.label_ != "PERSON" or len(name) != 1:
        return ""
    doc = name.doc
    partners = [entity_of(c) for c in token.conjuncts if c.i > token.i]
    partner = next((p for p in partners if p is not None and p.label_ == "PERSON"), None)
    if partner is None or len(partner) != 2 or partner.start != name.end + 1:
        return ""
    if doc[name.end].lower_ != "and":
        return ""
    people = [ent for ent in doc.ents if ent.label_ == "PERSON"]  # only now: doc.ents is dear
    if any(ent[-1].lower_ == name[0].lower_ and ent.start != name.start for ent in people):
        return ""  # a surname the article uses on its own or after a given name
    return f" {partner[-1].text}"


def named_appositive(token: Token) -> Token | None:
    """The person a description names: "a senior official, Ali Baraka,", "a soldier named
    Timur"; None for a name itself or a description with no name."""
    if token.ent_type_ in NAME_LABELS:
        return None
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON" and next_to(token, child):
            return child
        if child.dep_ == "acl" and child.lemma_ in NAMING_VERBS:  # "a soldier named Timur"
            for name in child.children:
                if name.dep_ in {"oprd", "attr", "dobj"} and name.ent_type_ == "PERSON":
                    return name
    return _closing_appositive(token)


def next_to(token: Token, appositive: Token) -> bool:
    """Does ``appositive`` follow ``token``'s own phrase, with nothing of the clause between?
    ("The lawyers also pointed to two hopefuls, Sen. John McCain": the parser's appositive
    of "lawyers" lies past the verb.)"""
    between = token.doc[token.i + 1 : appositive.left_edge.i]
    return all(t.is_punct or token.is_ancestor(t) for t in between)


def _closing_appositive(token: Token) -> Token | None:
    """A person the parser hung on the description's last noun instead: "The Guardian's
    editor in Kyiv, Dan Sabbagh, reported" (Sabbagh an appositive of Kyiv), or whose name
    it ran into the last noun phrase: "Tory MP and chair of the Foreign Affairs Committee
    Alicia Kearns said" (one phrase, "Committee Alicia Kearns", headed by Kearns)."""
    doc = token.doc
    last = doc[token.right_edge.i]
    of_phrase = last.dep_ == "pobj" and last.head.lower_ == "of"  # not "a lawyer for X Y"
    if of_phrase and last.ent_type_ == "PERSON" and last.i > token.i:
        name = entity_of(last)
        before = doc[name.start - 1] if name is not None and name.start > 0 else None
        if before is not None and before.head.i == last.i and before.ent_type_ == "ORG":
            return last  # an organisation's name right before the person's: a title
    for inner in token.subtree:
        if inner.dep_ != "appos" or inner.ent_type_ != "PERSON" or inner.head.i == token.i:
            continue
        rest = doc[inner.right_edge.i + 1 : token.right_edge.i + 1]
        if inner.head.i > token.i and all(t.is_punct for t in rest):
            return inner
    return None


def _name_span(token: Token) -> Span:
    """The named entity that holds ``token``, else its noun phrase without determiners;
    for "a number of U.S. lawmakers", the lawmakers."""
    if token.lower_ in VAGUE_AMOUNTS:
        members = [o for o in _of_objects(token) if o.tag_ in {"NNS", "NNPS"}]
        if members:
            return _name_span(members[0])
    doc = token.doc
    entity = entity_of(token)
    lefts = [child.left_edge.i for child in token.lefts if child.dep_ in NP_LEFT_DEPS]
    if entity is not None and entity.label_ == "PERSON":
        return _with_given_name(entity)
    if entity is not None and entity.label_ in NAME_LABELS:
        described = entity.label_ == "NORP" and min(lefts, default=entity.start) < entity.start
        if not described:  # "House Democrats", "the Wisconsin Republican": a group described
            return _with_country(entity)
    left = min(lefts, default=token.i)
    while left < token.i and doc[left].lower_ in DROP_WORDS:
        left += 1
    right = token.i
    if token.lemma_.lower() in QUANTITY_HEADS or token.pos_ in {"NUM", "NOUN", "PRON"}:
        for child in token.rights:  # "many of his supporters", "experts on North Korea"
            if child.dep_ in {"amod", "acl"} and child.lower_ in KNOWING_MODIFIERS:
                preps = [c.right_edge.i for c in child.rights if c.dep_ == "prep"]
                right = max([child.i, *preps])  # not "... earlier this month"
                continue
            if child.dep_ != "prep" or child.lower_ not in DESCRIPTION_PREPS:
                break
            if any(t.ent_type_ in {"DATE", "TIME"} for t in child.subtree):
                break
            right = child.right_edge.i
    if token.pos_ == "PROPN" and (entity is None or entity.label_ not in NAME_LABELS):
        left = _untagged_name_start(doc, left, token.i)
    return doc[left : right + 1]


def _with_country(entity: Span) -> Span:
    """A government body's name with the country that owns it: "China’s Foreign Ministry",
    not "Foreign Ministry" (the tagger leaves the owner out of the name)."""
    if entity.root.lower_ not in GOVERNMENT_WORDS:
        return entity
    owners = [
        c
        for c in entity.root.children
        if c.dep_ == "poss" and c.i < entity.start and c.ent_type_ in {"GPE", "NORP", "ORG"}
    ]
    if not owners or owners[0].right_edge.i + 1 < entity.start:
        return entity
    return entity.doc[owners[0].left_edge.i : entity.end]


def _untagged_name_start(doc: Doc, left: int, head: int) -> int:
    """Where a name the tagger missed starts after its role: "Irish MEP Clare Daly",
    "TikTok creator Rimma" (after a common noun or a title's initials), else ``left``."""
    if not doc[head].is_title:  # "USA TODAY", "business mogul"
        return left
    start = head
    while start > left and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        start -= 1
    if start == left or head - start + 1 > MAX_UNTAGGED_NAME_WORDS:
        return left
    role = doc[start - 1]
    initials = role.is_upper and role.is_alpha and 2 <= len(role) <= 4 and not role.ent_type_
    return start if (role.pos_ == "NOUN" and role.is_lower) or initials else left


def _with_given_name(person: Span) -> Span:
    """A person's name with the given name the tagger left out: "Ivanka Trump" tagged as
    "Trump" alone (not a title: "President Trump" stays "Trump")."""
    doc = person.doc
    first = doc[person.start - 1] if person.start > 0 else None
    given = (
        first is not None
        and len(person) == 1  # a surname alone: a longer name already has its given name
        and first.pos_ == "PROPN"
        and not first.ent_type_
        and first.dep_ == "compound"
        and first.head.i == person.start
        and first.is_title
        and first.is_alpha
        and first.lower_ not in TITLE_WORDS
    )
    if not given:
        return person
    return Span(doc, person.start - 1, person.end, label=person.label_)


def entity_of(token: Token) -> Span | None:
    """The named entity that holds ``token``, read off its IOB tags (``doc.ents`` builds
    every entity of the article at each call).

    Example:
        >>> from toolkit.nlp import load_model
        >>> doc = load_model()("Foreign Minister Sergei Lavrov spoke.")
        >>> entity_of(doc[3]).text
        'Sergei Lavrov'
    """
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _role(token: Token, name_token: Token, name: Span) -> str | None:
    """The speaker's role or affiliation: an appositive, an "of X" phrase, or a title before the name.

    An age is no role: in "Ivan Petrov, 62, a Russian lawmaker" the role is "Russian lawmaker";
    nor is an honorific ("Mr.", "Dr.") or what follows a headline's colon.
    """
    if name_token is not token:
        phrase = _name_span(token)
        if phrase.start <= name_token.left_edge.i < phrase.end:  # "editor in Kyiv, Dan Sabbagh"
            phrase = token.doc[phrase.start : name_token.left_edge.i]
        return _strip(phrase.text)
    for child in token.rights:
        after_colon = any(t.text == ":" for t in token.doc[token.i : child.left_edge.i])
        if (
            child.dep_ == "appos"
            and child.ent_type_ != "PERSON"
            and not child.like_num
            and not after_colon  # "Donald Trump: No money paid ..." is what he said
        ):
            doc = token.doc
            clauses = [  # "the lobby, which said ...": not part of the role
                c.left_edge.i
                for c in child.rights
                if c.dep_ == "relcl" and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","
            ]
            end = min(clauses, default=child.right_edge.i + 1)
            return _strip(doc[child.left_edge.i : end].text)
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].ent_type_ in {"ORG", "GPE", "FAC"}:
                return _strip(_name_span(objects[0]).text)
    title_start = min(t.left_edge.i for t in name) if len(name) else token.left_edge.i
    if title_start < name.start:
        title = token.doc[title_start : name.start]
        joined = [t.i for t in title if t.dep_ == "cc" or t.text in {",", ";"}]
        if joined:  # "Vice President Mike Pence and Defense Secretary James Mattis"
            title = token.doc[max(joined) + 1 : name.start]
        while len(title) and title[-1].lower_.rstrip(".") in HONORIFICS:  # "President Mr."
            title = title[:-1]
        words = [t for t in title if t.lower_ not in DROP_WORDS and not t.is_punct]
        if words and any(t.pos_ in {"NOUN", "PROPN"} for t in words):
            return _strip(title.text)
    return None


def _strip(text: str) -> str:
    """A name without surrounding marks, a leading article or a possessive ending, an
    unclosed parenthesis ("World Health Organization (WHO") or a stray quotation mark
    ("almost 90 percent of “American elites").

    Example:
        >>> _strip("the World Health Organization (WHO"), _strip("90 percent of “American elites")
        ('World Health Organization', '90 percent of American elites')
    """
    text = UNCLOSED_PARENTHESIS_RE.sub("", text)
    if text.count("“") != text.count("”") or text.count('"') % 2:
        text = DOUBLE_QUOTE_RE.sub("", text)
    before = None
    while text != before:
        before = text
        text = text.strip().strip(",;:“”‘’«»\"'―—–-\u00a0 ")
        for word in ("the ", "The ", "a ", "A ", "an ", "An "):
            text = text.removeprefix(word)
        for ending in POSSESSIVE_ENDINGS:
            if text.endswith(ending) and len(text) > len(ending):
                text = text[: -len(ending)]
                break
    return text.strip()


def is_group_noun(text: str, groups: frozenset[str]) -> bool:
    """True for a collective source such as "experts", "US officials" or "critics of the plan"."""
    return head_word(text) in groups


def can_speak(token: Token, lexicon: CueLexicon) -> bool:
    """A name, a personal pronoun, a speaker noun ("the governor", "a report") or a noun
    for people ("officials", "voters"), not a thing ("Outrage ... says more", "the war,
    which has claimed 70,000 lives", "something that shows ...")."""
    if token.lower_ == "one" and _under_modal(token):
        return False  # "One would think ...", "one can conclude": the author, impersonally
    if token.pos_ == "PRON":
        return token.lower_ in SPEAKING_PRONOUNS
    if is_modal_name(token):
        return True
    if (
        token.lower_ in TIME_WORDS
        and not token.is_upper
        and not any(t.ent_type_ in SPEAKING_LABELS for t in token.subtree)
    ):  # "images released Tuesday smiling and supporting himself", not "Broaddrick Sunday night"
        return False
    if token.ent_type_ in SPEAKING_LABELS or token.pos_ == "PROPN" or token.tag_ == "NNP":
        return True  # "May said" with May read as a date keeps its NNP tag
    lemma = token.lemma_.lower()
    return (
        lemma in lexicon.speaker_nouns
        or token.lower_ in lexicon.groups
        or lemma in QUANTITY_HEADS
        or lemma.endswith(PERSON_SUFFIXES)
        or any(
            child.ent_type_ in SPEAKING_LABELS for child in token.lefts if child.dep_ == "compound"
        )
        or any(can_speak(people, lexicon) for people in _of_objects(token))
        or _name_opening_a_sentence(token)
    )


def _name_opening_a_sentence(token: Token) -> bool:
    """A name the tagger read as a common noun where it opens a sentence ("Trump later
    described ...") but as a name elsewhere in the article ("President Trump")."""
    if not token.is_title or not token.is_sent_start:
        return False
    return any(
        other.text == token.text
        and other.i != token.i
        and (other.pos_ == "PROPN" or other.ent_type_ in SPEAKING_LABELS)
        for other in token.doc
    )


def _under_modal(subject: Token) -> bool:
    """Is the subject's verb under a modal ("would think", "can only hope", "might call")?"""
    return any(child.tag_ == "MD" for child in subject.head.children)


def is_modal_name(token: Token) -> bool:
    """A capitalised "Will" or "May" the parser read as the auxiliary of a past or
    present-tense verb, which no modal takes: "In particular, Will wrote, ...", "May said
    12 Britons were hurt"."""
    head = token.head
    return (
        token.dep_ == "aux"
        and token.lower_ in MODAL_NAMES
        and token.text[:1].isupper()
        and head.i == token.i + 1
        and head.tag_ in {"VBD", "VBZ"}
    )


def _of_objects(token: Token) -> list[Token]:
    """The objects of a noun's "of" phrase: "a wide array of economists" -> economists."""
    return [
        obj
        for prep in token.rights
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
