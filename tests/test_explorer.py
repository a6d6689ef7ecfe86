"""The explorer: filter functions on a hand-made claims table, then the widget wiring."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import matplotlib
import numpy as np
import pandas as pd
import pytest

from toolkit.explorer import (
    NO_CLAIMS,
    NO_PAIRS,
    TOP_PAIRS,
    TOP_SPEAKERS,
    CorpusLoader,
    Explorer,
    claims_table_html,
    filter_claims,
    highlight_quote,
    option_counts,
    provenance_html,
)
from toolkit.schema import CLAIM_COLUMNS, STANCES

matplotlib.use("Agg")

ROWS = [
    # claim_id, speaker, stance, topics, target, date, quote, sentence, entities
    (
        "c1",
        "Ali Baraka",
        "support",
        ["military_threat"],
        "United States",
        "2023-11-12",
        "North Korea could attack",
        "He said North Korea could attack.",
        ["North Korea", "US"],
    ),
    (
        "c2",
        "Park Jin",
        "oppose",
        ["israel_gaza", "arms_trade"],
        "Hamas",
        "2023-11-13",
        "should be condemned",
        "The North should be condemned, Park Jin said.",
        ["North Korea", "Hamas"],
    ),
    (
        "c3",
        "Park Jin",
        "neutral",
        [],
        None,
        "2023-11-14",
        "We are closely following",
        "We are closely following, Park Jin said.",
        ["Middle East"],
    ),
    (
        "c4",
        "Ali Baraka",
        "oppose",
        ["israel_gaza"],
        "Israel",
        None,
        "no dates here",
        "Ali Baraka said no dates here.",
        ["Israel", "Hamas"],
    ),
    (
        "c5",
        "Kim Jong Un",
        "support",
        ["nuclear_missile", "alliances"],
        "Russia",
        "2023-12-01",
        "<script>alert('x')</script> is ours",
        "Kim said <script>alert('x')</script> is ours.",
        ["Russia", "North Korea"],
    ),
    (
        "c6",
        None,
        "neutral",
        ["cyber"],
        None,
        "2023-12-02",
        "a quote not in its sentence",
        "Officials talked about hackers.",
        ["North Korea"],
    ),
]


def make_claims() -> pd.DataFrame:
    records = []
    for i, (cid, speaker, stance, topics, target, date, quote, sentence, ents) in enumerate(ROWS):
        records.append(
            {
                "claim_id": cid,
                "doc_id": "d1" if i < 4 else "d2",
                "date": date,
                "tag": "Kim Jong Un",
                "start": 100 * i + sentence.find(quote) if quote in sentence else 100 * i,
                "end": 100 * i + sentence.find(quote) + len(quote),
                "quote": quote,
                "kind": "indirect",
                "cue": "said",
                "speaker": speaker,
                "speaker_mention": speaker,
                "speaker_role": "Foreign Minister" if speaker == "Park Jin" else None,
                "speaker_type": "person",
                "via": "Yonhap" if cid == "c2" else None,
                "sentence": sentence,
                "stance": stance,
                "target": target,
                "topics": topics,
                "entities": ents,
            }
        )
    claims = pd.DataFrame(records, columns=CLAIM_COLUMNS)
    claims["date"] = pd.to_datetime(claims["date"])
    return claims


@pytest.fixture
def claims() -> pd.DataFrame:
    return make_claims()


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["claim_id"].tolist()


# -- filter_claims ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, ["c1", "c2", "c3", "c4", "c5", "c6"]),
        ({"speakers": []}, ["c1", "c2", "c3", "c4", "c5", "c6"]),
        ({"speakers": ["Park Jin"]}, ["c2", "c3"]),
        ({"speakers": ["Park Jin", "Kim Jong Un"]}, ["c2", "c3", "c5"]),
        ({"stances": ["oppose"]}, ["c2", "c4"]),
        ({"stances": ["support", "neutral"]}, ["c1", "c3", "c5", "c6"]),
        ({"topics": ["israel_gaza"]}, ["c2", "c4"]),
        ({"topics": ["cyber", "alliances"]}, ["c5", "c6"]),
        ({"targets": ["Hamas", "Russia"]}, ["c2", "c5"]),
        ({"date_range": ("2023-11-13", "2023-12-01")}, ["c2", "c3", "c5"]),
        ({"date_range": (dt.date(2023, 11, 14), None)}, ["c3", "c5", "c6"]),
        ({"date_range": (None, pd.Timestamp("2023-11-12"))}, ["c1"]),
        ({"date_range": (None, None)}, ["c1", "c2", "c3", "c4", "c5", "c6"]),
        ({"text": "CLOSELY"}, ["c3"]),
        ({"text": "  "}, ["c1", "c2", "c3", "c4", "c5", "c6"]),
        ({"text": "<script>"}, ["c5"]),
        ({"speakers": ["Ali Baraka"], "stances": ["oppose"]}, ["c4"]),
        (
            {"speakers": ["Ali Baraka"], "stances": ["oppose"], "date_range": ("2023-01-01", None)},
            [],
        ),
    ],
)
def test_filter_claims(claims, kwargs, expected):
    assert ids(filter_claims(claims, **kwargs)) == expected


def test_filter_claims_does_not_mutate(claims):
    before = claims.copy()
    out = filter_claims(claims, stances=["oppose"])
    out["speaker"] = "x"
    pd.testing.assert_frame_equal(claims, before)


def test_filter_claims_topics_from_arrays(claims):
    # parquet gives numpy arrays for list columns
    claims["topics"] = claims["topics"].map(lambda t: pd.array(t, dtype="object").to_numpy())
    assert ids(filter_claims(claims, topics=["israel_gaza"])) == ["c2", "c4"]


def test_option_counts(claims):
    assert option_counts(claims, "speaker") == [
        ("Ali Baraka", 2),
        ("Park Jin", 2),
        ("Kim Jong Un", 1),
    ]
    assert option_counts(claims, "topics")[0] == ("israel_gaza", 2)
    assert sum(n for _, n in option_counts(claims, "topics")) == 7


# -- HTML ------------------------------------------------------------------------


def test_table_escapes_article_text(claims):
    table = claims_table_html(claims)
    assert "<script>" not in table
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in table
    assert len(re.findall(r'<tr class="tk-claim"', table)) == len(claims)


def test_table_pages(claims):
    table = claims_table_html(claims, start=4, limit=25)
    assert re.findall(r'data-claim-id="(\w+)"', table) == ["c5", "c6"]


def test_highlight_quote_in_sentence():
    assert highlight_quote("He said no.", "no") == 'He said <mark class="tk-quote">no</mark>.'


def test_highlight_quote_not_in_sentence():
    out = highlight_quote("Officials talked.", "a <b>")
    assert out.startswith('<mark class="tk-quote">a &lt;b&gt;</mark>')
    assert "Officials talked." in out


def test_provenance_marks_speaker_cue_and_content(claims):
    out = provenance_html(claims.iloc[2])
    assert '<span class="tk-speaker">Park Jin</span>' in out
    assert '<span class="tk-cue">said</span>' in out
    assert '<mark class="tk-quote">We are closely following</mark>' in out


def test_provenance_of_a_joined_statement_marks_its_cue_clause_apart():
    sentence = "“We are ready,” Kim said. “We will not wait.”"
    claim = pd.Series({"sentence": sentence, "quote": sentence[1:-1], "speaker": "Kim Jong Un",
                       "speaker_mention": "Kim", "cue": "said", "kind": "direct"})  # fmt: skip
    body = provenance_html(claim).split("</p>")[1]
    assert body == (
        '<p>“<mark class="tk-quote">We are ready,</mark>” <span class="tk-speaker">Kim</span> '
        '<span class="tk-cue">said</span>. “<mark class="tk-quote">We will not wait.</mark>”'
    )


def test_provenance_leaves_a_name_inside_a_quotation_unmarked():
    """A continued quotation's speaker is named in an earlier sentence, not in its words."""
    claim = pd.Series({"sentence": "“Moon is lying, and Moon knows it.”",
                       "quote": "Moon is lying, and Moon knows it.", "speaker": "Moon",
                       "speaker_mention": "he", "cue": None})  # fmt: skip
    out = provenance_html(claim)
    assert '<mark class="tk-quote">Moon is lying, and Moon knows it.</mark>' in out
    assert "tk-speaker" not in out.split("</p>", 1)[1]


