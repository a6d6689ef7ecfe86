"""The explorer's charts: one Figure each, updated in place and drawn straight to SVG.

A view module. A filter change gives each chart new data (a table, or a message when
there is nothing to draw); :class:`Chart` updates the plot already on its Figure (the
Axes, ticks, legend and colour bar are made once: see :class:`toolkit.plots.StanceBars`
and :class:`toolkit.plots.MatrixHeatmap`), lays the Figure out in inches from the widths
of its labels (no layout engine: it would draw everything once more to measure), and
draws it once as SVG into the Image widget. Equal data is not drawn again.

Example:
    >>> chart = SpeakerChart()
    >>> chart.show(pd.DataFrame({"support": [2], "oppose": [1], "neutral": [0]},
    ...     index=pd.Index(["Kim"], name="speaker")))
    >>> bytes(chart.widget.value[:5])
    b'<?xml'
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Iterable
from typing import Any

import matplotlib
import pandas as pd
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

CHART_DPI = 100
# The layout, in inches: room around the parts and for a tick with its gap; the room for
# names (at least NAMES_MIN, else whole LAYOUT_STEPs); the bars' length, each speaker's
# row and the least height; the smallest heatmap; the colour bar's gap and width.
PAD = 0.12
TICK_ROOM = 0.1
NAMES_MIN = 2.0
LAYOUT_STEP = 0.25
BARS_LENGTH = 5.0
BAR_ROW = 0.3
BARS_MIN_HEIGHT = 1.8
HEATMAP_MIN_SIDE = 2.5
COLOUR_BAR_GAP = 0.2
COLOUR_BAR_WIDTH = 0.18
HEATMAP_ROW = 1.6  # a heatmap row's height, in lines of its names' font size
SCALE_LABEL = "−0.5"  # the widest label of the NPMI colour bar


def message_chart(message: str, fig: Figure) -> None:
    """Draw a one-line message (nothing matches, nothing to pair) into an empty ``fig``."""
    fig.set_size_inches(6, 1.5)
    ax = fig.add_subplot()
    ax.text(0.5, 0.5, message, ha="center", va="center", color="#666")
    ax.set_axis_off()


def chart_svg(fig: Figure) -> bytes:
    """Draw a figure once as SVG at its own size, its text left as text for the browser.

    Text is most of a chart's drawing; as SVG text (``svg.fonttype: none``) the browser
    sets it, which makes drawing about twice as quick as to PNG and the image sharp at
    any zoom. The output is the same for the same figure (no date, fixed ids), and the
    labels in it are escaped, so an entity name is never markup.

    Example:
        >>> chart_svg(Figure(figsize=(2, 1), dpi=50))[:5]
        b'<?xml'
    """
    buffer, dpi = io.BytesIO(), fig.dpi
    try:
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "toolkit"}):
            FigureCanvasSVG(fig).print_svg(buffer, metadata={"Date": None})
    finally:
        fig.dpi = dpi  # print_svg leaves it at 72, which would shrink the next heatmap image
    return buffer.getvalue()


def text_inches(texts: Iterable[Any], fontsize: float) -> float:
    """The width of the widest of ``texts`` at ``fontsize`` points, in inches.

    Example:
        >>> text_inches(["a", "a longer name"], 10) > 0.5
        True
    """
    return max((_text_width(str(text), fontsize) for text in texts), default=0.0)


@functools.lru_cache(maxsize=4096)
def _text_width(text: str, fontsize: float) -> float:
    """One line's width in inches, remembered: names come back at every filter change."""
    renderer = RendererAgg(1, 1, 72)  # at 72 dots an inch, one dot is one point
    width, _, _ = renderer.get_text_width_height_descent(text, FontProperties(size=fontsize), False)
    return width / 72


def _stepped(inches: float) -> float:
    """Room for names: at least ``NAMES_MIN``, else ``inches`` rounded up to a whole step.

    The figure then keeps its size (and its renderer, with the text metrics it has
    cached) from one filter change to the next unless a much longer name comes in.
    """
    return max(NAMES_MIN, math.ceil(inches / LAYOUT_STEP) * LAYOUT_STEP)


def _legend_inches(legend: Any) -> float:
    """The width of a legend beside the axes: its widest text, handles and pads."""
    size = legend.prop.get_size_in_points()
    texts = [text.get_text() for text in legend.get_texts()] + [legend.get_title().get_text()]
    rc = matplotlib.rcParams
    ems = (
        rc["legend.borderaxespad"]
        + 2 * rc["legend.borderpad"]
        + rc["legend.handlelength"]
        + rc["legend.handletextpad"]
    )
    return text_inches(texts, size) + ems * size / 72


def _points(setting: str) -> float:
    """An rcParams font size (``"medium"``, ``12``...) in points."""
    return FontProperties(size=matplotlib.rcParams[setting]).get_size_in_points()


def _line(fontsize: float) -> float:
    """The height of one line of text at ``fontsize`` points, with its spacing, in inches."""
    return 1.4 * fontsize / 72


def _place(
    ax: Any,
    left: float,
    bottom: float,
    width: float,
    height: float,
    *,
    below: float = 0.0,
    beside: float = 0.0,
) -> None:
    """Put ``ax`` at a rectangle given in inches from its figure's lower left corner.

    Its axis labels go ``below`` inches under it and ``beside`` inches left of it (right,
    when negative: a colour bar's label), past the tick labels, where matplotlib would
    otherwise measure every tick label at every draw to put them.
    """
    fig = ax.get_figure()
    fig_width, fig_height = fig.get_size_inches()
    ax.set_position((left / fig_width, bottom / fig_height, width / fig_width, height / fig_height))
    gap = matplotlib.rcParams["axes.labelpad"] / 72
    inches = fig.dpi_scale_trans
    ax.xaxis.set_label_coords(left + width / 2, bottom - below - gap, transform=inches)
    if beside >= 0:
        ax.yaxis.set_label_coords(left - beside - gap, bottom + height / 2, transform=inches)
    else:
        ax.yaxis.set_label_coords(
            left + width - beside + gap, bottom + height / 2, transform=inches
        )


