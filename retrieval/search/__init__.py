"""Search beyond the question's exact words: other forms of a word and related words."""
