"""热词 (approved popular queries) and the vocabulary behind "您是不是要找".

Popular queries themselves are Wagtail's: every search with results adds a
hit to ``wagtail.contrib.search_promotions.models.Query`` (the admin's
报告 › 搜索词 report lists them).  The public never sees that raw list: only
terms 研究室 has approved here are shown, and never one that a registered
public-term filter (the 敏感词 list, see ``search.hot_terms``) refuses.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from .text import normalise


class HotTerm(models.Model):
    """A term 研究室 allows in the 热词 list under the search box."""

    term = models.CharField("热词", max_length=40, unique=True)
    approved = models.BooleanField("已批准展示", default=True,
                                   help_text="取消勾选即从网站热词中撤下")
    sort_order = models.PositiveIntegerField("排序", default=100,
                                             help_text="数字小的排在前面；同序按近30天搜索次数")
    note = models.CharField("备注", max_length=200, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True,
                                   blank=True, editable=False, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField("审核时间", auto_now=True)

    class Meta:
        verbose_name = "热词"
        verbose_name_plural = "热词"
        ordering = ("sort_order", "term")
        permissions = [("approve_hotterm", "可审核网站热词")]

    def __str__(self):
        return self.term

    def clean(self):
        self.term = " ".join((self.term or "").split())
        if not self.term:
            raise ValidationError({"term": "请填写热词。"})
        folded = normalise(self.term)
        others = HotTerm.objects.exclude(pk=self.pk).values_list("term", flat=True)
        if any(normalise(t) == folded for t in others):
            raise ValidationError({"term": "该热词已存在（全角、半角或大小写不同视为同一词）。"})

    def save(self, *args, **kwargs):
        self.term = " ".join((self.term or "").split())
        super().save(*args, **kwargs)


class VocabularyWord(models.Model):
    """A word of the published content, keyed by its pinyin, for suggestions.

    Rebuilt from the registered sources' titles (``manage.py
    rebuild_search_vocabulary``, run by ``bootstrap_portal``) and extended
    when an item is published."""

    word = models.CharField("词语", max_length=40, unique=True)
    pinyin = models.CharField("拼音", max_length=200, db_index=True)
    frequency = models.PositiveIntegerField("出现次数", default=1)

    class Meta:
        verbose_name = "搜索词库"
        verbose_name_plural = "搜索词库"

    def __str__(self):
        return self.word
