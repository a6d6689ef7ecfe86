"""Explore a claims table in Jupyter: filters, linked views and one claim's provenance.

This is a view module: it reads the claims table the core produces and never the
other way round. The filtering and HTML helpers are plain functions, so they are
tested without a browser; :class:`Explorer` only wires them to ipywidgets. What the
explorer shows is a pure function of its controls' values.

Example:
    >>> import toolkit as tk
    >>> result = tk.process_corpus("data/")  # doctest: +SKIP
    >>> tk.filter_claims(result.claims, stances=["oppose"])  # doctest: +SKIP
    >>> tk.explore(result.claims)  # doctest: +SKIP
"""

from __future__ import annotations

import html
import io
import math
import re
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from toolkit.charts import ComentionChart, SpeakerChart
from toolkit.claim_index import ClaimIndex, as_list, is_missing
from toolkit.errors import Errors
from toolkit.schema import CLAIM_COLUMNS, STANCES, require_columns

TAB_TITLES = ("Claims", "Charts", "Provenance")
PAGE_SIZE = 25
TOP_SPEAKERS = 15
TOP_PAIRS = 25
ALL = "all"
NO_CLAIMS = "No claims match the filters."
NO_PAIRS = "No entities are mentioned together in these claims."
# A closing double quotation mark (after a word), what stands before the next opening one,
# and that mark (before a word): straight marks open and close alike.
GAP_RE = re.compile(r"(?<=\S)[”\"»][^“”\"«»]{1,160}?[“\"«](?=\S)")

CSS = """
<style>
.tk-claims table {border-collapse: collapse; width: 100%; font-size: 13px;}
.tk-claims th {text-align: left; border-bottom: 2px solid #888; padding: 4px 6px;}
.tk-claims td {vertical-align: top; border-bottom: 1px solid #ddd; padding: 4px 6px;}
.tk-claims mark, .tk-provenance mark {background: #fff3b0; padding: 0 1px;}
.tk-role, .tk-muted {color: #666; font-size: 0.9em;}
.tk-context {color: #555;}
.tk-stance {border-radius: 3px; padding: 0 4px; white-space: nowrap;}
.tk-stance-support {background: #d9f2d9;}
.tk-stance-oppose {background: #f8d4d4;}
.tk-stance-neutral {background: #e8e8e8;}
.tk-provenance .tk-speaker {font-weight: bold; border-bottom: 2px solid #3a6ea5;}
.tk-provenance .tk-cue {font-style: italic; border-bottom: 2px dotted #a53a3a;}
.tk-provenance .tk-entity {border-bottom: 1px dashed #777;}
.tk-provenance dl {display: grid; grid-template-columns: max-content auto; gap: 2px 12px;}
.tk-provenance dt {color: #666;}
.tk-stance-filter .widget-toggle-button {padding: 0 6px; margin-right: 2px;}
</style>
"""


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------


def _is_listlike(value: Any) -> bool:
    return not isinstance(value, str | bytes | dict) and hasattr(value, "__iter__")


def _text(value: Any) -> str:
    return "" if is_missing(value) or value is pd.NA else str(value)


