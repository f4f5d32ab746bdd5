"""Direct quotes: quotation marks, speakers, multi-sentence quotes, grouping across outlets."""

from __future__ import annotations

import pytest

from newsfuse.compare.mentions.entities import parse_articles
from newsfuse.compare.mentions.quotes import find_quotes, quote_spans
from newsfuse.embed import HashingEmbedder
from newsfuse.models import Article, Quote, Story
from newsfuse.pipeline import prepare


def _quotes(*texts: str) -> list[Quote]:
    articles = tuple(Article(id=f"a{i}", text=t, source=f"Outlet {i}") for i, t in enumerate(texts))
    return find_quotes(prepare(Story("s", articles), HashingEmbedder()))


def _by_text(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


# --- quotation marks (no model) ---------------------------------------------------------------


def test_curly_and_straight_quotes_are_paired() -> None:
    text = 'He said “one two three four.” Then she said "five six seven eight."'
    spans = quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "one two three four.",
        "five six seven eight.",
    ]
    assert all(s.closed for s in spans)


def test_mixed_marks_close_each_other() -> None:
    text = 'He said “one two three four" and left.'
    (span,) = quote_spans(text)
    assert text[span.start : span.end] == "one two three four"


def test_quote_left_open_ends_at_the_paragraph_and_the_next_one_continues_it() -> None:
    text = "Kerry called on Russia to “join in the effort now.\n“We need a ceasefire,” he said."
    first, second = quote_spans(text)
    assert text[first.start : first.end] == "join in the effort now."
    assert not first.closed and not first.opens_paragraph
    assert text[second.start : second.end] == "We need a ceasefire,"
    assert second.closed and second.opens_paragraph


def test_marks_never_pair_across_paragraphs_and_apostrophes_are_not_quotes() -> None:
    text = "Russia’s plan is “bold.\nIt’s the third “plan” this year."
    spans = quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["bold.", "plan"]


def test_a_quote_inside_a_quote_does_not_end_the_outer_one() -> None:
    text = "“They sent us his “private notes” by mistake,” the clerk wrote. “Nobody checked.”"
    spans = quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "They sent us his “private notes” by mistake,",
        "Nobody checked.",
    ]


def test_a_quote_left_open_before_its_attribution_ends_at_the_comma() -> None:
    text = "“We met our goals this year, she wrote.\n“Next year will be harder.”"
    first, second = quote_spans(text)
    assert text[first.start : first.end] == "We met our goals this year,"
    assert first.closed
    assert text[second.start : second.end] == "Next year will be harder."
    text = "“We met our goals this year, Maria Olsen said. “Next year will be harder.”"
    first, _ = quote_spans(text)
    assert text[first.start : first.end] == "We met our goals this year,"


def test_a_paragraph_going_on_without_a_mark_may_close_the_open_quote() -> None:
    text = '"The bridge was closed in May.\nIt reopens next week," the mayor said. "Good."'
    _, second, third = quote_spans(text)
    assert text[second.start : second.end] == "It reopens next week,"
    assert second.closed and second.opens_paragraph
    assert text[third.start : third.end] == "Good."


def test_a_straight_mark_after_an_attribution_opens_the_next_quote() -> None:
    text = '"The plan is wrong, Ray said. "It costs too much and nobody asked for it."'
    first, second = quote_spans(text)
    assert text[first.start : first.end] == "The plan is wrong,"
    assert text[second.start : second.end] == "It costs too much and nobody asked for it."


# --- speakers (spaCy) -------------------------------------------------------------------------


@pytest.mark.slow
def test_surname_after_the_quote_resolves_to_the_full_name_given_earlier() -> None:
    quotes = _quotes(
        "Secretary of State John Kerry arrived in Munich on Thursday. "
        "“We are ready to work for a ceasefire right now,” Kerry said."
    )
    q = _by_text(quotes, "ready to work")
    assert q.speaker == "John Kerry"
    assert q.text == "We are ready to work for a ceasefire right now"
    assert q.sources == ("a0",)
    assert "Kerry said" in q.sentences[0].text


