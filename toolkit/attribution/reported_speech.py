"""Rule family ``reported_speech``: a cue verb, its source and its content.

Covers "X said that ...", "“...,” X said", "X said: “...”", "X told RFA that ...",
"..., X added", "X, who said ...", "..., saying ...", passive "confirmed by X", and
object content for cue classes such as deny and condemn ("Pyongyang denied the
allegations"). A cue whose content follows it in a phrase ("calls for missiles",
"referring to the debate") takes no quotation or clause before it, and a passive cue
with an infinitive ("Collins is expected to decide") is no claim of its subject's.

Example:
    >>> from toolkit.nlp import load_model
    >>> from toolkit.attribution.lexicon import load_lexicon
    >>> doc = load_model()("Experts told RFA that war is unlikely.")
    >>> [doc.text[c.start:c.end] for c in find_reported_speech(doc, [], load_lexicon())]
    ['war is unlikely']
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from toolkit.attribution.claim import (
    QUESTION_OPENERS,
    Claim,
    sent_of,
    shape_content,
    subtree_chars,
    text_of,
)
from toolkit.attribution.lexicon import CueLexicon
from toolkit.attribution.noun_cues import noun_source
from toolkit.attribution.quotes import Quote
from toolkit.attribution.speakers import (
    NP_LEFT_DEPS,
    can_speak,
    describe_speaker,
    entity_of,
    is_modal_name,
    next_to,
)

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
QUOTATION_BEFORE = "quotation before the cue"
CLOSING_MARKS = ("”", '"', "»", "''")
WH_WORDS = {"which", "that", "what", "who", "whom", "whose"}
CONTENT_DEPS = {"ccomp", "parataxis"}
MEDIA_LABELS = {"ORG", "PERSON", "WORK_OF_ART"}
SPEAKING_VERBS = {"speak", "talk"}
CONTEXT_PREPS = {"amid", "amidst"}  # "..., amid speculation that ...": the reporter's setting
REFLEXIVES = {"itself", "themselves", "himself", "herself", "ourselves", "myself", "yourself"}
LABEL_VERBS = {
    "call",
    "describe",
    "refer",
    "dub",
    "label",
    "brand",
    "characterize",
    "characterise",
    "portray",
    "depict",
    "term",
    "liken",
    "compare",
}
MAX_LABEL_GAP_WORDS = 8
SPEECH_EVENTS = {
    "interview",
    "statement",
    "briefing",
    "conference",
    "speech",
    "letter",
    "post",
    "tweet",
    "message",
    "remark",
    "address",
    "testimony",
    "hearing",
    "call",
}
INTERVIEW_WORDS = {
    "interview",
    "op-ed",
    "column",
    "article",
    "broadcast",
    "podcast",
    "program",
    "programme",
    "show",
    "appearance",
}
RULE = "reported_speech"
FILLERS = {("you", "know"), ("i", "mean"), ("you", "see")}  # "there is, you know, more"
# Prepositions before a gerund cue that shares the verb's subject ("after saying", "as saying").
GERUND_PREPS = {"after", "before", "while", "by", "when", "since", "as", "in"}
QUOTING_VERBS = {"quote", "cite"}
# Cue classes whose gerund is their object: "denied meddling", "admitted lying",
# "reported having $1.3 million" (not "continued fighting": ``continue`` is clause-only).
GERUND_OBJECT_CLASSES = {"deny", "confirm", "say", "claim"}
MAX_NAME_TOKENS = 5
PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAX_APPOSITIVE_TOKENS = 8  # ", a military spokesman in Baghdad,"
MAX_TITLED_NAME_TOKENS = 9  # "Blaze co - host Stu Burguiere"
ADVERBIAL_MARKS = {"as", "while", "when", "because", "since", "although", "though", "after"}
REASON_PREPS = frozenset({"of", "for"})  # "accused Washington of ...", "praised Seoul for ..."
JUDGING_CLASSES = {"accuse", "condemn", "praise"}
OCCASION_VERBS = {
    "take", "use", "go", "turn", "come", "appear", "hold", "call", "issue", "seize", "rush",
    "return", "step", "post", "publish", "release", "convene",
}  # fmt: skip
NOT_SPEAKER_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
NOUN_SOURCES = {
    "statement",
    "report",
    "release",
    "letter",
    "post",
    "tweet",
    "message",
}
PARENTHESIS_MARKS = {",", "—", "–", "-", "(", ";"}
CUTTING_MARKS = {"—", "–", "--", ";"}
FRAME_RIGHT_DEPS = {"prt", "appos", "dobj", "dative", "npadvmod"}
CLAUSE_OBJECT_DEPS = {"ccomp", "xcomp"}
ADDRESSEE_VERBS = {"tell", "assure", "inform", "remind", "warn", "brief", "ask", "urge"}


class Content(NamedTuple):
    """Where a cue's content is, how it was found (for the evidence) and its form:
    ``clause``, ``quotation``, ``around`` (a clause that holds its own cue) or
    ``complement`` (an object or infinitive: the weakest reading)."""

    start: int
    end: int
    how: str
    form: str


def find_reported_speech(doc: Doc, quotes: list[Quote], lexicon: CueLexicon) -> list[Claim]:
    """Return a claim for every cue verb that has both a source and content."""
    verbs, _ = lexicon.find_cues(doc)
    claims = []
    for cue in verbs:
        claim = claim_from_cue(cue, quotes, lexicon)
        if claim is not None:
            claims.append(claim)
    return claims


def claim_from_cue(cue: Token, quotes: list[Quote], lexicon: CueLexicon) -> Claim | None:
    """Build the claim of one cue verb, or None when it lacks a source or content."""
    cue_class = lexicon.verb_class(cue.lemma_) or lexicon.verb_class(cue.text)
    if cue_class is None or not _acts_as_verb(cue) or _negated(cue):
        return None
    particles = lexicon.particle_required.get(cue.lemma_.lower())
    if particles and not any(c.dep_ == "prt" and c.lower_ in particles for c in cue.children):
        return None  # "laid out a plan", not "laid a wreath"
    source, source_how = find_source(cue, lexicon)
    if source is not None and not can_speak(source, lexicon):
        return None
    if source is None:  # the parser lost the source: names read off the surface
        source, source_how = _name_beside_quoted_cue(cue, quotes)
    if source is None:
        source, source_how = _name_before_subjectless_cue(cue)
    if source is None:
        return None
    content = find_content(cue, source, quotes, lexicon)
    if content is None or _filler(source, cue) or _said_of(cue, source, content):
        return None
    clause = content.form != "complement"  # an object keeps its "that" ("that behavior")
    shaped = shape_content(text_of(cue.doc), content.start, content.end, quotes, clause=clause)
    if shaped is None or (_inside(source.idx, shaped[0], shaped[1]) and content.form != "around"):
        return None
    if cue.lemma_.lower() in lexicon.quotation_only and shaped[2] == "indirect":
        return None  # "the crowd laughed", "he put it away": no quotation, no claim
    return Claim.attributed(
        shaped,
        describe_speaker(source),
        sent_of(cue),
        rule=RULE,
        cue=_cue_text(cue),
        cue_class=cue_class,
        cue_start=cue.idx,
        evidence=[
            f"cue '{cue.text}' ({cue_class})",
            f"source: {source_how}",
            f"content: {content.how}",
        ],
        via=find_via(cue),
        from_complement=content.form == "complement",
    )


def _filler(source: Token, cue: Token) -> bool:
    """ "you know", "I mean", "you see": talk's fillers, or words to the listener ("you
    know that ..."), never a claim of "you"."""
    return (source.lower_, cue.lemma_.lower()) in FILLERS


