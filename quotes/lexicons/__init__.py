"""Data files: cue verbs, nouns and phrases, titles and organisation nouns."""
