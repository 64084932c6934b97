"""Suggestions shown as faint marks in the reader (no Qt, no store).

* ``tokens``: the article's words with their offsets, once per text.
* ``name_index``: a prebuilt index of names (known actors, the gazetteer) matched over the
  tokens in one pass, never a pattern per name.
* ``new_names``: names that look like actors not yet known (titles, organisation words,
  acronyms, places of the shipped gazetteer).
* ``speech``: reported speech, "X said", "according to X", a quote and its speaker.
* ``find``: all of them together for one article, with the date phrases; cached per text.
* ``chunks``: a very long text cut at paragraph breaks, each chunk found alone (the reader
  finds those around the view).
* ``evaluation``: precision and recall on MEANTIME and on the hand-annotated speech set.
"""