def _name_beside_quoted_cue(cue: Token, quotes: list[Quote]) -> tuple[Token | None, str]:
    """The name right after a quotation and before its cue, or right after a cue that follows
    a quotation, when the parser gave the cue no subject: "“Go back,” Trump barked and ..."
    (read as a compound), "“It is valuable,” said Skelly, explaining ..." (an adverb)."""
    text = text_of(cue.doc)
    ends = [q.end for q in quotes if q.end <= cue.idx]
    if not ends:
        return None, "no source"
    before = _name_run(reversed(cue.doc[max(0, cue.i - MAX_NAME_TOKENS) : cue.i]))
    if before and _only_marks(text[max(ends) : before[-1].idx]):
        return before[0], f"name between a quotation and its cue ('{before[0].text} {cue.text}')"
    window = cue.doc[cue.i + 1 : cue.i + 1 + MAX_NAME_TOKENS]
    titled = cue.doc[cue.i + 1 : cue.i + 1 + MAX_TITLED_NAME_TOKENS]
    after = _person_in_title(titled) or _name_run(window)
    if after and _only_marks(text[max(ends) : cue.idx]):
        return after[-1], f"name after a quoted cue ('{cue.text} {after[-1].text}')"
    return None, "no source"


def _person_in_title(tokens: Span) -> list[Token]:
    """A person named after a title the parser broke up, before any comma or full stop:
    "mused Blaze co-host Stu Burguiere"."""
    for token in tokens:
        if token.is_punct and token.text != "-":
            return []
        if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
            return list(entity_of(token))
    return []


def _name_before_subjectless_cue(cue: Token) -> tuple[Token | None, str]:
    """The name right before a main-clause cue that the parser left with no subject, past an
    appositive set off by commas: "As part of his plea, Marcel Lazar, 44, said that ...",
    "“We were wrong,” Ramos, 58, told AFP" (the cue read as a second verb of the quotation's);
    a person before a place ("Jeffrey Salkin, a rabbi in Boca Raton, Fla., said")."""
    main_clause = cue.dep_ == "ROOT" or (cue.dep_ == "conj" and _quoted_before(cue.head, cue))
    if not main_clause or any(child.dep_ in SUBJECT_DEPS for child in cue.children):
        return None, "no source"
    doc = cue.doc
    ends = [cue.i]
    if cue.i > 0 and doc[cue.i - 1].text == ",":
        window = range(cue.i - 2, max(-1, cue.i - 3 - MAX_APPOSITIVE_TOKENS), -1)
        ends = [i for i in window if doc[i].text == ","] or ends
    names = [_name_run(reversed(doc[max(0, end - MAX_NAME_TOKENS) : end])) for end in ends]
    names = [name for name in names if name]
    if not names:
        return None, "no source"
    name = next((n for n in names if n[0].ent_type_ not in PLACE_LABELS), names[0])
    return name[0], f"name before a cue the parser gave no subject ('{name[0].text}')"