def counted(n: int, noun: str) -> str:
    """``n`` and the noun, plural unless ``n`` is one.

    Example:
        >>> counted(1, "article"), counted(3, "claim")
        ('1 article', '3 claims')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _date_text(value: Any) -> str:
    stamp = pd.to_datetime(value, errors="coerce")
    return "" if pd.isna(stamp) else stamp.strftime("%Y-%m-%d")


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------


def filter_claims(
    claims: pd.DataFrame,
    *,
    speakers: Iterable[str] | None = None,
    stances: Iterable[str] | None = None,
    topics: Iterable[str] | None = None,
    targets: Iterable[str] | None = None,
    date_range: Sequence[Any] | None = None,
    text: str | None = None,
) -> pd.DataFrame:
    """Return the claims that pass every filter given; ``None`` or empty means no filter.

    Args:
        claims: the claims table.
        speakers, stances, targets: keep rows whose value is one of these.
        topics: keep rows with any of these topics.
        date_range: ``(start, end)``, inclusive, by day; either end may be ``None``.
            Rows without a date are kept only when no date filter is set.
        text: case-insensitive substring of ``quote``.

    Returns:
        A new frame with the passing rows, original index kept.

    Example:
        >>> claims = pd.DataFrame({"speaker": ["A", "B"], "stance": ["oppose", "support"],
        ...     "topics": [["cyber"], []], "target": [None, None], "quote": ["x", "y"],
        ...     "date": pd.to_datetime(["2023-01-01", None])})
        >>> filter_claims(claims, stances=["oppose"])["speaker"].tolist()
        ['A']
    """
    _check_filters(date_range, text)
    asked = {"speaker": speakers, "stance": stances, "topics": topics, "target": targets,
             "date": date_range, "quote": text}  # fmt: skip
    needed = [column for column, value in asked.items() if value not in (None, "", [], ())]
    require_columns(claims, needed, func="filter_claims", table="claims")
    keep = ClaimIndex(claims).mask(
        speakers=speakers,
        stances=stances,
        topics=topics,
        targets=targets,
        date_range=date_range,
        text=text,
    )
    return claims.loc[keep].copy()


def _check_filters(date_range: Any, text: Any) -> None:
    """A date range is a pair of days (either may be None); a text filter is a string."""
    if date_range is not None:
        if isinstance(date_range, str) or len(date_range) != 2:
            raise ValueError(Errors.E005.format(
                what="date_range", value=date_range, choices="a pair (start, end), None for open"
            ))  # fmt: skip
        for day in date_range:
            if not is_missing(day) and pd.isna(pd.to_datetime(day, errors="coerce")):
                raise ValueError(Errors.E005.format(
                    what="date in date_range", value=day, choices="a date such as 2023-11-12"
                ))  # fmt: skip
    if text is not None and not isinstance(text, str):
        raise TypeError(Errors.E005.format(what="text filter", value=text, choices="a string"))


def complete_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with every column of :data:`toolkit.schema.CLAIM_COLUMNS`, the missing
    ones empty (lists for ``topics`` and ``entities``, row numbers for ``claim_id``), so
    the explorer shows a table of one's own that lacks some.

    Example:
        >>> complete_claims(pd.DataFrame({"quote": ["x"]}))[["claim_id", "topics"]].values.tolist()
        [['row-0', []]]
    """
    missing = [column for column in CLAIM_COLUMNS if column not in claims.columns]
    if not missing:
        return claims
    claims = claims.copy()
    for column in missing:
        if column in ("topics", "entities"):
            claims[column] = [[] for _ in range(len(claims))]
        elif column == "claim_id":
            claims[column] = [f"row-{i}" for i in range(len(claims))]
        elif column == "date":
            claims[column] = pd.Series(pd.NaT, index=claims.index, dtype="datetime64[ns]")
        else:
            claims[column] = None
    return claims


def rows_at(frame: pd.DataFrame, positions: np.ndarray) -> pd.DataFrame:
    """Return the rows at ascending ``positions``, cut as slices of the runs they make.

    Slicing a column is free, while taking rows out of one whose text sits in many Arrow
    chunks (a table concatenated from cached parts) copies the whole column first.

    Example:
        >>> rows_at(pd.DataFrame({"x": range(6)}), np.array([1, 2, 4]))["x"].tolist()
        [1, 2, 4]
    """
    if not len(positions):
        return frame.iloc[0:0]
    runs = np.split(positions, np.flatnonzero(np.diff(positions) != 1) + 1)
    return pd.concat([frame.iloc[run[0] : run[-1] + 1] for run in runs])


def option_counts(claims: pd.DataFrame, column: str) -> list[tuple[Any, int]]:
    """Return ``(value, count)`` pairs of a column, most frequent first, for widget options.

    List columns (``topics``, ``entities``) are exploded, so each topic is counted once
    per claim that has it. Missing values are left out; ties are sorted by label.

    Example:
        >>> claims = pd.DataFrame({"topics": [["cyber", "sanctions"], ["cyber"], []]})
        >>> option_counts(claims, "topics")
        [('cyber', 2), ('sanctions', 1)]
    """
    values = claims[column]
    if values.map(_is_listlike).any():
        values = values.map(as_list).explode()
    counts = values.dropna().value_counts()
    pairs = [(value, int(count)) for value, count in counts.items()]
    return sorted(pairs, key=lambda pair: (-pair[1], str(pair[0])))


def _labelled(pairs: Iterable[tuple[Any, int]]) -> list[tuple[str, Any]]:
    return [(f"{value} ({count})", value) for value, count in pairs]


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------


def locate_quote(sentence: str, quote: str) -> tuple[int, int] | None:
    """Return where ``quote`` sits in ``sentence`` (exact, then case-insensitive), or ``None``.

    Example:
        >>> locate_quote('He said "no deal" today.', "no deal")
        (9, 16)
    """
    if not sentence or not quote:
        return None
    at = sentence.find(quote)
    if at < 0:
        at = sentence.lower().find(quote.lower())
    if at < 0:
        stripped = quote.strip(" \t\n\"'“”‘’«».,;:")
        at = sentence.find(stripped) if stripped else -1
        return None if at < 0 else (at, at + len(stripped))
    return at, at + len(quote)


