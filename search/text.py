"""Text normalisation and character-bigram segmentation for Chinese search.

Pure functions, no Django: the index fields (``search.index``), the backend
(``search.backend``), highlighting and the bench scripts all use them, so the
text that is indexed and the text that is searched are cut the same way.

Why bigrams (see search/README.md for the measurements): neither SQLite's
FTS5 ``unicode61`` tokenizer nor PostgreSQL's parser splits Chinese, and a
dictionary segmenter (jieba) misses words it cuts differently in the text
(医疗保障 inside 医疗保障局).  Overlapping character bigrams turn "contains
the query" into "contains this sequence of bigrams", which both FTS5 and
``tsquery`` answer exactly with a phrase query.

* Text is normalised with NFKC (full-width → half-width: Ｈ７Ｎ９ → H7N9,
  （ → ( ) and case-folded, so both forms and letter case match alike.
* A *run* is a maximal sequence of letters or digits of any script (Chinese,
  Latin, digits mixed: "62号", "h7n9").  Anything else (spaces, punctuation
  such as 〔〕，。"*()) separates runs and is never part of a token — which
  is also why query text can never become FTS syntax.
* A run of n ≥ 2 characters is indexed as its n − 1 overlapping bigrams
  followed by its last character alone; a run of one character as itself.
  The trailing unigram lets a one-character query (药) find 中药 as well as
  药品 (prefix 药* matches the bigram 药品 and the unigram 药).
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

# Letters and digits of every script; "_" is a word character for re but
# not for people.
RUN = re.compile(r"[^\W_]+")
# Longest query the public view accepts (longer input is cut and the user
# is told so).
MAX_QUERY_CHARS = 100
# A query with more terms than this keeps the first ones (a pasted paragraph
# must not become a 500-term AND).
MAX_TERMS = 8


def normalise(text):
    """NFKC + case folding: the form in which text is indexed and searched."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def normalise_with_map(text):
    """Normalise ``text`` and return (normalised, origin) where origin[i] is
    the index in ``text`` of the character that produced normalised[i].

    Normalising character by character keeps the mapping exact, so a match
    found in the normalised text can be highlighted in the original text."""
    out, origin = [], []
    for i, ch in enumerate(text or ""):
        folded = normalise(ch)
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin


def _run_tokens(run, *, closed):
    """Tokens of one run.  ``closed``: the run ends here in the text (so its
    trailing unigram is indexed); an open run (the last one of a query term)
    may continue in the indexed text."""
    if len(run) == 1:
        return [run]
    grams = [run[i:i + 2] for i in range(len(run) - 1)]
    return grams + [run[-1]] if closed else grams


@functools.lru_cache(maxsize=256)
def segment_for_index(text):
    """Space-separated bigram tokens of ``text`` for the full-text index.

    Cached: Wagtail's indexer asks for each field's value several times per
    object (title, body, autocomplete and their plain-text copies), and
    segmenting was most of the time of a full rebuild; the recent texts are
    enough to answer the repeats."""
    return " ".join(tok for run in RUN.findall(normalise(text))
                    for tok in _run_tokens(run, closed=True))


@dataclass(frozen=True)
class Term:
    """One query term as index tokens: a phrase, the last token a prefix when
    the term ends in a single character (药, or 2016年〔2)."""

    text: str
    tokens: tuple
    prefix: bool


def term_tokens(term):
    """The ``Term`` for one whitespace-free query term, or None if it holds no
    letter or digit.  Punctuation inside a term ("枣卫字〔2016〕62号") joins
    its runs into one phrase, in the order they appear."""
    runs = RUN.findall(normalise(term))
    if not runs:
        return None
    tokens = []
    for i, run in enumerate(runs):
        tokens += _run_tokens(run, closed=i < len(runs) - 1)
    # A last run of one character is open: it may be the start of a longer
    # run in the text, so it is matched as a prefix.
    prefix = len(runs[-1]) == 1
    return Term(text=term, tokens=tuple(tokens), prefix=prefix)


def split_terms(query):
    """Normalised query → its distinct terms (whitespace-separated), at most
    MAX_TERMS; terms without a letter or digit are dropped."""
    seen, terms = set(), []
    for raw in normalise(query).split():
        term = term_tokens(raw)
        if term is None or term.tokens in seen:
            continue
        seen.add(term.tokens)
        terms.append(term)
    return terms[:MAX_TERMS]


def clean_query(raw):
    """The query as the user typed it, whitespace collapsed and cut to
    MAX_QUERY_CHARS; returns (query, was_cut).  Control characters (NUL
    and the like, which PostgreSQL refuses in text) become spaces."""
    raw = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in (raw or ""))
    query = " ".join(raw.split())
    return query[:MAX_QUERY_CHARS].strip(), len(query) > MAX_QUERY_CHARS


def term_pattern(term):
    """A regular expression finding ``term`` in *normalised* text, letting any
    non-letter, non-digit characters (at least one) stand where the term has punctuation
    (the index ignores punctuation the same way)."""
    runs = RUN.findall(normalise(term))
    return r"[\W_]+".join(re.escape(run) for run in runs)


def contains(text, query):
    """True if ``text`` contains every term of ``query`` (the ground truth of
    the search: what a citizen expects)."""
    folded = normalise(text)
    return all(re.search(term_pattern(t.text), folded) for t in split_terms(query))
