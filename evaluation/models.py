"""What evaluation keeps: facts recorded as events happen, frozen reports,
and 研究室's reference data (quotas, scoring rules, column weights).

This app never writes another app's tables.  It listens to the review chain
and to the publication register and writes one ``ItemEvent`` per event, with
the figures that SQL cannot compute later (working days from submission to
publication).  Reports aggregate these rows in the database.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "提交"
    PUBLISHED = "published", "采用（发布）"
    REJECTED = "rejected", "退回"
    WITHDRAWN = "withdrawn", "撤稿"


class ItemEvent(models.Model):
    """One thing that happened to one item, with the item's facts at that time.

    A person's items are those he submitted (the workflow's requester), an
    item counts for its 供稿单位; both are copied so that later edits of the
    page do not rewrite history.
    """

    kind = models.CharField("事件", max_length=20, choices=EventKind.choices)
    occurred_at = models.DateTimeField("时间", db_index=True)
    page_id = models.IntegerField("信息ID", db_index=True)
    title = models.CharField("标题", max_length=255, blank=True)
    source_unit = models.ForeignKey("units.Unit", verbose_name="供稿单位", null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    source_unit_name = models.CharField("供稿单位名称", max_length=100, blank=True)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="信息员（提交人）",
                               null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    person_name = models.CharField("信息员姓名", max_length=150, blank=True)
    column_id = models.IntegerField("栏目ID", null=True, blank=True)
    column_title = models.CharField("栏目", max_length=255, blank=True)
    section_id = models.IntegerField("一级栏目ID", null=True, blank=True)
    picture_news = models.BooleanField("图片新闻", default=False)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    workdays = models.PositiveIntegerField(
        "提交至发布（工作日）", null=True, blank=True,
        help_text="发布时按工作日历计算并保存；直接发布或日历未覆盖时为空")
    content_reason = models.BooleanField("因内容原因撤稿", default=False)
    reason = models.TextField("原因", blank=True)
    workflow_state_id = models.IntegerField("审核流程记录号", null=True, blank=True)
    record_id = models.IntegerField("发布登记记录", null=True, blank=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "信息统计事件"
        verbose_name_plural = "信息统计事件"
        indexes = [models.Index(fields=["kind", "occurred_at"])]
        constraints = [
            # An item counts once as published, at its first publication.
            models.UniqueConstraint(fields=["page_id"], condition=models.Q(kind="published"),
                                    name="evaluation_one_publication_per_item"),
            models.UniqueConstraint(fields=["record_id"], condition=models.Q(kind="withdrawn"),
                                    name="evaluation_one_withdrawal_per_record"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.title}"


class WithdrawalCharge(models.Model):
    """A reviewer who approved an item later withdrawn (Art. 18 审核把关不严)."""

    event = models.ForeignKey(ItemEvent, on_delete=models.CASCADE, related_name="charges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    user_name = models.CharField("审核人", max_length=150, blank=True)
    task = models.CharField("审核环节", max_length=255, blank=True)

    class Meta:
        verbose_name = "撤稿审核责任"
        verbose_name_plural = "撤稿审核责任"


# ------------------------------------------------------------------ reference data


@register_setting(icon="list-ol")
class EvaluationSettings(BaseGenericSetting):
    """研究室's quota and scoring rules (Art. 17, 18)."""

    default_quota = models.PositiveIntegerField(
        "默认季度报送任务（条）", default=3,
        help_text="每个单位每季度应被采用（发布）的信息条数；可在“报送任务”中为单位单独设定")
    points_per_item = models.DecimalField("每条采用信息基础分", max_digits=6, decimal_places=2,
                                          default=1)
    picture_news_bonus = models.DecimalField("图片新闻加分（每条）", max_digits=6,
                                             decimal_places=2, default=1)
    content_withdrawal_deduction = models.DecimalField(
        "因内容原因撤稿扣分（每条）", max_digits=6, decimal_places=2, default=3,
        help_text="同时扣供稿单位和审核通过该信息的审核人（第十八条）")
    overdue_reply_deduction = models.DecimalField(
        "逾期回复扣分（每件）", max_digits=6, decimal_places=2, default=1,
        help_text="主任信箱、热线等信件逾期回复的扣分，由信箱模块提供逾期件数后生效")
    top_units = models.PositiveIntegerField("先进单位名额", default=3)
    top_sections = models.PositiveIntegerField("先进科室名额", default=3)
    top_people = models.PositiveIntegerField("优秀信息员名额", default=5)

    panels = [
        FieldPanel("default_quota"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("points_per_item"), FieldPanel("picture_news_bonus")]),
            FieldRowPanel([FieldPanel("content_withdrawal_deduction"),
                           FieldPanel("overdue_reply_deduction")]),
        ], heading="年度考评计分规则"),
        FieldRowPanel([FieldPanel("top_units"), FieldPanel("top_sections"),
                       FieldPanel("top_people")], heading="评比名额"),
    ]

    class Meta:
        verbose_name = "考评设置"
        verbose_name_plural = "考评设置"