def _name_run(tokens) -> list[Token]:
    """The capitalised words at the start of ``tokens``, in their order of reading."""
    name = []
    for token in tokens:
        named = token.pos_ == "PROPN" or (token.is_title and token.is_alpha and not token.is_stop)
        if not named or token.ent_type_ in NOT_SPEAKER_ENTITIES:
            break
        name.append(token)
    return name


def _negated(cue: Token) -> bool:
    """ "did not mention", "would not say": a cue that says nothing."""
    return any(child.dep_ == "neg" for child in cue.children)


def _relative_source(antecedent: Token) -> tuple[Token, str]:
    """The source of "..., which said": the antecedent, the name it describes ("AIPAC, the
    lobby, which said"), or who issued it ("X issued a statement that said")."""
    if (
        antecedent.dep_ == "appos"
        and antecedent.head.ent_type_
        and next_to(antecedent.head, antecedent)
    ):
        return antecedent.head, "name of the relative clause's antecedent"
    issuers = [c for c in antecedent.head.children if c.dep_ == "nsubj"]
    if antecedent.lower_ in NOUN_SOURCES and antecedent.dep_ == "dobj" and issuers:
        verb = antecedent.head
        return issuers[0], f"subject of '{verb.text}' whose '{antecedent.text}' said it"
    return antecedent, "antecedent of a relative clause"


def _verb_before_gerund(cue: Token) -> Token | None:
    """The verb of "X denied it after suggesting that ...", "X was quoted as saying that ...":
    a gerund cue after a preposition shares the subject of the verb the phrase hangs on."""
    prep = cue.head
    if cue.dep_ != "pcomp" or cue.tag_ != "VBG" or prep.lower_ not in GERUND_PREPS:
        return None
    verb = prep.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.i == prep.i:
        return None
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:  # "continued to deny it after ..."
        verb = verb.head
    return verb


def _shares_subject(cue: Token) -> bool:
    """ "X met Y and condemned Z", "X spoke, adding that ...": the cue shares its head's subject."""
    if cue.head.pos_ not in {"VERB", "AUX"} or cue.head.i == cue.i:
        return False
    return (
        cue.dep_ == "conj"
        or (cue.dep_ in {"advcl", "xcomp"} and cue.tag_ == "VBG")
        or _occasion_infinitive(cue)
        or _coordinated_clause(cue)
    )


def _occasion_infinitive(cue: Token) -> bool:
    """ "X took to Twitter to describe ...", "X used the speech to warn ...", "X held a news
    conference to deny ...": an infinitive of purpose after a verb of the occasion."""
    return (
        cue.dep_ in {"advcl", "xcomp"}
        and cue.tag_ == "VB"
        and cue.head.lemma_.lower() in OCCASION_VERBS
        and any(child.dep_ == "aux" and child.lower_ == "to" for child in cue.children)
    )


def _quoted_before(source: Token, cue: Token) -> bool:
    """The source lies in a quotation closed before the cue: "“We were wrong,” Ramos, 58,
    told AFP" parsed with "told" as a second verb of "were", whose subject "We" is the
    quotation's, not the cue's."""
    if source.i > cue.i:
        return False
    between = text_of(cue.doc)[source.idx : cue.idx]
    curly = [char for char in between if char in "“”«»"]
    if curly:
        return curly[0] in "”»"  # the first mark after the source closes a quotation
    return (between.count('"') + between.count("''")) % 2 == 1


def _coordinated_clause(token: Token) -> bool:
    """ "X said A and warned B" parsed with "warned" as a second clause of "said": a
    clause after "and" with no subject of its own."""
    return (
        token.dep_ in CONTENT_DEPS
        and token.i > 0
        and token.doc[token.i - 1].dep_ == "cc"
        and not any(child.dep_ in SUBJECT_DEPS for child in token.children)
    )


