"""Matplotlib figures from the toolkit's tables: co-mentions, speakers, topics over time.

Every function takes a DataFrame (column names as keyword arguments where they vary),
draws into the ``ax`` it is given or into a new figure, labels it, and returns the
``Figure``. On empty data it returns a figure that says so instead of raising. It
never calls ``plt.show()``: a new figure is taken off pyplot's list as soon as it is
made, so in Jupyter it is shown once, as the cell's value, and in a script it is
saved with ``fig.savefig(...)``.

Example:
    >>> import toolkit as tk
    >>> fig = tk.plots.claims_by_speaker(claims, top=10)  # doctest: +SKIP
    >>> fig.savefig("speakers.png")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Literal

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import pdist

from toolkit.errors import Errors
from toolkit.schema import STANCES, require_columns

STANCE_COLOURS = {"support": "#4a9c45", "oppose": "#c8453b", "neutral": "#a6a6a6"}
NO_DATA = "No data to plot"
PERIOD_NAMES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
TIMELINE_KINDS = ("line", "area")
DIVERGING = {"npmi", "pmi"}
NETWORK_SEED = 7
MAX_ANNOTATED = 20
COLOUR_BAR_VECTOR_STEPS = 1024  # a colour bar of fewer colour steps is drawn as shapes


def comention_heatmap(
    pairs: pd.DataFrame, *, value: str = "npmi", top: int = 25, ax: Axes | None = None
) -> Figure:
    """Draw the co-mention matrix of the most co-mentioned entities, clustered.

    Entities are ranked by their total co-mention ``count`` (or by ``value`` when there
    is no count column); rows and columns follow a hierarchical clustering of their
    profiles, so groups of entities named together sit together. Pairs never seen
    together are blank. Rows repeated across ``by`` groups are pooled (counts summed,
    other measures averaged): pass one period's rows for that period's picture.

    Args:
        pairs: output of ``toolkit.stats.comention``.
        value: the column to colour by: ``npmi``, ``pmi``, ``lift``, ``count``, ``g2``...
        top: how many entities to show.
        ax: axes to draw into; a new figure when omitted.

    Returns:
        The figure.

    Example:
        >>> fig = comention_heatmap(comention(mentions), value="npmi", top=20)  # doctest: +SKIP
    """
    if pairs.empty:
        return _no_data(ax, f"Co-mentions of the top entities ({value})")
    require_columns(pairs, ["a", "b", value], func="comention_heatmap", table="comention() output")
    return comention_matrix_heatmap(
        comention_matrix(pairs, value=value, top=top), value=value, ax=ax
    )


def comention_matrix(pairs: pd.DataFrame, *, value: str = "npmi", top: int = 25) -> pd.DataFrame:
    """Return the square matrix :func:`comention_heatmap` draws: the ``top`` entities, clustered.

    Pairs are pooled over ``by`` groups and entities ranked as :func:`comention_heatmap`
    says; a pair never seen together, and an entity with itself, is NaN.

    Example:
        >>> pairs = pd.DataFrame({"a": ["A", "A"], "b": ["B", "C"], "count": [3, 1],
        ...     "npmi": [0.5, -0.2]})
        >>> comention_matrix(pairs, top=2)
             A    B
        A  NaN  0.5
        B  0.5  NaN
    """
    pairs = _pool_pairs(pairs, value)
    names = _top_entities(pairs, top)
    shown = pairs[pairs["a"].isin(names) & pairs["b"].isin(names)]
    position = pd.Index(names)
    rows, columns = position.get_indexer(shown["a"]), position.get_indexer(shown["b"])
    values = np.full((len(names), len(names)), np.nan)
    values[rows, columns] = values[columns, rows] = shown[value].to_numpy(dtype=float)
    return cluster_matrix(pd.DataFrame(values, index=names, columns=names), value=value)


def cluster_matrix(matrix: pd.DataFrame, *, value: str = "npmi") -> pd.DataFrame:
    """Return a square co-mention matrix with rows and columns in clustering order.

    Average-linkage clustering of the rows' profiles (blanks as the lowest value for
    ``npmi``/``pmi``, as 0 otherwise) puts entities named together next to each other;
    fewer than three rows keep their order.

    Example:
        >>> matrix = pd.DataFrame([[np.nan, 0.9, -0.5], [0.9, np.nan, -0.4],
        ...     [-0.5, -0.4, np.nan]], index=list("ACB"), columns=list("ACB"))
        >>> cluster_matrix(matrix).index.tolist()  # A and C, named together, side by side
        ['B', 'C', 'A']
    """
    order = _cluster_order(matrix, fill=0.0 if value not in DIVERGING else None)
    return matrix.iloc[order, order]


def comention_matrix_heatmap(
    matrix: pd.DataFrame, *, value: str = "npmi", ax: Axes | None = None
) -> Figure:
    """Draw a :func:`comention_matrix` as a heatmap with a colour bar for ``value``.

    Example:
        >>> fig = comention_matrix_heatmap(comention_matrix(pairs), value="npmi")  # doctest: +SKIP
    """
    if matrix.empty:
        return _no_data(ax, f"Co-mentions of the top entities ({value})")
    fig, ax = _axes(ax, figsize=_square_size(len(matrix)))
    MatrixHeatmap(ax, value=value).update(matrix)
    return fig


class MatrixHeatmap:
    """A co-mention matrix drawn on one Axes with its colour bar, redrawn in place.

    The Axes, colour bar and ticks are made once; :meth:`update` puts a new matrix in
    the image and new names on the ticks, so a view that redraws at every filter change
    (the explorer) does not build a figure each time.

    Args:
        ax: the axes to draw into.
        value: the measure the matrix holds (``npmi``, ``count``...), for the colours.
        cax: axes for the colour bar; without it the bar takes room from ``ax``.

    Example:
        >>> fig = Figure()
        >>> heatmap = MatrixHeatmap(fig.add_subplot(), value="npmi")
        >>> heatmap.update(pd.DataFrame([[np.nan, 0.5], [0.5, np.nan]], index=["A", "B"],
        ...     columns=["A", "B"]))
        >>> heatmap.ax.get_title()
        'Co-mentions of the top 2 entities (npmi)'
    """

    def __init__(self, ax: Axes, *, value: str = "npmi", cax: Axes | None = None) -> None:
        self.ax = ax
        self.value = value
        cmap, vmin, vmax = _colour_scale(pd.DataFrame(), value)
        # One pixel a cell, scaled sharp by the viewer: an SVG holds the matrix, not a picture.
        self.image = ax.imshow(
            np.ma.masked_all((1, 1)), cmap=cmap, vmin=vmin, vmax=vmax, interpolation="none"
        )
        ax.set_xlabel("Entity")
        ax.set_ylabel("Entity")
        ax.tick_params(left=False, bottom=False)  # the names label rows and columns
        if cax is None:
            colour_bar = ax.figure.colorbar(self.image, ax=ax, label=value, shrink=0.8)
        else:
            colour_bar = ax.figure.colorbar(self.image, cax=cax, label=value)
        colour_bar.n_rasterize = COLOUR_BAR_VECTOR_STEPS  # shapes, not a raster of the figure
        self.cax = colour_bar.ax
        if value == "npmi":
            self.cax.set_yticks([-1.0, -0.5, 0.0, 0.5, 1.0])
        self.fontsize = _tick_fontsize(1)

    def update(self, matrix: pd.DataFrame) -> None:
        """Show ``matrix`` (a :func:`comention_matrix`): colours, names and title."""
        n = len(matrix)
        values = np.ma.masked_invalid(matrix.to_numpy(dtype=float))
        _, vmin, vmax = _colour_scale(matrix, self.value)
        self.image.set_data(values)
        self.image.set_extent((-0.5, n - 0.5, n - 0.5, -0.5))
        if vmin is None:
            self.image.autoscale()
        else:
            self.image.set_clim(vmin, vmax)
        self.fontsize = _tick_fontsize(n)
        self.ax.set_xticks(range(n), matrix.columns, rotation=90, fontsize=self.fontsize)
        self.ax.set_yticks(range(n), matrix.index, fontsize=self.fontsize)
        # y=1.0: nothing sits above the axes, so matplotlib need not measure for room.
        self.ax.set_title(f"Co-mentions of the top {n} entities ({self.value})", y=1.0)


def comention_network(
    pairs: pd.DataFrame,
    *,
    top: int = 40,
    min_count: int = 2,
    weight: str = "npmi",
    ax: Axes | None = None,
) -> Figure:
    """Draw the co-mention network of the most co-mentioned entities.

    Pairs seen together fewer than ``min_count`` times are dropped, and so are pairs named
    together less often than chance when ``weight`` is ``npmi`` or ``pmi``; of the rest, the
    ``top`` entities with the most co-mentions are drawn, sized by their co-mentions,
    and joined by edges as wide as the pair's ``weight``. The spring layout has a fixed
    seed, so the same table always gives the same picture.

    Args:
        pairs: output of ``toolkit.stats.comention``.
        top: how many entities to draw.
        min_count: the least ``count`` for a pair to become an edge.
        weight: the column that sets edge width and pull (``npmi``, ``count``, ``lift``...).
        ax: axes to draw into; a new figure when omitted.

    Returns:
        The figure.

    Example:
        >>> fig = comention_network(comention(mentions), top=30, min_count=3)  # doctest: +SKIP
    """
    title = f"Co-mention network (pairs seen together ≥ {min_count} times)"
    if not pairs.empty:
        require_columns(
            pairs, ["a", "b", weight], func="comention_network", table="comention() output"
        )
        pairs = _pool_pairs(pairs, weight)
        if "count" in pairs.columns:
            pairs = pairs[pairs["count"] >= min_count]
        keep = pairs[weight] > 0 if weight in DIVERGING else pairs[weight].notna()
        pairs = pairs[keep]
    if pairs.empty:
        return _no_data(ax, title)
    names = set(_top_entities(pairs, top))
    edges = pairs[pairs["a"].isin(names) & pairs["b"].isin(names)]
    if edges.empty:  # top=1: no pair among the entities kept
        return _no_data(ax, title)
    fig, ax = _axes(ax, figsize=(9, 8))
    strength = _strength(edges)
    values = edges[weight].to_numpy(dtype=float)
    low, high = float(values.min()), float(values.max())
    scaled = (values - low) / (high - low) if high > low else np.ones_like(values)
    graph = nx.Graph()
    for a, b, pull in zip(edges["a"], edges["b"], 0.1 + 0.9 * scaled, strict=True):
        graph.add_edge(a, b, pull=pull)
    spread = 3 / np.sqrt(graph.number_of_nodes())  # wider than the default 1/sqrt(n)
    pos = nx.spring_layout(graph, k=spread, weight="pull", iterations=100, seed=NETWORK_SEED)
    widths = [0.5 + 4.5 * graph.edges[a, b]["pull"] for a, b in graph.edges]
    sizes = [80 + 820 * strength[node] / strength.max() for node in graph.nodes]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color="#7f7f7f", alpha=0.6)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=sizes, node_color="#6a8fc7", alpha=0.9)
    nx.draw_networkx_labels(graph, pos, ax=ax, font_size=8)
    ax.set_title(f"Co-mention network of the top {graph.number_of_nodes()} entities")
    ax.set_axis_off()
    handles = [
        Line2D([], [], color="#7f7f7f", linewidth=0.5, label=f"{weight} = {low:.2g}"),
        Line2D([], [], color="#7f7f7f", linewidth=5.0, label=f"{weight} = {high:.2g}"),
        Line2D([], [], color="#6a8fc7", marker="o", linestyle="", label="size: co-mentions"),
    ]
    ax.legend(handles=handles, title=f"count ≥ {min_count}", loc="lower right", fontsize=8)
    return fig


def claims_by_speaker(
    claims: pd.DataFrame,
    *,
    top: int = 15,
    speaker: str = "speaker",
    stance: str = "stance",
    ax: Axes | None = None,
) -> Figure:
    """Draw horizontal bars of claims per speaker, stacked by stance, most claims on top.

    Claims without a speaker are left out; a claim without a stance counts as neutral.

    Args:
        claims: a claims table.
        top: how many speakers to show.
        speaker: the column that names the speaker.
        stance: the column with ``support``/``oppose``/``neutral``.
        ax: axes to draw into; a new figure when omitted.

    Returns:
        The figure.

    Example:
        >>> fig = claims_by_speaker(claims, top=10)  # doctest: +SKIP
    """
    if not claims.empty:
        require_columns(claims, [speaker, stance], func="claims_by_speaker", table="claims")
    table = speaker_stance_table(claims, top=top, speaker=speaker, stance=stance)
    return speaker_stance_bars(table, ax=ax)


def speaker_stance_table(
    claims: pd.DataFrame, *, top: int = 15, speaker: str = "speaker", stance: str = "stance"
) -> pd.DataFrame:
    """Return claims per speaker (rows, most claims first, ties by name) and stance (columns).

    Claims without a speaker are left out; a claim without a stance counts as neutral.
    The rows are the ``top`` speakers, the columns ``support``, ``oppose``, ``neutral``.

    Example:
        >>> claims = pd.DataFrame({"speaker": ["Kim", "Kim", "Blinken", None],
        ...     "stance": ["oppose", None, "support", "oppose"]})
        >>> speaker_stance_table(claims).to_dict("index")
        {'Kim': {'support': 0, 'oppose': 1, 'neutral': 1}, 'Blinken': {'support': 1, 'oppose': 0, 'neutral': 0}}
    """
    columns = pd.Index(STANCES)
    if not claims.empty:
        claims = claims[claims[speaker].notna() & (claims[speaker].astype(object) != "")]
    if claims.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name=speaker), dtype="int64")
    counts = pd.crosstab(claims[speaker], claims[stance].fillna("neutral"))
    counts = counts.reindex(columns=list(STANCES), fill_value=0).set_axis(columns, axis=1)
    order = pd.DataFrame({"total": counts.sum(axis=1).to_numpy(), "name": counts.index})
    order = order.sort_values(["total", "name"], ascending=[False, True], kind="mergesort")
    return counts.iloc[order.index[:top]]


def speaker_stance_bars(table: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Draw a :func:`speaker_stance_table` as bars stacked by stance, the first row on top.

    Example:
        >>> fig = speaker_stance_bars(speaker_stance_table(claims, top=10))  # doctest: +SKIP
    """
    title = "Claims by speaker and stance"
    if table.empty:
        return _no_data(ax, title)
    fig, ax = _axes(ax, figsize=(8, max(3.0, 0.35 * len(table) + 1.5)))
    StanceBars(ax).update(table)
    return fig


