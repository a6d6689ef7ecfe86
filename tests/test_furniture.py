"""Page furniture: related-link boxes blanked before the parse, offsets kept."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit as tk
from toolkit.furniture import mask_page_furniture, page_furniture

BOX = (
    "President Trump Donald John TrumpTrump faces high stakes in meeting with Erdogan "
    "Democrats worry they lack a candidate MORE said that he would meet Kim."
)


def test_a_related_link_box_runs_from_the_glued_full_name_to_more():
    ((start, end),) = page_furniture(BOX)
    assert BOX[start:end].startswith("Donald John TrumpTrump faces")
    assert BOX[start:end].endswith("candidate MORE")
    masked = mask_page_furniture(BOX)
    assert len(masked) == len(BOX)
    assert masked.split() == ["President", "Trump", "said", "that", "he", "would", "meet", "Kim."]


@pytest.mark.parametrize(
    "text",
    [
        "John McCain said there was MORE to come.",  # a capital inside a name, no box
        "DeSantis said MORE than once that the plan failed.",
        "Trump said so.\nDonald John TrumpTrump faces MORE",  # no shown surname on its line
        "Officials from the United States, United Kingdom and France said so. READ MORE",
        "Voters in New York, New Jersey and Ohio chanted NO MORE TAXES",
        "Trump said Trump2020 will win. NO MORE",  # the glued word follows no full name
    ],
)
def test_names_with_capitals_inside_are_no_box(text):
    assert page_furniture(text) == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "President Trump Donald John TrumpGOP senators balk at trial MORE agrees with them.",
            ["President", "Trump", "agrees", "with", "them."],
        ),
        (
            "Hillary Clinton Hillary Diane Rodham Clinton2020 Democrats make a play MORE said so.",
            ["Hillary", "Clinton", "said", "so."],
        ),
    ],
)
def test_a_headline_glued_by_an_acronym_or_a_number_starts_a_box(text, shown):
    assert mask_page_furniture(text).split() == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "Leader Steny Hoyer Steny Hamilton Hoyer Hoyer calls GOP efforts MORE (D-Md.) said so.",
            ["Leader", "Steny", "Hoyer", "(D-Md.)", "said", "so."],
        ),
        (
            "aide Sarah Huckabee Sarah Elizabeth SandersBill Press: briefings matter MORE Sanders said.",
            ["aide", "Sarah", "Huckabee", "Sanders", "said."],
        ),
        (
            "from George PapadopoulosGeorge Demetrios PapadopoulosThe Hill's Report MORE, an aide.",
            ["from", "George", "Papadopoulos", ",", "an", "aide."],
        ),
    ],
)
def test_a_box_that_repeats_the_shown_first_name_starts_there(text, shown):
    assert mask_page_furniture(text).split() == shown


def test_two_boxes_in_one_paragraph():
    text = (
        "Sen. Lindsey Graham Lindsey Olin GrahamGraham says one thing MORE (R-S.C.) and "
        "Sen. Ted Cruz Rafael Edward (Ted) CruzCruz backs plan MORE (R-Texas) agreed."
    )
    assert mask_page_furniture(text).split() == [
        "Sen.", "Lindsey", "Graham", "(R-S.C.)", "and", "Sen.", "Ted", "Cruz", "(R-Texas)",
        "agreed.",
    ]  # fmt: skip


def test_claims_read_past_the_box_and_quote_the_article_as_written():
    text = " date 2019-11-12 Donald Trump.\n" + BOX
    claims = tk.extract_claims(pd.DataFrame({"text": [text]}))
    (claim,) = claims.to_dict("records")
    assert claim["speaker"] == "Donald Trump"
    assert claim["quote"] == text[claim["start"] : claim["end"]] == "he would meet Kim"
    mentions = tk.extract_mentions(pd.DataFrame({"text": [text]}))
    assert "Erdogan" not in set(mentions["text"])  # the box's headlines name no one


def test_a_video_box_is_blanked_and_its_title_is_no_claim():
    box = (
        "JUST WATCHED Obama: This will not be America's fight Replay More Videos ... "
        "MUST WATCH Obama: This will not be America's fight 01:55"
    )
    text = (
        f" date 2014-09-10 ISIS.\nBarack Obama spoke on Wednesday. {box} He said the war was over."
    )
    masked = mask_page_furniture(text)
    assert len(masked) == len(text) and "WATCH" not in masked and "fight" not in masked
    claims = tk.extract_claims(pd.DataFrame({"text": [text]}))
    assert claims["quote"].tolist() == ["the war was over"]


def test_related_link_lines_and_read_more_links_are_blanked():
    text = (
        " date 2016-05-20 Russia.\nKerry said the talks would resume.\n"
        "Trump knew for weeks Michael Flynn misled over Russia contact Read more\n"
        "Israel hawks to Pope Francis: Stay out of politics  Read more: http://www.politico.com/x\n"
    )
    masked = mask_page_furniture(text)
    assert len(masked) == len(text)
    assert "Flynn" not in masked and "politico" not in masked and "Read" not in masked
    assert "Kerry said the talks would resume." in masked and "Stay out of politics" in masked
    claims = tk.extract_claims(pd.DataFrame({"text": [text]}))
    assert "Michael Flynn misled over Russia contact" not in " ".join(claims["quote"])


def test_a_story_paragraph_that_ends_in_read_more_stays():
    text = (
        "Obama said the deal was done. Read more\r\nTrump knew for weeks Flynn misled Read more\r\n"
    )
    masked = mask_page_furniture(text)
    assert masked.startswith("Obama said the deal was done. Read more") and "Flynn" not in masked


def test_cnns_story_highlights_label_is_no_speaker():
    text = "Story highlights Two U.S. warships moving to Libyan coast, officials say\nMore text."
    masked = mask_page_furniture(text)
    assert masked.startswith(" " * len("Story highlights") + " Two U.S. warships")
    claims = tk.extract_claims(pd.DataFrame({"text": [text]}))
    assert "Story" not in set(claims["speaker"])


def test_a_photo_gallery_is_blanked_from_its_title_to_its_last_caption():
    gallery = (
        "Photos: Hospital attacked Photos: Hospital attacked Flames are visible inside the "
        "hospital. At least 30 people died, the charity said. Hide Caption 1 of 2\n"
        "Photos: Hospital attacked Doctors said it had been hit twice.\n\nHide Caption 2 of 2"
    )
    text = f"Officials met on Monday.\n\n{gallery}\n\nThe minister said the strike was a mistake.\n"
    masked = mask_page_furniture(text)
    assert len(masked) == len(text) and "charity" not in masked and "Caption" not in masked
    assert masked.startswith("Officials met") and "the strike was a mistake" in masked
    claims = tk.extract_claims(pd.DataFrame({"text": [text]}))
    assert claims["quote"].tolist() == ["the strike was a mistake"]


@pytest.mark.parametrize(
    "text",
    [
        "Photos: Hospital attacked Hide Caption 1 of 3\n\nThe minister said it was over.\n",
        # a gallery never closed, then the story, then a closed gallery: the story stays
        "Photos: Crisis Caption. Hide Caption 1 of 3\n\nThe minister said it was over.\n\n"
        "Photos: Storm Caption. Hide Caption 1 of 1\n",
        "Photos: See the damage\n\nThe minister said it was over.\n\n"
        "Photos: Storm Caption. Hide Caption 1 of 1\n",
    ],
)
def test_a_gallery_never_closed_leaves_the_story_alone(text):
    assert "The minister said it was over." in mask_page_furniture(text)


@pytest.mark.parametrize("dateline", ["CLEVELAND - ", "LEXINGTON, Va. — ", "SEOUL, South Korea — "])
def test_a_dateline_is_blanked_and_no_part_of_the_first_name(dateline):
    text = (
        f"{dateline}Donald Trump accepted the nomination on Thursday night in a long speech. "
        "He said the country was in decline."
    )
    masked = mask_page_furniture(text)
    assert masked == " " * len(dateline) + text[len(dateline) :]
    claims = tk.extract_claims(pd.DataFrame({"text": [text]}))
    assert list(claims["speaker"]) == ["Donald Trump"]


PROSE = (
    " relations have soured sharply since 2014, Stoltenberg told reporters on Monday in Brussels."
)


@pytest.mark.parametrize(
    "text",
    [
        "US - China talks resume",
        "NATO - Russia talks resume\n\nMore text follows.",
        f"NATO - Russia{PROSE}",
        f"U.S. - China{PROSE}",
    ],
)
def test_a_headline_or_an_organisation_with_a_dash_is_no_dateline(text):
    assert mask_page_furniture(text) == text


def test_a_line_linking_another_story_is_blanked_and_no_claim():
    text = (
        "Kim Jong Un inspected the launch on Monday.\n\n"
        "SEE ALSO: South Korea says North Korea may be preparing to test missile\n\n"
        "The test drew condemnation."
    )
    masked = mask_page_furniture(text)
    assert "SEE ALSO" not in masked and "preparing" not in masked
    assert len(masked) == len(text)
    claims = tk.extract_claims(pd.DataFrame({"text": [text]}))
    assert claims.empty