def _subjects(verb: Token) -> list[Token]:
    """A verb's subjects, else the speaker's name the parser read as its modal ("May said")."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return subjects or ([before] if before is not None and is_modal_name(before) else [])


def _acts_as_verb(cue: Token) -> bool:
    """A verb, or a mis-tagged word with a clause of its own ("reuters Notes that ...")."""
    if cue.pos_ in {"VERB", "AUX"}:
        return True
    return any(child.dep_ == "ccomp" for child in cue.children)


def find_source(cue: Token, lexicon: CueLexicon) -> tuple[Token | None, str]:
    """The token that heads the cue's source, and how it was found."""
    for child in cue.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0], "agent of a passive cue"
    subjects = _subjects(cue)
    if subjects:
        child = min(subjects, key=lambda c: abs(c.i - cue.i))
        if child.dep_ == "nsubjpass":
            return None, "passive cue without agent"
        if child.lower_ in RELATIVE_PRONOUNS and cue.dep_ == "relcl":
            return _relative_source(cue.head)
        if child.lower_ in NOUN_SOURCES:  # "a statement from X said": X (a spokesperson is
            owner = noun_source(child)  # no such noun: "Cameron's spokesman" speaks as written)
            if owner is not None:
                return owner, f"source of '{child.text}' (\"a {child.text} from X said\")"
        if child.dep_ == "aux":
            return child, "a name the parser read as the cue's modal"
        return child, "subject of the cue"
    if cue.dep_ == "compound" and cue.head.dep_ == "nsubj":
        return None, "cue inside a noun phrase"
    for (
        child
    ) in cue.lefts:  # "reuters Notes that ...": a mis-tagged cue keeps its source as a modifier
        if child.dep_ == "compound" and cue.pos_ != "VERB" and child.ent_type_:
            return child, "name before a mis-tagged cue"
    if cue.dep_ == "acl" and cue.head.lower_ in NOUN_SOURCES and cue.head.dep_ in {"dobj", "pobj"}:
        verb = cue.head.head if cue.head.dep_ == "dobj" else cue.head.head.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:  # "the ministry issued a statement saying ..."
            return subjects[0], f"subject of '{verb.text}' whose '{cue.head.text}' is '{cue.text}'"
    if (
        cue.dep_ == "acl"
        and cue.tag_ == "VBG"
        and cue.head.dep_ == "pobj"
        and cue.head.head.lower_ == "with"
        and can_speak(cue.head, lexicon)
    ):
        return cue.head, "the noun of 'with X saying ...'"
    verb = _verb_before_gerund(cue)
    if verb is not None:
        quoted = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if verb.lemma_ in QUOTING_VERBS and quoted:  # "X was quoted by Y as saying ..."
            return quoted[0], f"subject of '{verb.text}' ('{cue.head.text} {cue.text}')"
        source, how = find_source(verb, lexicon)
        if source is not None and can_speak(source, lexicon):
            return source, f"{how} of '{verb.text}' ('{cue.head.text} {cue.text}')"
    if _shares_subject(cue):
        source, how = find_source(cue.head, lexicon)
        if source is not None and can_speak(source, lexicon) and not _quoted_before(source, cue):
            return source, f"{how} of '{cue.head.text}' (shared by '{cue.text}')"
        outer = cue.head.head
        between = text_of(cue.doc)[cue.head.idx : cue.idx]
        if (
            (cue.tag_ == "VBG" or cue.dep_ == "conj")
            and cue.head.dep_ in CONTENT_DEPS
            and lexicon.verb_class(outer.lemma_)
            and not any(mark in between for mark in CLOSING_MARKS)  # not across a quotation
        ):
            source, how = find_source(outer, lexicon)  # "X said A had failed, adding that ..."
            if source is not None and can_speak(source, lexicon):
                return source, f"{how} of '{outer.text}' (shared by '{cue.text}')"
    return None, "no source"


def find_content(
    cue: Token, source: Token, quotes: list[Quote], lexicon: CueLexicon
) -> Content | None:
    """The content's character span: a clause, an adjacent quotation, or an object."""
    clauses = [
        c
        for c in cue.children
        if (c.dep_ in CONTENT_DEPS or _gerund_clause(c))
        and c.i != source.i
        and not _coordinated_clause(c)
        and not _adverbial_clause_before(c, cue)
        and not _bare_cue(c, lexicon)
    ]
    wrapped = [c for c in clauses if _wraps_relative(c, source, cue)]
    if wrapped:  # "which critics said was discriminatory": the clause after the cue
        start = cue.doc[cue.i + 1].idx
        return Content(
            start, subtree_chars(wrapped[0])[1], "relative clause around the cue", "clause"
        )
    clauses = [c for c in clauses if not (c.left_edge.i <= source.i <= c.right_edge.i)]
    adjacent = _adjacent_quotation(cue, source, quotes)
    if _prep_object_after(cue, lexicon):  # "“...”: Kallas calls for missiles for Kyiv"
        clauses = [c for c in clauses if c.i > cue.i]
        adjacent = adjacent if adjacent is not None and adjacent.start > cue.idx else None
    quoted_before = adjacent is not None and adjacent.how == QUOTATION_BEFORE
    if clauses:
        after = [c for c in clauses if c.i > cue.i]
        longest = lambda c: c.right_edge.i - c.left_edge.i  # noqa: E731
        clause = max(after if after and _cut_off_before(clauses, cue) else clauses, key=longest)
        ends = [t for t in (_adjunct_cue(clause, lexicon), _reporters_context(clause)) if t]
        adjunct = min(ends, key=lambda t: t.i, default=None)
        start, end = subtree_chars(clause, exclude=adjunct)
        nested_cue = lexicon.verb_class(clause.lemma_) and any(
            child.dep_ in SUBJECT_DEPS for child in clause.children
        )
        if quoted_before and nested_cue and start < adjacent.start - 1:
            return adjacent  # "He warns that ...: “...,” Shapiro writes."
        return Content(start, end, f"clause '{clause.text}'", "clause")
    label = _labelling_quote(cue, quotes)
    if label is not None:
        return label
    commented = _as_cue_clause(cue, lexicon)
    if commented is not None:
        return commented
    displaced = _displaced_that_clause(cue)
    if displaced is not None:
        return Content(
            *subtree_chars(displaced), f"clause '{displaced.text}' after a phrase", "clause"
        )
    parenthetical = _parenthetical_content(cue, source, lexicon)
    if parenthetical is not None and parenthetical.form != "around" and not quoted_before:
        return parenthetical
    if cue.dep_ == "acl" and source.dep_ == "pobj" and source.head.dep_ == "agent":
        sent = sent_of(cue)
        if cue.head.left_edge.idx > sent.start_char:
            how = "clause before a passive cue's phrase"
            return Content(sent.start_char, cue.head.left_edge.idx, how, "clause")
    if adjacent is not None:
        return adjacent
    if parenthetical is not None:  # a quotation next to the cue is the better content
        return parenthetical
    return complement_content(cue, lexicon)


