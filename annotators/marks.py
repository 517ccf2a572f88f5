"""Quotation marks, in one table: every stage that looks for them reads them from here.

``evaluate.QUOTATION_MARK`` is the exception on purpose: it mirrors the reference scorer's definition
of a direct quote, so that our figures stay comparable with it.
"""

DOUBLE_QUOTES = '"“”«»'  # straight, curly and angle double quotation marks
SINGLE_QUOTES = "'‘’"  # straight and curly single ones (the straight one is an apostrophe too)
OPENING_QUOTES = "“«‘"  # marks that only ever open a quote
CLOSING_QUOTES = "”»’"  # marks that only ever close one

# The marks mapped one-to-one to ASCII: a translated text keeps every offset. Treebank tokenising
# mistakes curly quotes and apostrophes for letters ('“We', don’t); this lets it see the punctuation.
ASCII_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
