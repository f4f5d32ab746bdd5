"""Direct quotes, who said them, and which outlets carry the same quote.

How a quote is found, per article (on the article text with sentence offsets, because the
sentence splitter may cut one quote into several sentences):

1. ``quote_spans`` pairs quotation marks inside each paragraph: curly (“ ”), straight (") and
   guillemets (« »). A quote still open at the end of a paragraph ends there; if the next
   paragraph opens with a quotation mark it continues the same quote (news convention), and a
   paragraph going on without one may close it (... leaving," Trump tweeted). A curly quote
   inside a curly quote does not end it; a quote the writer forgot to close before its
   attribution ends at the comma (“... performance, he wrote. “Our ...).
2. The *frame* of a quote is the sentences it overlaps. Outside the quoted characters, a speech
   verb ("said", "told", "declared", "referred to ... as", ...), "according to", a speech noun
   with an owner ("Trump's comments", "In his statement, X ...") or a colon ending the clause
   before the quote names the speaker through the parse: its subject (or object, or owner). A
   participle without a subject takes the subject of its clause ("Trump accused Obama, saying
   “...”"), "who said" the noun it belongs to, "said the letter" (after the quote) the noun
   after the verb. The speech word the quote hangs on in the parse wins, the one nearest in
   the tree first (a man in the crowd shouting beats the governor speaking); then a person
   beats a description ("a senior official") beats an organization ("Reuters reports"), and
   the nearest in the text wins. Not speakers: the listener of "told" (Stone told “senior
   officials”), the owner of a speech noun that only says when ("after Barr's announcement").
   A frame without a speaker borrows one from the sentence before when that sentence ends with
   a colon ("..., she says:"), or from the sentence after when the splitter cut the
   attribution off at "?”" (“... for baseball?” Obama said.). An attribution right after the
   closing comma (“...,” the indictment recounts) and a speech noun whose phrase the quote goes
   on ("Trump's comments about Kelly having “...”") beat the verb the parse hangs the quote
   on; a verb casting someone as the quote ("who remembers him as “...”") names its subject.
   Where the parse lost the subject, it is found anyway: a name hung on an infinitive ("Lee,
   one of nine to vote no, said"), made a compound of a gerund ("Lee claiming"), a conjunct
   right before the verb, the person a speech participle modifies, the noun root of a
   sentence whose verb the parse hung inside it, the person right before "who"; a surname
   tagged as a noun or a work of art is still the person ("Sellers said"), and so is a first
   name and surname tagged as an organization when the story names someone of that surname
   ("said Halima Fazul"). A speaker the quote names as an owner ("... Stone’s testimony") goes
   after every other candidate: nobody calls their own testimony that.
3. Speakers are resolved (``resolve``): "he"/"she" to the most recent person named as a
   main-clause subject or speaker before it (their owner counts: "Mr. Mattis's letter ...";
   so do untagged names and relations, "His wife cannot say"; else anyone named; names inside
   quotes do not count; gender from "Mr."/"Ms." and titles such as "first lady" rules people
   out), "they" to the last plural subject; a surname or first name to the full name the
   article (else the story) gives ("Mr. Trump" skipping the first lady, a one-letter misspelling
   forgiven), "the spokesman" or "the congresswoman" to the person the article gave that title
   ("Rep." is a congresswoman; a vice president is not the president), a person's campaign or
   office to the person; titles stripped.
4. A quote with no speaker of its own that directly follows another in the same sentence, opens
   the next sentence, or opens the next paragraph, is part of it: ``“A,” Kerry said. “B.”`` is
   one quote, "A … B", by Kerry. A title never goes on a quote.
5. Scare quotes and titles are dropped: a quote of at most ``SCARE_QUOTE_WORDS`` words ("end",
   "witch hunt", "deeply troubling") is a word the writer borrows, not a statement, even when a
   speaker is attributed (unless it opens its sentence: "I apologize," she said); so is a short
   verbless quote that ends a noun phrase the writer opened (the understanding of a “fifth- or
   sixth-grader”); a quote whose words are capitalized from the first, with no finite verb and
   no sentence punctuation at the end, is a title ("Behind the Scenes With Kathy Griffin").
   Unattributed longer quotes are kept with an empty speaker.
6. "He said" right after a quote goes to the speaker of that quote when it was attributed in the
   last ``RECENT_SPEAKER_SENTENCES`` sentences and no other subject was named outside quotes
   since (a person named in passing, "Schiff said of Trump's request", or inside the quote does
   not take it over), unless a sentence between acts on one other person ("That did not
   satisfy Justice Lee. “...,” he said."). "Justice Lee, who said ..." makes Lee a subject.
   A quote still without a speaker that opens its sentence and takes the rest of the paragraph
   goes on in the voice of the sentence before, when that one reports a named person's words
   without quoting them ("Dukes left saying she felt no anger. “...”").
7. Quotes of different outlets are grouped when their word 3-grams overlap (``merge``); two
   quotes of one article never are.

Indirect speech without quotation marks is never a quote.

Modules by stage: ``spans`` (find quoted stretches), ``attribute`` (speaker of one span),
``resolve`` (pronouns and names to full names), ``assemble`` (one article's quotes),
``merge`` (across outlets); ``lexicon`` holds the speech verbs two of them share.
"""

from __future__ import annotations

from collections.abc import Mapping

from newsfuse.budget import checkpoint
from newsfuse.compare.mentions.entities import Doc, doc_for, parse_articles, story_full_names
from newsfuse.compare.mentions.quotes.assemble import SCARE_QUOTE_WORDS, article_quotes, join_texts
from newsfuse.compare.mentions.quotes.lexicon import SPEECH_LEMMAS
from newsfuse.compare.mentions.quotes.merge import SAME_QUOTE_OVERLAP, Found, group_quotes
from newsfuse.compare.mentions.quotes.resolve import RECENT_SPEAKER_SENTENCES, ArticleContext
from newsfuse.compare.mentions.quotes.spans import QuoteSpan, quote_spans
from newsfuse.models import Quote
from newsfuse.pipeline import Prepared

__all__ = [
    "RECENT_SPEAKER_SENTENCES",
    "SAME_QUOTE_OVERLAP",
    "SCARE_QUOTE_WORDS",
    "SPEECH_LEMMAS",
    "QuoteSpan",
    "find_quotes",
    "quote_spans",
]


def find_quotes(prepared: Prepared, docs: Mapping[str, Doc] | None = None) -> list[Quote]:
    """Direct quotes in the story, with speakers, grouped across outlets.

    Quotes carried by more outlets come first, then in story and text order. ``docs`` (article
    id -> spaCy ``Doc``, from ``parse_articles``) shares one parse with the entity finder.
    """
    story = prepared.story
    parsed = parse_articles(story.articles) if docs is None else docs
    docs = {a.id: doc_for(parsed, a) for a in story.articles}
    people = story_full_names(docs[a.id] for a in story.articles)
    found: list[Found] = []
    for k, article in enumerate(story.articles):
        checkpoint()
        sentences = [prepared.sentences[i] for i in prepared.by_article.get(article.id, [])]
        if not sentences:
            continue
        art = ArticleContext(article.text, sentences, docs[article.id], people)
        for chunk in article_quotes(art):
            found.append(
                Found(
                    k,
                    chunk.span.start,
                    join_texts(chunk.texts),
                    chunk.speaker,
                    chunk.kind,
                    tuple(sentences[chunk.lo : chunk.hi + 1]),
                )
            )
    return group_quotes(found, [a.id for a in story.articles])
