from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.text.clean import clean_text, is_boilerplate

NEWS = "Foreign ministers met in Munich on Thursday to discuss a truce in Syria."
MORE = "Aid agencies said tens of thousands of people had fled the fighting around Aleppo."


def cleaned(*lines: str) -> list[str]:
    return clean_text("\n\n".join(lines)).text.split("\n")


# --- whitespace ----------------------------------------------------------------------------


def test_whitespace_is_normalized_and_paragraphs_are_single_lines():
    out = clean_text(f"  {NEWS}  \r\n\r\n\n\t{MORE.replace(' ', '  ', 3)}\u00a0\n")
    assert out.text == f"{NEWS}\n{MORE}"
    assert out.removed == ()


def test_hard_wrapped_text_is_rejoined():
    wrapped = (
        "Foreign ministers met in Munich on Thursday to discuss a\n"
        "truce in Syria, officials said, as the fighting around the\n"
        "city of Aleppo grew worse.\n\n" + MORE
    )
    assert cleaned(wrapped) == [
        "Foreign ministers met in Munich on Thursday to discuss a truce in Syria, officials "
        "said, as the fighting around the city of Aleppo grew worse.",
        MORE,
    ]


def test_one_paragraph_per_line_is_not_joined():
    # One line that looks wrapped is not enough evidence to merge lines.
    text = f"{NEWS[:-1]} and in Geneva\nthe talks resumed.\n{MORE}"
    assert clean_text(text).text == text


# --- video, highlights, datelines ----------------------------------------------------------


def test_video_stamp_and_the_video_headline_under_it():
    out = clean_text(
        f"01:58 - Source: CNN\nRed Cross: 50,000 trying to escape Syrian civil war\n\n{NEWS}"
    )
    assert out.text == NEWS
    assert out.removed == (
        "01:58 - Source: CNN",
        "Red Cross: 50,000 trying to escape Syrian civil war",
    )


def test_a_sentence_after_a_video_stamp_stays():
    assert cleaned(f"01:58 - Source: CNN\n{NEWS}") == [NEWS]
    assert cleaned("01:58 - Source: CNN", "Red Cross Warns Of Exodus", NEWS) == [
        "Red Cross Warns Of Exodus",
        NEWS,
    ]  # a blank line apart: not the video's title


def test_story_highlights_block():
    out = cleaned(
        "Story highlights",
        "The Munich meeting comes amid concern over Russian airstrikes",
        "Talks have intensified over the past several weeks",
        "Washington CNN —",
        NEWS,
        "The Munich meeting comes amid concern over Russian airstrikes in support of an offensive.",
    )
    assert out == [
        NEWS,
        "The Munich meeting comes amid concern over Russian airstrikes in support of an offensive.",
    ]


def test_inline_story_highlights_heading():
    assert cleaned(
        "Story highlights NASA says the crew was never in danger", "A cooling pump shut down", NEWS
    ) == [NEWS]


def test_highlights_as_an_ordinary_word_stays():
    line = "Highlights of the meeting included a joint statement on aid deliveries."
    assert cleaned(line, NEWS) == [line, NEWS]


@pytest.mark.parametrize("stub", ["Washington CNN —", "CAIRO —", "WASHINGTON (AP) —", "CAIRO |"])
def test_dateline_stubs(stub):
    assert cleaned(stub, NEWS) == [NEWS]


def test_dateline_inside_the_first_sentence_stays():
    line = "LONDON (AP) _ A lawmaker on Saturday backed Spanish requests to question Pinochet."
    assert cleaned(line) == [line]


