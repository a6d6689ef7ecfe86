"""Attribution rule families on short real-style sentences, and on the sample article."""

from __future__ import annotations

import pytest

from toolkit.attribution import attribute_doc, explain
from toolkit.attribution.quotes import find_quotes


def claims_of(nlp, text):
    doc = nlp(text)
    return [
        {
            "quote": text[c.start : c.end],
            "kind": c.kind,
            "speaker": c.speaker,
            "cue": c.cue,
            "via": c.via,
            "role": c.speaker_role,
            "type": c.speaker_type,
            "rule": c.rule,
        }
        for c in attribute_doc(doc)
    ]


# --- quotations -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “yes, sir,” and left.", ["yes, sir"]),
        ("''Follow us,'' Ms. Gil said. ``Now.''", ["Follow us", "Now."]),
        ("It's rock 'n' roll, ''he said''", ["he said"]),
        ('He said "no" twice.', ["no"]),
        ("« Non » dit-il.", ["Non"]),
        ("Stray close” and “open to the end", ["open to the end"]),
        ("“First part.\n\n“Second part,” he said.", ["First part.", "Second part"]),
        (
            "“Act now,” McCain told “Fox News Sunday.” “We need action.”",
            ["Act now", "We need action."],
        ),
        ("he said on NBC News’ “Meet the Press.”", []),
        ("Trump called Kim “Little Rocket Man” again.", ["Little Rocket Man"]),
    ],
)
def test_find_quotes(text, expected):
    assert [text[q.start : q.end] for q in find_quotes(text)] == expected


# --- claims -----------------------------------------------------------------------


def test_indirect_claim_with_relay_outlet(nlp):
    (claim,) = claims_of(
        nlp,
        "David Maxwell of the Asia Pacific Strategy Center told RFA that Pyongyang is using the war.",
    )
    assert claim["quote"] == "Pyongyang is using the war"
    assert claim["kind"] == "indirect"
    assert claim["speaker"] == "David Maxwell"
    assert claim["role"] == "Asia Pacific Strategy Center"
    assert claim["via"] == "Radio Free Asia"


def test_direct_claim_with_cue_after(nlp):
    text = "“We are closely following the situation,” South Korean Foreign Minister Park Jin-in said this week."
    (claim,) = claims_of(nlp, text)
    assert claim["quote"] == "We are closely following the situation"
    assert claim["kind"] == "direct"
    assert claim["speaker"] == "Park Jin-in"
    assert claim["role"] == "South Korean Foreign Minister"


def test_mixed_claim_and_appositive_role(nlp):
    text = "Michael O’Hanlon, senior fellow at the Brookings Institution, said Kim is “not going to risk his neck.”"
    (claim,) = claims_of(nlp, text)
    assert claim["kind"] == "mixed"
    assert claim["quote"].startswith("Kim is “not going")
    assert claim["role"] == "senior fellow at the Brookings Institution"


def test_the_reporters_amid_phrase_is_no_part_of_the_content(nlp):
    text = (
        "A senior Hamas official has claimed that North Korea could attack the US over the "
        "war in Gaza, amid speculation that Pyongyang is supplying weapons to the group."
    )
    (claim,) = claims_of(nlp, text)
    assert claim["quote"] == "North Korea could attack the US over the war in Gaza"
    text = (
        "The minister said that prices would keep rising, amid strong demand, "
        "and that wages would follow."
    )
    (claim,) = claims_of(nlp, text)
    assert claim["quote"].endswith("wages would follow")


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("One would think this was a horrible joke.", []),
        ("One can conclude from this that the president was relieved.", []),
        ('"It is different for us," one told me.', ["one"]),
    ],
)
def test_the_impersonal_one_is_the_authors_narration(nlp, text, speakers):
    assert [c["speaker"] for c in claims_of(nlp, text)] == speakers


def test_a_lone_wh_word_is_no_content():
    from toolkit.attribution.claim import shape_content

    text = "What he was referring to was the gas."
    assert shape_content(text, 0, 4, []) is None
    assert shape_content(text, 0, 15, []) == (0, 15, "indirect")


def test_an_age_is_no_role(nlp):
    text = "Ivan Petrov, 62, a Russian lawmaker, said the plan was absurd."
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["role"]) == ("Ivan Petrov", "Russian lawmaker")


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Peskov said the talks had failed.",
        "Dr. Jane Roe said the vaccine worked.",
        "Messrs. Smith and Jones said the deal was done.",
        "Donald Trump: No money paid for Otto Warmbier's release, says North Korea",
    ],
)
def test_an_honorific_or_a_headlines_statement_is_no_role(nlp, text):
    claim, *_ = claims_of(nlp, text)
    assert claim["role"] is None


def test_denial_takes_its_object_and_country_is_canonical(nlp):
    (claim,) = claims_of(nlp, "Pyongyang has denied the allegations.")
    assert (claim["quote"], claim["speaker"], claim["cue"], claim["type"]) == (
        "the allegations",
        "North Korea",
        "denied",
        "government",
    )


def test_according_to_names_the_source(nlp):
    (claim,) = claims_of(
        nlp, "According to the defence ministry, 300 troops crossed the border on Monday."
    )
    assert claim["speaker"] == "defence ministry"
    assert claim["cue"] == "according to"
    assert claim["quote"] == "300 troops crossed the border on Monday"


def test_according_to_relays_a_claim_with_its_own_source(nlp):
    text = "According to The Times, the intelligence agency believes the North has sent shells to Russia."
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "intelligence agency"
    assert claim["via"] == "The Times"
    assert claim["quote"] == "the North has sent shells to Russia"


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "HarperCollins declined to renew the offer, according to a publishing executive.",
            "publishing executive",
            "HarperCollins declined to renew the offer",
        ),
        (  # a plan or a prediction: the official's claim, not a relayed statement
            "According to a campaign official, Clinton will propose spending $2 billion a year.",
            "campaign official",
            "Clinton will propose spending $2 billion a year",
        ),
        (  # an act ("pressed"), not speech or belief
            "According to State Department cables, Manafort pressed diplomats to treat both sides equally.",
            "State Department cables",
            "Manafort pressed diplomats to treat both sides equally",
        ),
    ],
)
def test_according_to_stands_when_its_clause_is_an_act_not_a_claim(nlp, text, speaker, quote):
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["cue"], claim["via"]) == (speaker, "according to", None)
    assert claim["quote"] == quote


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        ("As the minister noted, the talks have stalled.", "minister", "the talks have stalled"),
        ("The talks have stalled, as the minister noted.", "minister", "The talks have stalled"),
    ],
)
def test_as_cue_comments_on_its_clause(nlp, text, speaker, quote):
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["quote"]) == (speaker, quote)


def test_as_cue_is_no_claim_when_it_tells_time_or_relays(nlp):
    assert claims_of(nlp, "The prisoners were watched by guards as they spoke.") == []
    text = "As The Times reported, the agency said the North has sent shells."
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["quote"]) == ("agency", "the North has sent shells")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("House Democrats said the bill was dead.", "House Democrats"),
        ("The Wisconsin Republican said the bill was dead.", "Wisconsin Republican"),
        ("The Palestinians said the talks were over.", "Palestine"),  # the gazetteer
    ],
)
def test_a_described_group_keeps_its_description(nlp, text, speaker):
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "People familiar with the congressional briefing said the Kremlin was involved.",
            "People familiar with the congressional briefing",
        ),
        ("A source close to the president said the talks failed.", "source close to the president"),
        (
            "People familiar with the briefing earlier this month said the Kremlin was involved.",
            "People familiar with the briefing",
        ),
        (
            "The ministry issued a statement on Monday that said the talks had failed.",
            "ministry",
        ),
        (
            "Officials briefed on the matter said the talks failed.",
            "Officials briefed on the matter",
        ),
        ("A senior official said the talks failed.", "senior official"),
    ],
)
def test_an_unnamed_source_keeps_how_it_knows(nlp, text, speaker):
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("A number of U.S. lawmakers said the deal was weak.", "U.S. lawmakers"),
        ("Dozens of protesters said the vote was rigged.", "protesters"),
        ("Many of his supporters said the vote was rigged.", "Many of his supporters"),
    ],
)
def test_a_vague_amount_of_people_names_the_people(nlp, text, speaker):
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "Bridget Brink took to Twitter to describe the order as a sign of weakness.",
            "Bridget Brink",
            "the order as a sign of weakness",
        ),
        ("The minister held a news conference to deny the reports.", "minister", "the reports"),
    ],
)
def test_infinitive_cue_after_a_verb_of_the_occasion(nlp, text, speaker, quote):
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["quote"]) == (speaker, quote)


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "“Go back to Univision,” Trump barked and a guard escorted Ramos out.",
            "Donald Trump",  # the gazetteer's full name
            "Go back to Univision",
        ),
        ("As Vulture put it, “Hello, it’s the Biebs.”", "Vulture", "Hello, it’s the Biebs."),
        (
            "“They would have gone to the bill,” Toomey fumed on Tuesday.",
            "Toomey",
            "They would have gone to the bill",
        ),
        (  # "co-host" parsed as objects: the person after the broken-up title
            "“Imagine Brad Thor going up against Trump,” mused Blaze co-host Stu Burguiere.",
            "Stu Burguiere",
            "Imagine Brad Thor going up against Trump",
        ),
    ],
)
def test_manner_of_speaking_next_to_a_quotation(nlp, text, speaker, quote):
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["quote"], claim["kind"]) == (speaker, quote, "direct")


@pytest.mark.parametrize(
    "text", ["The crowd laughed that the show was over.", "He put it on the table."]
)
def test_manner_of_speaking_without_a_quotation_is_no_claim(nlp, text):
    assert claims_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Critics accused Washington of throwing away a powerful lever.",
            "Washington of throwing away a powerful lever",
        ),
        ("Seoul praised Tokyo for its restraint.", "Tokyo for its restraint"),
        ("Mr. Rubin asked the students whether they were serious.", "they were serious"),
    ],
)
def test_judging_cues_keep_their_grounds_and_questions_their_question(nlp, text, quote):
    (claim,) = claims_of(nlp, text)
    assert claim["quote"] == quote