def test_provenance_of_a_joined_direct_statement_leaves_every_cue_clause_unmarked():
    sentence = "Kim said: “We are ready,” adding: “We will not wait.”"
    claim = pd.Series({"sentence": sentence, "quote": "We are ready,” adding: “We will not wait.",
                       "speaker": "Kim", "speaker_mention": "Kim", "cue": "said",
                       "kind": "direct"})  # fmt: skip
    body = provenance_html(claim).split("</p>")[1]
    assert '<mark class="tk-quote">We are ready,</mark>” adding: “<mark' in body


def test_provenance_reads_straight_marks_around_a_fragment_as_content():
    sentence = 'The plan, "Kim\'s gamble" and "a risk", would fail.'
    claim = pd.Series({"sentence": sentence, "quote": sentence, "speaker": "Kim",
                       "speaker_mention": "Kim", "cue": None, "kind": "mixed"})  # fmt: skip
    body = provenance_html(claim).split("</p>")[1]
    assert "tk-speaker" not in body
    assert body.count("<mark") == 1


def test_provenance_escapes(claims):
    out = provenance_html(claims.iloc[4])
    assert "<script>" not in out
    assert "&lt;script&gt;" in out


def test_provenance_marks_mentions(claims):
    claim = claims.iloc[1]
    offset = int(claim["start"]) - claim["sentence"].find(claim["quote"])
    at = claim["sentence"].find("North")
    mentions = pd.DataFrame(
        [
            {
                "doc_id": "d1",
                "sent": 0,
                "start": offset + at,
                "end": offset + at + 5,
                "text": "North",
                "label": "GPE",
                "entity": "North Korea",
                "entity_type": "GPE",
            }
        ]
    )
    assert '<span class="tk-entity">North</span>' in provenance_html(claim, mentions=mentions)


