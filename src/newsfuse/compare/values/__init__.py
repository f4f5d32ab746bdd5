"""Values read from text and normalized so reports can be compared: numbers and quantities as
intervals (``quantities``), dates resolved against the article's publication date (``dates``),
and the word lists both use (``lexicon``)."""

from newsfuse.compare.values.dates import DateMention, find_dates
from newsfuse.compare.values.quantities import Quantity, conflicting, find_quantities

__all__ = ["DateMention", "Quantity", "conflicting", "find_dates", "find_quantities"]