def test_name_before_a_cue_the_parser_left_without_subject(nlp):
    text = "As a part of his plea, Marcel Lehel Lazar, 44, said that he hacked 100 accounts."
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["quote"]) == ("Marcel Lehel Lazar", "he hacked 100 accounts")


def test_a_cue_read_as_a_second_verb_of_the_quotation_takes_the_name_before_it(nlp):
    # the parser reads "told" as a conjunct of "were": "We" is the quotation's subject
    text = (
        "“We were tremendously wrong to not have confronted him from the beginning,” Ramos, "
        "58, told AFP in an interview in Mexico City on Monday."
    )
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["kind"]) == ("Ramos", "direct")
    assert claim["quote"].startswith("We were tremendously wrong")


def test_a_verb_after_a_mixed_quotation_still_shares_its_subject(nlp):
    text = (
        "Speaking earlier Tuesday in Florida, Trump insisted that he has “expanded the "
        "Republican party,” claiming that he is responsible for higher voter turnout in the "
        "primary states."
    )
    quotes = {claim["quote"]: claim["speaker"] for claim in claims_of(nlp, text)}
    assert quotes["he is responsible for higher voter turnout in the primary states"].endswith(
        "Trump"
    )


def test_name_after_a_quoted_cue_when_the_parse_misses_it(nlp):
    text = (
        "“Having access to the file and two people who understand it is valuable,” said "
        "Skelly, explaining he worked more closely with Chrabaszcz."
    )
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Skelly"
    assert claim["kind"] == "direct"
    assert claim["quote"].startswith("Having access")


def test_wire_copy_doubled_apostrophes_make_a_direct_claim(nlp):
    (claim,) = claims_of(nlp, "''We will not back down,'' Ms. Gil said on Sunday.")
    assert (claim["quote"], claim["kind"], claim["speaker"]) == (
        "We will not back down",
        "direct",
        "Gil",
    )


def test_they_inside_a_groups_claim_is_that_group(nlp):
    text = (
        "Kathleen Jamieson said the sites are everywhere.\n\nAccurate or not, the doubt has "
        "had an effect: Some 20 percent of people in a poll said they believe he was born abroad."
    )
    believers = {c["speaker"] for c in claims_of(nlp, text) if c["cue"] == "believe"}
    assert believers == {"Some 20 percent of people in a poll"}


def test_a_scare_quote_continues_no_speaker(nlp):
    text = (
        "Officials said the children were taken to camps. The “rescue” of these children "
        "was an organized act of kidnapping, pure and simple. Its “special operation” failed."
    )
    assert [c["quote"] for c in claims_of(nlp, text)] == ["the children were taken to camps"]


def test_pronoun_and_continuation_resolve_to_the_last_person(nlp):
    text = (
        "Patrick Cronin of the Hudson Institute told RFA that Pyongyang has little interest.\n\n"
        "“The United States needs to remain vigilant,” he said. But those countries “also need to find "
        "diplomatic opportunities”."
    )
    claims = claims_of(nlp, text)
    assert [c["speaker"] for c in claims] == ["Patrick Cronin"] * 3
    assert [c["kind"] for c in claims] == ["indirect", "direct", "mixed"]
    assert claims[2]["rule"] == "continuation"
    assert claims[2]["cue"] is None


def test_joint_speakers_keep_the_first(nlp):
    text = "Antony Blinken and his counterpart Park Jin-in said that the cooperation is “growing and dangerous”."
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Antony Blinken"
    assert claim["kind"] == "mixed"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We must speak out,” Fred and Cindy Warmbier said in the statement.", "Fred Warmbier"),
        (  # a name the article uses on its own is a surname, not a given name
            "Putin and Xi Jinping said the ties were strong. Putin left on Monday.",
            "Vladimir Putin",
        ),
        (  # a title between them: two people
            "Biden and Secretary of State John Kerry said the deal was good.",
            "Joe Biden",
        ),
    ],
)
def test_joint_speakers_share_a_surname_only_after_a_given_name(nlp, text, speaker):
    assert claims_of(nlp, text)[0]["speaker"] == speaker


@pytest.mark.parametrize(
    ("second", "speaker"),
    [("Ivanka Trump", "Ivanka Trump"), ("President Trump", "Donald Trump")],
)
def test_a_given_name_the_tagger_left_out_is_kept_a_title_is_not(nlp, second, speaker):
    text = f"Donald Trump spoke in Ohio. {second} said the campaign was strong."
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == speaker


def test_a_description_of_several_words_resolves_to_the_person_with_that_role(nlp):
    text = (
        "Attorney General William Barr said the report was complete. "
        "The attorney general said the inquiry was over."
    )
    assert [c["speaker"] for c in claims_of(nlp, text)] == ["William Barr"] * 2


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Chinese Foreign Minister Wang Yi arrived in Seoul on Monday. "
            "The minister said China wanted calm on the peninsula.",
            "Wang Yi",
        ),
        (
            "Russian President Vladimir Putin met officials in Moscow. "
            "The president said the talks had been useful.",
            "Vladimir Putin",
        ),
        (  # a vice president is not "the president"
            "Vice President Joe Biden flew to Kyiv. The president said the aid would continue.",
            "president",
        ),
        (  # two presidents: "the president" may be either
            "President Donald Trump met Russian President Vladimir Putin in Helsinki. "
            "The president said the talks had been useful.",
            "president",
        ),
        (  # another office: former, late, deputy, vice
            "The Kremlin hosted former Russian President Dmitry Medvedev. "
            "The president said the talks had failed.",
            "president",
        ),
        (
            "Deputy Foreign Minister Sergei Ryabkov arrived in Geneva. "
            "The minister said that the talks had failed.",
            "minister",
        ),
        (  # an attorney general is no general
            "Attorney General William Barr met the troops. The general said they were ready.",
            "general",
        ),
        (  # the title's head, before its "of" phrase
            "Donna Brazile, interim chairwoman of the Democratic National Committee, spoke. "
            "The chairwoman said the party was united.",
            "Donna Brazile",
        ),
        (  # "a minister" is someone else
            "Chinese Foreign Minister Wang Yi arrived in Seoul. "
            "A minister said China wanted calm on the peninsula.",
            "minister",
        ),
    ],
)
def test_the_role_resolves_to_the_person_the_article_titled_so(nlp, text, speaker):
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["type"]) == (speaker, "person")


@pytest.mark.parametrize(
    "text",
    [
        'Hamas official Ali Baraka spoke on Monday. "The talks have failed," a senior Israeli '
        'official said. "We are ready," the official said.',
        "Ali Baraka, a Hamas official, said the talks were over. A senior Israeli official said "
        "the talks had failed. The official said Israel was ready.",
    ],
)
def test_the_description_after_an_unnamed_one_is_that_one(nlp, text):
    *_, last = claims_of(nlp, text)
    assert last["speaker"] == "official"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (
            "The Washington Post reported that the talks failed. The Post said the envoy left.",
            ["Washington Post", "Washington Post"],
        ),
        (  # a headline the tagger took for a name is no body's name
            "San Bernardino Terror Suspect Named By Police\n\nPolice said the suspect was armed.",
            ["Police"],
        ),
        (  # a person's surname is no short form of a body
            "National Review's Ian Tuttle wrote a column. Tuttle said the party had failed.",
            ["Ian Tuttle"],
        ),
        (  # a seat of government's last word is no short form of it
            "The White House announced sanctions. The House said it would vote next week.",
            ["White House", "House"],
        ),
        (  # a place is no short form of "University of Texas"
            "The University of Texas released a study. Texas said the rule was unconstitutional.",
            ["Texas"],
        ),
        (  # two departments: "the Department" may be either
            "The Justice Department and the State Department met. "
            "The Department said talks would go on.",
            ["Department"],
        ),
    ],
)
def test_a_bodys_short_form_takes_the_name_the_article_gave_it(nlp, text, speakers):
    assert [c["speaker"] for c in claims_of(nlp, text)] == speakers


def test_a_vice_presidents_role_is_no_president(nlp):
    text = (
        "Vice President Mike Pence said the economy was strong. "
        "The president said the talks had failed."
    )
    assert [c["speaker"] for c in claims_of(nlp, text)] == ["Mike Pence", "president"]


def test_an_outlets_name_is_no_description(nlp):
    (claim,) = claims_of(nlp, "The Observer said that the economy was slowing.")
    assert claim["type"] != "person"


@pytest.mark.parametrize(
    "text", ["North Korean state media said the test succeeded.", "Local media reported a fire."]
)
def test_state_and_local_media_are_media(nlp, text):
    (claim,) = claims_of(nlp, text)
    assert claim["type"] == "media"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A source close to the talks said they had failed.", "person"),
        ("People familiar with the matter said the talks had failed.", "group"),
        ("Several people directly familiar with the talks said they had failed.", "group"),
        ("Gulf countries signaled they could open ties with Israel.", "group"),
    ],
)
def test_a_source_that_says_how_it_knows_is_typed_by_its_noun(nlp, text, kind):
    (claim,) = claims_of(nlp, text)
    assert claim["type"] == kind


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Republican senators said the bill would fail.", "Republican senators"),
        ("Opposition deputies said the vote was rigged.", "Opposition deputies"),
    ],
)
def test_a_description_by_plural_roles_is_a_group(nlp, text, speaker):
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["type"]) == (speaker, "group")


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ("Houthi militants said the ship was hit.", "Houthi militants", "group"),
        ("Conservatives said the bill went too far.", "Conservatives", "group"),
        ("The U.S. Ambassador said the deal was done.", "U.S. Ambassador", "person"),
        ("The President said the talks would go on.", "President", "person"),
        ("The Attorney General said the case was closed.", "Attorney General", "person"),
        ("Dollar General said its sales rose.", "Dollar General", "unknown"),
    ],
)
def test_people_in_plural_and_a_title_alone_are_typed(nlp, text, speaker, kind):
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["type"]) == (speaker, kind)


