"""Say why a claim was found and why its speaker was chosen.

Example:
    >>> from toolkit.attribution.claim import Claim
    >>> print(explain(Claim(0, 4, "reported_speech", evidence=["cue 'said' (say)"])))
    rule: reported_speech
    - cue 'said' (say)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from toolkit.attribution.claim import Claim
from toolkit.errors import Errors
from toolkit.schema import as_list, is_missing


def explain(claim: Claim | Any) -> str:
    """Return the rule and evidence behind a claim: a ``Claim``, a row of the claims table
    (as extracted, or read back from a file), or a table of one row."""
    if isinstance(claim, pd.DataFrame) and len(claim) == 1:
        claim = claim.iloc[0]
    if isinstance(claim, pd.DataFrame):
        raise ValueError(Errors.E017)
    rule = getattr(claim, "rule", None)
    evidence = getattr(claim, "evidence", None)
    if rule is None and hasattr(claim, "get"):
        rule, evidence = claim.get("rule"), claim.get("evidence")
    if rule is None or is_missing(rule):
        raise ValueError(Errors.E017)
    lines = [f"rule: {rule}"] + [f"- {item}" for item in as_list(evidence)]
    return "\n".join(lines)
