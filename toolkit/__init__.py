"""toolkit: news articles in, claims (who said what, with what stance, on which topic) out.

Example:
    >>> import toolkit as tk
    >>> articles = tk.read_corpus("data/")
    >>> claims = tk.extract_claims(articles)
    >>> claims[["speaker", "quote"]].head()  # doctest: +SKIP

Helpers are imported on first use, so ``import toolkit`` stays quick and the
core never loads the plotting or widget code unless an analyst asks for it.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "read_corpus": "toolkit.reading",
    "read_table": "toolkit.tables",
    "write_table": "toolkit.tables",
    "load_model": "toolkit.nlp",
    "parse_articles": "toolkit.pipeline",
    "process_corpus": "toolkit.pipeline",
    "extract_claims": "toolkit.pipeline",
    "extract_mentions": "toolkit.pipeline",
    "explain": "toolkit.attribution",
    "load_gazetteer": "toolkit.entities",
    "unify_people": "toolkit.entities.people",
    "join_quotes": "toolkit.statements",
    "stance": "toolkit.tagging",
    "train_stance_model": "toolkit.tagging",
    "tag_topics": "toolkit.tagging",
    "main_topics": "toolkit.tagging",
    "suggest_terms": "toolkit.tagging",
    "comention": "toolkit.stats",
    "speaker_entity": "toolkit.stats",
    "speakers": "toolkit.stats",
    "disagreements": "toolkit.stats",
    "load_gold": "toolkit.evaluation",
    "evaluate": "toolkit.evaluation",
    "match_claims": "toolkit.evaluation",
    "filter_claims": "toolkit.explorer",
    "explore": "toolkit.explorer",
    "load_and_explore": "toolkit.explorer",
    "render_brief": "toolkit.brief",
    "plots": "toolkit.plots",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'toolkit' has no attribute '{name}'")
    module = import_module(_EXPORTS[name])
    value = module if module.__name__.endswith("." + name) else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