def test_a_description_is_typed_a_person_but_is_no_antecedent(nlp):
    text = (
        "Kim Jong Un inspected the launch. A senior official said the missile flew far. "
        "He added that more tests would follow."
    )
    official, he = claims_of(nlp, text)
    assert (official["speaker"], official["type"]) == ("senior official", "person")
    assert he["speaker"] == "Kim Jong Un"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (
            "A senior Hamas official has claimed that North Korea could attack the US.\n\n"
            "“He is capable of it,” Ali Baraka said in an interview.",
            ["Ali Baraka", "Ali Baraka"],
        ),
        (  # named before the lede: the official is someone else
            "Ali Baraka spoke on Monday. A senior Hamas official said the talks had failed.\n\n"
            "“We are ready,” Ali Baraka said.",
            ["senior Hamas official", "Ali Baraka"],
        ),
        (  # a role of another kind
            "A senior Hamas official has claimed that North Korea could attack the US.\n\n"
            "Ali Baraka, a Lebanese journalist, said the claim was false.",
            ["senior Hamas official", "Ali Baraka"],
        ),
        (  # a public figure answers the lede
            "A senior Russian official said the sanctions had failed.\n\n"
            "“They are working,” Joe Biden said at the White House.",
            ["senior Russian official", "Joe Biden"],
        ),
        (  # someone else speaks in between
            "A senior Hamas official has claimed that North Korea could attack.\n\n"
            "A US diplomat said it could not.\n\n“He is capable of it,” Ali Baraka said.",
            ["senior Hamas official", "US diplomat", "Ali Baraka"],
        ),
        (  # named before the lede, family name first
            "Wang met Blinken in Beijing on Monday. A senior Chinese official said the talks "
            "had failed.\n\n“This is bullying,” Wang Yi said.",
            ["senior Chinese official", "Wang Yi"],
        ),
        (  # the lede's own continuation is named too
            "A senior Hamas official told RT: “North Korea could attack the US.\n\n"
            "“It has the missiles to do it.”\n\n“He is capable of it,” Ali Baraka said.",
            ["Ali Baraka"] * 3,
        ),
    ],
)
def test_the_ledes_unnamed_source_is_the_person_named_next(nlp, text, speakers):
    assert [c["speaker"] for c in claims_of(nlp, text)] == speakers


def test_a_family_name_written_first_takes_the_full_name(nlp):
    text = (
        "Chinese Foreign Minister Wang Yi said the talks had failed. “This is bullying,” Wang said."
    )
    assert [c["speaker"] for c in claims_of(nlp, text)] == ["Wang Yi", "Wang Yi"]


def test_a_place_the_tagger_took_for_a_person_is_no_antecedent(nlp):
    text = (
        "Estonian Prime Minister Kaja Kallas said aid would grow.\n\nThe head of the Estonian "
        "government reminded that Tallinn had officially decided to provide Kyiv with annual "
        "aid of 0.25% of its GDP over the next 4 years. She said the war would be long."
    )
    (she,) = [c for c in claims_of(nlp, text) if c["quote"] == "the war would be long"]
    assert she["speaker"] == "Kaja Kallas"  # the tagger reads "Tallinn" as a person


def test_a_hyphenated_korean_name_stays_whole(nlp):
    text = "South Korean President Moon Jae-in said the talks were good. Moon added that it was so."
    assert [c["speaker"] for c in claims_of(nlp, text)] == ["Moon Jae-in"] * 2


def test_a_possessive_source_resolves_as_its_pronoun(nlp):
    text = (
        "Chuck Hagel was nominated on Monday. Bad feelings stem from his 2007 comments that "
        "the lobby intimidated lawmakers."
    )
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["quote"]) == ("Chuck Hagel", "the lobby intimidated lawmakers")


def test_they_takes_a_group_before_a_lone_person(nlp):
    text = (
        "Experts said the sanctions were failing. Senator Jane Roe said the vote was close. "
        "They added that the talks could resume."
    )
    assert [c["speaker"] for c in claims_of(nlp, text)] == ["Experts", "Jane Roe", "Experts"]


def test_they_is_no_lone_person(nlp):
    text = (
        "Senator Jane Roe said the vote was close. White supremacists have rallied. "
        "They said they would back her."
    )
    assert [c["speaker"] for c in claims_of(nlp, text)] == ["Jane Roe"]


def test_they_is_no_company_or_outlet(nlp):
    text = (
        "Analysts said the merger was likely. Google said profits rose. "
        "They added that the staff were the best fit."
    )
    speakers = [c["speaker"] for c in claims_of(nlp, text)]
    assert speakers == ["Analysts", "Google", "Analysts"]


def test_they_is_joint_speakers(nlp):
    text = (
        "Jeffrey Fowle and Mathew Miller said they expect a trial. "
        "But they said they do not know the charges."
    )
    claims = claims_of(nlp, text)
    assert [c["speaker"] for c in claims] == ["Jeffrey Fowle", "Jeffrey Fowle"]
    assert claims[1]["quote"] == "they do not know the charges"


def test_a_name_the_tagger_missed_is_no_role_of_an_earlier_speaker(nlp):
    text = (
        "Marco Rubio spoke in Iowa. At a meet-and-greet, Rubio supporter Scott Szlachta told "
        "the senator that he drove from Chicago. Rubio still favors a path to citizenship."
    )
    speakers = [(c["speaker"], c["cue"]) for c in claims_of(nlp, text)]
    assert speakers == [("Scott Szlachta", "told"), ("Marco Rubio", "favors")]


def test_an_appositive_past_the_verb_names_no_description(nlp):
    text = (
        "The lawyers also pointed to two former hopefuls, Sen. John McCain of Arizona and "
        "former Michigan Gov. George Romney, as examples. These sources, the lawyers said, "
        "“all command the same conclusion.”"
    )
    speakers = {c["speaker"] for c in claims_of(nlp, text)}
    assert speakers == {"lawyers"}


def test_a_plural_description_is_no_one_person(nlp):
    text = (
        "David Autor, an economist and one of the paper's authors, said the deal had cost many jobs. "
        "The authors said the effect was large."
    )
    speakers = [c["speaker"] for c in claims_of(nlp, text)]
    assert speakers == ["David Autor", "authors"]


def test_a_relative_clause_far_from_a_name_is_its_own_source(nlp):
    text = (
        "Clinton is far ahead in the count because of endorsements from superdelegates, "
        "the party leaders who can support the candidate of their choice."
    )
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["type"]) == ("party leaders", "group")


def test_surname_is_not_a_relative_of_the_same_name(nlp):
    text = (
        "The hacker Marcel Lehel Lazar was sentenced. “We need him,” his wife, Gabriela "
        "Violeta Lazar, wrote in a letter. Lazar told the New York Times that he guessed "
        "passwords."
    )
    speakers = [c["speaker"] for c in claims_of(nlp, text)]
    assert speakers == ["Gabriela Violeta Lazar", "Marcel Lehel Lazar"]


def test_he_takes_a_surname_the_tagger_calls_a_noun(nlp):
    text = (
        "Bernie Sanders prevailed in Wisconsin on Tuesday. David Wasserman, an analyst at the "
        "Cook Political Report, said the race would end in June.\n\nSanders is burrowing in "
        "for a floor fight. He's suggesting that delegates from states he won should flip to "
        "his column."
    )
    speakers = [c["speaker"] for c in claims_of(nlp, text)]
    assert speakers == ["David Wasserman", "Bernie Sanders"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("China’s Foreign Ministry said the drills were routine.", "China’s Foreign Ministry"),
        ("Russia’s defence ministry said troops had advanced.", "Russia’s defence ministry"),
    ],
)
def test_a_ministry_keeps_the_country_that_owns_it(nlp, text, speaker):
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["type"], claim["role"]) == (speaker, "government", None)


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        (
            "In the poll, 30 percent of voters said the economy mattered most.",
            "30 percent of voters",
            "group",
        ),
        ("Women said the plan was unfair.", "Women", "group"),
        ("The company said its profits rose.", "company", "organisation"),
        ("The businessman said the deal was fair.", "businessman", "person"),
        ("One of the officials said the talks failed.", "One of the officials", "person"),
        ("Collins is expected by analysts to vote against the bill.", "analysts", "group"),
    ],
)
def test_speaker_types_of_descriptions(nlp, text, speaker, kind):
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["type"]) == (speaker, kind)


def test_a_description_is_an_earlier_speakers_office_not_his_affiliation(nlp):
    text = (
        "David Friedman, president of Wealth-X, a private company that ranks billionaires, "
        "said the list was long. The company says its researchers found 2,400 billionaires."
    )
    assert [c["speaker"] for c in claims_of(nlp, text)] == ["David Friedman", "company"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Tory MP and chair of the Foreign Affairs Committee Alicia Kearns said the threat "
            "was real.",
            "Alicia Kearns",
        ),
        (
            "A spokesman for Senate Majority Leader Mitch McConnell said the bill was dead.",
            "spokesman for Senate Majority Leader Mitch McConnell",
        ),
        (
            "A lawyer for the Trump Organization Allen Weisselberg said the deal was legal.",
            "lawyer for the Trump Organization Allen Weisselberg",
        ),
    ],
)
def test_a_name_run_into_an_organisations_name_ends_the_description(nlp, text, speaker):
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == speaker


def test_an_object_keeps_its_demonstrative(nlp):
    text = "When Obama used drones, candidate Donald Trump condemned that behavior."
    (claim,) = claims_of(nlp, text)
    assert claim["quote"] == "that behavior"


def test_surname_resolves_to_the_nearest_full_name(nlp):
    text = "Ted Cruz spoke first. Later Rafael Cruz arrived. Cruz said the vote was rigged."
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Rafael Cruz"