@pytest.mark.slow
def test_said_before_the_name_with_an_apposition() -> None:
    quotes = _quotes(
        "“The talks are going nowhere fast,” said Khalid Saleh, a member of the opposition."
    )
    assert _by_text(quotes, "going nowhere").speaker == "Khalid Saleh"


@pytest.mark.slow
def test_according_to_names_the_speaker() -> None:
    quotes = _quotes(
        "The Pentagon warned that the attacks mean “over 50,000 people are now without any "
        "access to help,” according to Steve Warren."
    )
    # A person named by "according to" beats the organization that "warned".
    assert _by_text(quotes, "50,000").speaker == "Steve Warren"


@pytest.mark.slow
def test_declared_before_the_quote_with_titles_stripped() -> None:
    quotes = _quotes(
        "Russian Foreign Minister Sergey Lavrov met reporters. "
        "Detailing the plan, Lavrov declared, “Russia needs all of us to understand this.”"
    )
    assert _by_text(quotes, "Russia needs").speaker == "Sergey Lavrov"


@pytest.mark.slow
def test_he_continued_is_the_last_person_named_as_subject_not_a_bystander() -> None:
    quotes = _quotes(
        "Brett McGurk spoke at a hearing with John Smith in the room on Wednesday.\n"
        "“The situation is totally unacceptable for everyone,” he continued."
    )
    assert _by_text(quotes, "totally unacceptable").speaker == "Brett McGurk"


@pytest.mark.slow
def test_reports_outlet_possessive_name() -> None:
    quotes = _quotes(
        '"From the start the Russians have been pretty clear about it," '
        "reports NPR's Michele Kelemen."
    )
    assert _by_text(quotes, "From the start").speaker == "Michele Kelemen"


@pytest.mark.slow
def test_a_person_beats_the_outlet_that_reports_it() -> None:
    quotes = _quotes(
        "Russian Prime Minister Dmitry Medvedev had a dire warning on Thursday. "
        'He told a German newspaper that if world powers "fail to negotiate an end to the '
        'conflict in Syria" a world war could ensue, Reuters reports.'
    )
    assert _by_text(quotes, "fail to negotiate").speaker == "Dmitry Medvedev"


@pytest.mark.slow
def test_quote_over_several_sentences_is_one_quote() -> None:
    quotes = _quotes(
        "John Kerry spoke on Thursday. “This meeting will tell a lot about the road ahead,” "
        "Kerry said. “We are all very aware of how critical this moment is.”\n"
        "Officials left the room after the talks ended."
    )
    q = _by_text(quotes, "road ahead")
    assert q.speaker == "John Kerry"
    assert q.text == (
        "This meeting will tell a lot about the road ahead … "
        "We are all very aware of how critical this moment is."
    )
    assert len(q.sentences) == 2
    assert len(quotes) == 1


@pytest.mark.slow
def test_colon_at_the_end_of_the_previous_paragraph_introduces_the_quote() -> None:
    quotes = _quotes(
        "Michele Kelemen reports from Munich.\n"
        "Both sides have taken roles in the talks until now, she says:\n"
        '"When the government crossed the red line, the U.S. worked with Russia."'
    )
    assert _by_text(quotes, "red line").speaker == "Michele Kelemen"


@pytest.mark.slow
def test_scare_quotes_and_short_fragments_are_dropped_longer_partial_quotes_kept() -> None:
    quotes = _quotes(
        "The so-called “red line” was crossed long ago in the war. "
        "Sergey Lavrov said Moscow had submitted a “concrete plan” to end the fighting. "
        "Lavrov said the plan would “end the fighting within a month” if all sides agreed."
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("end the fighting within a month", "Sergey Lavrov")
    ]


def test_titles_are_not_quotes() -> None:
    quotes = _quotes(
        "Ann Lee posted a video called “Behind the Scenes With the Mayor of Springfield” online."
    )
    assert quotes == []


@pytest.mark.slow
def test_a_short_quote_that_opens_its_sentence_is_a_statement() -> None:
    quotes = _quotes("Mayor Ann Lee spoke on Monday. “I sincerely apologize,” Lee said.")
    assert [(q.text, q.speaker) for q in quotes] == [("I sincerely apologize", "Ann Lee")]


