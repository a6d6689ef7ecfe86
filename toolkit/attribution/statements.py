"""One claim per statement: a speaker's quotations in a row, joined (an option, off by default).

The gold guidelines make each quotation its own claim: in “We are ready,” he said.
“We will not wait.” there are two. Some corpora (PolNeAR among them) annotate the
whole statement as one attribution instead, and an analyst reading a table may
prefer one row per statement. :func:`join_quotes` gives that reading: a quotation
joins the claim before it when both are the same speaker's, they stand in one
paragraph with at most the cue's clause between them (“...,” he said. “...”), and
the later one has no cue of its own outside that gap (“...,” she added, after the
quotation, keeps it a claim of its own).

Example:
    >>> from toolkit.nlp import load_model
    >>> from toolkit.attribution import attribute_doc
    >>> doc = load_model()("“We are ready,” the minister said. “We will not wait.”")
    >>> [c.kind for c in join_quotes(attribute_doc(doc), doc.text)]
    ['direct']
"""

from __future__ import annotations

from dataclasses import replace

from toolkit.attribution.claim import Claim

JOIN_MAX_GAP = 120  # characters between two quotations: room for "Jane Doe, an analyst at X, said"
JOINED_KINDS = {"direct", "mixed"}  # a statement goes on from a quotation, whole or in part
JOINED_EVIDENCE = "joined with the next quotation of the same speaker (one claim per statement)"


def join_quotes(claims: list[Claim], text: str) -> list[Claim]:
    """Join each speaker's quotations in a row into one claim; see the module's docstring.

    ``claims`` are one article's, ``text`` its text. A joined claim runs from the first
    quotation's start to the last one's end (the cue's clause between them included,
    so offsets stay exact), keeps the first one's cue and rule, and is ``direct`` when
    every part is, else ``mixed``.

    Example:
        >>> first = Claim(start=1, end=13, rule="reported_speech", kind="direct", speaker="Kim")
        >>> second = Claim(start=25, end=34, rule="continuation", kind="direct", speaker="Kim")
        >>> [(c.start, c.end) for c in join_quotes([first, second], "“We are ready,” he said. “Not now.”")]
        [(1, 34)]
    """
    joined: list[Claim] = []
    for claim in sorted(claims, key=lambda c: (c.start, c.end)):
        if joined and _goes_on(joined[-1], claim, text):
            joined[-1] = _join(joined[-1], claim)
        else:
            joined.append(claim)
    return joined


def _goes_on(previous: Claim, claim: Claim, text: str) -> bool:
    """Whether ``claim`` is the same speaker's statement going on from ``previous``."""
    if not previous.speaker or claim.speaker != previous.speaker:
        return False
    if previous.kind not in JOINED_KINDS or claim.kind != "direct":
        return False
    gap = text[previous.end : claim.start]
    if claim.start < previous.end or len(gap) > JOIN_MAX_GAP or "\n" in gap:
        return False
    own_cue_elsewhere = claim.cue_start is not None and not (
        previous.end <= claim.cue_start < claim.start
    )
    return not own_cue_elsewhere


def _join(previous: Claim, claim: Claim) -> Claim:
    """One claim from ``previous`` to the end of ``claim``."""
    return replace(
        previous,
        end=claim.end,
        kind="direct" if previous.kind == claim.kind == "direct" else "mixed",
        cue=previous.cue or claim.cue,
        cue_class=previous.cue_class or claim.cue_class,
        cue_start=previous.cue_start if previous.cue else claim.cue_start,
        sent_end=max(previous.sent_end, claim.sent_end),
        evidence=[*previous.evidence, JOINED_EVIDENCE],
    )