def test_surname_resolves_to_the_most_named_full_name(nlp):
    text = (
        "Senator Ted Cruz spoke on Monday. Ted Cruz then left. Heidi Cruz arrived later. "
        "Cruz said the vote was rigged."
    )
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Ted Cruz"


@pytest.mark.parametrize(
    "text",
    [
        "Senator Susan Collins remains undecided and is expected to make her decision soon.",
        "Kim is believed to have ordered the test himself.",
    ],
)
def test_a_passive_cue_with_an_infinitive_is_no_claim_of_its_subject(nlp, text):
    assert claims_of(nlp, text) == []


def test_a_cue_set_off_before_an_auxiliary_takes_the_whole_clause(nlp):
    text = 'Vladimir Putin spoke on Tuesday. Russia, he said, is "strengthening our forces."'
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["kind"]) == ("Vladimir Putin", "mixed")
    assert claim["quote"] == 'Russia, he said, is "strengthening our forces."'


def test_narration_is_no_claim(nlp):
    assert claims_of(nlp, "Kim visited Russia in September, meeting Putin in Siberia.") == []
    assert claims_of(nlp, "What did the commentators say?") == []


@pytest.mark.parametrize(
    "text",
    [
        "“Unbalanced quote with no end",
        "Garbled ” fragment “ here” said.",
        'He said "straight and “curly” mixed.',
        "Missing.Spaces,everywhere said the man,“ok”",
        "",
    ],
)
def test_noise_never_raises_and_offsets_stay_exact(nlp, text):
    doc = nlp(text)
    for claim in attribute_doc(doc):
        assert 0 <= claim.start < claim.end <= len(text)


def test_explain_names_rule_and_evidence(nlp):
    (claim,) = attribute_doc(nlp("“We will win,” Kim said."))
    text = explain(claim)
    assert text.startswith("rule: reported_speech")
    assert "cue 'said'" in text


def test_explain_reads_a_table_row_however_it_was_stored():
    import numpy as np
    import pandas as pd

    row = pd.Series({"rule": "reported_speech", "evidence": np.array(["cue 'said' (say)"])})
    assert explain(row) == "rule: reported_speech\n- cue 'said' (say)"  # read from Parquet
    assert explain(row.to_frame().T) == explain(row)  # a table of one row
    assert explain(pd.Series({"rule": "colon", "evidence": float("nan")})) == "rule: colon"
    with pytest.raises(ValueError, match="E017"):
        explain(pd.Series({"rule": float("nan"), "evidence": None}))


# --- the sample article -----------------------------------------------------------


@pytest.fixture(scope="module")
def sample_claims(nlp, sample_path):
    text = sample_path.read_text(encoding="utf-8")
    return text, attribute_doc(nlp(text))


def test_sample_ali_baraka_quote(sample_claims):
    text, claims = sample_claims
    quotes = {text[c.start : c.end]: c for c in claims}
    claim = quotes[
        "The leader of North Korea is, perhaps, the only person in the world who is capable of attacking the United States"
    ]
    assert (claim.speaker, claim.kind, claim.cue) == ("Ali Baraka", "direct", "said")


def test_sample_ohanlon_resolved_for_he_said(sample_claims):
    text, claims = sample_claims
    (claim,) = [c for c in claims if text[c.start : c.end].startswith("Kim’s “modus operandi")]
    assert claim.speaker_mention == "he"
    assert claim.speaker == "Michael O’Hanlon"


def test_sample_nis_claim(sample_claims):
    text, claims = sample_claims
    (claim,) = [c for c in claims if c.speaker == "National Intelligence Service"]
    assert text[claim.start : claim.end].startswith("Pyongyang “is mobilizing additional workers")
    assert claim.cue == "told"


def test_sample_offsets_are_exact(sample_claims, sample_path):
    text, claims = sample_claims
    assert len(claims) >= 25
    for claim in claims:
        assert (
            text[claim.start : claim.end]
            == sample_path.read_text(encoding="utf-8")[claim.start : claim.end]
        )
        assert text[claim.start : claim.end].strip() == text[claim.start : claim.end]


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        (
            "Putin's claim that Kyiv will fall was false.",
            "Kyiv will fall",
            "Vladimir Putin",
            "claim",
        ),
        (
            "A statement from the ministry said the talks would resume.",
            "the talks would resume",
            "ministry",
            "said",
        ),
        (
            "The ministry issued a statement saying the talks would resume.",
            "the talks would resume",
            "ministry",
            "saying",
        ),
        (
            "Senator Lindsey Graham called for new sanctions on Moscow.",
            "new sanctions on Moscow",
            "Lindsey Graham",
            "called",
        ),
        (
            "The ministry urged Seoul to halt the drills.",
            "Seoul to halt the drills",
            "ministry",
            "urged",
        ),
        (
            "Kremlin officials vowed to retaliate against any strike.",
            "to retaliate against any strike",
            "Kremlin officials",
            "vowed",
        ),
        (
            "Beijing was surprised by Carrie Lam's admission that the protests are valid.",
            "the protests are valid",
            "Carrie Lam",
            "admission",
        ),
        (
            "Allies protested Netanyahu's declaration that he would not back a Palestinian state.",
            "he would not back a Palestinian state",
            "Benjamin Netanyahu",
            "declaration",
        ),
        (
            "Pyongyang's pledge to halt its nuclear tests came after the talks.",
            "to halt its nuclear tests",
            "North Korea",
            "pledge",
        ),
        (
            "Kim's pledge not to conduct nuclear tests came after the talks.",
            "not to conduct nuclear tests",
            "Kim",
            "pledge",
        ),
    ],
)
def test_noun_cues_and_complements(nlp, text, quote, speaker, cue):
    (claim,) = claims_of(nlp, text)
    assert (claim["quote"], claim["speaker"], claim["cue"]) == (quote, speaker, cue)


def test_a_line_opening_with_a_quotation_and_a_colon_is_its_subjects(nlp):
    text = (
        "“A long winter”: the storm closed the roads\n\n"
        "“Corrupt, toxic and sociopathic”: Glenn Greenwald unloads on the CIA"
    )
    claims = [(c["quote"], c["speaker"], c["kind"]) for c in claims_of(nlp, text)]
    assert claims == [("Corrupt, toxic and sociopathic", "Glenn Greenwald", "direct")]


def test_a_cue_with_its_content_after_it_leaves_the_quotation_before_it(nlp):
    text = (
        "“Russia does not feel threatened”: Estonian Prime Minister Kaja Kallas calls for "
        "long-range missiles for Ukraine."
    )
    claims = [(c["quote"], c["speaker"], c["cue"]) for c in claims_of(nlp, text)]
    assert claims == [
        ("Russia does not feel threatened", "Kaja Kallas", ":"),
        ("long-range missiles for Ukraine", "Kaja Kallas", "calls"),
    ]


def test_a_title_before_a_colon_is_no_claim(nlp):
    assert claims_of(nlp, "“Oppenheimer”: Christopher Nolan returns with a biopic") == []


def test_an_appeal_to_someone_keeps_the_quotation_before_it(nlp):
    text = "“We are running out of time,” Zelensky appealed to Western allies on Monday."
    (claim,) = claims_of(nlp, text)
    assert (claim["quote"], claim["cue"]) == ("We are running out of time", "appealed")


def test_colon_introduces_the_next_paragraph(nlp):
    text = 'Reporter Jomana Karadsheh says:\n\n"The eyewitness describes the situation as a frontline. Forces clashed."\n'
    (claim,) = claims_of(nlp, text)
    assert claim["kind"] == "direct"
    assert claim["quote"].startswith("The eyewitness") and claim["quote"].endswith(
        "Forces clashed."
    )
    assert claim["speaker"] == "Jomana Karadsheh"


def test_quotation_woven_into_a_sentence_about_a_named_actor(nlp):
    (claim,) = claims_of(
        nlp, "Trump posted a message on Twitter reading “Thank you Georgia” after the polls closed."
    )
    assert claim["speaker"] == "Donald Trump"  # the gazetteer's full name
    assert claim["rule"] == "sentence_subject"
    assert "Thank you Georgia" in claim["quote"]


def test_a_woven_quotation_belongs_to_a_subject_described_and_named_not_the_last_speaker(nlp):
    text = (
        "But Steinitz said Israel was in an uphill battle. Another senior Israeli official, "
        "Security Cabinet Minister Gilad Erdan, saw a “good chance” of a deal."
    )
    first, second = claims_of(nlp, text)
    assert first["speaker"] == "Steinitz"
    assert second["speaker"] == "Gilad Erdan"
    assert second["quote"] == "a “good chance” of a deal"  # the words after the verb


def test_pledge_inside_another_claim_is_not_a_claim_of_its_own(nlp):
    text = "Reuters notes that when their leaders met in September they pledged close military cooperation."
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Reuters"


def test_pronoun_skips_a_person_of_the_other_gender(nlp):
    text = (
        "Mrs. Jane Porter met the press on Monday. She was calm. "
        "Senator Tom Reed also spoke. He was angry.\n\n"
        "Later she said that the vote would go ahead."
    )
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Jane Porter"


def test_a_pronoun_in_a_quotation_casts_no_vote_on_the_speakers_gender(nlp):
    # "His" is the man Kunin talks about, not Kunin
    text = (
        "Clinton is poised to shore up her formidable delegate lead over Sanders. The race "
        "has taken a negative turn, Madeleine Kunin said in an interview.\n\n"
        "“His normal demeanor is grumpy,” she said."
    )
    speakers = [claim["speaker"] for claim in claims_of(nlp, text)]
    assert speakers == ["Madeleine Kunin", "Madeleine Kunin"]