@pytest.mark.slow
def test_he_added_stays_with_the_last_speaker_unless_someone_else_is_named() -> None:
    quotes = _quotes(
        "Rep. Adam Lane said the panel would seek documents from Tom Ross. "
        "“We will use every tool we have to get them,” Lane told reporters. "
        "“The information he holds matters to the whole country,” he added.\n"
        "Lane spoke after Mark Hill said the panel had waited too long. "
        "Hill is a senator. “We are out of patience with this,” he said."
    )
    assert _by_text(quotes, "information he holds").speaker == "Adam Lane"
    assert _by_text(quotes, "out of patience").speaker == "Mark Hill"


@pytest.mark.slow
def test_the_subject_of_the_main_clause_is_who_he_is() -> None:
    quotes = _quotes(
        "Tom Shields told reporters that Kate Griffin had wanted a bold picture. "
        "“We planned it together for many weeks before the shoot,” he explained."
    )
    assert _by_text(quotes, "planned it together").speaker == "Tom Shields"


@pytest.mark.slow
def test_indirect_speech_is_not_a_quote_and_unattributed_long_quotes_are_kept() -> None:
    quotes = _quotes(
        "Kerry said the talks would resume soon after the meeting. "
        "A sign on the wall read “no peace without justice for the people”."
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("no peace without justice for the people", "")
    ]


@pytest.mark.slow
def test_the_same_quote_in_two_outlets_is_grouped() -> None:
    quotes = _quotes(
        "John Kerry spoke in Munich. “This meeting will tell a lot about the road ahead,” "
        "Kerry said on Thursday.",
        "“This meeting will tell a lot about the road ahead,” the Secretary of State, "
        "John Kerry, told reporters.",
        "Lavrov said “we have a concrete plan for the ceasefire talks” in Munich.",
    )
    shared = _by_text(quotes, "road ahead")
    assert shared.sources == ("a0", "a1")
    assert shared.speaker == "John Kerry"
    assert {s.article_id for s in shared.sentences} == {"a0", "a1"}
    assert quotes[0] is shared  # carried by most outlets first
    assert _by_text(quotes, "concrete plan").sources == ("a2",)


@pytest.mark.slow
def test_parses_of_other_text_under_the_same_id_are_not_used() -> None:
    story = Story("s", (Article("d0", "“We will win this war, no matter what,” Kerry said."),))
    other = parse_articles([Article("d0", "A longer article about something else entirely.")])
    (quote,) = find_quotes(prepare(story, HashingEmbedder()), other)
    assert (quote.text, quote.speaker) == ("We will win this war, no matter what", "Kerry")


def test_a_left_mark_after_a_word_closes_the_quote() -> None:
    text = "“Who can guarantee you happiness?“ he asked."
    (span,) = quote_spans(text)
    assert text[span.start : span.end] == "Who can guarantee you happiness?"
    assert span.closed


@pytest.mark.slow
def test_participles_and_relative_clauses_take_the_clause_subject() -> None:
    quotes = _quotes(
        "Donald Trump accused Barack Obama of weakness on Libya, saying “nobody knows what is "
        "happening there right now.”\n"
        "The arrests drew scrutiny even from Nancy Pelosi, who said “this is not who we are as "
        "a country.”"
    )
    assert _by_text(quotes, "nobody knows").speaker == "Donald Trump"
    assert _by_text(quotes, "not who we are").speaker == "Nancy Pelosi"


@pytest.mark.slow
def test_she_skips_a_man_and_he_skips_a_woman() -> None:
    quotes = _quotes(
        "Ms. Nancy Pelosi spoke first. Then Mr. Chuck Schumer spoke.\n"
        "“The estate tax provision is a bridge too far,” she said.\n"
        "Later the crowd cheered for Paul Ryan, and Ms. Pelosi left.\n"
        "“I will keep fighting for this bill,” he said."
    )
    # Schumer is the last subject before "he", but he is named "Mr.": still the subject wins.
    assert _by_text(quotes, "bridge too far").speaker == "Nancy Pelosi"
    assert _by_text(quotes, "keep fighting").speaker == "Chuck Schumer"


