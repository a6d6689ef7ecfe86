"""Person names: their display form, and the full name each stands for in an article.

:func:`clean_name` drops what is not part of a name (surrounding punctuation, "the",
"'s", titles); :func:`canonicalize_names` maps an article's short forms to its full
names ("Blinken" -> "Antony Blinken", "Kim Jong-un" -> "Kim Jong Un").

Example:
    >>> clean_name("President Putin’s", titles={"President"})
    'Putin'
    >>> canonicalize_names(["Antony Blinken", "Blinken"], titles=())
    {'Antony Blinken': 'Antony Blinken', 'Blinken': 'Antony Blinken'}
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

from toolkit.entities.gazetteer import POSSESSIVE_RE, SURROUNDING, THE_RE, _key, load_gazetteer
from toolkit.resources import data_path, load_yaml, string_list

NAME_SPLIT_RE = re.compile(r"[\s\-‐–]+")
# Prepositions whose phrase belongs to a description: "critics of the program",
# "officials at the ministry", "experts on North Korea", "advisers to Mr. Obama".
DESCRIPTION_PREPS = {"of", "at", "on", "from", "in", "for", "with", "to", "by", "within", "across"}
# Modifiers after a source that say how it knows: "people familiar with the matter",
# "a source close to the president", "officials briefed on the talks".
KNOWING_MODIFIERS = {"familiar", "close", "briefed", "knowledgeable", "involved", "aware"}
KNOWING_ADVERBS = {"directly", "closely", "personally", "intimately", "deeply", "fully", "well"}
GIVEN_NAMES_FILE = "given_names.yml"  # given names that say a person's gender


def clean_name(text: str, *, titles: Iterable[str] = ()) -> str:
    """Return a display name: no surrounding punctuation, possessive, leading "the" or titles.

    Example:
        >>> clean_name("the Asia Pacific Strategy Center’s")
        'Asia Pacific Strategy Center'
        >>> clean_name("President Putin", titles={"President"})
        'Putin'
    """
    name = " ".join(text.split()).strip(SURROUNDING)
    name = THE_RE.sub("", POSSESSIVE_RE.sub("", name.replace("’s", "'s")).rstrip())
    name = _restore_apostrophes(name, text)
    words = name.split()
    while len(words) > 1 and words[0] in titles:
        words.pop(0)
    return " ".join(words).strip(SURROUNDING) or text.strip()


def _restore_apostrophes(name: str, original: str) -> str:
    return name.replace("'", "’") if "’" in original and "'" not in original else name


def canonicalize_names(
    names: Iterable[str],
    *,
    titles: Iterable[str] | None = None,
    prefer: Iterable[str] = (),
) -> dict[str, str]:
    """Map each name of one article to the full name it stands for there.

    A name stands for a longer one when its words appear in it in order and share its
    first or last word: "Kim" -> "Kim Jong Un", "Blinken" -> "Antony Blinken",
    "Patrick Cronin" -> "Patrick M. Cronin". Where several full names fit, the most
    mentioned wins, then one in ``prefer``, then the first mentioned. Names that differ
    only in case or hyphens ("Kim Jong-un") are one name. Titles ("President") are dropped.

    Args:
        names: the names as mentioned, repeats included (they count as mentions).
        titles: words dropped from the front of names; by default the gazetteer's.
        prefer: full names to choose on a tie of mentions (say, the gazetteer's people).

    Returns:
        A dict from every input name to its full name.

    Example:
        >>> canonicalize_names(["Antony Blinken", "Kim Jong Un", "Blinken", "Kim’s", "Putin"])
        {'Antony Blinken': 'Antony Blinken', 'Kim Jong Un': 'Kim Jong Un', 'Blinken': 'Antony Blinken', 'Kim’s': 'Kim Jong Un', 'Putin': 'Putin'}
    """
    names = list(names)
    titles = load_gazetteer().titles if titles is None else frozenset(titles)
    cleaned = {name: clean_name(name, titles=titles) for name in names}
    words_of = {name: name_words(clean) for name, clean in cleaned.items()}
    counts = Counter(words_of[name] for name in names)
    display = _display_forms(names, cleaned, words_of)
    order = {words: i for i, words in enumerate(dict.fromkeys(words_of[name] for name in names))}
    preferred = {name_words(name) for name in prefer}
    # Any name of two words or more can be the full name; the most mentioned wins, so a
    # headline's "Ben Carson Defends" or "Crooked Hillary Clinton" does not swallow "Ben Carson".
    candidates = [w for w in order if len(w) > 1 or not any(_is_part(w, other) for other in order)]
    target: dict[tuple[str, ...], tuple[str, ...]] = {}
    for words in order:
        fits = [full for full in candidates if full == words or _is_part(words, full)]
        rank = lambda full: (-counts[full], full not in preferred, -len(full), order[full])  # noqa: E731
        target[words] = min(fits, key=rank) if fits else words
    shorter = _shorter_forms(order, counts, display)
    target = {words: shorter.get(full, full) for words, full in target.items()}
    return {name: display[target[words_of[name]]] for name in names}


def _shorter_forms(
    names: Iterable[tuple[str, ...]], counts: Counter, display: Mapping[tuple[str, ...], str]
) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Names that are another name, given name and surname, named as often or more, with
    words in front that open with no given name: an epithet or a word the tagger swept in
    ("Crooked Hillary Clinton", "Miss Universe Alicia Machado"), each mapped to that name.
    "Sarah Huckabee Sanders" stays itself ("Sarah" is a given name), and so do double
    surnames ("Ildefonso Guajardo Villarreal": "Guajardo Villarreal" opens with none)."""
    names = list(names)
    known = set(names)
    shorter = {}
    for words in names:
        tails = [words[k:] for k in range(1, len(words) - 1) if words[k:] in known]
        if not tails or counts[tails[0]] < counts[words]:
            continue
        tail = tails[0]
        if given_name_gender(display[tail]) and given_name_gender(display[words]) is None:
            shorter[words] = tail
    return shorter


def name_words(name: str) -> tuple[str, ...]:
    """A name's words, folded for comparison (case, accents, hyphens).

    Example:
        >>> name_words("Kim Jong-un")
        ('kim', 'jong', 'un')
    """
    return tuple(word for word in NAME_SPLIT_RE.split(_key(name).casefold()) if word)


def _is_part(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """True if ``short`` is a strictly shorter, ordered part of ``full`` sharing its first or last
    word; a name of several words must share the last (the surname)."""
    if not short or len(short) >= len(full) or (short[0] != full[0] and short[-1] != full[-1]):
        return False
    if len(short) > 1 and short[-1] != full[-1]:  # "Ben Carson" is not "Ben Carson Defends"
        return False
    remaining = iter(full)
    return all(word in remaining for word in short)


def _display_forms(
    names: list[str], cleaned: Mapping[str, str], words_of: Mapping[str, tuple[str, ...]]
) -> dict[tuple[str, ...], str]:
    forms: dict[tuple[str, ...], Counter] = {}
    for name in names:
        forms.setdefault(words_of[name], Counter())[cleaned[name]] += 1
    return {  # the commonest form, but capitals only as a last resort ("INSKEEP:" labels)
        words: max(counter, key=lambda form: (not written_in_capitals(form), counter[form]))
        for words, counter in forms.items()
    }


def written_in_capitals(name: str) -> bool:
    """Is a name written in capitals, "JOHN McCAIN" too (most of its letters)?

    Example:
        >>> written_in_capitals("JOHN McCAIN"), written_in_capitals("John McCain")
        (True, False)
    """
    letters = [ch for ch in name if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) > len(letters) / 2


def head_words(text: str) -> list[str]:
    """A description's words up to its first prepositional phrase (or a modifier saying how
    it knows), as written.

    Example:
        >>> head_words("spokesman for the State Department"), head_words("a source close to him")
        (['spokesman'], ['a', 'source'])
        >>> head_words("several people directly familiar with the talks")
        ['several', 'people']
    """
    words = text.split()
    for i, word in enumerate(words[1:], start=1):
        if word.lower() in DESCRIPTION_PREPS or word.lower() in KNOWING_MODIFIERS:
            while i > 1 and words[i - 1].lower() in KNOWING_ADVERBS:  # "directly familiar"
                i -= 1
            return words[:i]
    return words


def head_word(text: str) -> str:
    """The last word of a description before its first prepositional phrase, lower-cased.

    Example:
        >>> head_word("Officials at the Pentagon"), head_word("South Korean military")
        ('officials', 'military')
    """
    words = head_words(text)
    return words[-1].lower() if words else ""


def is_description(name: str) -> bool:
    """Is a speaker's name a description ("senior official", "spokesman for the State
    Department"): its head a plain lower-case word, which no name has ("Bashar al-Assad",
    "The Observer" are names)?

    Example:
        >>> is_description("senior Israeli official"), is_description("Bashar al-Assad")
        (True, False)
    """
    words = head_words(name)
    return bool(words) and words[-1].isalpha() and words[-1].islower()


def given_name_gender(full_name: str) -> str | None:
    """ "f" or "m" when a full name opens with a given name of ``data/given_names.yml``,
    else None (a surname alone, names used for both and names written surname first).

    Example:
        >>> given_name_gender("Madeleine Kunin"), given_name_gender("Kim Jong Un")
        ('f', None)
    """
    words = full_name.split()
    if len(words) < 2:
        return None  # "Warren" alone is a surname
    path = data_path(GIVEN_NAMES_FILE)
    return _given_names(str(path), path.stat().st_mtime).get(words[0])


@cache
def _given_names(path: str, mtime: float) -> dict[str, str]:
    """Each listed given name and its gender; read again when the file changes."""
    data = load_yaml(path) or {}
    return {
        name: gender
        for key, gender in (("female", "f"), ("male", "m"))
        for name in string_list(data.get(key), key, path)
    }