def test_a_given_name_says_the_gender_before_the_pronouns_after_a_name(nlp):
    # "his role" after Warren is Stumpf's; "Elizabeth" says she is a woman
    text = (
        "Sen. Elizabeth Warren grilled Wells Fargo CEO John Stumpf on Tuesday for his role in "
        "the scheme.\n\n“You should resign,” Warren told Stumpf, after he admitted under "
        "Warren’s grilling he hadn’t been held accountable.\n\nStumpf made $19.3 million in "
        "2015.\n\n“This just isn’t right,” Warren said. “You squeezed employees to the "
        "breaking point” to drive up the stock price, she said."
    )
    (she,) = [claim for claim in claims_of(nlp, text) if "You squeezed" in claim["quote"]]
    assert she["speaker"] == "Elizabeth Warren"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Billionaire Mark Cuban said on Monday that Trump was not ready. Cuban said he "
            "sees no curiosity in him.",
            "Mark Cuban",
        ),
        (
            "Jeremy Paris, who used to work on Capitol Hill, said the party was ready. "
            '"You get your house ready for a party," Paris said.',
            "Jeremy Paris",
        ),
    ],
)
def test_a_surname_that_is_also_a_place_stays_the_person(nlp, text, speaker):
    assert {claim["speaker"] for claim in claims_of(nlp, text)} == {speaker}


def test_a_speaker_loses_a_stray_quotation_mark(nlp):
    text = (
        "A recent poll found that almost 90 percent of “American elites” believe strict "
        "rationing is necessary."
    )
    speakers = {claim["speaker"] for claim in claims_of(nlp, text)}
    assert "almost 90 percent of American elites" in speakers


def test_a_pronoun_glued_to_a_closing_quotation_mark_is_resolved(nlp):
    text = (
        'South Korean Defense Minister Kim Kwan-jin said it "could be for testing or '
        'drills."He dismissed reports in Japan that the North had moved missiles.'
    )
    speakers = {claim["speaker"] for claim in claims_of(nlp, text)}
    assert speakers == {"Kim Kwan-jin"}


def test_a_caption_before_a_colon_is_no_speaker(nlp):
    text = "Two gunmen opened fire, the prosecutor said.\n\nMap: Charlie Hebdo HQ, Paris and the streets\n"
    assert [claim["speaker"] for claim in claims_of(nlp, text)] == ["prosecutor"]


def test_the_persons_own_pronoun_beats_the_given_names_list(nlp, tmp_path, monkeypatch):
    (tmp_path / "given_names.yml").write_text("female: [Ashley]\nmale: []\n", encoding="utf-8")
    monkeypatch.setenv("TOOLKIT_DATA_DIR", str(tmp_path))
    text = (
        "Ashley Young said he was proud of the team and his teammates. The club was happy. "
        "“We did it,” he said."
    )
    assert [claim["speaker"] for claim in claims_of(nlp, text)] == ["Ashley Young"] * 2


def test_a_surname_alone_takes_no_gender_from_the_list(nlp):
    text = (
        "Sen. Warren criticized the bank on Tuesday for the scheme. "
        "“You should resign now, sir,” she said."
    )
    assert [claim["speaker"] for claim in claims_of(nlp, text)] == ["Warren", "Warren"]


@pytest.mark.parametrize(
    "text",
    [
        "The talks stalled. “Is this some kind of a joke to them?” one former official told me.",
        "The talks stalled. “We will win the election in November.” Biden told reporters.",
    ],
)
def test_a_quotation_before_a_cue_that_names_whom_it_told(nlp, text):
    (claim,) = claims_of(nlp, text)
    assert claim["kind"] == "direct" and claim["cue"] == "told"


def test_a_section_head_in_capitals_continues_no_speaker(nlp):
    text = (
        "Paul has voiced his support for the withdrawal, saying that “the Constitution is "
        "quite clear.”\n\nHISTORY OF ‘BETRAYAL’\n\nThe Kurds have long been allies."
    )
    assert all("HISTORY" not in claim["quote"] for claim in claims_of(nlp, text))


def test_a_shouted_quotation_alone_on_its_line_still_continues(nlp):
    text = "Trump said that he would win.\n\n“MAKE AMERICA GREAT AGAIN!”\n\nThe crowd cheered."
    quotes = {claim["quote"]: claim["speaker"] for claim in claims_of(nlp, text)}
    assert quotes["MAKE AMERICA GREAT AGAIN!"] == quotes["he would win"]


def test_a_headlines_words_are_no_antecedent(nlp):
    text = (
        " date 2015-02-12 Middle East.\n\nObama Sends Letter to Congress Seeking Authorization "
        "of ISIS Fight\n\nThe letter went out on Monday. He said the mission needed support."
    )
    assert all(claim["speaker"] != "Obama Sends Letter" for claim in claims_of(nlp, text))


def test_two_titled_names_keep_each_its_own_title(nlp):
    text = (
        "The force will be ready by 2020, Vice President Mike Pence and Defense Secretary "
        "James N. Mattis promised Thursday.\n\nMr. Pence said space was the next frontier."
        "\n\n“The time has come,” the vice president said."
    )
    claims = claims_of(nlp, text)
    assert claims[0]["role"] == "Defense Secretary"
    assert claims[-1]["speaker"] == "Mike Pence"


@pytest.mark.parametrize(
    "text",
    [
        "He laid a white floral wreath at the memorial.",
        "Russian state media are laying the groundwork for an attack.",
        "February laid the cornerstone for the new policy.",
    ],
)
def test_laying_is_a_cue_only_with_out_and_a_month_is_no_speaker(nlp, text):
    assert claims_of(nlp, text) == []


def test_laying_out_a_plan_is_a_claim(nlp):
    (claim,) = claims_of(nlp, "In February, the president laid out his plan.")
    assert (claim["speaker"], claim["quote"]) == ("president", "his plan")


def test_a_headlines_name_run_on_into_its_verb_is_no_full_name(nlp):
    text = (
        " date 2016-05-23 Vietnam.\n\nObama Lifts Decades-old Arms Embargo on Vietnam\n\n"
        "President Obama on Monday lifted the embargo on arms sales to Vietnam, a move "
        "meant to strengthen ties.\n\n“At this stage both sides have developed trust,” "
        "Obama said."
    )
    assert [claim["speaker"] for claim in claims_of(nlp, text)] == ["Barack Obama"]


def test_first_person_narrator_is_no_named_speaker(nlp):
    assert claims_of(nlp, "I said that the vote would go ahead.") == []


def test_headline_verbs_do_not_join_full_names(nlp):
    text = (
        "Ben Carson Defends Himself.\n\nBen Carson spoke on Sunday. Carson said the story was true."
    )
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Ben Carson"


def test_description_resolves_to_the_last_named_organisation(nlp):
    text = (
        "Activists from Greenpeace blocked the port.\n\nThe group said the blockade would continue."
    )
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Greenpeace"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Leaders of the Republican Party met in Ohio.\n\nThe party said the vote was fair.",
            "Republican Party",
        ),
        (  # the campaign is not the news agency named before it
            "Reporters from the Associated Press were there.\n\nThe campaign said the vote was fair.",
            "campaign",
        ),
        (
            "Officials at the Labor Department met on Monday.\n\n"
            "The department said nine million more workers would be eligible for overtime.",
            "Labor Department",
        ),
    ],
)
def test_a_specific_description_needs_an_organisation_of_its_kind(nlp, text, speaker):
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == speaker


def test_speaker_names_lose_marks_and_articles(nlp):
    (claim,) = claims_of(nlp, "The “Tyre Extinguishers” said that drivers should walk.")
    assert claim["speaker"] == "Tyre Extinguishers"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "In his state, Christie said, nonviolent offenders are sent to drug treatment.",
            "In his state, Christie said, nonviolent offenders are sent to drug treatment",
            "Christie",
        ),
        (
            "Ms. Espinoza spoke in August.\n\n“I won’t just talk like a conservative,” Espinoza said Friday.",
            "I won’t just talk like a conservative",
            "Espinoza",
        ),
    ],
)
def test_parenthetical_cues(nlp, text, quote, speaker):
    (claim,) = claims_of(nlp, text)
    assert (claim["quote"], claim["speaker"]) == (quote, speaker)


def test_a_headline_source_has_no_verb_of_its_own(nlp):
    text = (
        "Putin Says US, NATO Ignored Its Security Demands as Kremlin Rules out War\n\n"
        "The talks ended on Friday."
    )
    speakers = {c["speaker"] for c in claims_of(nlp, text)}
    assert speakers == {"Vladimir Putin"}  # not "NATO Ignored Its Security" with "Demands"


def test_headline_name_colon_statement(nlp):
    (claim,) = claims_of(
        nlp,
        "John McCain: Republican Anger Appeals to the Bad Angels of Our Nature\n\nBody text here.",
    )
    assert claim["speaker"] == "John McCain"
    assert claim["cue"] == ":"
    assert claim["quote"] == "Republican Anger Appeals to the Bad Angels of Our Nature"


def test_headline_verbs_are_cut_from_person_names(nlp):
    text = "Obama Says Congress Must Act.\n\nObama said the bill would pass this week."
    claims = claims_of(nlp, text)
    assert [c["speaker"] for c in claims] == ["Barack Obama", "Barack Obama"]  # not "Obama Says"


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [("Reagan-like", "Reagan"), ("Obama-era", "Obama"), ("Kim Jong-un", "Kim Jong-un")],
)
def test_adjectives_made_of_names_are_cut_to_the_name(nlp, name, cleaned):
    from toolkit.attribution.coref import PersonIndex

    assert PersonIndex(nlp("Nothing here."), []).clean(name) == cleaned


def test_acronym_defined_in_the_article_names_its_expansion(nlp):
    text = "Analysts at the Asia Pacific Strategy Center (APSC) met on Monday.\n\nThe APSC said the talks had failed."
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Asia Pacific Strategy Center"


