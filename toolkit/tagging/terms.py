"""Term suggestions: the lemmas that tell a topic's claims from the rest, to grow a taxonomy.

Weighted log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi and
Quinn 2008, "Fightin' Words"), ranked by their z-score.

Example:
    >>> from collections import Counter
    >>> table = _log_odds(Counter(shell=3, ship=2), Counter(talk=4, shell=1), None)
    >>> table["term"].tolist()
    ['ship', 'shell', 'talk']
"""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from toolkit.errors import Errors
from toolkit.schema import require_columns
from toolkit.tagging.matching import _lemma_docs
from toolkit.tagging.texts import _as_list, _texts
from toolkit.tagging.topics import tag_topics


def suggest_terms(
    claims: pd.DataFrame,
    topic: str,
    *,
    top: int = 20,
    nlp: Language | str | None = None,
    column: str = "topics",
    alpha0: float | None = None,
    min_count: int = 2,
) -> pd.DataFrame:
    """Return the lemmas that best tell claims of ``topic`` from the rest.

    Weighted log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi
    and Quinn 2008, "Fightin' Words"): the prior is the lemma's share of all claims
    scaled to ``alpha0`` pseudo-counts (by default the corpus size), and ``z`` is the
    log-odds difference over its standard deviation. Stopwords, punctuation and
    numbers are left out. Topics come from ``column``, tagged first when missing.

    Args:
        claims: a claims table with ``quote`` (and ``topics`` lists).
        topic: the topic id to describe.
        top: how many terms to return.
        nlp: the spaCy pipeline or a model's name; :func:`toolkit.nlp.load_model` by default.
        column: the column of topic lists.
        alpha0: the prior's total pseudo-count.
        min_count: leave out lemmas seen fewer times than this in the topic's claims.

    Returns:
        Columns ``term, z, count_topic, count_rest``, highest ``z`` first.

    Raises:
        ValueError: no claim has ``topic``, or every claim has it (nothing to compare
            with), or there is no ``quote`` column.

    Example:
        >>> import pandas as pd
        >>> claims = pd.DataFrame({"quote": ["Pyongyang shipped shells", "Kim shipped shells",
        ...                                  "Talks went well", "The summit went well"],
        ...                        "topics": [["arms_trade"], ["arms_trade"], [], ["alliances"]]})
        >>> suggest_terms(claims, "arms_trade", top=2)["term"].tolist()
        ['shell', 'ship']
    """
    from toolkit.nlp import as_pipeline

    require_columns(claims, ["quote"], func="suggest_terms", table="claims")
    nlp = as_pipeline(nlp)
    tagged = claims if column in claims.columns else tag_topics(claims, nlp=nlp, column=column)
    inside = [topic in _as_list(topics) for topics in tagged[column]]
    if all(inside) or not any(inside):
        found = ", ".join(sorted({t for ts in tagged[column] for t in _as_list(ts)})) or "none"
        reason = f"no claim has '{topic}'" if not any(inside) else f"every claim has '{topic}'"
        raise ValueError(Errors.E021.format(reason=reason, found=found))
    counts_in, counts_out = Counter(), Counter()
    for doc, is_in in zip(_lemma_docs(_texts(tagged, "quote"), nlp, 64), inside, strict=True):
        (counts_in if is_in else counts_out).update(_terms(doc))
    if not counts_in or not counts_out:  # only stopwords, numbers or punctuation
        return pd.DataFrame(columns=["term", "z", "count_topic", "count_rest"])
    table = _log_odds(counts_in, counts_out, alpha0)
    table = table[table["count_topic"] >= min_count]
    return table.head(top).reset_index(drop=True)


def _terms(doc: Doc) -> list[str]:
    return [
        token.lemma_.lower()
        for token in doc
        if token.is_alpha and not token.is_stop and not token.is_punct and len(token) > 1
    ]


def _log_odds(counts_in: Counter, counts_out: Counter, alpha0: float | None) -> pd.DataFrame:
    """Weighted log-odds with an informative Dirichlet prior, one row per term."""
    total = counts_in + counts_out
    n_total = sum(total.values())
    a0 = float(alpha0) if alpha0 else float(n_total)
    n_in, n_out = sum(counts_in.values()), sum(counts_out.values())
    rows = []
    for term, count in total.items():
        alpha = a0 * count / n_total
        y_in, y_out = counts_in[term], counts_out[term]
        delta = math.log((y_in + alpha) / (n_in + a0 - y_in - alpha)) - math.log(
            (y_out + alpha) / (n_out + a0 - y_out - alpha)
        )
        variance = 1.0 / (y_in + alpha) + 1.0 / (y_out + alpha)
        rows.append((term, delta / math.sqrt(variance), y_in, y_out))
    table = pd.DataFrame(rows, columns=["term", "z", "count_topic", "count_rest"])
    return table.sort_values(["z", "term"], ascending=[False, True], kind="mergesort")