class StanceBars:
    """Claims-by-speaker bars stacked by stance on one Axes, redrawn in place.

    The Axes, its labels and legend are made once; :meth:`update` replaces the bars and
    the speakers' names, so a view that redraws at every filter change (the explorer)
    does not build a figure each time.

    Example:
        >>> bars = StanceBars(Figure().add_subplot())
        >>> bars.update(pd.DataFrame({"support": [2], "oppose": [1], "neutral": [0]},
        ...     index=["Kim"]))
        >>> [float(bar.get_width()) for bar in bars.ax.containers[0]]
        [2.0]
    """

    def __init__(self, ax: Axes) -> None:
        self.ax = ax
        ax.set_xlabel("Claims")
        ax.set_ylabel("Speaker")
        ax.tick_params(axis="y", left=False)  # the names label the bars
        # Whole claims, on matplotlib's usual round steps.
        ax.xaxis.set_major_locator(MaxNLocator(steps=[1, 2, 2.5, 5, 10], integer=True))
        handles = [Patch(color=STANCE_COLOURS[name], label=name) for name in STANCES]
        # Beside the bars, never over them.
        ax.legend(handles=handles, title="Stance", loc="upper left", bbox_to_anchor=(1.01, 1.0))

    def update(self, table: pd.DataFrame) -> None:
        """Show ``table`` (a :func:`speaker_stance_table`), its first row on top.

        Bars are reshaped in place while the number of speakers stays the same (making
        a bar costs more than moving one); the axes span the bars, from 0 to 5% past the
        longest.
        """
        rows = table.iloc[::-1]  # barh draws the first row at the bottom
        if len(self.ax.containers) != len(STANCES) or len(self.ax.containers[0]) != len(rows):
            self._make_bars(len(rows))
        left = np.zeros(len(rows))
        for name, container in zip(STANCES, self.ax.containers, strict=True):
            counts = rows[name].to_numpy(dtype=float)
            for bar, start, count in zip(container, left, counts, strict=True):
                bar.set_x(start)
                bar.set_width(count)
            left += counts
        self.ax.set_yticks(np.arange(len(rows)), rows.index)
        self.ax.set_xlim(0, 1.05 * max(float(left.max(initial=0)), 1.0))
        self.ax.set_ylim(-0.5, max(len(rows), 1) - 0.5)  # no speaker: an empty band, no warning
        # y=1.0: nothing sits above the axes, so matplotlib need not measure for room.
        self.ax.set_title(f"Claims by speaker and stance (top {len(rows)})", y=1.0)

    def _make_bars(self, n: int) -> None:
        for container in list(self.ax.containers):
            container.remove()
        for name in STANCES:
            self.ax.barh(np.arange(n), np.zeros(n), color=STANCE_COLOURS[name], label=name)