def test_a_cue_inside_another_claims_content_does_not_steal_it(nlp):
    text = "Sen. Lindsey Graham said that even if talks start, North Korea wouldn't agree if it felt cheated."
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Lindsey Graham"
    assert claim["quote"].startswith("even if talks start")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Edward Said wrote that the conflict had deep roots.", "Edward Said"),
        ("On Monday, Hope Hicks met reporters.\n\nHicks said the meeting went well.", "Hope Hicks"),
    ],
)
def test_real_names_are_not_cut(nlp, text, speaker):
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == speaker


def test_relay_through_a_journalist_names_the_outlet(nlp):
    text = (
        "According to Richard Lloyd Parry, Asia editor of The Times, the agency believes "
        "the North has sent shells to Russia."
    )
    (claim,) = claims_of(nlp, text)
    assert claim["via"] == "The Times"


def test_headline_words_before_a_colon_are_no_source(nlp):
    text = "Entirely Fictional, Shameless: the claim that dengue will be endemic by 2040\n\nBody."
    assert [c for c in claims_of(nlp, text) if c["cue"] == ":"] == []


def test_we_outside_quotes_names_no_one(nlp):
    assert claims_of(nlp, "We have seen the Civil Service mislead the public.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Cohen did not mention Trump by name in court.",
        "Davis would not say whether Cohen has met the special counsel.",
        "Outrage over the embassy move says more about Washington than about the president.",
        "The civil war, which has claimed roughly 70,000 lives, shows no sign of ending.",
        "Friday's test was the second this year, something that shows the program is advancing.",
        "The hackers, who call themselves Cyber Resistance, leaked the files.",  # a name
        (  # a date is no source
            "Kim appeared in images released by state media Tuesday smiling broadly and "
            "supporting himself with a walking stick."
        ),
    ],
)
def test_no_claim_without_a_statement_or_a_speaker(nlp, text):
    assert claims_of(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Kerry said the talks went well. That said, a deal is still far off.",
        "Kerry said the talks went well. That suggests a lack of confidence in his rivals.",
    ],
)
def test_a_demonstrative_is_no_speaker(nlp, text):
    """ "That" stands for a fact, not for the speaker before it."""
    assert [c["quote"] for c in claims_of(nlp, text)] == ["the talks went well"]


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "Some say North Korea can make a warhead small enough.",
            "North Korea can make a warhead small enough",
            "Some",
        ),
        (
            "Data from the survey show that women hold 41 percent of the jobs.",
            "women hold 41 percent of the jobs",
            "Data from the survey",
        ),
        (
            "A local priest said dogs were seen in the streets.",
            "dogs were seen in the streets",
            "local priest",
        ),
        (
            "State media depicted the protesters as tools of outside powers.",
            "the protesters as tools of outside powers",
            "State media",
        ),
        (
            "Republican hawks lambasted the White House for not taking action.",
            "the White House for not taking action",
            "Republican hawks",
        ),
        (
            "Associates say he is likely to run for reelection.",
            "he is likely to run for reelection",
            "Associates",
        ),
        (  # "cutting" parsed as an xcomp holding the clause's verb
            "Mr. Xi and other leaders have said cutting that output must be a key part of "
            "their program.",
            "cutting that output must be a key part of their program",
            "Xi Jinping",
        ),
    ],
)
def test_sources_that_can_speak(nlp, text, quote, speaker):
    (claim,) = claims_of(nlp, text)
    assert (claim["quote"], claim["speaker"]) == (quote, speaker)


def test_headline_source_to_addressee_colon(nlp):
    (claim,) = claims_of(nlp, "Israel hawks to Pope Francis: Stay out of politics\n\nMore text.")
    assert (claim["quote"], claim["speaker"]) == ("Stay out of politics", "Israel hawks")


def test_dateline_before_a_colon_is_no_source(nlp):
    text = "Beijing: Brazil's president has called for the BRICS nations to drop the dollar."
    (claim,) = claims_of(nlp, text)
    assert claim["quote"] == "the BRICS nations to drop the dollar"
    assert claim["cue"] == "called"


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ("The White House said the talks would go ahead.", "White House", "government"),
        ("The Kremlin has denied the allegations.", "Kremlin", "government"),
        ("Pyongyang has denied the allegations.", "North Korea", "government"),
    ],
)
def test_seats_of_government_keep_their_name(nlp, text, speaker, kind):
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["type"]) == (speaker, kind)


def test_a_person_keeps_the_articles_spelling(nlp):
    text = (
        "Brazilian President Luiz Inacio Lula da Silva spoke in Shanghai on Friday.\n\n"
        "“Every night I ask myself why,” Lula added."
    )
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Luiz Inacio Lula da Silva"  # the gazetteer writes "Inácio"


def test_a_description_named_by_a_participle_is_the_person(nlp):
    text = "Another soldier named Ruslan, 42, said he welcomed the move."
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["role"]) == ("Ruslan", "Another soldier")


def test_a_speakers_own_nested_cue_is_part_of_the_claim(nlp):
    text = "Rep. Tim Huelskamp said that, when the Pope comes to Washington, he hopes the Pope listens."
    (claim,) = claims_of(nlp, text)
    assert claim["cue"] == "said"


def test_recognizing_a_state_is_no_claim(nlp):
    assert claims_of(nlp, "Others were frustrated that the pope would recognize Palestine.") == []


def test_relative_clause_around_the_cue(nlp):
    (claim,) = claims_of(
        nlp, "The bill, which critics said was discriminatory against students, failed."
    )
    assert (claim["quote"], claim["speaker"]) == ("was discriminatory against students", "critics")


def test_quotation_that_ends_the_previous_sentence(nlp):
    text = "“Does he not understand we wrote that constitution?” Biden said."
    (claim,) = claims_of(nlp, text)
    assert (claim["quote"], claim["kind"]) == (
        "Does he not understand we wrote that constitution?",
        "direct",
    )


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "via"),
    [
        (
            "Readers wrote in.\n\n“He can’t even answer a question.” ― Esther Tapia\nMore text.",
            "He can’t even answer a question.",
            "Esther Tapia",
            None,
        ),
        (
            "None of these is true. Let’s bust some myths. pic.twitter.com/abc123"
            " — Dan Shapiro (@DanielBShapiro) May 14, 2018\n\nThe talks ended.",
            "None of these is true. Let’s bust some myths",
            "Dan Shapiro",
            "Twitter",
        ),
    ],
)
def test_signed_quotations_and_posts(nlp, text, quote, speaker, via):
    (claim,) = claims_of(nlp, text)
    assert (claim["quote"], claim["speaker"], claim["via"], claim["kind"]) == (
        quote,
        speaker,
        via,
        "direct",
    )


def test_a_dash_inside_a_sentence_signs_nothing(nlp):
    assert claims_of(nlp, "The talks – held in Geneva – ended without a deal.") == []


def test_a_shared_subject_does_not_reach_back_for_a_quotation(nlp):
    text = (
        "Trump said the borders are “tearing families apart.” "
        "Romney went after Trump on Wednesday, calling it “disqualifying.”"
    )
    quotes = [c["quote"] for c in claims_of(nlp, text) if c["cue"] == "calling"]
    assert quotes == ["it “disqualifying.”"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The minister said the talks had failed, adding that new sanctions were likely.",
            [("the talks had failed", "said"), ("new sanctions were likely", "adding")],
        ),
        (
            "Kim said the deal was dead and warned that Seoul would pay.",
            [("the deal was dead", "said"), ("Seoul would pay", "warned")],
        ),
    ],
)
def test_a_trailing_cue_starts_a_claim_of_its_own(nlp, text, expected):
    assert [(c["quote"], c["cue"]) for c in claims_of(nlp, text)] == expected


def test_a_fragment_about_another_actor_continues_no_one(nlp):
    text = (
        "“The move is reckless,” Senator Lindsey Graham said.\n\n"
        "The article closes with a clear hint about “the woman’s state of mind.”"
    )
    assert [c["speaker"] for c in claims_of(nlp, text)] == ["Lindsey Graham"]


def test_asking_not_to_be_named_is_no_claim(nlp):
    claims = claims_of(nlp, "The official, who asked not to be named, said the deal was close.")
    assert [c["quote"] for c in claims] == ["the deal was close"]


def test_single_curly_quotes_quote_and_apostrophes_do_not(nlp):
    text = "Experts said it is ‘highly unlikely’ that the Koreans’ war won’t end."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["highly unlikely"]
    (claim,) = claims_of(nlp, text)
    assert claim["kind"] == "mixed"


def test_a_quotation_before_the_cue_beats_a_nested_claim_the_parser_hung_on_it(nlp):
    text = (
        "He also warns that future governments will face hard choices, but admonishes "
        'Palestinians: "Their ability to generate pressure on Israel is declining," Shapiro writes.'
    )
    claims = {c["cue"]: c["quote"] for c in claims_of(nlp, text)}
    assert claims["writes"] == "Their ability to generate pressure on Israel is declining"


@pytest.mark.parametrize(
    ("text", "quote", "via"),
    [
        (
            "Lavrov told CNN in an interview that Moscow would respond.",
            "Moscow would respond",
            "CNN",
        ),
        (
            "Speaking to Reuters, the minister said the talks had stalled.",
            "the talks had stalled",
            "Reuters",
        ),
        (
            "The senator said on Fox News that the talks had stalled.",
            "the talks had stalled",
            "Fox News",
        ),
        (
            "The senator said in a letter to Congress that the talks had stalled.",
            "the talks had stalled",
            None,
        ),
    ],
)
def test_relays_and_clauses_after_a_phrase(nlp, text, quote, via):
    (claim,) = claims_of(nlp, text)
    assert (claim["quote"], claim["via"]) == (quote, via)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "Davis described the meeting as “a conspiracy to collude.”",
            "the meeting as “a conspiracy to collude.”",
            "Davis",
        ),
        (
            "Mangkhut, which the China Meteorological Administration called the “King of Storms”, hit land.",
            "King of Storms",
            "China Meteorological Administration",
        ),
    ],
)
def test_quoted_labels_are_the_labellers_words(nlp, text, quote, speaker):
    (claim,) = claims_of(nlp, text)
    assert (claim["quote"], claim["speaker"]) == (quote, speaker)


