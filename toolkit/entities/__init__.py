"""Mentions of actors in Docs and the canonical entities they name.

A :class:`Gazetteer` (``data/gazetteer.yml``) maps surface forms to canonical entities
("Pyongyang", "DPRK", "North Korean" -> North Korea). :func:`mentions_from_doc` finds
the mentions of a parsed article: the NER's entities plus the gazetteer's names the
NER missed, with no overlaps, each resolved to its entity. Within an article a
surname stands for the full name ("Blinken" -> "Antony Blinken") and an acronym for
the name it abbreviates ("Radio Free Asia (RFA)").

One module per job, each importing only those before it:

- :mod:`toolkit.entities.gazetteer`: the gazetteer, its YAML and analysts' alias files.
- :mod:`toolkit.entities.names`: person names, cleaned and merged within an article.
- :mod:`toolkit.entities.mentions`: mentions found in Docs and resolved to entities.
- :mod:`toolkit.entities.people`: one name per person across a corpus's tables.

Example:
    >>> from toolkit.entities import load_gazetteer, mentions_from_docs
    >>> from toolkit.nlp import load_model
    >>> gazetteer = load_gazetteer()
    >>> gazetteer.canonical("the Kremlin's")
    'Russia'
    >>> doc = load_model()("Pyongyang fired a missile, Yonhap said.")
    >>> mentions_from_docs([doc], ["a"])[["text", "entity", "entity_type"]].values.tolist()
    [['Pyongyang', 'North Korea', 'country'], ['Yonhap', 'Yonhap', 'media']]
"""

from toolkit.entities.gazetteer import Gazetteer, load_gazetteer, parse_gazetteer, read_aliases
from toolkit.entities.mentions import acronym_pairs, mentions_from_doc, mentions_from_docs
from toolkit.entities.names import canonicalize_names

__all__ = [
    "Gazetteer",
    "acronym_pairs",
    "canonicalize_names",
    "load_gazetteer",
    "mentions_from_doc",
    "mentions_from_docs",
    "parse_gazetteer",
    "read_aliases",
]