def _same(data: Any, shown: Any) -> bool:
    """True when ``data`` is what a chart shows already: the same table, or message."""
    if isinstance(data, pd.DataFrame) and isinstance(shown, pd.DataFrame):
        return data.equals(shown) and data.index.equals(shown.index)
    return type(data) is type(shown) and data == shown


class Chart:
    """One chart of the explorer: an Image widget and the one Figure it is drawn from.

    :meth:`show` takes the chart's data, a table or a message string. A table updates
    the plot on the Figure in place (its Axes, ticks, legend and colour bar are made
    once), a message replaces it; the Figure is laid out for its labels, sized in
    inches, and drawn once to SVG. Data equal to what is shown is not drawn again.
    Subclasses say how to make the plot and how to update and lay it out.
    """

    def __init__(self) -> None:
        import ipywidgets as widgets

        self.figure = Figure(dpi=CHART_DPI, facecolor="white", layout="none")
        self.widget = widgets.Image(format="svg+xml")
        self.data: pd.DataFrame | str | None = None
        self.plot: Any = None

    def show(self, data: pd.DataFrame | str) -> None:
        """Draw ``data`` unless it is what the chart shows already."""
        if self.data is not None and _same(data, self.data):
            return
        if isinstance(data, str):
            self.figure.clear()
            self.plot = None
            message_chart(data, self.figure)
        else:
            if self.plot is None:
                self.figure.clear()
                self.plot = self.make_plot()
            self.update(data)
        self.widget.value = chart_svg(self.figure)
        self.data = data

    def make_plot(self) -> Any:
        """Make the plot on the empty Figure."""
        raise NotImplementedError

    def update(self, data: pd.DataFrame) -> None:
        """Show ``data`` on the plot, then size the Figure and place its Axes."""
        raise NotImplementedError


class SpeakerChart(Chart):
    """Claims by speaker and stance (a ``speaker_stance_table``), one row a speaker.

    Example:
        >>> chart = SpeakerChart()
        >>> chart.show(pd.DataFrame({"support": [2], "oppose": [1], "neutral": [0]},
        ...     index=pd.Index(["Kim"], name="speaker")))
        >>> chart.figure.axes[0].get_title()
        'Claims by speaker and stance (top 1)'
    """

    def make_plot(self) -> Any:
        from toolkit.plots import StanceBars

        return StanceBars(self.figure.add_axes((0, 0, 1, 1)))

    def update(self, data: pd.DataFrame) -> None:
        self.plot.update(data)
        ticks, labels = _points("ytick.labelsize"), _points("axes.labelsize")
        names = _stepped(TICK_ROOM + text_inches(data.index, ticks))
        numbers = TICK_ROOM + _line(ticks)
        left, bottom = PAD + _line(labels) + names, PAD + _line(labels) + numbers
        width, height = BARS_LENGTH, max(BARS_MIN_HEIGHT, BAR_ROW * len(data))
        top = _line(_points("axes.titlesize")) + PAD
        right = 0.01 * width + _legend_inches(self.plot.ax.get_legend()) + PAD
        self.figure.set_size_inches(left + width + right, bottom + height + top)
        _place(self.plot.ax, left, bottom, width, height, below=numbers, beside=names)


class ComentionChart(Chart):
    """NPMI of the most co-mentioned entities (a ``comention_matrix``), with its colour bar.

    Example:
        >>> chart = ComentionChart()
        >>> nan = float("nan")
        >>> chart.show(pd.DataFrame([[nan, 0.5], [0.5, nan]], index=["A", "B"], columns=["A", "B"]))
        >>> chart.figure.axes[0].get_title()
        'Co-mentions of the top 2 entities (npmi)'
    """

    def make_plot(self) -> Any:
        from toolkit.plots import MatrixHeatmap

        heatmap, colour_bar = self.figure.add_axes((0, 0, 1, 1)), self.figure.add_axes((0, 0, 1, 1))
        return MatrixHeatmap(heatmap, value="npmi", cax=colour_bar)

    def update(self, data: pd.DataFrame) -> None:
        self.plot.update(data)
        fontsize, labels = self.plot.fontsize, _points("axes.labelsize")
        names = _stepped(TICK_ROOM + text_inches(data.index, fontsize))  # left, and below: turned
        scale = TICK_ROOM + text_inches([SCALE_LABEL], _points("ytick.labelsize"))
        side = max(HEATMAP_MIN_SIDE, len(data) * HEATMAP_ROW * fontsize / 72)
        margin = PAD + _line(labels) + names
        right = COLOUR_BAR_GAP + COLOUR_BAR_WIDTH + scale + _line(labels) + PAD
        top = _line(_points("axes.titlesize")) + PAD
        self.figure.set_size_inches(margin + side + right, margin + side + top)
        _place(self.plot.ax, margin, margin, side, side, below=names, beside=names)
        bar_left, bar_bottom = margin + side + COLOUR_BAR_GAP, margin + 0.1 * side
        _place(self.plot.cax, bar_left, bar_bottom, COLOUR_BAR_WIDTH, 0.8 * side, beside=-scale)