@pytest.mark.slow
def test_a_quote_paragraph_after_a_quoted_paragraph_keeps_the_speaker() -> None:
    quotes = _quotes(
        "“We have an opportunity to slow down on this,” Nancy Pelosi said on Friday.\n"
        "“This bill takes a bipartisan approach to reopening the government.”\n"
        "Republicans did not respond.\n"
        "“Nobody here wants a shutdown of the government.”"
    )
    first = _by_text(quotes, "slow down")
    assert first.speaker == "Nancy Pelosi"
    assert "bipartisan approach" in first.text
    assert _by_text(quotes, "Nobody here").speaker == ""  # another paragraph came between


@pytest.mark.slow
def test_without_a_subject_a_pronoun_falls_back_to_any_person_named() -> None:
    quotes = _quotes(
        "The crowd cheered for Paul Ryan at the rally.\n"
        "“I will keep fighting for this bill,” he said."
    )
    assert _by_text(quotes, "keep fighting").speaker == "Paul Ryan"


@pytest.mark.slow
def test_a_speech_verb_tagged_as_a_noun_still_attributes() -> None:
    quotes = _quotes(
        "Rep. Bob Hale grabbed the student's wrist.\n"
        '"Where is your badge!" the six-term congressman demands. "Show it to me this minute."'
    )
    (q,) = quotes
    assert q.speaker == "Bob Hale"
    assert "Where is your badge" in q.text and "Show it" in q.text


@pytest.mark.slow
def test_a_quote_over_two_paragraphs_without_a_mark_between_is_one_quote() -> None:
    quotes = _quotes(
        "Mayor Ann Lee spoke on Monday.\n"
        '"The bridge was closed in May for repairs that took too long.\n'
        'It reopens next week, and the buses run again," Lee said.\n'
        '"Nobody wants another summer like this one."'
    )
    (q,) = quotes
    assert q.speaker == "Ann Lee"
    assert "closed in May" in q.text and "buses run again" in q.text and "Nobody wants" in q.text


@pytest.mark.slow
def test_the_speech_verb_the_quote_hangs_on_beats_a_person_elsewhere_in_the_sentence() -> None:
    quotes = _quotes(
        "Governor Paul Ames said the state would cut taxes, and a man in the crowd shouted "
        "“Tell us where the money went!”"
    )
    assert _by_text(quotes, "money went").speaker == "a man"


@pytest.mark.slow
def test_the_words_of_a_cabinet_are_not_credited_to_its_opponent() -> None:
    quotes = _quotes(
        "The cabinet said in a statement that “the budget will be balanced by next spring,” "
        "a claim opposition leader Mara Voss denied on Tuesday."
    )
    assert _by_text(quotes, "budget will be balanced").speaker == "The cabinet"


@pytest.mark.slow
def test_the_owner_of_a_statement_said_the_words_it_introduces() -> None:
    quotes = _quotes(
        "Senator Ruth Ellery resigned on Friday. "
        "In her resignation statement, Ellery thanked her voters for “many good years of hard "
        "and honest work together.”"
    )
    assert _by_text(quotes, "honest work").speaker == "Ruth Ellery"
    quotes = _quotes(
        "Mayor Ann Lee and Tom Berg met in May. Tom Berg later quoted Lee's letter, which "
        "warned that “the city cannot pay for this bridge alone.”"
    )
    assert _by_text(quotes, "cannot pay").speaker == "Ann Lee"


@pytest.mark.slow
def test_a_campaign_speaks_for_its_candidate() -> None:
    quotes = _quotes(
        "Tom Berg is running for mayor. Berg’s campaign told reporters: “The charges are "
        "false and we will prove it in court.”"
    )
    assert _by_text(quotes, "charges are false").speaker == "Tom Berg"