# -- widget wiring ----------------------------------------------------------------


def n_rows(explorer: Explorer) -> int:
    return len(re.findall(r'<tr class="tk-claim"', explorer.table_html))


def test_explorer_starts_with_everything(claims):
    explorer = Explorer(claims)
    assert explorer.error is None, explorer.error
    assert ids(explorer.filtered) == ids(claims)
    assert n_rows(explorer) == 6
    assert explorer.figures == {}  # charts are drawn when their tab opens
    explorer.tabs.selected_index = 1
    assert set(explorer.figures) == {"speakers", "comention"}
    assert explorer.speakers.options[0] == ("Ali Baraka (2)", "Ali Baraka")


def test_every_filter_option_shows_its_claim_count(claims):
    claims.loc[claims["claim_id"] == "c1", "stance"] = "oppose"
    explorer = Explorer(claims)
    assert explorer.stance.options == (
        ("all (6)", "all"),
        ("support (1)", "support"),
        ("oppose (3)", "oppose"),
        ("neutral (2)", "neutral"),
    )
    assert explorer.target.options[:2] == (("all targets", "all"), ("Hamas (1)", "Hamas"))
    assert explorer.topics.options[0] == ("israel_gaza (2)", "israel_gaza")


def test_stance_toggle_filters_and_redraws(claims):
    explorer = Explorer(claims)
    explorer.tabs.selected_index = 1  # the Charts tab
    before_png = explorer.speaker_plot.value
    explorer.stance.value = "oppose"
    assert explorer.error is None, explorer.error
    assert ids(explorer.filtered) == ["c2", "c4"]
    assert n_rows(explorer) == 2
    assert explorer.speaker_plot.value != before_png
    ax = explorer.figures["speakers"].axes[0]
    assert [label.get_text() for label in ax.get_yticklabels()] == ["Park Jin", "Ali Baraka"]
    support, oppose, neutral = ax.containers
    assert [bar.get_width() for bar in oppose] == [1, 1]
    assert [bar.get_width() for bar in support + neutral] == [0, 0, 0, 0]


def test_controls_combine(claims):
    explorer = Explorer(claims)
    explorer.speakers.value = ("Park Jin",)
    explorer.search.value = "condemned"
    assert ids(explorer.filtered) == ["c2"]
    assert "<b>1</b> of 6 claims · 1 speaker · " in explorer.summary.value
    explorer.date_from.value = dt.date(2023, 11, 14)
    assert ids(explorer.filtered) == []
    assert "No claims." in explorer.table_html
    explorer.reset()
    assert ids(explorer.filtered) == ids(claims)


