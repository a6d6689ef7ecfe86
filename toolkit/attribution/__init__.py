"""Attribution: claims and their speakers from parsed articles.

Each rule family lives in its own module and leaves a trace in ``Claim.evidence``:

- ``reported_speech``: a cue verb with its source and content (``said``, ``told``, ``denied``...);
- ``according_to``: "according to X" claims, and relays that give another claim its ``via``;
- ``noun_cue``: "X's claim that ...", "a warning by X that ...";
- ``colon``: "John McCain: Populist Anger Appeals to ‘Bad Angels’";
- ``transcript``: an interview's turns, "AMY GOODMAN: ...", "FALLIN: ...";
- ``signed``: "“He scares me.” ― Krystal Correa", and posts signed "— Name (@handle) date";
- ``headline``: "Trump Invited Putin to Summit, Kremlin Says", "Bae says health deteriorating";
- ``continuation``: quotations with no cue, continuing the previous speaker, and
  ``sentence_subject``: quotations woven into a sentence about a named actor;
- ``coref``: pronouns, descriptions and canonical names of speakers.

Example:
    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("“We are ready,” the minister said.")
    >>> [(c.kind, c.speaker) for c in attribute_doc(doc)]
    [('direct', 'minister')]
"""

from __future__ import annotations

from spacy.tokens import Doc

from toolkit.attribution.according_to import Relay, find_according_to, find_opinion_claims
from toolkit.attribution.claim import Claim, text_of
from toolkit.attribution.colon import find_colon_claims
from toolkit.attribution.continuation import find_continuations
from toolkit.attribution.coref import name_the_lede, resolve_speakers, type_described_people
from toolkit.attribution.explain import explain
from toolkit.attribution.headline import find_headline_claims
from toolkit.attribution.lexicon import CueLexicon, load_lexicon
from toolkit.attribution.noun_cues import find_noun_cues
from toolkit.attribution.quotes import find_quotes
from toolkit.attribution.reported_speech import find_reported_speech
from toolkit.attribution.signed import find_signed_claims
from toolkit.attribution.transcript import find_transcript_turns

__all__ = ["Claim", "attribute_doc", "explain", "load_lexicon"]

RULE_PRIORITY = {
    "reported_speech": 0,
    "according_to": 1,
    "noun_cue": 2,
    "colon": 3,
    "transcript": 3,
    "signed": 4,
    "headline": 5,
    "sentence_subject": 6,
    "continuation": 7,
}
DUPLICATE_OVERLAP = 0.8


def attribute_doc(doc: Doc, *, lexicon: CueLexicon | None = None, gazetteer=None) -> list[Claim]:
    """Return the claims of one parsed article, in document order, speakers resolved."""
    lexicon = lexicon or load_lexicon()
    if gazetteer is None:
        from toolkit.entities import load_gazetteer

        gazetteer = load_gazetteer()
    quotes = find_quotes(text_of(doc))
    reported = find_reported_speech(doc, quotes, lexicon)
    according, relays = find_according_to(doc, quotes, lexicon)
    according += find_opinion_claims(doc, quotes, lexicon)
    nouns = find_noun_cues(doc, quotes, lexicon)
    turns = find_transcript_turns(doc, quotes, gazetteer.titles | lexicon.person_roles)
    labels = {turn.cue_start for turn in turns}  # a turn's label is no headline's "Name:"
    colons = [
        c for c in find_colon_claims(doc, quotes, gazetteer, lexicon) if c.cue_start not in labels
    ]
    signed = find_signed_claims(doc, quotes)
    headlines = find_headline_claims(doc, quotes, lexicon)
    found = [*headlines, *outside_headlines([*reported, *according, *nouns], headlines)]
    found += [*turns, *colons, *signed]
    claims = drop_datelines(drop_duplicates(found))
    claims = drop_nested_complements(claims)
    idle_relays = apply_relays(claims, relays)
    for claim in claims:
        claim.via = canonical_outlet(claim.via, gazetteer)
    resolve_speakers(claims, doc, gazetteer, lexicon, quotes)
    claims = drop_duplicates([*claims, *find_continuations(doc, quotes, claims, lexicon)])
    claims += relays_own_claims(idle_relays, claims)
    resolve_speakers(claims, doc, gazetteer, lexicon, quotes)  # the sentence subjects' names
    resolved = [c for c in claims if c.speaker]  # a pronoun with no antecedent names no one
    name_the_lede(resolved, doc, lexicon.person_roles, gazetteer)
    type_described_people(resolved, lexicon.person_roles, gazetteer.office_titles)
    return sorted(drop_restatements(resolved), key=lambda c: (c.start, c.end))