def _said_of(cue: Token, source: Token, content: Content) -> bool:
    """ "Collins is expected to decide", "he is said to have left": a passive cue with an
    infinitive reports what others say of its subject, not what the subject says (its
    agent does say it: "urged by colleagues to drop out")."""
    if source.dep_ == "pobj" or not any(c.dep_ == "auxpass" for c in cue.children):
        return False
    infinitives = [c for c in cue.children if c.dep_ == "xcomp"]
    return content.form == "complement" and any(
        c.idx <= content.start < c.idx + len(c.text) or c.left_edge.idx == content.start
        for c in infinitives
    )


def _prep_object_after(cue: Token, lexicon: CueLexicon) -> bool:
    """Does the cue take its content in a phrase after it ("calls for long-range missiles",
    "said, referring to the debate"), so that a clause or quotation before it is not its
    content?"""
    preps = lexicon.prep_content.get(cue.lemma_.lower(), frozenset())
    return any(
        child.dep_ == "prep"
        and child.lower_ in preps
        and child.i > cue.i
        and any(c.dep_ in {"pobj", "pcomp"} for c in child.children)
        for child in cue.children
    )


def _cut_off_before(clauses: list[Token], cue: Token) -> bool:
    """ "A isn't rattled — in fact, she said it humanizes her": a clause before the cue cut
    off from it by a dash or a semicolon, which is then not its content."""
    doc = cue.doc
    return any(
        t.text in CUTTING_MARKS
        for c in clauses
        if c.i < cue.i
        for t in doc[c.right_edge.i + 1 : cue.i]
    )


def _bare_cue(clause: Token, lexicon: CueLexicon) -> bool:
    """A reporting verb with nothing but its source, set in another clause ("Christie can
    challenge Clinton, Will wrote"): a parenthetical cue, not that clause's content."""
    if lexicon.verb_class(clause.lemma_) != "say":  # not "they know better"
        return False
    sources = _subjects(clause)
    if not sources or not all(can_speak(s, lexicon) for s in sources):
        return False  # "said the blockade would continue"
    source = {t.i for s in sources for t in s.subtree}
    return all(
        t.i == clause.i or t.i in source or t.is_punct or t.dep_ in {"aux", "neg", "advmod"}
        for t in clause.subtree
    )


def _adverbial_clause_before(clause: Token, cue: Token) -> bool:
    """A time or reason clause before the cue that the parser took for its content: "as
    protesters have demanded rights, state media have depicted them as tools"."""
    return clause.i < cue.i and any(
        child.dep_ == "mark" and child.lower_ in ADVERBIAL_MARKS for child in clause.children
    )


def _gerund_clause(token: Token) -> bool:
    """A clause with a gerund subject the parser split at the gerund: "have said cutting
    that output must be a priority" (``cutting`` an xcomp holding the verb "be")."""
    return (
        token.dep_ == "xcomp"
        and token.tag_ == "VBG"
        and any(child.dep_ == "ccomp" and child.i > token.i for child in token.children)
    )


