"""Text processing: boilerplate cleaning, sentence splitting, word tokens."""