def drop_restatements(claims: list[Claim]) -> list[Claim]:
    """Drop a claim that lies, cue and all, inside another claim of the same speaker:
    in "X said that, when asked, he hopes Y", "he hopes Y" is part of what X said."""
    return [
        claim
        for claim in claims
        if not any(
            other is not claim
            and other.speaker == claim.speaker
            and claim.cue_start is not None
            and other.start <= claim.cue_start < other.end
            and other.start <= claim.start
            and claim.end <= other.end
            for other in claims
        )
    ]


def drop_duplicates(claims: list[Claim]) -> list[Claim]:
    """Keep one claim per content: the higher-priority rule, then the longer span."""
    ranked = sorted(
        claims, key=lambda c: (RULE_PRIORITY[c.rule], _cue_inside(c), -c.length, c.start)
    )
    kept: list[Claim] = []
    for claim in ranked:
        if all(
            claim.overlap(other) / max(claim.length, other.length, 1) < DUPLICATE_OVERLAP
            for other in kept
        ):
            kept.append(claim)
    return kept


def _cue_inside(claim: Claim) -> bool:
    """A cue inside its own content is the weaker reading ("“I won't talk,” she said")."""
    return claim.cue_start is not None and claim.start <= claim.cue_start < claim.end


def canonical_outlet(name: str | None, gazetteer) -> str | None:
    """The gazetteer's name of an outlet ("RFA" → "Radio Free Asia", "Times" → "The Times")."""
    if not name:
        return name
    return gazetteer.canonical(name) or gazetteer.canonical(f"The {name}") or name


def drop_nested_complements(claims: list[Claim]) -> list[Claim]:
    """Drop a claim read off a cue's object ("pledged cooperation") when its cue sits inside
    another claim's content: it is part of what that source reported, not a claim of its own."""
    return [
        claim
        for claim in claims
        if not (
            claim.from_complement
            and any(o is not claim and o.start <= (claim.cue_start or -1) < o.end for o in claims)
        )
    ]


def outside_headlines(claims: list[Claim], headlines: list[Claim]) -> list[Claim]:
    """The claims whose cue is not in a headline line that the headline rule read: the
    parser's reading of a headline is the weaker one."""
    lines = {(h.sent_start, h.sent_end) for h in headlines}
    return [
        claim
        for claim in claims
        if not any(start <= (claim.cue_start or -1) < end for start, end in lines)
    ]


def drop_datelines(claims: list[Claim]) -> list[Claim]:
    """Drop a colon claim whose content holds another claim's cue: "Beijing: Lula has
    called for ..." opens with a dateline or a label, not a source."""
    return [
        claim
        for claim in claims
        if not (
            claim.rule == "colon"
            and any(
                o is not claim
                and o.cue_start is not None
                and claim.start <= o.cue_start < claim.end
                for o in claims
            )
        )
    ]


def _touches(claim: Claim, relay: Relay) -> bool:
    """The claim's content or cue lies partly in the words the relay carries."""
    cue_inside = (
        claim.cue_start is not None and relay.scope_start <= claim.cue_start < relay.scope_end
    )
    return cue_inside or (claim.start < relay.scope_end and relay.scope_start < claim.end)


def apply_relays(claims: list[Claim], relays: list[Relay]) -> list[Relay]:
    """Give each claim inside an "according to X" relay the outlet X as ``via`` (in place);
    return the relays that carry no claim."""
    idle = []
    for relay in relays:
        inner = [
            claim
            for claim in claims
            if relay.scope_start <= claim.start and claim.end <= relay.scope_end
        ]
        for claim in inner:
            if claim.via is None:
                claim.via = relay.via
                claim.evidence.append(f"via: 'according to {relay.via}' relays this claim")
        if not inner:
            idle.append(relay)
    return idle


def relays_own_claims(relays: list[Relay], claims: list[Claim]) -> list[Claim]:
    """The claims of "according to X" for relays whose words no rule read as another
    source's claim: "HarperCollins declined the offer, according to an executive"."""
    return [
        relay.own_claim
        for relay in relays
        if relay.own_claim is not None and not any(_touches(c, relay) for c in claims)
    ]
