"""Each plot returns a labelled Figure of the right shape, and a "no data" figure on empty input."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

from toolkit import plots
from toolkit.schema import CLAIM_COLUMNS, COMENTION_COLUMNS, STANCES
from toolkit.stats import comention, speaker_entity


def make_claims(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows).reindex(columns=CLAIM_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def make_pairs(rows: list[tuple]) -> pd.DataFrame:
    """Pairs from ``(a, b, count, npmi)`` rows; the other measures are filler."""
    frame = pd.DataFrame(rows, columns=["a", "b", "count", "npmi"])
    for column in COMENTION_COLUMNS:
        if column not in frame.columns:
            frame[column] = 1.0
    return frame[COMENTION_COLUMNS]


# Two tight groups, {A, B} and {C, D}, weakly tied to each other.
PAIRS = make_pairs(
    [
        ("A", "B", 9, 0.9),
        ("C", "D", 8, 0.8),
        ("A", "C", 2, -0.5),
        ("B", "D", 2, -0.4),
        ("A", "D", 1, -0.6),
    ]
)

CLAIMS = make_claims(
    [
        {"speaker": "Kim", "stance": "oppose", "topics": ["sanctions"], "date": "2023-01-10",
         "entities": ["United States", "South Korea"]},
        {"speaker": "Kim", "stance": "oppose", "topics": ["sanctions", "cyber"],
         "date": "2023-01-20", "entities": ["United States"]},
        {"speaker": "Kim", "stance": "neutral", "topics": ["cyber"], "date": "2023-03-02",
         "entities": ["Japan"]},
        {"speaker": "Blinken", "stance": "support", "topics": ["alliances"],
         "date": "2023-03-15", "entities": ["South Korea"]},
        {"speaker": "Blinken", "stance": "oppose", "topics": ["sanctions"],
         "date": "2023-03-20", "entities": ["North Korea"]},
        {"speaker": "Lavrov", "stance": "oppose", "topics": [], "date": "2023-03-21",
         "entities": []},
    ]
)  # fmt: skip


def render(fig: Figure) -> None:
    """Draw the figure to PNG: layout and text are only resolved on a real draw."""
    fig.savefig(io.BytesIO(), format="png")


def tick_labels(labels) -> list[str]:
    return [label.get_text() for label in labels]


def test_comention_heatmap():
    fig = plots.comention_heatmap(PAIRS)
    render(fig)
    ax = fig.axes[0]
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 2  # the heatmap and its colorbar
    assert ax.get_title() == "Co-mentions of the top 4 entities (npmi)"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Entity", "Entity")
    assert fig.axes[1].get_ylabel() == "npmi"
    values = ax.images[0].get_array()
    assert values.shape == (4, 4)
    assert values.mask.diagonal().all()  # an entity is not paired with itself
    rows = tick_labels(ax.get_yticklabels())
    assert rows == tick_labels(ax.get_xticklabels())
    assert sorted(rows) == ["A", "B", "C", "D"]
    # clustering keeps each tight group together
    assert abs(rows.index("A") - rows.index("B")) == 1
    assert abs(rows.index("C") - rows.index("D")) == 1
    # the matrix is symmetric and holds the pair's value
    a, b = rows.index("A"), rows.index("B")
    assert values[a, b] == values[b, a] == pytest.approx(0.9)


def test_comention_heatmap_top_and_few_entities():
    # Top 2 by total count: A (12) and B (11); fewer than 3 entities skips clustering.
    fig = plots.comention_heatmap(PAIRS, value="count", top=2)
    ax = fig.axes[0]
    assert ax.images[0].get_array().shape == (2, 2)
    assert tick_labels(ax.get_xticklabels()) == ["A", "B"]
    assert ax.get_title() == "Co-mentions of the top 2 entities (count)"


def test_comention_heatmap_pools_periods():
    mentions = pd.DataFrame(
        {"doc_id": ["d1", "d1", "d2", "d2"], "sent": 0, "entity": ["A", "B", "A", "B"]}
    )
    dates = {"d1": "2023-01-01", "d2": "2023-02-01"}
    pairs = comention(mentions, by="month", dates=dates)
    fig = plots.comention_heatmap(pairs, value="count")
    values = fig.axes[0].images[0].get_array()
    assert values[0, 1] == 2


def edge_count(ax) -> int:
    edges = [c for c in ax.collections if isinstance(c, matplotlib.collections.LineCollection)]
    return len(edges[0].get_segments())


def test_comention_network():
    fig = plots.comention_network(PAIRS, min_count=2, weight="count")
    render(fig)
    ax = fig.axes[0]
    # A-B, C-D, A-C and B-D have count >= 2: four entities, four edges.
    assert sorted(text.get_text() for text in ax.texts) == ["A", "B", "C", "D"]
    assert edge_count(ax) == 4
    assert ax.get_title() == "Co-mention network of the top 4 entities"
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "count ≥ 2"
    assert [text.get_text() for text in legend.get_texts()][:2] == ["count = 2", "count = 9"]


def test_comention_network_drops_negative_associations():
    # By npmi, A-C and B-D (named together less than chance) are no ties.
    ax = plots.comention_network(PAIRS, min_count=2).axes[0]
    assert edge_count(ax) == 2
    assert sorted(text.get_text() for text in ax.texts) == ["A", "B", "C", "D"]


def test_comention_network_top_and_min_count():
    fig = plots.comention_network(PAIRS, top=2, min_count=9)
    assert sorted(text.get_text() for text in fig.axes[0].texts) == ["A", "B"]


@pytest.mark.parametrize("top", [0, 1])
def test_comention_network_with_no_pair_left_says_so(top):
    fig = plots.comention_network(PAIRS, top=top, min_count=1)
    assert [text.get_text() for text in fig.axes[0].texts] == [plots.NO_DATA]


def test_a_timeline_refuses_a_kind_or_period_it_cannot_draw():
    claims = pd.DataFrame({"date": pd.to_datetime(["2023-01-05"]), "topics": [["cyber"]]})
    with pytest.raises(ValueError, match=r"E005.*kind.*'bars'"):
        plots.topic_timeline(claims, kind="bars")
    with pytest.raises(ValueError, match=r"E005.*freq.*'MS'"):
        plots.topic_timeline(claims, freq="MS")


def test_a_speaker_entity_heatmap_of_no_row_says_so():
    table = pd.DataFrame({"speaker": ["Kim"], "entity": ["Russia"], "claims": [2]})
    fig = plots.speaker_entity_heatmap(table, top=0)
    assert [text.get_text() for text in fig.axes[0].texts] == [plots.NO_DATA]


def test_comention_network_is_reproducible():
    first = plots.comention_network(PAIRS, min_count=1).axes[0]
    second = plots.comention_network(PAIRS, min_count=1).axes[0]
    assert [t.get_position() for t in first.texts] == [t.get_position() for t in second.texts]


def test_claims_by_speaker():
    fig = plots.claims_by_speaker(CLAIMS)
    render(fig)
    ax = fig.axes[0]
    assert ax.get_title() == "Claims by speaker and stance (top 3)"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Claims", "Speaker")
    assert len(ax.patches) == 3 * len(STANCES)
    # barh draws bottom-up: the speaker with most claims is on top
    assert tick_labels(ax.get_yticklabels()) == ["Lavrov", "Blinken", "Kim"]
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "Stance"
    assert [text.get_text() for text in legend.get_texts()] == list(STANCES)
    support, oppose, neutral = ax.containers
    assert [bar.get_width() for bar in support] == [0, 1, 0]
    assert [bar.get_width() for bar in oppose] == [1, 1, 2]
    assert [bar.get_width() for bar in neutral] == [0, 0, 1]
    assert [bar.get_x() for bar in neutral] == [1, 2, 2]  # stacked after support + oppose


def test_claims_by_speaker_top():
    ax = plots.claims_by_speaker(CLAIMS, top=1).axes[0]
    assert len(ax.patches) == len(STANCES)
    assert tick_labels(ax.get_yticklabels()) == ["Kim"]


def test_claims_by_speaker_draws_into_the_given_axes():
    fig, axes = plt.subplots(1, 2)
    try:
        assert plots.claims_by_speaker(CLAIMS, ax=axes[1]) is fig
        assert len(axes[1].patches) == 9
        assert not axes[0].patches
    finally:
        plt.close(fig)


def test_new_figures_are_not_left_open_in_pyplot():
    before = plt.get_fignums()
    plots.claims_by_speaker(CLAIMS)
    assert plt.get_fignums() == before


def test_topic_timeline_lines():
    fig = plots.topic_timeline(CLAIMS)
    render(fig)
    ax = fig.axes[0]
    assert ax.get_title() == "Claims per topic by month"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Month", "Claims")
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "Topic"
    # sanctions 3, cyber 2, alliances 1: legend by total
    assert [text.get_text() for text in legend.get_texts()] == ["sanctions", "cyber", "alliances"]
    lines = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}
    # January, February (no claims, drawn as 0), March
    assert lines == {"sanctions": [2, 0, 1], "cyber": [1, 0, 1], "alliances": [0, 0, 1]}


def test_topic_timeline_area_by_week():
    ax = plots.topic_timeline(CLAIMS, freq="W", kind="area").axes[0]
    assert ax.get_title() == "Claims per topic by week"
    assert ax.get_xlabel() == "Week"
    assert len(ax.collections) == 3  # one stacked area per topic


def test_speaker_entity_heatmap():
    table = speaker_entity(CLAIMS)
    fig = plots.speaker_entity_heatmap(table)
    render(fig)
    ax = fig.axes[0]
    assert ax.get_title() == "Claims: top 2 speakers × top 4 entities"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Entity named in the claim", "Speaker")
    assert fig.axes[1].get_ylabel() == "Claims"
    assert ax.images[0].get_array().shape == (2, 4)
    assert tick_labels(ax.get_yticklabels()) == ["Kim", "Blinken"]
    # most claims first, ties alphabetical: South Korea 2, United States 2, Japan 1, North Korea 1
    entities = ["South Korea", "United States", "Japan", "North Korea"]
    assert tick_labels(ax.get_xticklabels()) == entities
    assert sorted(text.get_text() for text in ax.texts) == ["1", "1", "1", "1", "2"]


def test_speaker_entity_heatmap_top():
    ax = plots.speaker_entity_heatmap(speaker_entity(CLAIMS), top=1, value="oppose").axes[0]
    assert ax.images[0].get_array().shape == (1, 1)
    assert ax.get_title() == "Oppose claims: top 1 speakers × top 1 entities"


EMPTY_CLAIMS = pd.DataFrame(columns=CLAIM_COLUMNS)


@pytest.mark.parametrize(
    ("draw", "data"),
    [
        (plots.comention_heatmap, pd.DataFrame(columns=COMENTION_COLUMNS)),
        (plots.comention_network, pd.DataFrame(columns=COMENTION_COLUMNS)),
        (plots.comention_network, PAIRS.iloc[:0]),
        (lambda pairs: plots.comention_network(pairs, min_count=50), PAIRS),
        (plots.claims_by_speaker, EMPTY_CLAIMS),
        (plots.claims_by_speaker, CLAIMS.assign(speaker=None)),
        (plots.topic_timeline, EMPTY_CLAIMS),
        (plots.topic_timeline, CLAIMS.assign(topics=[[]] * len(CLAIMS))),
        (plots.speaker_entity_heatmap, speaker_entity(EMPTY_CLAIMS)),
        (plots.comention_heatmap, pd.DataFrame()),
    ],
)
def test_empty_data_gives_a_no_data_figure(draw, data):
    fig = draw(data)
    render(fig)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title()
    assert [text.get_text() for text in ax.texts] == [plots.NO_DATA]


def test_missing_column():
    with pytest.raises(ValueError, match=r"\[E011\].*'stance'"):
        plots.claims_by_speaker(CLAIMS.drop(columns="stance"))