def _labelling_quote(cue: Token, quotes: list[Quote]) -> Content | None:
    """The quoted words a source used for something, with what they were used for:
    "called it “a disgrace”", "described the meeting as “a conspiracy”" (the object and
    the label), "which the agency called the “King of Storms”" (the label alone)."""
    if cue.lemma_.lower() not in LABEL_VERBS or any(
        child.dep_ == "xcomp" or (child.dep_ == "prep" and child.lower_ in {"on", "for"})
        for child in cue.children
    ):  # "called on X to act", "called for talks": a request, not a label
        return None
    cue_end = cue.idx + len(cue)
    coordinated = [c for c in cue.rights if c.dep_ in {"cc", "conj"}]
    last = coordinated[0].i - 1 if coordinated else cue.right_edge.i  # not "... and said “...”"
    phrase_end = cue.doc[last].idx + len(cue.doc[last])
    inside = [q for q in quotes if cue_end <= q.start < phrase_end]
    if not inside or len(text_of(cue.doc)[cue_end : inside[0].start].split()) > MAX_LABEL_GAP_WORDS:
        return None
    objects = [c for c in cue.rights if c.dep_ in {"dobj", "prep"} and c.idx < inside[0].start]
    start = objects[0].left_edge.idx if objects and objects[0].dep_ == "dobj" else inside[0].start
    how = f"quoted words '{cue.text}' something"
    return Content(start, inside[-1].end, how, "quotation")


def _as_cue_clause(cue: Token, lexicon: CueLexicon) -> Content | None:
    """The clause an "as X said" cue comments on: "As the minister noted, the talks have
    stalled", "..., as experts warn" (the cue's own phrase left out). Not "watched as they
    spoke" (no comma: time, not a source), nor "as The Times reported, the NIS believes"
    (the clause has a source of its own)."""
    head = cue.head
    if cue.dep_ != "advcl" or head.i == cue.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    marks = [c for c in cue.children if c.dep_ == "mark"]
    if not marks or marks[0].lower_ != "as" or marks[0].i != cue.left_edge.i:
        return None
    set_off = cue.i < head.i or (marks[0].i > 0 and cue.doc[marks[0].i - 1].text == ",")
    if not set_off or any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in cue.children):
        return None  # "as he said this, ...", "as they sought to ...": not a comment on it
    if lexicon.verb_class(head.lemma_) and any(c.dep_ in SUBJECT_DEPS for c in head.children):
        return None
    start, end = subtree_chars(head, exclude=cue)
    return Content(
        start, end, f"clause '{head.text}' that 'as ... {cue.text}' comments on", "clause"
    )


def _displaced_that_clause(cue: Token) -> Token | None:
    """A that-clause the parser hung on a phrase after the cue: "told CNN in an interview
    that ...", "said in a statement on Tuesday that ..."."""
    for prep in cue.rights:
        if prep.dep_ != "prep" or not any(t.lemma_ in SPEECH_EVENTS for t in prep.subtree):
            continue
        for noun in prep.subtree:
            for clause in noun.children:
                marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"]
                if (
                    clause.dep_ in {"acl", "relcl", "ccomp"}
                    and marks
                    and marks[0].i == clause.left_edge.i
                ):
                    return clause
    return None


def _adjacent_quotation(cue: Token, source: Token, quotes: list[Quote]) -> Content | None:
    """A quotation right before or after the cue and its source ("“...,” X said",
    "X said: “...”"), or in the next paragraph after "X said:"."""
    text = text_of(cue.doc)
    sent = sent_of(cue)
    frame_start = min(_phrase_start(source).idx, cue.idx)
    frame_end = max(_phrase_end(source), _phrase_end(cue))
    right_after = max(cue.idx + len(cue), _phrase_end(source) if source.i > cue.i else 0)
    opens_sentence = (
        source.head.i == cue.i
        and _only_marks(  # "…?” / Biden said."
            text[sent.start_char : frame_start]
        )
        and not _has_own_content(cue)  # "He dismissed reports that ...", not "X told me."
    )
    for quote in quotes:
        before = text[quote.end : frame_start]
        if (
            quote.end <= frame_start
            and (quote.end > sent.start_char or opens_sentence)
            and _only_marks(before)
        ):
            return Content(quote.start, quote.end, QUOTATION_BEFORE, "quotation")
        after = text[frame_end : quote.start]
        next_to_frame = frame_end <= quote.start and _only_marks(after)
        # or the parser hung the quotation's first words on the cue: "said: “The further ...”"
        next_to_cue = right_after <= quote.start and _only_marks(text[right_after : quote.start])
        if (next_to_frame or next_to_cue) and quote.start < sent.end_char:
            return Content(quote.start, quote.end, "quotation after the cue", "quotation")
        if frame_end <= quote.start and _introduces(after):
            how = "quotation in the next paragraph, after a colon"
            return Content(quote.start, quote.end, how, "quotation")
    return None


def _has_own_content(cue: Token) -> bool:
    """A cue with a clause or an object of its own ("He dismissed reports that ..."), so a
    quotation in the sentence before is not its content; the person told ("one official
    told me", "Biden told reporters") is no content."""
    addressed = cue.lemma_.lower() in ADDRESSEE_VERBS
    return any(
        child.dep_ in CLAUSE_OBJECT_DEPS or (child.dep_ == "dobj" and not addressed)
        for child in cue.children
    )


