"""Snippets with the matched text highlighted, built safely.

The text is escaped piece by piece and only our own ``<mark>`` tags are
added, so whatever an item's text holds (``<script>``, ``&``…) is shown as
text, never as markup.  Matching happens on the normalised text (full-width,
case) and is mapped back to the original characters.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import normalise, normalise_with_map, split_terms, term_pattern

SNIPPET_CHARS = 120


def _match_spans(text, query):
    folded = normalise(text)
    if len(folded) == len(text):
        # The usual case (NFKC and case folding kept every character one
        # character): offsets are the same, no per-character mapping needed.
        origin = range(len(text))
    else:
        folded, origin = normalise_with_map(text)
    spans = []
    for term in split_terms(query):
        pattern = term_pattern(term.text)
        if not pattern:
            continue
        for m in re.finditer(pattern, folded):
            if m.end() > m.start():
                spans.append((origin[m.start()], origin[m.end() - 1] + 1))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, query, spans=None):
    """``text`` escaped, every match of ``query`` in <mark>."""
    text = text or ""
    out, pos = [], 0
    for start, end in (_match_spans(text, query) if spans is None else spans):
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def snippet(text, query, width=SNIPPET_CHARS):
    """About ``width`` characters of ``text`` around its first match,
    highlighted; the start of the text when nothing matches."""
    text = " ".join((text or "").split())
    spans = _match_spans(text, query)
    start = max(0, spans[0][0] - width // 4) if spans else 0
    end = min(len(text), start + width)
    inside = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
    piece = highlight(text[start:end], query, inside)
    return mark_safe(("…" if start else "") + piece + ("…" if end < len(text) else ""))