def topic_timeline(
    claims: pd.DataFrame,
    *,
    freq: str = "M",
    kind: Literal["line", "area"] = "line",
    date: str = "date",
    topics: str = "topics",
    ax: Axes | None = None,
) -> Figure:
    """Draw claims per topic over time, as lines or as a stacked area.

    A claim with several topics counts once for each; claims without a date or a
    topic are left out. Periods with no claims count as zero.

    Args:
        claims: a claims table.
        freq: the period: ``"D"``, ``"W"``, ``"M"``, ``"Q"`` or ``"Y"`` (any pandas
            period alias works).
        kind: ``"line"`` for one line per topic, ``"area"`` for stacked areas.
        date: the column with the claim's date.
        topics: the column with the claim's list of topics.
        ax: axes to draw into; a new figure when omitted.

    Returns:
        The figure.

    Example:
        >>> fig = topic_timeline(claims, freq="W", kind="area")  # doctest: +SKIP
    """
    if kind not in TIMELINE_KINDS:
        raise ValueError(
            Errors.E005.format(what="kind", value=kind, choices=", ".join(TIMELINE_KINDS))
        )
    try:
        pd.Period("2023-01-01", freq=freq)
    except (ValueError, TypeError) as exc:  # "MS", "ME": offsets, not periods
        choices = ", ".join(PERIOD_NAMES) + " (or another pandas period alias)"
        raise ValueError(Errors.E005.format(what="freq", value=freq, choices=choices)) from exc
    period = PERIOD_NAMES.get(freq, freq)
    title = f"Claims per topic by {period}"
    if not claims.empty:
        require_columns(claims, [date, topics], func="topic_timeline", table="claims")
        rows = claims[[date, topics]].explode(topics)
        rows = rows.assign(**{date: pd.to_datetime(rows[date], errors="coerce")})
        claims = rows[rows[date].notna() & rows[topics].notna()]
    if claims.empty:
        return _no_data(ax, title)
    starts = claims[date].dt.to_period(freq)
    table = pd.crosstab(starts, claims[topics])
    table = table.reindex(pd.period_range(starts.min(), starts.max(), freq=freq), fill_value=0)
    table = table[table.sum().sort_values(ascending=False, kind="mergesort").index]
    x = table.index.to_timestamp()
    fig, ax = _axes(ax, figsize=(10, 5))
    colours = _colours(len(table.columns))
    if kind == "area":
        ax.stackplot(x, table.T.to_numpy(), labels=table.columns, colors=colours, alpha=0.85)
    else:
        marker = "o" if len(x) <= 24 else None
        for topic, colour in zip(table.columns, colours, strict=True):
            ax.plot(x, table[topic], marker=marker, color=colour, label=topic)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel(period.capitalize())
    ax.set_ylabel("Claims")
    ax.set_ylim(bottom=0)
    ax.set_title(title)
    ax.legend(title="Topic", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    return fig


def speaker_entity_heatmap(
    table: pd.DataFrame, *, top: int = 15, value: str = "claims", ax: Axes | None = None
) -> Figure:
    """Draw which entities each speaker's claims name: speakers × entities, coloured by count.

    Args:
        table: output of ``toolkit.stats.speaker_entity``.
        top: how many speakers, and how many entities, to show (the most claims first).
        value: the count to colour by: ``claims``, ``support``, ``oppose`` or ``neutral``.
        ax: axes to draw into; a new figure when omitted.

    Returns:
        The figure.

    Example:
        >>> fig = speaker_entity_heatmap(speaker_entity(claims), top=12)  # doctest: +SKIP
    """
    title = "Entities named in each speaker's claims"
    if table.empty:
        return _no_data(ax, title)
    require_columns(
        table,
        ["speaker", "entity", value],
        func="speaker_entity_heatmap",
        table="speaker_entity() output",
    )
    matrix = table.pivot_table(
        index="speaker", columns="entity", values=value, aggfunc="sum", fill_value=0
    )
    matrix = matrix.loc[_largest(matrix.sum(axis=1), top), _largest(matrix.sum(axis=0), top)]
    if matrix.empty:  # top=0
        return _no_data(ax, title)
    fig, ax = _axes(
        ax, figsize=(max(6.0, 0.45 * matrix.shape[1] + 3), max(4.0, 0.4 * len(matrix) + 2))
    )
    image = ax.imshow(matrix.to_numpy(), cmap="Blues", vmin=0, aspect="auto")
    if max(matrix.shape) <= MAX_ANNOTATED:
        _annotate(ax, matrix.to_numpy())
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=90, fontsize=8)
    ax.set_yticks(range(matrix.shape[0]), matrix.index, fontsize=8)
    ax.set_xlabel("Entity named in the claim")
    ax.set_ylabel("Speaker")
    label = "Claims" if value == "claims" else f"{value.capitalize()} claims"
    ax.set_title(f"{label}: top {matrix.shape[0]} speakers × top {matrix.shape[1]} entities")
    fig.colorbar(image, ax=ax, label=label, shrink=0.8)
    return fig