def _adjunct_cue(clause: Token, lexicon: CueLexicon) -> Token | None:
    """A cue of its own at the end of a content clause, "..., adding that ...", which is
    the next claim's and not part of this one."""
    for child in clause.rights:
        own_subject = any(c.dep_ in SUBJECT_DEPS for c in child.children)
        trailing = (child.dep_ == "advcl" and child.tag_ == "VBG") or child.dep_ == "conj"
        if trailing and not own_subject and lexicon.verb_class(child.lemma_):
            return child
    return None


def _reporters_context(clause: Token) -> Token | None:
    """ "..., amid speculation that ...": the reporter's setting after a comma at the end
    of a content clause (nothing of the clause after it), not the speaker's words."""
    doc = clause.doc
    for child in clause.rights:
        after_comma = child.i > 0 and doc[child.i - 1].text == ","
        rest = doc[child.right_edge.i + 1 : clause.right_edge.i + 1]
        last = all(token.is_punct for token in rest)  # "..., amid X, and that Y" goes on
        if child.dep_ == "prep" and child.lower_ in CONTEXT_PREPS and after_comma and last:
            return child
    return None


def _wraps_relative(clause: Token, source: Token, cue: Token) -> bool:
    """A content clause that opens with a relative or wh- word before the source and the
    cue: "which critics said was discriminatory", "what she said is growing demand"."""
    first = clause.left_edge
    return (
        first.lower_ in WH_WORDS
        and first.i < source.i < cue.i < clause.i
        and cue.i + 1 < len(cue.doc)
    )


def complement_content(cue: Token, lexicon: CueLexicon) -> Content | None:
    """Content carried by a complement: "urged Seoul to act", "called for talks", "denied the report"."""
    lemma = cue.lemma_.lower()
    xcomps = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i]
    if xcomps and _asks_anonymity(xcomps[0]):
        return None
    if xcomps and lemma in lexicon.xcomp_content:
        objects = [c for c in cue.children if c.dep_ == "dobj" and c.i < xcomps[0].i]
        start = subtree_chars(objects[0])[0] if objects else subtree_chars(xcomps[0])[0]
        how = f"infinitive '{xcomps[0].text}' of '{cue.text}'"
        return Content(start, subtree_chars(xcomps[0])[1], how, "complement")
    questions = [
        c
        for c in cue.children
        if c.dep_ in {"advcl", "ccomp"}
        and c.i > cue.i
        and any(m.dep_ == "mark" and m.lower_ in QUESTION_OPENERS for m in c.children)
    ]
    if questions and lexicon.verb_class(cue.lemma_) == "ask":  # "asked them if they ..."
        how = f"question '{questions[0].text}' of '{cue.text}'"
        return Content(*subtree_chars(questions[0]), how, "complement")
    preps = lexicon.prep_content.get(lemma, frozenset())
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in preps and child.i > cue.i:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                end = max(subtree_chars(x)[1] for x in [objects[0], *xcomps])
                how = f"'{cue.text} {child.text}' object"
                return Content(subtree_chars(objects[0])[0], end, how, "complement")
        marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ in preps]
        if child.dep_ == "advcl" and child.i > cue.i and marks:  # "called for X to act"
            start = subtree_chars(child, exclude=marks[0])[0]
            how = f"'{cue.text} {marks[0].text}' clause"
            return Content(start, subtree_chars(child)[1], how, "complement")
    label = _free_relative_label(cue)
    if label is not None:
        return label
    cue_class = lexicon.verb_class(cue.lemma_)
    if cue_class in lexicon.object_content and lemma not in lexicon.clause_only:
        objects = [
            c
            for c in cue.children
            if c.i > cue.i
            and (
                c.dep_ in {"dobj", "attr"}
                or (c.dep_ == "xcomp" and c.tag_ == "VBG" and cue_class in GERUND_OBJECT_CLASSES)
            )
        ]
        if objects:
            grounds = REASON_PREPS if cue_class in JUDGING_CLASSES else frozenset()
            predicates = [  # "called it a disgrace", "described it as ...", "accused X of Y"
                c
                for c in cue.children
                if (
                    c.dep_ in {"oprd", "xcomp"}
                    or (c.dep_ == "prep" and (c.lower_ == "as" or c.lower_ in grounds))
                )
                and c.i > objects[0].i
            ]
            if objects[0].lower_ in REFLEXIVES and predicates and predicates[0].dep_ != "prep":
                return None  # "they call themselves X": a name; "describes herself as X" is a claim
            end = max(subtree_chars(x)[1] for x in [objects[0], *predicates])
            how = f"object '{objects[0].text}' of a {cue_class} cue"
            return Content(subtree_chars(objects[0])[0], end, how, "complement")
    return None