def test_a_quoted_label_stops_before_a_coordinated_cue(nlp):
    text = (
        "Trump later described the call as “very good” and said he planned to meet "
        "with Putin “to discuss the arms race.”"
    )
    assert [claim["quote"] for claim in claims_of(nlp, text)] == [
        "the call as “very good”",
        "he planned to meet with Putin “to discuss the arms race.”",
    ]


def test_a_time_clause_before_the_cue_is_not_its_content(nlp):
    text = (
        "For three months, as protesters in Hong Kong have demanded basic civic rights, "
        "China’s state-run media have depicted them as tools of outside powers."
    )
    media = [c["quote"] for c in claims_of(nlp, text) if c["speaker"] == "China’s state-run media"]
    assert media == ["them as tools of outside powers"]


def test_a_pronoun_prefers_the_main_clauses_subject(nlp):
    text = (
        "President Donald Trump was asked whether Joseph Maguire was forced out. "
        "“I don’t think it’s a big problem,” he said."
    )
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Donald Trump"


def test_he_after_a_described_speaker_is_that_speaker_not_the_subject_of_their_words(nlp):
    text = (
        "The Republican president said Maguire was not forced out. "
        "He said Maguire’s tenure was to end on March 11."
    )
    claims = claims_of(nlp, text)
    assert [c["speaker"] for c in claims] == ["Republican president", "Republican president"]


def test_she_stays_with_a_person_the_article_says_is_a_woman_over_a_described_speaker(nlp):
    text = (
        "Nancy Pelosi spoke and she was angry. The president said Pelosi was wrong. "
        "She said the report was a hoax."
    )
    assert [c["speaker"] for c in claims_of(nlp, text)] == ["president", "Nancy Pelosi"]


def test_she_after_a_described_subject_that_names_her_is_that_person(nlp):
    text = (
        "Clinton spoke in Ohio. One superdelegate, Alabama Democratic Party chairwoman Nancy "
        "Worley, pledged her vote to Clinton. “We need to bring a close to this,” she said."
    )
    assert claims_of(nlp, text)[-1]["speaker"] == "Nancy Worley"


def test_a_name_the_tagger_reads_as_a_noun_at_a_sentence_start_still_speaks(nlp):
    text = (
        "The Post reported that points included advice. Trump later described the call as "
        "“very good” and said he planned to meet with Putin. President Trump left."
    )
    speakers = [c["speaker"] for c in claims_of(nlp, text)]
    assert speakers == ["Post", "Donald Trump", "Donald Trump"]  # "trump", a noun, there


def test_a_first_name_in_the_headline_is_the_full_name_of_the_story(nlp):
    text = "Bill says the race is close\n\nBill Clinton spoke in Nashua on Monday."
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Bill Clinton"


@pytest.mark.parametrize(
    "text",
    [
        "Miller refused to comment on whether he was seeking asylum.",
        "The president plans to keep 9,800 troops in the country.",
        "Bolsonaro wants to make it easier to buy guns.",
    ],
)
def test_wants_plans_and_refusals_are_not_statements(nlp, text):
    assert claims_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trump Invited Putin to White House for Summit, Kremlin Says\n\nBody text.",
            [("Trump Invited Putin to White House for Summit", "Kremlin")],
        ),
        (
            " date 2018-04-28 North Korea.\n\nTrump hails ‘ongoing talks’ after summit, says meeting "
            "with Kim ‘being set’\n\nBody text here.",
            [
                ("‘ongoing talks’ after summit", "Donald Trump"),
                ("meeting with Kim ‘being set’", "Donald Trump"),
            ],
        ),
        (
            "Putin honours army unit blamed for Bucha massacre with award\n\nBody text.",
            [],
        ),
    ],
)
def test_headline_claims(nlp, text, expected):
    assert [(c["quote"], c["speaker"]) for c in claims_of(nlp, text)] == expected


def test_a_quotation_after_a_colon_whose_words_the_parser_hung_on_the_cue(nlp):
    text = (
        "Jerome Balinton, a spokesman for Save the Children, said: “The further north we "
        "travelled the more extensive the damage. House after house had been flattened.”"
    )
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "Jerome Balinton"
    assert claim["quote"].startswith("The further north") and claim["kind"] == "direct"


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "The Kremlin has continued to deny the accusations after suggesting the pictures "
            "were staged by Ukraine.",
            "Kremlin",
            "the pictures were staged by Ukraine",
        ),
        (
            "Ben Wallace was cited by The Scotsman as saying that the order amounts to an "
            "admission of failure.",
            "Ben Wallace",  # the one quoted, not the paper that quoted him
            "the order amounts to an admission of failure",
        ),
    ],
)
def test_a_gerund_cue_after_a_preposition_shares_the_verbs_subject(nlp, text, speaker, quote):
    claims = {c["quote"]: c["speaker"] for c in claims_of(nlp, text)}
    assert claims[quote] == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        ("Moscow has denied interfering in the vote.", "Russia", "interfering in the vote"),
        ("Kasich reported having $1.3 million in cash.", "Kasich", "having $1.3 million in cash"),
        (
            "Trump suggested inviting Russia to rejoin the G-7.",
            "Donald Trump",
            "inviting Russia to rejoin the G-7",
        ),
        (
            "Cruz describes himself as a consistent conservative.",
            "Cruz",
            "himself as a consistent conservative",
        ),
    ],
)
def test_a_gerund_or_self_description_is_the_claim(nlp, text, speaker, quote):
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["quote"]) == (speaker, quote)


def test_a_gerund_after_a_verb_of_continuing_is_no_claim(nlp):
    assert claims_of(nlp, "The soldiers continued fighting in the east.") == []


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "The vote passed, with many critics saying it was rushed.",
            "many critics",
            "it was rushed",
        ),
        (
            "The US imposed tariffs to end what the Trump administration describes as unfair "
            "practices such as stealing intellectual property.",
            "Trump administration",
            "unfair practices such as stealing intellectual property",
        ),
    ],
)
def test_absolute_with_and_free_relative_labels(nlp, text, speaker, quote):
    claims = {c["quote"]: c["speaker"] for c in claims_of(nlp, text)}
    assert claims[quote] == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (  # the tagger misses "Trump" in the headline; the article names him below
            " date 2017-04-18 Foreign Policy.\n\nTrump: I haven't softened my stance on China"
            "\n\nPresident Donald Trump spoke on Monday.",
            "Donald Trump",
            "I haven't softened my stance on China",
        ),
        (
            " date 2017-07-03 Russia.\n\nDemocratic Senator: Yeah, Obama Choked On Russia\n\n"
            "The senator spoke on Monday.",
            "Democratic Senator",
            "Yeah, Obama Choked On Russia",
        ),
    ],
)
def test_a_headline_opened_by_a_surname_or_role_and_a_colon(nlp, text, speaker, quote):
    claims = {c["quote"]: c["speaker"] for c in claims_of(nlp, text)}
    assert claims[quote] == speaker


@pytest.mark.parametrize(
    "line",
    [
        "FILE PHOTO: President Donald Trump talks to reporters as he departs for Texas.",
        "Wrote Trump: If you change your mind, please do not hesitate to call or write.",
        "Letter From The Editor: Why we are changing our comment policy today",
    ],
)
def test_a_caption_or_a_verb_before_a_colon_is_no_source(nlp, line):
    text = f"President Donald Trump spoke.\n\n{line}"
    assert [c["speaker"] for c in claims_of(nlp, text) if c["cue"] == ":"] in ([], ["Donald Trump"])


def test_he_after_a_described_name_the_tagger_missed(nlp):
    text = (
        "Lim Byeong Cheol, an analyst, said the absence was normal. The absence was "
        '"probably an attention-getting device," Bruce Cumings, an expert on Korea at the '
        'University of Chicago, said in an email. "The North has been on a diplomatic '
        'offensive in Europe," he wrote.'
    )
    claims = {c["quote"]: (c["speaker"], c["type"]) for c in claims_of(nlp, text)}
    assert claims["The North has been on a diplomatic offensive in Europe"] == (
        "Bruce Cumings",
        "person",
    )


def test_a_relative_clause_on_a_described_name_names_it(nlp):
    text = (
        "The remarks were echoed in a statement from AIPAC, the bipartisan pro-Israel lobby, "
        "which said, “Any suggestion that Israel is an apartheid state is offensive.”"
    )
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == "AIPAC"
    assert claim["role"] == "bipartisan pro-Israel lobby"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Facebook’s spokeswoman said the feature had been used before.", "Facebook’s spokeswoman"),
        ("A spokesman for the ministry said the talks had failed.", "spokesman for the ministry"),
        (
            "Facebook’s spokeswoman, Anna Richardson White, said the feature had been used before.",
            "Anna Richardson White",
        ),
    ],
)
def test_a_spokesperson_is_the_speaker_as_written_or_named(nlp, text, speaker):
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == speaker


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (  # "May" read as a date
            "Five remained in critical condition late Thursday. May said 12 Britons were taken to hospitals.",
            "12 Britons were taken to hospitals",
        ),
        ("May said 12 Britons were hurt in the attack.", "12 Britons were hurt in the attack"),
        (
            "The vote is set. On Tuesday, May said the vote would go ahead.",
            "the vote would go ahead",
        ),
    ],
)
def test_may_read_as_a_modal_or_a_date_before_a_past_tense_cue_is_a_name(nlp, text, quote):
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["quote"]) == ("May", quote)


def test_a_bare_parenthetical_cue_is_no_other_cues_content(nlp):
    text = "In particular, Will wrote, Christie can challenge Hillary Clinton on security."
    assert "Will wrote" not in [claim["quote"] for claim in claims_of(nlp, text)]


def test_a_clause_cut_off_by_a_dash_before_the_cue_is_not_its_content(nlp):
    text = (
        "Hillary Clinton isn’t rattled about the string of losses she’s faced in the Democratic "
        "primary — in fact, she said it “humanizes” her."
    )
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["quote"]) == ("Hillary Clinton", "it “humanizes” her")


