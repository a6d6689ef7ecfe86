"""Say why a claim was found and why its speaker was chosen.

Example:
    >>> from toolkit.attribution.claim import Claim
    >>> print(explain(Claim(0, 4, "reported_speech", evidence=["cue 'said' (say)"])))
    rule: reported_speech
    - cue 'said' (say)
"""

from __future__ import annotations

from typing import Any

from toolkit.attribution.claim import Claim
from toolkit.errors import Errors


def explain(claim: Claim | Any) -> str:
    """Return the rule and evidence behind a claim (a ``Claim`` or a row of the claims table)."""
    rule = getattr(claim, "rule", None)
    evidence = getattr(claim, "evidence", None)
    if rule is None and hasattr(claim, "get"):
        rule, evidence = claim.get("rule"), claim.get("evidence")
    if rule is None:
        raise ValueError(Errors.E017)
    lines = [f"rule: {rule}"] + [f"- {item}" for item in (evidence or [])]
    return "\n".join(lines)