def _free_relative_label(cue: Token) -> Content | None:
    """The label in "what the administration describes as unfair practices", "which Davis
    described as a conspiracy": the words the source used."""
    relative = any(c.dep_ == "dobj" and c.lower_ in {"what", "which"} for c in cue.lefts)
    if cue.lemma_.lower() not in LABEL_VERBS or not relative:
        return None
    for prep in cue.rights:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.dep_ == "prep" and prep.lower_ == "as" and objects:
            return Content(*subtree_chars(objects[0]), f"label '{cue.text} as ...'", "complement")
    return None


def _asks_anonymity(xcomp: Token) -> bool:
    """ "who asked not to be named": a source's condition, not a claim."""
    negated = any(child.dep_ == "neg" for child in xcomp.children)
    return negated and xcomp.lemma_ in {"name", "identify", "quote", "cite"}


def _phrase_start(token: Token) -> Token:
    """The first token of a noun phrase's name part (its left modifiers, not its clauses)."""
    lefts = [c.left_edge for c in token.lefts if c.dep_ in NP_LEFT_DEPS]
    return min([token, *lefts], key=lambda t: t.i)


def _phrase_end(token: Token) -> int:
    """Where a cue or source ends, with its particles, appositives and objects ("told MSNBC")."""
    rights = [c.right_edge for c in token.rights if c.dep_ in FRAME_RIGHT_DEPS]
    last = max([token, *rights], key=lambda t: t.i)
    return last.idx + len(last)


def _introduces(gap: str) -> bool:
    """ "X said:" then a blank line and the quotation: a colon introduces the next paragraph."""
    stripped = gap.strip()
    return stripped in {":", ":“", ':"', ":«"} or (
        stripped.startswith(":") and not any(ch.isalnum() for ch in stripped)
    )


def _only_marks(gap: str) -> bool:
    """True when a gap holds only punctuation and quote marks (and at most the word "that")."""
    gap = gap.replace("that", "", 1)
    return len(gap) <= 6 and "\n" not in gap and not any(ch.isalnum() for ch in gap)


def _parenthetical_content(cue: Token, source: Token, lexicon: CueLexicon) -> Content | None:
    """A cue set off by commas inside its content's sentence, with its source before it:
    "Trump is wrong, he said" (content before), "In his state, Christie said, offenders
    are sent to treatment" (content around it: the whole clause is kept, cue included)."""
    head = cue.head
    if head.dep_ in {"aux", "auxpass"}:  # "Russia, he said, is “strengthening ...”"
        head = head.head
    if cue.dep_ not in CONTENT_DEPS or head.pos_ not in {"VERB", "AUX"} or head.i == cue.i:
        return None
    if source.dep_ not in {"nsubj", "aux"} or source.head.i != cue.i or source.i > cue.i:
        return None
    if lexicon.verb_class(head.lemma_) and any(c.dep_ == "nsubj" for c in head.children):
        return None  # "X said that, if asked, Y would agree": the cue is inside X's content
    left = source.left_edge.i
    set_off = left > 0 and source.doc[left - 1].text in PARENTHESIS_MARKS
    if head.i < cue.i and left > head.i and set_off:
        how = f"clause '{head.text}' before the cue"
        return Content(*subtree_chars(head, exclude=cue), how, "clause")
    if head.i > cue.i and left > head.left_edge.i and set_off:
        return Content(*subtree_chars(head), f"clause '{head.text}' around the cue", "around")
    return None


def find_via(cue: Token) -> str | None:
    """The outlet a claim reached the article through: "told RFA", "said on CNN", "in an
    interview with the Financial Times", "Speaking to Reuters, X said"."""
    speaking = [c for c in cue.children if c.dep_ == "advcl" and c.lemma_ in SPEAKING_VERBS]
    for verb in [cue, *speaking]:
        for child in verb.children:
            if child.dep_ in {"dobj", "dative"} and verb.lemma_ == "tell" and _outlet_like(child):
                return describe_speaker(child).text
            if child.dep_ == "prep" and _relays(verb, child):
                outlets = [
                    t for t in child.subtree if t.dep_ == "pobj" and t.ent_type_ in MEDIA_LABELS
                ]
                if outlets:
                    return describe_speaker(outlets[-1]).text
    return None


def _relays(verb: Token, prep: Token) -> bool:
    """ "on CNN", "in an interview with CNN", "(speaking) to CNN": a phrase that names an
    outlet rather than an addressee ("in a letter to Congress")."""
    if prep.lower_ == "on":
        return True
    if prep.lower_ == "to":
        return verb.lemma_ in SPEAKING_VERBS
    return prep.lower_ in {"in", "with"} and any(t.lemma_ in INTERVIEW_WORDS for t in prep.subtree)


def _outlet_like(token: Token) -> bool:
    """A proper name that is not a person or a place: the likely outlet of "told RFA"."""
    return token.pos_ == "PROPN" and token.ent_type_ not in {"PERSON", "GPE", "NORP", "LOC"}


def _cue_text(cue: Token) -> str:
    particles = [c for c in cue.children if c.dep_ == "prt" and c.i == cue.i + 1]
    return cue.text + (" " + particles[0].text if particles else "")


def _inside(char: int, start: int, end: int) -> bool:
    return start <= char < end