# --- helpers ----------------------------------------------------------------------------


def _axes(ax: Axes | None, *, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    """Return the figure and axes to draw into: the caller's, or a new pair."""
    if ax is not None:
        fig = ax.figure
        return (fig if isinstance(fig, Figure) else fig.figure), ax
    fig = plt.figure(figsize=figsize, layout="constrained")
    plt.close(fig)  # the caller owns it; pyplot must not show it a second time
    return fig, fig.add_subplot()


def _no_data(ax: Axes | None, title: str) -> Figure:
    fig, ax = _axes(ax, figsize=(6, 3))
    ax.text(
        0.5,
        0.5,
        NO_DATA,
        ha="center",
        va="center",
        fontsize=12,
        color="#666666",
        transform=ax.transAxes,
    )
    ax.set_title(title)
    ax.set_axis_off()
    return fig


def _pool_pairs(pairs: pd.DataFrame, value: str) -> pd.DataFrame:
    """One row per pair: counts summed over ``by`` groups, other measures averaged."""
    if not pairs.duplicated(["a", "b"]).any():
        return pairs
    how = {value: "sum" if value == "count" else "mean"}
    if "count" in pairs.columns:
        how["count"] = "sum"
    return pairs.groupby(["a", "b"], as_index=False).agg(how)


def _strength(pairs: pd.DataFrame) -> pd.Series:
    """Each entity's total co-mentions (or number of pairs, without a count column)."""
    weights = pairs["count"] if "count" in pairs.columns else pd.Series(1, index=pairs.index)
    return (
        pd.concat([weights.groupby(pairs["a"]).sum(), weights.groupby(pairs["b"]).sum()])
        .groupby(level=0)
        .sum()
    )


def _top_entities(pairs: pd.DataFrame, top: int) -> list[str]:
    return sorted(_largest(_strength(pairs), top))


def _largest(values: pd.Series, top: int) -> list:
    """The index labels of the ``top`` largest values, ties broken alphabetically."""
    frame = pd.DataFrame({"value": values.to_numpy(), "label": values.index})
    frame = frame.sort_values(["value", "label"], ascending=[False, True], kind="mergesort")
    return frame["label"].head(top).tolist()


def _cluster_order(matrix: pd.DataFrame, *, fill: float | None) -> np.ndarray:
    """Leaves of an average-linkage clustering of the rows; table order when that can't be done."""
    n = len(matrix)
    if n < 3:
        return np.arange(n)
    values = matrix.to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return np.arange(n)
    low = float(finite.min()) if fill is None else fill
    profiles = np.where(np.isfinite(values), values, low)
    np.fill_diagonal(profiles, float(finite.max()))
    try:
        distances = pdist(profiles, metric="euclidean")  # rows are profiles, not distances
        tree = linkage(distances, method="average", optimal_ordering=n <= 60)
    except ValueError:
        return np.arange(n)
    return leaves_list(tree)


def _colour_scale(matrix: pd.DataFrame, value: str) -> tuple:
    values = matrix.to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    if value == "npmi":
        cmap, vmin, vmax = "RdBu_r", -1.0, 1.0
    elif value in DIVERGING:
        limit = float(np.abs(finite).max()) if finite.size else 1.0
        cmap, vmin, vmax = "RdBu_r", -limit, limit
    else:
        cmap, vmin, vmax = "viridis", None, None
    return matplotlib.colormaps[cmap].with_extremes(bad="#f2f2f2"), vmin, vmax


def _annotate(ax: Axes, values: np.ndarray) -> None:
    threshold = values.max() / 2 if values.size else 0
    for (row, column), count in np.ndenumerate(values):
        if count:
            colour = "white" if count > threshold else "black"
            ax.text(column, row, f"{count:g}", ha="center", va="center", fontsize=7, color=colour)


def _colours(n: int) -> list:
    cmap = matplotlib.colormaps["tab10" if n <= 10 else "tab20"]
    return [cmap(i % cmap.N) for i in range(n)]


def _square_size(n: int) -> tuple[float, float]:
    side = min(max(5.0, 0.3 * n + 2.5), 14.0)
    return side + 1.5, side


def _tick_fontsize(n: int) -> float:
    return float(np.clip(240 / max(n, 1), 6, 10))