@pytest.mark.slow
def test_mr_is_not_the_woman_who_shares_his_surname() -> None:
    quotes = _quotes(
        "Governor Paul Ames spoke in Dover on Friday. His wife, the first lady, Clara Ames, "
        "stayed home. Mr. Ames wrote that the plan was fair. “Nobody will pay more than last "
        "year,” he wrote."
    )
    assert _by_text(quotes, "Nobody will pay").speaker == "Paul Ames"


@pytest.mark.slow
def test_the_spokesman_is_the_spokesman_the_story_named() -> None:
    quotes = _quotes(
        "Health Minister Karl Dorn visited the clinic on Monday with his spokesman, Mark Evans. "
        "“The minister has full confidence in the staff here,” the spokesman said."
    )
    assert _by_text(quotes, "full confidence").speaker == "Mark Evans"


@pytest.mark.slow
def test_title_abbreviations_and_a_vice_president_is_not_the_president() -> None:
    quotes = _quotes(
        "Rep. Nora Quill filed the bill on Monday. “This law is long overdue and we will pass "
        "it this year,” the congresswoman said."
    )
    assert _by_text(quotes, "long overdue").speaker == "Nora Quill"
    quotes = _quotes(
        "Vice President Omar Field met the press. Later the president spoke. “We will sign "
        "the treaty before winter comes,” the president said."
    )
    assert _by_text(quotes, "sign the treaty").speaker != "Omar Field"


@pytest.mark.slow
def test_he_stays_with_the_speaker_when_others_are_only_named_in_passing() -> None:
    quotes = _quotes(
        "Senator Ruth Ellery and Senator Dan Oakes spoke on Monday. "
        "“The inquiry must go on,” Oakes said of Ellery’s request. "
        "He also cited a report. “We will follow the facts wherever they lead us,” he said."
    )
    assert _by_text(quotes, "follow the facts").speaker == "Dan Oakes"


def test_a_short_quote_ending_a_noun_phrase_is_a_fragment() -> None:
    quotes = _quotes(
        "A former aide said the mayor had the patience of a “tired and hungry toddler.” "
        "“We will sign the treaty before winter comes,” the mayor said."
    )
    assert [q.text for q in quotes] == ["We will sign the treaty before winter comes"]


@pytest.mark.slow
def test_the_owner_of_a_subject_is_who_he_is_next() -> None:
    quotes = _quotes(
        "Governor Paul Ames wrote to Mayor Tom Berg, whom Ames had met in May. "
        "Berg’s letter did not answer. He said the plan would “put every family in this "
        "city at risk for years to come.”"
    )
    assert _by_text(quotes, "every family").speaker == "Tom Berg"


def test_a_possessive_is_one_word_when_counting_a_scare_quote() -> None:
    quotes = _quotes(
        "Critics said the rules would “hurt people’s jobs” in the long run. "
        "“We will sign the treaty before winter comes,” the mayor said."
    )
    assert [q.text for q in quotes] == ["We will sign the treaty before winter comes"]


@pytest.mark.slow
def test_they_said_is_the_last_plural_subject() -> None:
    quotes = _quotes(
        "The committee members wrote to Mayor Ann Lee on Monday. "
        "“Your plan will not pass this council in its present form,” they said."
    )
    assert "members" in _by_text(quotes, "will not pass").speaker


@pytest.mark.slow
def test_a_colon_introduces_the_quote_of_the_clause_subject() -> None:
    quotes = _quotes(
        "Senator Dan Oakes framed the choice this way: “Can we fix the roads before the "
        "winter, or will we wait for another bridge to fall?”"
    )
    assert _by_text(quotes, "fix the roads").speaker == "Dan Oakes"


@pytest.mark.slow
def test_a_short_statement_and_the_quote_after_it_are_one_quote() -> None:
    quotes = _quotes(
        "Mayor Ann Lee met the unions on Monday. “There is movement,” said Lee, the "
        "chairwoman of the talks. “Tomorrow is a critical day.”"
    )
    (q,) = quotes
    assert q.speaker == "Ann Lee"
    assert "Tomorrow is a critical day" in q.text