def test_output_is_a_function_of_the_controls(claims):
    explorer = Explorer(claims)
    explorer.topics.value = ("israel_gaza",)
    explorer.target.value = "Hamas"
    first = (ids(explorer.filtered), explorer.table_html)
    explorer.target.value = "all"
    explorer.target.value = "Hamas"
    assert (ids(explorer.filtered), explorer.table_html) == first


def test_speaker_search_keeps_selection(claims):
    explorer = Explorer(claims)
    explorer.speakers.value = ("Kim Jong Un",)
    explorer.speaker_search.value = "park"
    assert [v for _, v in explorer.speakers.options] == ["Park Jin", "Kim Jong Un"]
    assert explorer.speakers.value == ("Kim Jong Un",)
    assert ids(explorer.filtered) == ["c5"]
    explorer.reset()
    assert [v for _, v in explorer.speakers.options] == ["Ali Baraka", "Park Jin", "Kim Jong Un"]
    assert explorer.speakers.value == ()


def test_paging(claims):
    explorer = Explorer(claims, page_size=4)
    assert n_rows(explorer) == 4
    explorer.next_button.click()
    assert explorer.page.value == 2
    assert re.findall(r'data-claim-id="(\w+)"', explorer.table_html) == ["c5", "c6"]
    explorer.stance.value = "support"
    assert explorer.page.value == 1


def test_provenance_follows_selection(claims):
    explorer = Explorer(claims)
    explorer.claim.value = "c3"
    assert '<mark class="tk-quote">We are closely following</mark>' in explorer.provenance.value


def test_provenance_marks_the_mentions_of_the_claims_article(claims):
    claim = claims.iloc[1]  # c2, in d1: "The North should be condemned, Park Jin said."
    offset = int(claim["start"]) - claim["sentence"].find(claim["quote"])
    at = claim["sentence"].find("North")
    mention = {"sent": 0, "text": "North", "label": "GPE", "entity": "North Korea"}
    mentions = pd.DataFrame(
        [
            {**mention, "doc_id": "d1", "start": offset + at, "end": offset + at + 5},
            {**mention, "doc_id": "d2", "start": offset + at + 4, "end": offset + at + 9},
        ]
    )
    explorer = Explorer(claims, mentions=mentions)
    explorer.claim.value = "c2"
    assert '<span class="tk-entity">North</span>' in explorer.provenance.value
    assert 'class="tk-entity"' not in provenance_html(claim, mentions=mentions.iloc[1:])


def test_script_in_article_text_is_escaped_in_every_view(claims):
    explorer = Explorer(claims)
    explorer.claim.value = "c5"
    for html in (explorer.table_html, explorer.provenance.value):
        assert "<script>" not in html
        assert "&lt;script&gt;" in html


def test_names_in_the_charts_are_text_not_markup(claims):
    claims.loc[claims["claim_id"] == "c5", "speaker"] = "<script>alert('x')</script>"
    claims.loc[claims["claim_id"] == "c5", "entities"] = pd.Series(
        [["<b>Russia</b>", "North Korea"]], index=claims.index[claims["claim_id"] == "c5"]
    )
    explorer = Explorer(claims)
    explorer.tabs.selected_index = 1
    bars, heatmap = (
        bytes(p.value).decode() for p in (explorer.speaker_plot, explorer.comention_plot)
    )
    assert "<script" not in bars and "&lt;script&gt;" in bars
    assert "<b>" not in heatmap and "&lt;b&gt;Russia&lt;/b&gt;" in heatmap


def test_figures_are_closed(claims):
    import matplotlib.pyplot as plt

    before = len(plt.get_fignums())
    explorer = Explorer(claims)
    for stance in ("support", "oppose", "neutral", "all"):
        explorer.stance.value = stance
    assert len(plt.get_fignums()) == before


def test_errors_in_callbacks_are_shown(claims, monkeypatch):
    explorer = Explorer(claims)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("toolkit.explorer.claims_table_html", broken)
    explorer.stance.value = "oppose"
    assert "RuntimeError: boom" in explorer.error
    assert "boom" in explorer.log.outputs[0]["text"]
    monkeypatch.undo()
    explorer.stance.value = "support"
    assert explorer.error is None
    assert explorer.log.outputs == ()