def _find_outside(
    text: str, needle: str, avoid: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """First case-insensitive whole-word match of ``needle`` overlapping no span in avoid."""
    needle = needle.strip()
    if not needle:
        return None
    pattern = re.escape(needle)
    if needle[0].isalnum():
        pattern = r"\b" + pattern
    if needle[-1].isalnum():
        pattern += r"\b"
    for match in re.finditer(pattern, text, flags=re.IGNORECASE):
        start, end = match.span()
        if all(end <= a or start >= b for a, b in avoid):
            return start, end
    return None


def _find_within(text: str, needle: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """Where ``needle`` first stands as whole words inside ``span`` of ``text``, or None."""
    start, end = span
    found = _find_outside(text[start:end], needle, [])
    return None if found is None else (start + found[0], start + found[1])


def _gaps_between_quotations(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The stretches of ``span`` from a closing to the next opening quotation mark: the
    cue clauses of a joined statement (“We are ready,” Kim said. “We will not wait.”).

    Example:
        >>> text = "“We are ready,” Kim said. “We will wait.”"
        >>> [text[a:b] for a, b in _gaps_between_quotations(text, (1, len(text) - 1))]
        ['” Kim said. “']
    """
    return [
        (span[0] + match.start(), span[0] + match.end())
        for match in GAP_RE.finditer(text[span[0] : span[1]])
    ]


def _carved(span: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``span`` in pieces around ``holes`` (each inside it)."""
    pieces, at = [], span[0]
    for start, end in sorted(holes):
        pieces.append((at, start))
        at = end
    pieces.append((at, span[1]))
    return [(start, end) for start, end in pieces if start < end]


def mark_spans(text: str, spans: Iterable[tuple[int, int, str, str]]) -> str:
    """Escape ``text`` and wrap each ``(start, end, tag, css_class)`` span in that tag.

    Overlapping spans after the first are dropped; everything is escaped with html.escape.

    Example:
        >>> mark_spans("a <b> c", [(2, 5, "mark", "q")])
        'a <mark class="q">&lt;b&gt;</mark> c'
    """
    out, at = [], 0
    for start, end, tag, css_class in sorted(spans):
        if start < at or end <= start:
            continue
        out.append(html.escape(text[at:start]))
        out.append(f'<{tag} class="{css_class}">{html.escape(text[start:end])}</{tag}>')
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def highlight_quote(sentence: Any, quote: Any) -> str:
    """Return escaped HTML of the sentence with the quote marked.

    When the quote isn't inside the sentence, the quote is shown marked and the
    sentence follows as context.

    Example:
        >>> highlight_quote("He said <no>.", "<no>")
        'He said <mark class="tk-quote">&lt;no&gt;</mark>.'
    """
    sentence, quote = _text(sentence), _text(quote)
    span = locate_quote(sentence, quote)
    if span is not None:
        return mark_spans(sentence, [(*span, "mark", "tk-quote")])
    marked = f'<mark class="tk-quote">{html.escape(quote)}</mark>'
    if sentence:
        return f'{marked}<br><span class="tk-context">{html.escape(sentence)}</span>'
    return marked


def _speaker_html(row: Any) -> str:
    speaker = _text(getattr(row, "speaker", None)) or _text(getattr(row, "speaker_mention", None))
    role = _text(getattr(row, "speaker_role", None))
    out = html.escape(speaker or "(unknown)")
    if role:
        out += f'<br><span class="tk-role">{html.escape(role)}</span>'
    return out


def _stance_html(stance: Any) -> str:
    stance = _text(stance)
    css = stance if stance in STANCES else "neutral"
    return f'<span class="tk-stance tk-stance-{css}">{html.escape(stance)}</span>'


def claims_table_html(
    claims: pd.DataFrame, *, start: int = 0, limit: int | None = None, css: bool = True
) -> str:
    """Return an HTML table of claims, every text cell escaped.

    Columns: date, speaker (with role), the quote highlighted in its sentence, cue,
    via, stance and topics. Each claim is one ``<tr class="tk-claim">`` row.

    Args:
        claims: the claims to show.
        start, limit: the slice of rows to show (a page).
        css: include the style block.

    Example:
        >>> claims = pd.DataFrame({"claim_id": ["c1"], "quote": ["<script>"],
        ...     "sentence": ["x <script> y"], "speaker": ["A"], "stance": ["oppose"]})
        >>> "&lt;script&gt;" in claims_table_html(claims)
        True
    """
    page = claims.iloc[start : None if limit is None else start + limit]
    rows = []
    for row in page.itertuples(index=False):
        claim_id = html.escape(_text(getattr(row, "claim_id", None)), quote=True)
        topics = ", ".join(html.escape(str(t)) for t in as_list(getattr(row, "topics", None)))
        cells = [
            html.escape(_date_text(getattr(row, "date", None))),
            _speaker_html(row),
            highlight_quote(getattr(row, "sentence", None), getattr(row, "quote", None)),
            html.escape(_text(getattr(row, "cue", None))),
            html.escape(_text(getattr(row, "via", None))),
            _stance_html(getattr(row, "stance", None)),
            topics,
        ]
        tds = "".join(f"<td>{cell}</td>" for cell in cells)
        rows.append(f'<tr class="tk-claim" data-claim-id="{claim_id}">{tds}</tr>')
    header = "".join(
        f"<th>{name}</th>"
        for name in ("Date", "Speaker", "Claim", "Cue", "Via", "Stance", "Topics")
    )
    body = "\n".join(rows) if rows else '<tr><td colspan="7">No claims.</td></tr>'
    table = f"<table><thead><tr>{header}</tr></thead><tbody>\n{body}\n</tbody></table>"
    return (CSS if css else "") + f'<div class="tk-claims">{table}</div>'


def _sentence_start(claim: pd.Series, quote_span: tuple[int, int] | None) -> int | None:
    start = claim.get("start")
    if quote_span is None or is_missing(start):
        return None
    return int(start) - quote_span[0]


def provenance_html(claim: pd.Series | None, *, mentions: pd.DataFrame | None = None) -> str:
    """Return escaped HTML of one claim's sentence with speaker, cue and content marked.

    Entity mentions of the sentence are underlined when ``mentions`` is given and the
    sentence's position in the article can be worked out from the quote's offsets.

    Example:
        >>> claim = pd.Series({"sentence": "Kim said talks failed.", "quote": "talks failed",
        ...     "speaker": "Kim Jong Un", "speaker_mention": "Kim", "cue": "said"})
        >>> '<span class="tk-cue">said</span>' in provenance_html(claim)
        True
    """
    if claim is None:
        return (
            '<div class="tk-provenance tk-muted">Select a claim to see where it comes from.</div>'
        )
    sentence, quote = _text(claim.get("sentence")), _text(claim.get("quote"))
    quote_span = locate_quote(sentence, quote)
    spans: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = [] if quote_span is None else [quote_span]
    gaps = [] if quote_span is None else _gaps_between_quotations(sentence, quote_span)
    cue_clause: list[tuple[int, int]] = []  # narration inside a joined quote: not content
    for field, css_class in (("speaker_mention", "tk-speaker"), ("cue", "tk-cue")):
        names = [_text(claim.get(field))]
        if field == "speaker_mention":
            names.append(_text(claim.get("speaker")))
        found = next((f for name in names if (f := _find_outside(sentence, name, taken))), None)
        if found is None:  # a joined statement's cue clause: “A,” Kim said. “B.”
            inside = [
                (f, gap)
                for name in names
                for gap in gaps
                if (f := _find_within(sentence, name, gap))
            ]
            if inside:
                found, gap = inside[0]
                cue_clause += [gap] if gap not in cue_clause else []
        if found is not None:
            spans.append((*found, "span", css_class))
            taken.append(found)
    if claim.get("kind") == "direct":  # every gap of a joined quotation is narration
        cue_clause = gaps
    if quote_span is not None:
        spans += [(*part, "mark", "tk-quote") for part in _carved(quote_span, cue_clause)]
    offset = _sentence_start(claim, quote_span)
    if mentions is not None and offset is not None and len(mentions):
        doc_mentions = mentions[mentions["doc_id"] == claim.get("doc_id")]
        for mention in doc_mentions.itertuples(index=False):
            start, end = int(mention.start) - offset, int(mention.end) - offset
            if 0 <= start < end <= len(sentence) and all(end <= a or start >= b for a, b in taken):
                spans.append((start, end, "span", "tk-entity"))
                taken.append((start, end))
    if quote_span is None and quote:
        body = f'<p><mark class="tk-quote">{html.escape(quote)}</mark></p>'
        body += f'<p class="tk-context">{mark_spans(sentence, spans)}</p>'
    else:
        body = f"<p>{mark_spans(sentence, spans)}</p>"
    fields = [
        ("speaker", claim.get("speaker")),
        ("role", claim.get("speaker_role")),
        ("speaker type", claim.get("speaker_type")),
        ("cue", claim.get("cue")),
        ("via", claim.get("via")),
        ("kind", claim.get("kind")),
        ("stance", claim.get("stance")),
        ("target", claim.get("target")),
        ("topics", ", ".join(map(str, as_list(claim.get("topics"))))),
        ("entities", ", ".join(map(str, as_list(claim.get("entities"))))),
        ("date", _date_text(claim.get("date"))),
        ("article", claim.get("doc_id")),
        ("offsets", f"{_text(claim.get('start'))}–{_text(claim.get('end'))}"),
        ("claim", claim.get("claim_id")),
    ]
    items = "".join(
        f"<dt>{html.escape(name)}</dt><dd>{html.escape(_text(value))}</dd>"
        for name, value in fields
        if _text(value)
    )
    legend = (
        '<p class="tk-muted"><span class="tk-speaker">speaker</span> · '
        '<span class="tk-cue">cue</span> · <mark>content</mark></p>'
    )
    return f'{CSS}<div class="tk-provenance">{legend}{body}<dl>{items}</dl></div>'


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------


def figure_png(fig) -> bytes:
    """Return a figure drawn as PNG bytes, cropped to what it shows (for briefs)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# Widgets
# ---------------------------------------------------------------------------


class Explorer:
    """Filters and linked views over a claims table.

    Attributes:
        widget: the ipywidgets box to display.
        filtered: the claims passing the current filters (made when first read).
        keep: the same as a boolean mask over ``claims``.
        table_html: the HTML of the current page of the claims table.
        charts: the two charts by name (``speakers``, ``comention``), each one Figure
            redrawn in place, and only while the Charts tab is open (with another tab open
            they are drawn when the tab is opened, so filtering stays quick).
        figures: the charts' figures drawn so far, by name.
        error: the traceback of the last failed update, or ``None``.

    Example:
        >>> explorer = Explorer(claims)  # doctest: +SKIP
        >>> explorer.stance.value = "oppose"  # doctest: +SKIP
        >>> len(explorer.filtered)  # doctest: +SKIP
    """

    def __init__(
        self,
        claims: pd.DataFrame,
        *,
        mentions: pd.DataFrame | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        claims = complete_claims(claims)
        self.claims = claims
        self.index = ClaimIndex(claims).prepare()
        self.mentions = mentions
        self._mention_rows = {} if mentions is None else mentions.groupby("doc_id").indices
        self._mention_spans = None if mentions is None else mentions[["start", "end"]].to_numpy()
        self.page_size = page_size
        self.keep = np.zeros(len(claims), dtype=bool)
        self._rows = np.flatnonzero(self.keep)
        self._filtered: pd.DataFrame | None = None
        self._charts_stale = True
        self.error: str | None = None
        self._holding = 0
        self._build_controls()
        self._build_views()
        self.widget = self._build_layout()
        self._wire()
        self.refresh()

    # -- layout --------------------------------------------------------------

    def _build_controls(self) -> None:
        import ipywidgets as widgets

        wide = widgets.Layout(width="98%")
        self._speaker_options = _labelled(option_counts(self.claims, "speaker"))
        self.speaker_search = widgets.Text(placeholder="search speakers", layout=wide)
        self.speakers = widgets.SelectMultiple(
            options=self._speaker_options, rows=8, description="Speakers", layout=wide
        )
        stance_counts = dict(option_counts(self.claims, "stance"))
        self.stance = widgets.ToggleButtons(
            options=[
                (f"{ALL} ({len(self.claims)})", ALL),
                *_labelled((stance, stance_counts.get(stance, 0)) for stance in STANCES),
            ],
            value=ALL,
            description="Stance",
            style={"button_width": "auto"},
        )
        self.stance.add_class("tk-stance-filter")  # narrow buttons: the counts fit on one line
        self.topics = widgets.SelectMultiple(
            options=_labelled(option_counts(self.claims, "topics")),
            rows=6,
            description="Topics",
            layout=wide,
        )
        self.target = widgets.Dropdown(
            options=[("all targets", ALL), *_labelled(option_counts(self.claims, "target"))],
            value=ALL,
            description="Target",
            layout=wide,
        )
        self.date_from = widgets.DatePicker(description="From")
        self.date_to = widgets.DatePicker(description="To")
        self.search = widgets.Text(
            placeholder="words in the quote, then Enter",
            description="Text",
            continuous_update=False,
            layout=wide,
        )
        self.reset_button = widgets.Button(description="Reset filters", icon="undo")
        self.page = widgets.BoundedIntText(
            value=1, min=1, max=1, description="Page", layout=widgets.Layout(width="160px")
        )
        self.prev_button = widgets.Button(description="◀", layout=widgets.Layout(width="40px"))
        self.next_button = widgets.Button(description="▶", layout=widgets.Layout(width="40px"))
        self.claim = widgets.Dropdown(description="Claim", options=[], layout=wide)

    def _build_views(self) -> None:
        import ipywidgets as widgets

        self.summary = widgets.HTML()
        self.pages = widgets.HTML()
        self.table = widgets.HTML()
        self.charts = {"speakers": SpeakerChart(), "comention": ComentionChart()}
        self.speaker_plot = self.charts["speakers"].widget
        self.comention_plot = self.charts["comention"].widget
        self.provenance = widgets.HTML()
        self.log = widgets.Output()

    @property
    def filter_controls(self) -> tuple:
        """The controls whose values filter the claims, in the order the panel shows them."""
        return (
            self.speakers,
            self.stance,
            self.topics,
            self.target,
            self.date_from,
            self.date_to,
            self.search,
        )

    def _build_layout(self):
        import ipywidgets as widgets

        filters = widgets.VBox(
            [
                widgets.HTML("<b>Filters</b>"),
                self.speaker_search,
                *self.filter_controls,
                self.reset_button,
            ],
            layout=widgets.Layout(width="340px", min_width="300px"),
        )
        pager = widgets.HBox([self.prev_button, self.page, self.next_button, self.pages])
        self.tabs = widgets.Tab(
            children=[
                widgets.VBox([pager, self.table]),
                widgets.VBox([self.speaker_plot, self.comention_plot]),
                widgets.VBox([self.claim, self.provenance]),
            ]
        )
        for index, name in enumerate(TAB_TITLES):
            self.tabs.set_title(index, name)
        views = widgets.VBox([self.summary, self.tabs], layout=widgets.Layout(flex="1"))
        return widgets.VBox([widgets.HBox([filters, views]), self.log])

    def _wire(self) -> None:
        for control in self.filter_controls:
            control.observe(self._on_filter, names="value")
        self.speaker_search.observe(self._on_speaker_search, names="value")
        self.tabs.observe(self._on_tab, names="selected_index")
        self.page.observe(self._on_page, names="value")
        self.claim.observe(self._on_claim, names="value")
        self.prev_button.on_click(lambda _: self._step_page(-1))
        self.next_button.on_click(lambda _: self._step_page(+1))
        self.reset_button.on_click(lambda _: self.reset())

    def _repr_mimebundle_(self, **kwargs: Any):
        return self.widget._repr_mimebundle_(**kwargs)

    # -- state ---------------------------------------------------------------

    def filters(self) -> dict[str, Any]:
        """Return the filter arguments the controls hold now, as for :func:`filter_claims`."""
        return {
            "speakers": list(self.speakers.value),
            "stances": None if self.stance.value == ALL else [self.stance.value],
            "topics": list(self.topics.value),
            "targets": None if self.target.value == ALL else [self.target.value],
            "date_range": (self.date_from.value, self.date_to.value),
            "text": self.search.value,
        }

    @property
    def filtered(self) -> pd.DataFrame:
        """The claims passing the current filters, as :func:`filter_claims` returns them."""
        if self._filtered is None:
            self._filtered = self.claims.loc[self.keep].copy()
        return self._filtered

    @property
    def figures(self) -> dict[str, Figure]:
        """The charts' figures drawn so far, by name."""
        return {name: chart.figure for name, chart in self.charts.items() if chart.data is not None}

    @property
    def table_html(self) -> str:
        return self.table.value

    @property
    def n_matching(self) -> int:
        """How many claims pass the current filters."""
        return len(self._rows)

    @property
    def n_pages(self) -> int:
        return max(1, math.ceil(self.n_matching / self.page_size))

    @property
    def page_claims(self) -> pd.DataFrame:
        """The claims of the page shown."""
        start = (self.page.value - 1) * self.page_size
        return rows_at(self.claims, self._rows[start : start + self.page_size])

    @contextmanager
    def _hold(self) -> Iterator[None]:
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1

    @contextmanager
    def _report_errors(self) -> Iterator[None]:
        try:
            yield
        except Exception:
            self.error = traceback.format_exc()
            self.log.outputs = ({"output_type": "stream", "name": "stderr", "text": self.error},)
        else:
            self.error = None
            self.log.outputs = ()

    # -- handlers --------------------------------------------------------------

    def _on_filter(self, change: dict) -> None:
        if not self._holding:
            self.refresh()

    def _on_page(self, change: dict) -> None:
        if not self._holding:
            with self._report_errors():
                self._render_page()

    def _on_claim(self, change: dict) -> None:
        if not self._holding:
            with self._report_errors():
                self._render_provenance(self.page_claims)

    def _on_speaker_search(self, change: dict) -> None:
        with self._report_errors():
            needle = change["new"].strip().lower()
            chosen = set(self.speakers.value)
            options = [
                (label, value)
                for label, value in self._speaker_options
                if not needle or needle in str(value).lower() or value in chosen
            ]
            with self._hold():
                self.speakers.options = options
                self.speakers.value = tuple(v for _, v in options if v in chosen)

    def _step_page(self, step: int) -> None:
        self.page.value = min(max(1, self.page.value + step), self.n_pages)

    def reset(self) -> None:
        """Clear every filter and show all claims."""
        with self._hold():
            self.speaker_search.value = ""  # its handler puts every speaker back in the list
            self.speakers.value = ()
            self.stance.value = ALL
            self.topics.value = ()
            self.target.value = ALL
            self.date_from.value = None
            self.date_to.value = None
            self.search.value = ""
        self.refresh()

    # -- rendering -------------------------------------------------------------

    def refresh(self) -> None:
        """Filter the claims with the controls' values and redraw every view."""
        with self._report_errors():
            self.keep = self.index.mask(**self.filters())
            self._rows = np.flatnonzero(self.keep)
            self._filtered = None
            self.summary.value = (
                f"<b>{self.n_matching}</b> of {counted(len(self.claims), 'claim')} · "
                f"{counted(self.index.count('speaker', self.keep), 'speaker')} · "
                f"{counted(self.index.count('doc_id', self.keep), 'article')}"
            )
            with self._hold():
                self.page.max = self.n_pages
                self.page.value = 1
            self._render_page()
            self._charts_stale = True
            if self.charts_shown:
                self._render_figures()

    @property
    def charts_shown(self) -> bool:
        """True while the Charts tab is open: charts are drawn only where they are seen."""
        return self.tabs.selected_index == TAB_TITLES.index("Charts")

    def _on_tab(self, change: dict) -> None:
        if self.charts_shown and self._charts_stale:
            with self._report_errors():
                self._render_figures()

    def _render_page(self) -> None:
        start = (self.page.value - 1) * self.page_size
        page = self.page_claims
        first = start + 1 if len(page) else 0
        self.pages.value = f"claims {first}–{start + len(page)} of {self.n_matching}"
        self.table.value = claims_table_html(page)
        options = [
            (f"{_text(row.speaker) or '?'}: {_text(row.quote)[:80]}", row.claim_id)
            for row in page.itertuples(index=False)
        ]
        with self._hold():
            self.claim.options = options
            self.claim.value = options[0][1] if options else None
        self._render_provenance(page)

    def _render_provenance(self, page: pd.DataFrame) -> None:
        chosen = page[page["claim_id"] == self.claim.value]
        claim = None if chosen.empty else chosen.iloc[0]
        self.provenance.value = provenance_html(claim, mentions=self._doc_mentions(claim))

    def _doc_mentions(self, claim: pd.Series | None) -> pd.DataFrame | None:
        """Where the claim's article mentions entities: the ``doc_id``, ``start`` and ``end``
        that :func:`provenance_html` reads, looked up by article (not searched for)."""
        if self._mention_spans is None or claim is None:
            return self.mentions
        doc_id = claim.get("doc_id")
        spans = self._mention_spans[self._mention_rows.get(doc_id, [])]
        return pd.DataFrame({"doc_id": doc_id, "start": spans[:, 0], "end": spans[:, 1]})

    def _render_figures(self) -> None:
        if not self.keep.any():
            speakers = comention = NO_CLAIMS
        else:
            from toolkit.plots import cluster_matrix

            speakers = self.index.speaker_stance(self.keep, top=TOP_SPEAKERS)
            matrix = self.index.comention_matrix(self.keep, top=TOP_PAIRS)
            comention = cluster_matrix(matrix, value="npmi") if len(matrix) else NO_PAIRS
        self.charts["speakers"].show(speakers)
        self.charts["comention"].show(comention)
        self._charts_stale = False


def explore(claims: pd.DataFrame, *, mentions: pd.DataFrame | None = None) -> Explorer:
    """Return the explorer of a claims table; it shows itself as the widget in a notebook,
    and keeps the filtered table at hand (``.filtered``) for the next cell.

    Example:
        >>> import toolkit as tk
        >>> explorer = tk.explore(tk.process_corpus("data/").claims)  # doctest: +SKIP
        >>> explorer.stance.value = "oppose"  # doctest: +SKIP
        >>> explorer.filtered["speaker"].value_counts()  # doctest: +SKIP
    """
    return Explorer(claims, mentions=mentions)


class CorpusLoader:
    """A path box and a Load button that process a corpus and show its explorer.

    Attributes:
        widget: the box to display.
        explorer: the current :class:`Explorer`, or ``None`` before a load.
        result: what ``process`` returned for the last load.

    Example:
        >>> CorpusLoader("data/").widget  # doctest: +SKIP
    """

    def __init__(
        self,
        path: str = "data/",
        *,
        autoload: bool = True,
        process: Callable[[str], Any] | None = None,
    ) -> None:
        import ipywidgets as widgets

        self.process = process or _process_cached
        self.explorer: Explorer | None = None
        self.result: Any = None
        self.error: str | None = None
        self.path = widgets.Text(
            value=str(path), description="Corpus", layout=widgets.Layout(width="420px")
        )
        self.load_button = widgets.Button(
            description="Load", icon="folder-open", button_style="primary"
        )
        self.status = widgets.HTML()
        self.body = widgets.VBox()
        self.log = widgets.Output()
        self.widget = widgets.VBox(
            [widgets.HBox([self.path, self.load_button, self.status]), self.log, self.body]
        )
        self.load_button.on_click(lambda _: self.load())
        if autoload:
            self.load()

    def _repr_mimebundle_(self, **kwargs: Any):
        return self.widget._repr_mimebundle_(**kwargs)

    def load(self) -> None:
        """Process the corpus at the path box's value and show a fresh explorer."""
        path = self.path.value.strip()
        self.status.value = f"Loading {html.escape(path)}…"
        self.load_button.disabled = True
        try:
            with warnings.catch_warnings():  # the inputs skipped are listed in the log instead
                warnings.filterwarnings("ignore", message=r"\[W001\]")
                self.result = self.process(path)
            self.explorer = Explorer(self.result.claims, mentions=self.result.mentions)
            self.body.children = (self.explorer.widget,)
            articles = getattr(self.result, "articles", None)
            n_articles = "? articles" if articles is None else counted(len(articles), "article")
            status = (
                f"{n_articles}, {counted(len(self.result.claims), 'claim')} from "
                f"<code>{html.escape(path)}</code>"
            )
            skipped = getattr(self.result, "errors", None)
            if skipped is not None and len(skipped):
                status += (
                    f"; <span style='color:#a00'>{counted(len(skipped), 'input')} skipped "
                    "(listed below)</span>"
                )
            self.status.value = status
            self.error = None
            self.log.outputs = (
                ({"output_type": "stream", "name": "stderr", "text": skipped_text(skipped)},)
                if skipped is not None and len(skipped)
                else ()
            )
        except Exception as exc:
            self.error = traceback.format_exc()
            self.status.value = f"<span style='color:#a00'>{html.escape(str(exc))}</span>"
            self.log.outputs = ({"output_type": "stream", "name": "stderr", "text": self.error},)
        finally:
            self.load_button.disabled = False


def skipped_text(errors: pd.DataFrame | list[dict]) -> str:
    """One line per input that could not be read: its path and the reason.

    Example:
        >>> skipped_text(pd.DataFrame({"path": ["a/empty.txt"], "reason": ["empty file"]}))
        'a/empty.txt: empty file\\n'
    """
    rows = pd.DataFrame(errors)  # a table, or a list of {"path", "reason"} dicts
    return "".join(f"{row.path}: {row.reason}\n" for row in rows.itertuples(index=False))


def _process_cached(path: str) -> Any:
    from toolkit.pipeline import process_corpus

    return process_corpus(path, cache=True)


def load_and_explore(path: str = "data/", *, autoload: bool = True):
    """Return a widget with a corpus path, a Load button and the explorer of that corpus.

    Example:
        >>> import toolkit as tk
        >>> from toolkit.explorer import load_and_explore
        >>> load_and_explore("data/")  # doctest: +SKIP
    """
    return CorpusLoader(path, autoload=autoload).widget


__all__ = [
    "CorpusLoader",
    "Explorer",
    "as_list",
    "claims_table_html",
    "explore",
    "filter_claims",
    "highlight_quote",
    "load_and_explore",
    "option_counts",
    "provenance_html",
]