@pytest.mark.slow
def test_the_president_is_the_one_the_story_calls_president_even_by_surname_only() -> None:
    quotes = _quotes(
        "President Halvorsen met the governors on Monday. He asked for more money. "
        "“These are the priorities of our people,” the president said."
    )
    assert _by_text(quotes, "priorities").speaker == "Halvorsen"


@pytest.mark.slow
def test_a_subject_whose_verb_the_parse_hangs_on_the_next_sentence_still_counts() -> None:
    quotes = _quotes(
        "“I said it and I was wrong,” Tom Berg said.\n"
        "On Saturday, Ann Lee tweeted a vow to support the mayor. “I have your back and "
        "the city does too,” she tweeted."
    )
    assert _by_text(quotes, "have your back").speaker == "Ann Lee"


@pytest.mark.slow
def test_a_speech_noun_that_only_says_when_does_not_name_the_speaker() -> None:
    quotes = _quotes(
        "The Civic League attacked Mayor Ann Lee on Sunday, saying after Tom Berg’s "
        "announcement that the mayor had made “false and reckless promises to the voters.”"
    )
    assert _by_text(quotes, "reckless promises").speaker == "Civic League"


@pytest.mark.slow
def test_a_surname_misspelt_by_one_letter_is_still_the_person() -> None:
    quotes = _quotes(
        "William H. Neukom, the company's lawyer, spoke on Monday. "
        "“These are the same tired old charges,” Neukomb said."
    )
    assert _by_text(quotes, "tired old").speaker == "William H. Neukom"


@pytest.mark.slow
def test_a_capitalized_quote_with_a_finite_verb_is_a_statement_not_a_title() -> None:
    quotes = _quotes(
        "Governor Paul Ames wrote that “Tax Cheats, Bad Landlords and Loan Sharks Are Treated "
        "Better,” and went to bed. She read “The Long Winter Of Our Town,” a novel."
    )
    assert [q.text for q in quotes] == [
        "Tax Cheats, Bad Landlords and Loan Sharks Are Treated Better"
    ]
    assert quotes[0].speaker == "Paul Ames"


@pytest.mark.slow
def test_referred_to_as_and_described_as_name_the_speaker() -> None:
    quotes = _quotes(
        "Senator Ruth Ellery referred to the bill as “a gift to the banks and nobody else.”"
    )
    assert _by_text(quotes, "gift to the banks").speaker == "Ruth Ellery"


@pytest.mark.slow
def test_a_wife_named_only_by_relation_is_who_she_is() -> None:
    quotes = _quotes(
        "Tom Berg left the country in May. His wife cannot say where he went. "
        "“He calls on Sundays from a different number each time,” she said."
    )
    assert "wife" in _by_text(quotes, "calls on Sundays").speaker


@pytest.mark.slow
def test_whom_something_was_told_to_is_not_what_was_said() -> None:
    quotes = _quotes(
        "The report says Tom Berg told “three senior campaign aides” about the emails. "
        "Berg denied it."
    )
    assert all(q.speaker != "Tom Berg" for q in quotes)


@pytest.mark.slow
def test_two_quotes_of_one_article_are_never_grouped() -> None:
    quotes = _quotes(
        "The memo says the mayor met “the senior city council members” in May. "
        "The council did not answer for a month. "
        "It says the mayor was “invited by the senior city council members to explain the "
        "budget” a week later."
    )
    assert len(quotes) == 2


@pytest.mark.slow
def test_the_speaker_after_a_verb_right_after_the_quote() -> None:
    quotes = _quotes(
        "Dan Senor, a former adviser, spoke on Monday. “It runs against everything the "
        "campaign promised last year,” summarized Senor. Later that week, the remarks spread."
    )
    assert _by_text(quotes, "runs against").speaker == "Dan Senor"


@pytest.mark.slow
def test_he_after_an_honorific_is_a_surname() -> None:
    quotes = _quotes(
        "Tom Berg was arrested on Monday, his wife, He Xintong, said. "
        "“My husband thought the time was right to begin working,” Ms. He said."
    )
    assert _by_text(quotes, "time was right").speaker == "He Xintong"
