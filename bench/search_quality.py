"""Search quality: recall and precision against "the text contains the query".

    .venv/bin/python bench/search_quality.py 10000 [--fresh]
    DATABASE_URL=postgres://… .venv/bin/python bench/search_quality.py 10000

Uses the corpus of bench/search_corpus.py (reused when it exists).  Draws a
few hundred queries from the corpus itself — dictionary words, random
2-character substrings, phrases of 3–8 characters crossing word boundaries,
mixed scripts and numbers, one-character queries, two-term queries — and
compares the complete result set of the site's search (every live item the
backend returns, not only the first page) with the ground truth computed in
Python: the items whose indexed text contains every term
(``search.text.contains``: full-width/half-width and case folded, punctuation
inside a term free).  Prints recall and precision per kind and overall.
Target: recall 1.00 for verbatim queries.
"""

import random
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import search_corpus  # noqa: E402

PER_KIND = 50


def draw_queries(texts, rng):
    from search.text import normalise

    words, _ = search_corpus.vocabulary()
    docs = list(texts.values())
    queries = defaultdict(list)
    queries["word"] = rng.sample(words, min(PER_KIND, len(words)))
    while len(queries["2-char"]) < PER_KIND:
        text = rng.choice(docs)
        i = rng.randrange(len(text) - 2)
        piece = text[i:i + 2]
        if re.fullmatch(r"[\u4e00-\u9fff]{2}", piece):
            queries["2-char"].append(piece)
    while len(queries["phrase"]) < PER_KIND:
        text = rng.choice(docs)
        n = rng.randint(3, 8)
        i = rng.randrange(len(text) - n)
        piece = text[i:i + n]
        if re.fullmatch(r"[\u4e00-\u9fff]+", piece):
            queries["phrase"].append(piece)
    mixed = set()
    for text in docs[:3000]:
        mixed.update(re.findall(r"[A-Z][A-Z0-9.\-]+\d|\d{4}年|枣卫字〔\d{4}〕\d+号|第[一二三四五六七八九十]+条|\d+热线", text))
    queries["mixed"] = rng.sample(sorted(mixed), min(PER_KIND, len(mixed)))
    queries["mixed"] += ["ｈ７ｎ９", "pm2.5", "枣卫字(2016)62号"]
    queries["1-char"] = rng.sample(sorted({c for c in "".join(docs[:200]) if "\u4e00" <= c <= "\u9fff"}),
                                   20)
    queries["2-terms"] = [f"{rng.choice(words)} {rng.choice(words)}" for _ in range(30)]
    return {kind: [q for q in qs if normalise(q).strip()] for kind, qs in queries.items()}


def truth(texts, query):
    from search.text import contains, normalise, split_terms

    terms = split_terms(query)
    simple = all(re.fullmatch(r"[^\W_]+", t.text) for t in terms)
    if simple:
        needles = [normalise(t.text) for t in terms]
        return {pk for pk, text in texts.items() if all(n in text for n in needles)}
    return {pk for pk, text in texts.items() if contains(text, query)}


def found(query):
    from wagtail.search.backends import get_search_backend

    from columns.models import ItemPage

    results = get_search_backend().search(query, ItemPage.objects.live().public(),
                                          order_by_relevance=False)
    return {obj.pk for obj in results}


def main():
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "10000"))
    search_corpus.setup_django(n, fresh="--fresh" in sys.argv)
    from django.db import connection

    from search.text import normalise

    search_corpus.build(n, reindex="--reindex" in sys.argv)
    texts = {pk: normalise(text) for pk, (_, text) in search_corpus.items_text().items()}
    queries = draw_queries({pk: t for pk, (_, t) in search_corpus.items_text().items()},
                           random.Random(7))
    print(f"== search quality, {connection.vendor}, {len(texts)} items, "
          f"{sum(map(len, queries.values()))} queries ==")
    print(f"{'kind':<8} {'queries':>7} {'recall':>8} {'precision':>10}  misses")
    total_tp = total_truth = total_found = 0
    for kind, qs in queries.items():
        tp = n_truth = n_found = 0
        misses = []
        for query in qs:
            expected, got = truth(texts, query), found(query)
            tp += len(expected & got)
            n_truth += len(expected)
            n_found += len(got)
            if expected - got or got - expected:
                misses.append(f"{query}(-{len(expected - got)}/+{len(got - expected)})")
        total_tp, total_truth, total_found = total_tp + tp, total_truth + n_truth, total_found + n_found
        recall = tp / n_truth if n_truth else 1.0
        precision = tp / n_found if n_found else 1.0
        print(f"{kind:<8} {len(qs):>7} {recall:>8.4f} {precision:>10.4f}  {' '.join(misses[:5])}")
    print(f"ALL      recall {total_tp / total_truth:.4f}, precision "
          f"{total_tp / total_found if total_found else 1:.4f} "
          f"({total_truth} relevant item-query pairs)")


if __name__ == "__main__":
    main()