# --- captions and credits ------------------------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "Russian Foreign Minister Sergey Lavrov (left) and John Kerry attend the meeting. (AP)",
        "Kevin Spacey at the awards in Beverly Hills. (Photo: Chris Pizzello/Invision/AP)",
        "Dana Holt shows the letter to reporters. (Lena Park/Getty Images)",
        "Nicholas Kamm/AFP/Getty Images",
        "Getty Images",
        "Photo: With a line of officers behind them, demonstrators sit in the street.",
        "Enlarge this image toggle caption Omar Reyes/AP Omar Reyes/AP",
        "i itoggle caption Ruth Dale/The Valley Herald Ruth Dale/The Valley Herald",
        "Kerry speaks to reporters in Munich. hide caption toggle caption Jim Watson/AFP",
        "Image copyright Getty Images Image caption The engineer designed the bridge",
        "Media playback is unsupported in this browser Media caption Ferry at dawn",
        "FILE - In this March 3, 2011 file photo, a witness leaves a county courtroom.",
        "Facebook Twitter Pinterest The director attends a premiere. Photograph: Ines Gray/AP",
        "Damage at Pine Harbor is shown Friday, May 4, 2018. A spokesman says 40 firefighters "
        "fought the blaze. (Associated Press)",
        "An illustration of the probe near the sun. Credit: Johns Hopkins University",
        "JUST WATCHED Lost lion population found Replay More Videos ... MUST WATCH Lost lion 01:20",
    ],
)
def test_captions_and_credits(caption):
    out = clean_text(f"{caption}\n\n{NEWS}")
    assert out.text == NEWS
    assert out.removed == (caption,)


def test_inline_npr_caption_credit_in_a_long_line():
    line = f"{NEWS} Enlarge this image toggle caption Sam Ortiz/NPR Sam Ortiz/NPR {MORE}"
    out = clean_text(line)
    assert out.text == f"{NEWS} {MORE}"
    assert out.removed == ("Enlarge this image toggle caption Sam Ortiz/NPR Sam Ortiz/NPR",)


def test_news_item_crediting_its_agency_keeps_its_text():
    line = "Delegations will travel to Cairo for negotiations, the statement said (Reuters)"
    out = clean_text(line)
    assert out.text == "Delegations will travel to Cairo for negotiations, the statement said"
    assert out.removed == ("(Reuters)",)


def test_duplicate_paragraphs_keep_the_first():
    out = clean_text(f"{NEWS}\n{MORE}\n{NEWS}\nYes.\nYes.")
    assert out.text == f"{NEWS}\n{MORE}\nYes.\nYes."  # short repeats are not captions
    assert out.removed == (NEWS,)


# --- footers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "footer",
    [
        "Copyright 2016 NPR. To see more, visit http://www.npr.org/.",
        "Copyright NPR. View this article on npr.org.",
        "© 2016 The Daily Ledger. All rights reserved.",
        "(©2016 CBS Local Media. All Rights Reserved. This material may not be published, "
        "broadcast, rewritten, or redistributed.)",
        "CNN’s Ryan Browne contributed to this report.",
        "Associated Press writers Robert Burns and Mark Sherman contributed to this report.",
        "(Reporting by Tom Perry; Editing by Jon Boyle)",
        "Ann Lowe can be reached at alowe@globe.com.",
        "ndillon@nydailynews.com",
        "Follow Mike Wall on Twitter @michaeldwall.",
        "Read or Share this story: https://usat.ly/3Xkqpw7",
        "A version of this article appears in print on March 3, 2015, on page B2 of the City "
        "edition with the headline: Council Votes on Ferry Fares.",
    ],
)
def test_footers(footer):
    assert clean_text(f"{NEWS}\n\n{footer}").text == NEWS


def test_an_embedded_tweet_keeps_its_words_not_its_link_and_signature():
    tweet = "Honored to serve the people of Ohio once more."
    out = clean_text(f"{NEWS}\n{tweet} pic.twitter.com/Ab12Cd — Ann Lee (@annlee) May 4, 2017")
    assert out.text == f"{NEWS}\n{tweet}"
    mention = "She posts as (@annlee) since May 4, 2017 and answers readers — often at night."
    assert clean_text(mention).text == mention


def test_a_sentence_about_a_print_edition_is_news():
    text = f"{NEWS} A version of the plan appeared in print ads in March, the council said."
    assert clean_text(text).text == text


def test_inline_footer_sentences_at_the_end_of_a_one_line_dump():
    out = clean_text(f"{NEWS} {MORE} Reuters contributed to this report. Copyright 2016 NPR.")
    assert out.text == f"{NEWS} {MORE}"
    assert out.removed == ("Reuters contributed to this report.", "Copyright 2016 NPR.")