def test_a_name_before_a_long_appositive_when_the_parser_left_the_cue_no_subject(nlp):
    text = (
        "But in a conference call with reporters on Dec. 2, Col. Steven H. Warren, a military "
        "spokesman in Baghdad, said, ''I mean, a raid is a combat operation.''"
    )
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["role"]) == (
        "Steven H. Warren",
        "military spokesman in Baghdad",
    )


def test_she_after_a_titled_name_the_tagger_took_for_an_organisation(nlp):
    text = (
        "“I watch football,” Marco Rubio said.\n\nFormer Hewlett-Packard CEO Carly Fiorina named "
        "a Washington favorite as her guilty pleasure. “House of Cards,” she said."
    )
    claims = {c["quote"]: c["speaker"] for c in claims_of(nlp, text)}
    assert claims["House of Cards"] == "Carly Fiorina"


def test_a_named_appositive_the_parser_hung_on_the_descriptions_last_noun(nlp):
    text = (
        "The Guardian’s Defence and Security editor in Kyiv, Dan Sabbagh, reported on August 26: "
        "“Eleven days ago, senior members of the armed forces travelled to a secret location.”"
    )
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["role"]) == (
        "Dan Sabbagh",
        "Guardian’s Defence and Security editor in Kyiv",
    )


def test_a_surname_the_tagger_took_for_a_place_is_the_persons_full_name_and_type(nlp):
    text = (
        "Russian TV host Olga Skabeeva spoke on Thursday.\n\nOn Friday, Skabeeva claimed: "
        "“The statement said that no matter what Putin does, America will blame Russia.”"
    )
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["type"]) == ("Olga Skabeeva", "person")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "SEOUL/WASHINGTON (Reuters) - North Korea fired a missile, officials said.",
            "North Korea fired a missile",
        ),
        (
            "May 25 (Xinhua) -- Pakistan will learn from China, the Prime Minister's Office said.",
            "Pakistan will learn from China",
        ),
        (  # an acronym in brackets after a name is no wire dateline
            "The Democratic Party (DNC) - a body of activists - is weak, Nancy Pelosi said.",
            "The Democratic Party (DNC) - a body of activists - is weak",
        ),
    ],
)
def test_a_wire_dateline_is_not_part_of_the_claim(nlp, text, quote):
    assert [claim["quote"] for claim in claims_of(nlp, text)] == [quote]


def test_according_to_him_takes_the_pronouns_antecedent(nlp):
    text = (
        "General Valery Zaluzhny visited the front on Monday.\n\n"
        "According to him, the Ukrainian troops are “capable and trained.”"
    )
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["cue"]) == ("Valery Zaluzhny", "according to")


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("Irish MEP Clare Daly said the war could have been stopped.", "Clare Daly", "Irish MEP"),
        (
            '"I try to keep the humor," said 23-year-old TikTok creator Rimma.',
            "Rimma",
            "23-year-old TikTok creator",
        ),
        ("USA TODAY reported that the donations were fake.", "USA Today", None),  # the gazetteer's
    ],
)
def test_a_name_the_tagger_missed_is_cut_from_its_role(nlp, text, speaker, role):
    (claim,) = claims_of(nlp, text)
    assert (claim["speaker"], claim["role"]) == (speaker, role)


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "Kaja Kallas gave an interview on Sunday. In her opinion, this is the only way "
            "to repel the aggressor country.",
            "Kaja Kallas",
            "this is the only way to repel the aggressor country",
        ),
        (
            "In the view of the ministry, the talks have failed.",
            "ministry",
            "the talks have failed",
        ),
        (
            "The talks, in the words of Obama, were a disaster.",
            "Barack Obama",
            "The talks, in the words of Obama, were a disaster",
        ),
    ],
)
def test_in_someones_opinion_or_view_is_their_claim(nlp, text, speaker, quote):
    claims = {c["quote"]: c["speaker"] for c in claims_of(nlp, text)}
    assert claims[quote] == speaker


def test_a_fronted_poll_is_the_source_of_its_clause(nlp):
    (claim,) = claims_of(nlp, "In a CBS News poll last month, Clinton led Trump by six points.")
    assert (claim["speaker"], claim["quote"]) == (
        "CBS News poll",
        "Clinton led Trump by six points",
    )


@pytest.mark.parametrize(
    "text",
    [
        "In other words, the talks failed.",
        "Sanders has soared in the polls this year.",  # a standing, not a source
    ],
)
def test_in_other_words_or_in_the_polls_names_no_one(nlp, text):
    assert claims_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "North Korea fired a missile on Monday. On Tuesday, the North said it planned "
            "to put military units on combat-ready status.",
            "North Korea",
        ),
        (  # a weak alias needs the country named in another way
            "On Tuesday, the North said it planned to put military units on combat-ready status.",
            "North",
        ),
    ],
)
def test_the_north_said_names_north_korea_beside_a_strong_mention(nlp, text, speaker):
    (claim,) = claims_of(nlp, text)
    assert claim["speaker"] == speaker


def test_some_and_others_are_groups(nlp):
    claims = claims_of(nlp, "Some say the talks failed. Others argue that the talks went well.")
    assert [(c["speaker"], c["type"]) for c in claims] == [("Some", "group"), ("Others", "group")]


# ---------------------------------------------------------------- transcripts


TRANSCRIPT = (
    "Oklahoma Gov. Mary Fallin spoke to CNN on Sunday.\n\n"
    "JAKE TAPPER: Do you think Donald Trump has campaigned as a racial healer?\n\n"
    "FALLIN: I think he is trying to. It has been part of his message.\n\n"
    "JAKE TAPPER: Thank you, Governor.\n\n"
    "OPINION: Trump is no healer\n\n"
    "STEVE INSKEEP, HOST: Good morning to you all."
)


def test_each_turn_of_a_transcript_is_a_claim_of_its_labels_speaker(nlp):
    claims = claims_of(nlp, TRANSCRIPT)
    turns = [(c["speaker"], c["quote"], c["kind"]) for c in claims if c["rule"] == "transcript"]
    assert turns == [
        ("Jake Tapper", "Do you think Donald Trump has campaigned as a racial healer?", "direct"),
        ("Mary Fallin", "I think he is trying to. It has been part of his message.", "direct"),
        ("Jake Tapper", "Thank you, Governor.", "direct"),
        ("Steve Inskeep", "Good morning to you all.", "direct"),
    ]  # "FALLIN" is the governor the article names; "OPINION:" is a page label
    (inskeep,) = [c for c in claims if c["speaker"] == "Steve Inskeep"]
    assert inskeep["role"] == "Host"


def test_a_lone_capitalised_label_naming_no_one_is_no_transcript(nlp):
    claims = claims_of(nlp, "WASHINGTON POST: The talks failed, officials said on Monday.")
    assert all(c["rule"] != "transcript" for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        "Yeah, I mean, you know, right now, there is not just one group.",
        "The group is, you see, split in two.",
        "I wish they would get past this, you know, and get to the heart of it.",
    ],
)
def test_fillers_of_talk_are_no_cues(nlp, text):
    assert claims_of(nlp, text) == []


def test_initials_and_places_as_labels_are_no_speakers_titles_go_to_the_role(nlp):
    text = (
        "ZB: The region is tense.\n\nZB: It will stay so.\n\nU.S.: Not our war.\n\n"
        "AMY GOODMAN: Welcome back.\n\nAMY GOODMAN: Why now?\n\n"
        "SECRETARY OF STATE JOHN KERRY: An election took place in my country."
    )
    turns = [(c["speaker"], c["role"]) for c in claims_of(nlp, text) if c["rule"] == "transcript"]
    assert turns == [
        ("Amy Goodman", None),
        ("Amy Goodman", None),
        ("John Kerry", "Secretary of State"),
    ]


def test_a_surname_label_after_the_full_name_label_is_that_speaker(nlp):
    text = "JAKE TAPPER: Take a listen.\n\nTAPPER: Do you trust him?\n\nTAPPER: Thank you."
    speakers = [c["speaker"] for c in claims_of(nlp, text) if c["rule"] == "transcript"]
    assert speakers == ["Jake Tapper"] * 3


def test_he_inside_a_turn_is_someone_talked_about_not_anyone_in_the_dialogue(nlp):
    text = (
        "President Donald Trump spoke on Friday.\n\nAMY GOODMAN: Joseph, your response?\n\n"
        "JOSEPH CIRINCIONE: Well, he said that the treaty is dead.\n\nAMY GOODMAN: Thanks."
    )
    (claim,) = [c for c in claims_of(nlp, text) if c["rule"] != "transcript"]
    assert (claim["speaker"], claim["quote"]) == ("Donald Trump", "the treaty is dead")


def test_turn_forms_nprs_label_alone_accents_and_page_heads(nlp):
    text = (
        "STEVE INSKEEP, HOST:\n\nGood morning.\n\nJOSÉ GARCÍA: Buenos días, Steve.\n\n"
        "STEVE INSKEEP, HOST:\n\nWhat happened?\n\nFACT CHECK: The claim is false.\n\n"
        "SECRETARY OF STATE: No comment at all."
    )
    turns = [(c["speaker"], c["quote"]) for c in claims_of(nlp, text) if c["rule"] == "transcript"]
    assert turns == [
        ("Steve Inskeep", "Good morning."),
        ("José García", "Buenos días, Steve."),
        ("Steve Inskeep", "What happened?"),
    ]


def test_mc_names_in_labels_read_as_written(nlp):
    text = "SEN. JOHN McCAIN: We must act now.\n\nAMY GOODMAN: Why now?\n\nAMY GOODMAN: Thanks."
    (mccain,) = [c for c in claims_of(nlp, text) if c["quote"] == "We must act now."]
    assert (mccain["speaker"], mccain["role"]) == ("John McCain", "Sen.")