def test_a_table_without_entities_still_filters_and_charts(claims):
    explorer = Explorer(claims.drop(columns="entities"))
    explorer.stance.value = "oppose"
    assert ids(explorer.filtered) == ["c2", "c4"]
    explorer.tabs.selected_index = 1
    assert explorer.error is None  # no entity is named together with another


def test_empty_claims(claims):
    explorer = Explorer(claims.iloc[0:0])
    assert explorer.error is None, explorer.error
    assert n_rows(explorer) == 0


class FakeResult:
    def __init__(self, claims):
        self.articles = pd.DataFrame({"doc_id": ["d1", "d2"]})
        self.claims = claims
        self.mentions = None


def test_loader_loads_and_reloads(claims):
    seen = []

    def process(path):
        seen.append(path)
        if path == "missing/":
            raise FileNotFoundError("no such folder: missing/")
        return FakeResult(claims)

    loader = CorpusLoader("data/", process=process)
    assert seen == ["data/"]
    assert len(loader.explorer.filtered) == 6
    assert "6 claims" in loader.status.value
    loader.path.value = "missing/"
    loader.load_button.click()
    assert "no such folder" in loader.status.value
    assert "FileNotFoundError" in loader.error


def test_loader_lists_the_inputs_it_skipped(tmp_path, sample_path):
    shutil.copy(sample_path, tmp_path)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)))
    loader = CorpusLoader(str(tmp_path))
    assert "1 article" in loader.status.value and "2 inputs skipped" in loader.status.value
    (log,) = loader.log.outputs
    assert "empty.txt: empty file" in log["text"] and "binary.txt: not UTF-8" in log["text"]
    loader.path.value = str(tmp_path / "nope")
    loader.load_button.click()
    assert "0 articles" in loader.status.value and "1 input skipped" in loader.status.value
    assert "No such file or folder" in loader.log.outputs[0]["text"]


def test_skipped_text_takes_a_list_of_errors_too():
    from toolkit.explorer import skipped_text

    assert skipped_text([{"path": "a.txt", "reason": "empty file"}]) == "a.txt: empty file\n"


@pytest.mark.parametrize(
    "dropped", [["speaker", "target", "topics"], ["doc_id"], ["claim_id"], ["entities"], ["date"]]
)
def test_the_explorer_shows_a_table_that_lacks_optional_columns(claims, dropped):
    explorer = Explorer(claims.drop(columns=dropped))
    explorer.tabs.selected_index = 1  # the charts
    assert explorer.error is None
    assert len(explorer.filtered) == len(claims)


def test_a_filter_on_a_missing_column_names_it(claims):
    with pytest.raises(ValueError, match=r"E011.*filter_claims.*'speaker'"):
        filter_claims(claims.drop(columns=["speaker"]), speakers=["Kim"])


@pytest.mark.parametrize(
    ("filters", "error"),
    [
        ({"date_range": "2015-01-01"}, ValueError),
        ({"date_range": ("garbage", None)}, ValueError),
        ({"text": 123}, TypeError),
    ],
)
def test_filter_arguments_that_cannot_filter_say_so(claims, filters, error):
    with pytest.raises(error, match="E005"):
        filter_claims(claims, **filters)


def test_explore_returns_the_explorer_that_displays_as_its_widget():
    import toolkit as tk
    from toolkit.explorer import Explorer

    claims = pd.DataFrame(
        {
            "claim_id": ["d:0"], "doc_id": ["d"], "date": [pd.Timestamp("2020-01-01")],
            "tag": ["Russia"], "start": [0], "end": [3], "quote": ["War"], "kind": ["direct"],
            "cue": ["said"], "speaker": ["Putin"], "speaker_mention": ["Putin"],
            "speaker_role": [None], "speaker_type": ["person"], "via": [None],
            "sentence": ["War, Putin said."], "stance": ["neutral"], "target": ["Russia"],
            "topics": [["russia_ukraine"]], "entities": [["Russia"]],
        }
    )  # fmt: skip
    explorer = tk.explore(claims)
    assert isinstance(explorer, Explorer)
    assert explorer._repr_mimebundle_() == explorer.widget._repr_mimebundle_()
    assert len(explorer.filtered) == 1