# --- page furniture ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "widget",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Advertisement Continue reading the main story",
        "Story Continued Below",
        "Read more:",
        "Read more: Storm closes roads across the north",
        "Related: County Opens Two New Cooling Centers",
        "SEE ALSO: Apple unveils iPhone 7",
        "Share this story",
        "Facebook Twitter Email",
        "Click to share on Twitter (Opens in new window)",
        "Like this: Like Loading...",
        "___",
        "Updated at 10:30 p.m.",
        "Sign up for breaking news alerts from the Valley Herald. Thanks for subscribing!",
        "Morning headlines sent to your inbox + Subscribe Thanks for subscribing! "
        "Something went wrong, could not subscribe Invalid email",
        "Newsletter sign up: first verify you're not a robot, then pick the letters you want. "
        "Invalid email, enter it again. Thank you for subscribing to the weekend edition.",
        "We use cookies to improve your experience. By continuing to browse this site you agree "
        "to our use of cookies.",
        "Tweet with a location",
        "(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)",
        "&QL; XXXX END OF STORY &QL;",
        "For use by clients of the Valley Wire news service",
    ],
)
def test_widgets(widget):
    out = clean_text(f"{NEWS}\n\n{widget}\n\n{MORE}")
    assert out.text == f"{NEWS}\n{MORE}"
    assert out.removed == (widget,)


def test_inline_widget_fragments():
    out = clean_text(f"{NEWS} Advertisement Continue reading the main story {MORE} &QL;")
    assert out.text == f"{NEWS} {MORE}"
    assert out.removed == ("Advertisement Continue reading the main story", "&QL;")


def test_promo_sentence_appended_to_a_paragraph():
    out = clean_text(f"{NEWS} Sign up for our newsletter to get the latest news.")
    assert out.text == NEWS


# --- what must survive ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The copyright lawsuit, filed in 2015, claims the song copied a guitar riff.",
        "Copyright infringement claims rose 20 percent last year, the report said.",
        "Copyright Office officials said the rule would change in March.",
        "The court ruled that the photo's caption was defamatory.",
        "Critics said the caption under the photo misidentified the minister.",
        "The EU requires websites to ask before they store cookies on a visitor's computer.",
        "The bakery sold 3,000 cookies at the charity fair on Saturday.",
        '"We use cookies to track users," the company\'s lawyer told the court.',
        "The treaty says all rights reserved under the 1951 convention remain in force.",
        "Updated figures released Tuesday showed 40 more deaths in Aleppo.",
        "Share prices fell 3 percent in early trading on Tuesday.",
        "Follow-up talks are planned for next week in Geneva.",
        "Read the full statement, the ministry said, and you will see the plan is fair.",
        "Advertising revenue at the newspaper fell sharply last year.",
        "The newsletter, which has two million readers, was sold to a rival publisher.",
        "Reporting by The Washington Post found that the agency had ignored warnings.",
        "Photo agencies said their staff had been barred from the summit.",
        "Anyone with information is asked to call police at 555-0100.",
    ],
)
def test_ordinary_sentences_survive(sentence):
    out = clean_text(f"{sentence}\n{NEWS}")
    assert out.text == f"{sentence}\n{NEWS}"
    assert out.removed == ()


def test_is_boilerplate():
    assert is_boilerplate("Advertisement")
    assert is_boilerplate("  Story   highlights ")
    assert is_boilerplate("")
    assert not is_boilerplate(NEWS)
    assert not is_boilerplate("4 Questions Answered On The Syria Talks In Munich")


# --- invariants ----------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        NEWS,
        MORE,
        "Advertisement",
        "Story highlights",
        "01:58 - Source: CNN",
        "  ",
        "\n",
        "\n\n",
        "Read more:",
        "Copyright 2016 NPR.",
        "(AP)",
        "toggle caption",
        "a b",
        "\u00a0",
        "\t",
        "—",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=12))
def test_output_is_normalized_and_cleaning_twice_changes_nothing(pieces):
    out = clean_text(" ".join(pieces)).text
    lines = out.split("\n") if out else []
    assert all(line and line == line.strip() and "  " not in line for line in lines)
    assert clean_text(out).text == out
