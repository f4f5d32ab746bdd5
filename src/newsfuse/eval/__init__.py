"""Measuring newsfuse: ROUGE for summaries, cluster scores, conflict recall."""
