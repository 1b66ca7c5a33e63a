"""Turning what people type into Wagtail search query objects.

Kept apart from the backend (which loads per database vendor) so that views
and tests can build queries without importing a backend.
"""

from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText, SearchQuery

from .text import split_terms


class BigramTerm(SearchQuery):
    """One query term as its sequence of index tokens (a phrase); the last
    token is a prefix when ``prefix`` is set.  Built only from letters and
    digits (``search.text``), so it never carries FTS or tsquery syntax."""

    def __init__(self, tokens, prefix=False):
        self.tokens = tuple(tokens)
        self.prefix = prefix

    def __repr__(self):
        return f"<BigramTerm {' '.join(self.tokens)}{'*' if self.prefix else ''}>"


class NoTerms(SearchQuery):
    """A query with no letter or digit in it (only punctuation or spaces):
    it matches nothing."""


def segment_query(query):
    """A query string or Wagtail query object → the same query over bigram
    terms.  Several terms mean all of them (AND)."""
    if isinstance(query, str):
        terms = [BigramTerm(t.tokens, t.prefix) for t in split_terms(query)]
        if not terms:
            return NoTerms()
        return terms[0] if len(terms) == 1 else And(terms)
    if isinstance(query, (PlainText, Phrase)):
        # PlainText's operator "or" (admin choosers never use it) would need
        # Or; AND is what the site promises.
        segmented = segment_query(query.query_string)
        if isinstance(query, PlainText) and query.operator == "or" and isinstance(segmented, And):
            return Or(segmented.subqueries)
        return segmented
    if isinstance(query, And):
        return And([segment_query(q) for q in query.subqueries])
    if isinstance(query, Or):
        return Or([segment_query(q) for q in query.subqueries])
    if isinstance(query, Not):
        return Not(segment_query(query.subquery))
    if isinstance(query, Boost):
        return segment_query(query.subquery)
    # MatchAll, BigramTerm, NoTerms, Fuzzy… pass through.
    return query


def simple_terms(query):
    """The BigramTerms of a query made only of AND-ed terms, or None when the
    query has another shape (Or, Not…); the fast paths handle only the former."""
    if isinstance(query, BigramTerm):
        return [query]
    if isinstance(query, And) and all(isinstance(q, BigramTerm) for q in query.subqueries):
        return list(query.subqueries)
    return None


__all__ = ["BigramTerm", "MatchAll", "NoTerms", "segment_query", "simple_terms"]
