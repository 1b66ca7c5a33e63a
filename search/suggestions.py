"""“您是不是要找”: suggestions from pinyin, homophones and look-alikes.

Offline, from the site's own words: ``VocabularyWord`` holds the words of
published titles (cut with jieba and the domain dictionary
``search/dictionary.txt``), each keyed by its toneless pinyin.  A query
typed in pinyin (jiankang) or with a wrong character that sounds the same
(建康, 流敢) is looked up by its pinyin; one that looks the same (宜传,
休检) by swapping one character for another of its group in
``search/lookalikes.txt``.  The most frequent word wins.
"""

import functools
import re
from collections import Counter
from pathlib import Path

from django.db import transaction
from django.db.models import F
from pypinyin import Style, lazy_pinyin

from .hot_terms import refused_public_terms
from .models import VocabularyWord
from .sources import get_sources
from .text import normalise

DICTIONARY = Path(__file__).with_name("dictionary.txt")
LOOKALIKES = Path(__file__).with_name("lookalikes.txt")
CJK_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{2,8}$")
PINYIN_QUERY = re.compile(r"^[a-z' ]{2,60}$")
MAX_SUGGESTIONS = 3


def pinyin_key(text):
    """Toneless pinyin without separators: 健康 → jiankang."""
    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors="ignore")).lower()


def _jieba():
    import jieba

    jieba.setLogLevel(60)
    if not getattr(_jieba, "loaded", False):
        # add_word rather than load_userdict: the file may carry comments.
        for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                word, *freq = line.split()
                jieba.add_word(word, int(freq[0]) if freq else None)
        _jieba.loaded = True
    return jieba


def words_of(text):
    """Dictionary words (2–8 Chinese characters) of ``text``."""
    return [w for w in _jieba().cut(text or "") if CJK_WORD.match(w)]


def _titles():
    for source in get_sources():
        yield from source.all_titles()


@transaction.atomic
def rebuild_vocabulary():
    """Replace the vocabulary with the words of every published title and the
    domain dictionary; returns the number of words."""
    counts = Counter()
    for title in _titles():
        counts.update(words_of(title))
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            counts[line.split()[0]] += 1
    VocabularyWord.objects.all().delete()
    VocabularyWord.objects.bulk_create(
        [VocabularyWord(word=w, pinyin=pinyin_key(w), frequency=n) for w, n in counts.items()],
        batch_size=1000,
    )
    return len(counts)


def add_words(text):
    """Add the words of a newly published title."""
    for word in set(words_of(text)):
        updated = VocabularyWord.objects.filter(word=word).update(frequency=F("frequency") + 1)
        if not updated:
            VocabularyWord.objects.get_or_create(word=word, defaults={"pinyin": pinyin_key(word)})


@functools.cache
def _lookalike_groups():
    """{character: the other characters of its 形近字 group}."""
    table = {}
    for line in LOOKALIKES.read_text(encoding="utf-8").splitlines():
        group = line.strip()
        if group and not group.startswith("#"):
            for ch in group:
                table.setdefault(ch, set()).update(set(group) - {ch})
    return table


def lookalike_variants(word):
    """``word`` with one character replaced by a look-alike, every way."""
    table = _lookalike_groups()
    return {word[:i] + other + word[i + 1:]
            for i, ch in enumerate(word) for other in table.get(ch, ())}


def suggest(query):
    """Up to MAX_SUGGESTIONS words the user probably meant, best first."""
    folded = normalise(query).strip()
    if not folded:
        return []
    if PINYIN_QUERY.match(folded):
        key = re.sub(r"[' ]", "", folded)
    elif re.search(r"[\u3400-\u9fff]", folded):
        key = pinyin_key(folded.replace(" ", ""))
    else:
        return []
    if len(key) < 2:
        return []
    words = list(
        VocabularyWord.objects.filter(pinyin=key).exclude(word=folded)
        .order_by("-frequency", "word").values_list("word", flat=True)[:MAX_SUGGESTIONS * 2]
    )
    if CJK_WORD.match(folded):
        words += [w for w in VocabularyWord.objects.filter(word__in=lookalike_variants(folded))
                  .order_by("-frequency", "word").values_list("word", flat=True)
                  [:MAX_SUGGESTIONS] if w not in words]
    if not words and PINYIN_QUERY.match(folded) and len(key) >= 4:
        # Pinyin typed only in part (jiank…).
        words = list(
            VocabularyWord.objects.filter(pinyin__startswith=key)
            .order_by("-frequency", "word").values_list("word", flat=True)[:MAX_SUGGESTIONS * 2]
        )
    refused = refused_public_terms(words)
    return [w for w in words if w not in refused][:MAX_SUGGESTIONS]
