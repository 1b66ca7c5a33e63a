"""Scanning benchmark: keyword and personal-data scan of 100,000 characters.

Pure Python, no Django or database.  Words are random 2–6 character strings
drawn from the same 600 CJK characters as the text, so partial matches are
frequent (a pessimistic case for the automaton).
Run: cd /work/main && .venv/bin/python bench/scanning.py
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workflow.scanning import KeywordMatcher, find_keywords, find_personal_data, scan  # noqa: E402

TEXT_CHARS = 100_000
REPEAT = 5


def best_of(func):
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times) * 1000, result


def main():
    rng = random.Random(2016)
    pool = [chr(c) for c in range(0x4E00, 0x4E00 + 600)] + list("，。、；：0123456789 ")
    words_1000 = list(dict.fromkeys("".join(rng.choices(pool[:600], k=rng.randint(2, 6))) for _ in range(1000)))
    words_100 = words_1000[:100]
    text = list(rng.choices(pool, k=TEXT_CHARS))
    for word in rng.sample(words_1000, 50):  # make sure there are real hits
        at = rng.randrange(TEXT_CHARS - len(word))
        text[at : at + len(word)] = word
    text = "".join(text)

    ms_100, hits_100 = best_of(lambda: find_keywords(text, words_100, "敏感"))
    ms_1000, hits_1000 = best_of(lambda: find_keywords(text, words_1000, "敏感"))
    ms_build, _ = best_of(lambda: KeywordMatcher(words_1000))
    ms_privacy, privacy = best_of(lambda: find_personal_data(text))
    ms_scan, _ = best_of(lambda: scan("标题", text, [], words_1000, words_100))

    print(f"文本 {len(text):,} 字符，取 {REPEAT} 次中最快一次")
    print(f"关键词  100 个：{ms_100:8.1f} ms（{len(hits_100)} 处命中）")
    print(f"关键词 1000 个：{ms_1000:8.1f} ms（{len(hits_1000)} 处命中）")
    print(f"1000 / 100 耗时比：{ms_1000 / ms_100:.2f}")
    print(f"其中构建 1000 词自动机：{ms_build:.1f} ms")
    print(f"个人信息识别：{ms_privacy:8.1f} ms（{len(privacy)} 处命中）")
    print(f"scan() 全流程（涉密 1000 词 + 敏感 100 词 + 个人信息）：{ms_scan:.1f} ms")


if __name__ == "__main__":
    main()