def test_charts_wait_for_their_tab_and_follow_the_filters(claims):
    explorer = Explorer(claims)
    explorer.stance.value = "oppose"
    assert explorer.figures == {}
    explorer.tabs.selected_index = 1
    drawn = explorer.speaker_plot.value
    assert drawn
    explorer.tabs.selected_index = 0
    explorer.stance.value = "support"
    assert explorer.speaker_plot.value == drawn  # hidden: not redrawn yet
    explorer.tabs.selected_index = 1
    assert explorer.speaker_plot.value != drawn


# -- charts -----------------------------------------------------------------------


def tick_texts(labels) -> list[str]:
    return [label.get_text() for label in labels]


def assert_charts_show(explorer: Explorer) -> None:
    """Both charts hold, and draw, the figures of ``explorer.filtered`` by the pandas route."""
    from toolkit import plots
    from toolkit.stats import comention

    speakers = plots.speaker_stance_table(explorer.filtered, top=TOP_SPEAKERS)
    pd.testing.assert_frame_equal(explorer.charts["speakers"].data, speakers)
    bars = explorer.figures["speakers"].axes[0]
    assert tick_texts(bars.get_yticklabels()) == speakers.index[::-1].tolist()
    for stance, container in zip(STANCES, bars.containers, strict=True):
        assert [bar.get_width() for bar in container] == speakers[stance][::-1].tolist()

    pairs = comention(explorer.filtered, unit="claim")
    matrix = plots.comention_matrix(pairs, value="npmi", top=TOP_PAIRS)
    pd.testing.assert_frame_equal(explorer.charts["comention"].data, matrix)
    heatmap = explorer.figures["comention"].axes[0]
    assert heatmap.get_title() == f"Co-mentions of the top {len(matrix)} entities (npmi)"
    assert tick_texts(heatmap.get_yticklabels()) == matrix.index.tolist()
    assert tick_texts(heatmap.get_xticklabels()) == matrix.columns.tolist()
    shown = heatmap.images[0].get_array()
    np.testing.assert_array_equal(shown.filled(np.nan), matrix.to_numpy())


def test_charts_show_the_filtered_claims(claims):
    explorer = Explorer(claims)
    explorer.tabs.selected_index = 1
    assert_charts_show(explorer)
    explorer.stance.value = "oppose"  # c2, c4: Hamas with North Korea, and with Israel
    assert explorer.charts["comention"].data.shape == (3, 3)
    assert_charts_show(explorer)
    explorer.topics.value = ("israel_gaza", "nuclear_missile")
    explorer.stance.value = "all"
    assert_charts_show(explorer)
    assert explorer.error is None, explorer.error


def test_charts_say_when_nothing_is_there(claims):
    explorer = Explorer(claims)
    explorer.tabs.selected_index = 1
    explorer.speakers.value = ("Park Jin",)
    explorer.stance.value = "neutral"  # c3 names one entity: no pair
    assert explorer.charts["comention"].data == NO_PAIRS
    explorer.search.value = "no such words"
    assert explorer.charts["speakers"].data == explorer.charts["comention"].data == NO_CLAIMS
    texts = [text.get_text() for text in explorer.figures["speakers"].axes[0].texts]
    assert texts == [NO_CLAIMS]


def test_charts_are_a_function_of_the_controls(claims):
    explorer = Explorer(claims)
    explorer.tabs.selected_index = 1
    for stance in ("oppose", "support", "all"):
        explorer.stance.value = stance
    explorer.topics.value = ("israel_gaza", "nuclear_missile")
    fresh = Explorer(claims)
    fresh.topics.value = ("israel_gaza", "nuclear_missile")
    fresh.tabs.selected_index = 1
    assert bytes(explorer.speaker_plot.value) == bytes(fresh.speaker_plot.value)
    assert bytes(explorer.comention_plot.value) == bytes(fresh.comention_plot.value)


def test_a_chart_is_drawn_again_only_when_its_data_changes(claims, monkeypatch):
    drawn = []

    def counting_svg(fig):
        drawn.append(fig)
        return b"<svg/>"

    monkeypatch.setattr("toolkit.charts.chart_svg", counting_svg)
    explorer = Explorer(claims)
    explorer.tabs.selected_index = 1
    assert len(drawn) == 2
    explorer.search.value = "  "  # the same claims
    assert len(drawn) == 2
    explorer.speakers.value = ("Park Jin",)  # both charts change
    assert len(drawn) == 4
    explorer.stance.value = "oppose"  # c2 alone: the heatmap was Hamas, North Korea already
    assert len(drawn) == 5
