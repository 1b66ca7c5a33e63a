"""How text is cut for the index and how queries are read."""

from search.query import BigramTerm, NoTerms, segment_query
from search.text import clean_query, contains, normalise, segment_for_index, split_terms


def test_chinese_runs_become_overlapping_bigrams_and_their_last_character():
    assert segment_for_index("流感防治") == "流感 感防 防治 治"


def test_full_width_and_capitals_are_indexed_like_half_width_lower_case():
    assert segment_for_index("Ｈ７Ｎ９") == segment_for_index("h7n9") == "h7 7n n9 9"


def test_punctuation_separates_runs_and_never_reaches_the_index():
    assert segment_for_index("枣卫字〔2016〕62号") == "枣卫 卫字 字 20 01 16 6 62 2号 号"


def test_a_query_with_punctuation_is_one_phrase_across_its_runs():
    [term] = split_terms("枣卫字〔2016〕62号")
    assert term.tokens == ("枣卫", "卫字", "字", "20", "01", "16", "6", "62", "2号")
    assert not term.prefix


def test_a_one_character_query_is_a_prefix_of_bigrams():
    [term] = split_terms("药")
    assert term.tokens == ("药",) and term.prefix


def test_space_separated_terms_mean_all_of_them():
    query = segment_query("流感  防治")
    assert [t.tokens for t in query.subqueries] == [("流感",), ("防治",)]


def test_query_syntax_characters_are_only_separators():
    assert isinstance(segment_query('"*" () *'), NoTerms)
    [term] = split_terms('"流感"*')
    assert term.tokens == ("流感",)
    assert isinstance(segment_query("流感"), BigramTerm)


def test_words_like_and_or_near_are_searched_as_text():
    assert [t.tokens for t in split_terms("AND near")] == [("an", "nd"), ("ne", "ea", "ar")]


def test_long_queries_are_cut_and_the_user_is_told():
    query, cut = clean_query("流感" * 1000)
    assert len(query) == 100 and cut
    assert clean_query("  流感   防治 ") == ("流感 防治", False)


def test_normalise_folds_full_width_and_case():
    assert normalise("ＡＢＣ（１）") == "abc(1)"


def test_ground_truth_is_containment_of_every_term():
    assert contains("关于枣卫字〔2016〕62号文件", "枣卫字〔2016〕62号")
    assert contains("Ｈ７Ｎ９禽流感", "h7n9 流感")
    assert not contains("流感", "流感 防治")


def test_control_characters_are_dropped_from_queries():
    assert clean_query("\x00流感\x07防治") == ("流感 防治", False)