class UnitQuota(models.Model):
    """A unit's own quarterly quota, instead of the default."""

    unit = models.OneToOneField("units.Unit", verbose_name="单位", on_delete=models.CASCADE,
                                related_name="evaluation_quota")
    quota = models.PositiveIntegerField("季度报送任务（条）",
                                        help_text="0 表示该单位不承担报送任务")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "报送任务"
        verbose_name_plural = "报送任务"
        ordering = ["unit__sort_order", "unit__pk"]

    def __str__(self):
        return f"{self.unit}：{self.quota}条/季度"


class ColumnWeight(models.Model):
    """How much a published item in a column is worth (1 when not set).

    A weight on a column with sub-columns applies to its sub-columns unless
    they have their own.
    """

    column = models.OneToOneField("wagtailcore.Page", verbose_name="栏目",
                                  on_delete=models.CASCADE, related_name="+",
                                  limit_choices_to={"depth__in": (3, 4)})
    weight = models.DecimalField("权重", max_digits=5, decimal_places=2, default=1)

    class Meta:
        verbose_name = "栏目权重"
        verbose_name_plural = "栏目权重"

    def __str__(self):
        return f"{self.column.title} ×{self.weight}"

    def clean(self):
        if self.weight is not None and self.weight < 0:
            raise ValidationError({"weight": "权重不能为负数。"})


# ------------------------------------------------------------------ reports


class ReportKind(models.TextChoices):
    QUARTER = "quarter", "季度统计"
    YEAR = "year", "年度考评"
    CUSTOM = "custom", "自定义期间"


class Report(models.Model):
    """A report as issued: its figures are stored and never recomputed."""

    kind = models.CharField("类型", max_length=20, choices=ReportKind.choices)
    start = models.DateField("起始日期")
    end = models.DateField("截止日期")
    title = models.CharField("标题", max_length=200)
    version = models.PositiveIntegerField("版次", default=1)
    data = models.JSONField("报告内容", default=dict)
    generated_at = models.DateTimeField("生成时间", default=timezone.now)
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="生成人", null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    automatic = models.BooleanField("定时自动生成", default=False)
    supplement = models.JSONField("补充报告", null=True, blank=True)
    supplemented_at = models.DateTimeField("补充时间", null=True, blank=True)
    notice_page_id = models.IntegerField("通报草稿页面", null=True, blank=True)

    FROZEN_FIELDS = ("kind", "start", "end", "title", "version", "data", "generated_at")

    class Meta:
        verbose_name = "统计报告"
        verbose_name_plural = "统计报告"
        ordering = ["-end", "-generated_at"]
        constraints = [models.UniqueConstraint(fields=["kind", "start", "end", "version"],
                                               name="evaluation_report_version")]

    def __str__(self):
        return self.title

    @property
    def period(self):
        from .periods import Period

        return Period(self.kind, self.start, self.end)

    def sections(self):
        return self.data.get("sections", [])

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and (
                update_fields is None or set(update_fields) & set(self.FROZEN_FIELDS)):
            raise ValidationError("已生成的统计报告不可修改；如需更新请重新生成新版次。")
        super().save(*args, **kwargs)


class FreshnessReminder(models.Model):
    """A reminder sent for a column before it goes stale (one per deadline)."""

    column_id = models.IntegerField("栏目ID")
    due = models.DateField("更新期限")
    sent_at = models.DateTimeField("发送时间", default=timezone.now)
    recipients = models.TextField("收件人", blank=True)

    class Meta:
        verbose_name = "栏目更新提醒"
        verbose_name_plural = "栏目更新提醒"
        constraints = [models.UniqueConstraint(fields=["column_id", "due"],
                                               name="evaluation_one_reminder_per_deadline")]
