"""Page types of the nine columns (第十六条) and of the items they hold.

Column pages (one class per kind of item they list) record which units
maintain them and which units report into them; permissions.py turns those
records into Wagtail group page permissions.  Items share one concrete
``ItemPage`` table so that lists, the home page and later the register and
statistics can query every kind of item at once.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from search.index import zh_fields

from units.models import Unit

from .blocks import AttachmentBlock, BodyBlock, InterviewBlock
from .forms import ItemPageForm, SurveyPageForm
from .index_numbers import allocate_index_number

ITEMS_PER_PAGE = 20


class ColumnType(models.TextChoices):
    """Kinds of column for the update-frequency rules (Art. 12 (三))."""

    NEWS = "news", "动态要闻"
    NOTICE = "notice", "通知公告/政策文件"
    PERSONNEL = "personnel", "人事/规划"
    OTHER = "other", "其他"


# ---------------------------------------------------------------- columns


class BaseColumnPage(Page):
    """Fields and listing behaviour shared by every column and sub-column."""

    intro = models.TextField("栏目简介", blank=True)
    column_type = models.CharField(
        "栏目类型（更新时限）", max_length=20, choices=ColumnType.choices,
        default=ColumnType.OTHER,
    )
    meta_column_type = models.CharField(
        "栏目分类（网站元数据 ColumnType）", max_length=30, blank=True,
        help_text="按《政府网站发展指引》填写，如：政务动态、信息公开、办事服务、互动交流",
    )
    maintainers = ParentalManyToManyField(
        Unit, verbose_name="维护单位", related_name="+", blank=True,
        help_text="负责本栏目信息维护的科室或单位（第十六条），可新增和修改本栏目全部信息",
    )
    contributors = ParentalManyToManyField(
        Unit, verbose_name="供稿单位", related_name="+", blank=True,
        help_text="向本栏目报送信息的单位，可新增信息并修改本单位报送的信息",
    )

    parent_page_types = ["home.HomePage", "columns.SectionPage"]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("column_type"), FieldPanel("meta_column_type")]),
                FieldPanel("maintainers", widget=forms.CheckboxSelectMultiple),
                FieldPanel("contributors", widget=forms.CheckboxSelectMultiple),
            ],
            heading="栏目维护分工",
        ),
    ]

    search_fields = zh_fields(Page.search_fields + [index.SearchField("intro")])

    class Meta:
        abstract = True

    listing_template = "columns/column_page.html"

    def get_template(self, request, *args, **kwargs):
        # Every kind of column lists its items the same way.
        return self.listing_template

    def items(self):
        """Live items below this column, newest first, ready to list."""
        return (
            ItemPage.objects.live().public().descendant_of(self)
            .select_related("source_unit")
            .order_by("-release_time", "-pk")
        )

    def paginate(self, request, queryset):
        paginator = Paginator(queryset, ITEMS_PER_PAGE)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.paginate(request, self.items())
        return context

    @property
    def maintainer_names(self):
        return "、".join(u.name for u in self.maintainers.all())


class SectionPage(BaseColumnPage):
    """One of the nine columns when it is divided into sub-columns."""

    page_description = "一级栏目（含若干子栏目）"
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "columns.NewsColumnPage", "columns.NoticeColumnPage", "columns.DocumentColumnPage",
        "columns.InterviewColumnPage", "columns.SurveyColumnPage",
        "columns.DownloadColumnPage", "columns.ContentColumnPage", "columns.SectionPage",
        "mailbox.MailboxColumnPage",  # 主任信箱, 热线, 依申请公开 … (a column of the mailbox app)
    ]

    class Meta:
        verbose_name = "栏目（含子栏目）"
        verbose_name_plural = "栏目（含子栏目）"

    listing_template = "columns/section_page.html"
    LATEST_PER_SUBCOLUMN = 6

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = [
            {"column": sub, "items": sub.items()[: self.LATEST_PER_SUBCOLUMN]}
            for sub in self.get_children().live().public().specific()
        ]
        return context


class NewsColumnPage(BaseColumnPage):
    """A column of news items: 工作要闻, 工作动态's sub-columns, 健康枣庄 …"""

    page_description = "新闻类栏目，发布新闻稿件"
    subpage_types = ["columns.NewsPage"]

    class Meta:
        verbose_name = "新闻栏目"
        verbose_name_plural = "新闻栏目"


class NoticeColumnPage(BaseColumnPage):
    """A column of notices: 通知公告."""

    page_description = "通知公告类栏目"
    subpage_types = ["columns.NoticePage"]

    class Meta:
        verbose_name = "通知公告栏目"
        verbose_name_plural = "通知公告栏目"


class DocumentColumnPage(BaseColumnPage):
    """A column of government-information documents: 政务公开's sub-columns."""

    page_description = "政府信息公开类栏目，发布政府信息文件"
    subpage_types = ["columns.GovDocumentPage"]

    class Meta:
        verbose_name = "信息公开栏目"
        verbose_name_plural = "信息公开栏目"


class InterviewColumnPage(BaseColumnPage):
    """A column of online interviews: 在线访谈."""

    page_description = "在线访谈栏目"
    subpage_types = ["columns.InterviewPage"]

    class Meta:
        verbose_name = "在线访谈栏目"
        verbose_name_plural = "在线访谈栏目"


class SurveyColumnPage(BaseColumnPage):
    """A column of surveys: 民生民意调查."""

    page_description = "民意调查栏目"
    subpage_types = ["columns.SurveyPage"]

    class Meta:
        verbose_name = "民意调查栏目"
        verbose_name_plural = "民意调查栏目"


class DownloadColumnPage(BaseColumnPage):
    """A column of downloadable forms and documents: 资料下载专区."""

    page_description = "资料下载栏目"
    subpage_types = ["columns.DownloadPage"]

    class Meta:
        verbose_name = "资料下载栏目"
        verbose_name_plural = "资料下载栏目"

    def items(self):
        return super().items().select_related("downloadpage")


class ContentColumnPage(BaseColumnPage):
    """A column of plain content pages: 组织机构's sub-columns, guides."""

    page_description = "内容页栏目（机构职能、办事指南等）"
    subpage_types = ["columns.ContentPage"]

    class Meta:
        verbose_name = "内容栏目"
        verbose_name_plural = "内容栏目"


# ---------------------------------------------------------------- items


class ItemPage(Page):
    """What every published item has: 发布时间, 供稿单位, author, body.

    Concrete (not abstract) so that one query lists items of every kind.
    Not creatable itself: editors create one of its subclasses.
    """

    is_creatable = False

    release_time = models.DateTimeField("发布时间", default=timezone.now, db_index=True)
    source_unit = models.ForeignKey(
        Unit, verbose_name="供稿单位", on_delete=models.PROTECT, related_name="items",
        null=True, help_text="信息来自哪个单位（一级审核由该单位负责人进行）",
    )
    author = models.CharField("作者", max_length=100, blank=True)
    source_name = models.CharField("来源", max_length=100, blank=True,
                                   help_text="如：枣庄日报、市卫生计生委")
    keywords = models.CharField("关键词", max_length=200, blank=True,
                                help_text="多个关键词用空格或逗号分隔")
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)
    attachments = StreamField([("attachment", AttachmentBlock())], verbose_name="附件",
                              blank=True)

    base_form_class = ItemPageForm
    subpage_types = []

    meta_panels = [
        FieldRowPanel([FieldPanel("source_unit"), FieldPanel("release_time")]),
        FieldRowPanel([FieldPanel("author"), FieldPanel("source_name")]),
        FieldPanel("keywords"),
    ]
    content_panels = Page.content_panels + [
        MultiFieldPanel(meta_panels, heading="信息属性"),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]

    # Everything the item shows the public is searchable, attachment titles
    # included; search.index.zh_fields indexes it as Chinese bigrams.
    search_fields = zh_fields(Page.search_fields + [
        index.SearchField("body"),
        index.SearchField("author"),
        index.SearchField("source_name"),
        index.SearchField("keywords"),
        index.SearchField("attachment_titles"),
        index.FilterField("release_time"),
    ])

    class Meta:
        verbose_name = "信息"
        verbose_name_plural = "信息"

    @property
    def column(self):
        """The nearest column page above this item."""
        return self.get_parent().specific

    def attachment_titles(self):
        return [a["title"] for a in self.attachment_list()]

    def attachment_list(self):
        return [
            {"title": a.value["title"] or a.value["document"].title,
             "document": a.value["document"]}
            for a in self.attachments if a.value["document"] is not None
        ]


class NewsPage(ItemPage):
    """A news item (工作要闻, 工作动态, 健康枣庄 …), optionally in 图片新闻."""

    page_description = "新闻稿件"
    cover_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="封面图片", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    picture_news = models.BooleanField("在首页图片新闻中显示", default=False,
                                       help_text="需同时设置封面图片")
    summary = models.TextField("摘要", blank=True)

    parent_page_types = ["columns.NewsColumnPage"]
    search_fields = ItemPage.search_fields + zh_fields([index.SearchField("summary")])

    content_panels = ItemPage.content_panels[:2] + [
        MultiFieldPanel(
            [FieldPanel("summary"), FieldRowPanel([FieldPanel("cover_image"),
                                                   FieldPanel("picture_news")])],
            heading="摘要与图片新闻",
        ),
    ] + ItemPage.content_panels[2:]

    class Meta:
        verbose_name = "新闻"
        verbose_name_plural = "新闻"

    def clean(self):
        super().clean()
        if self.picture_news and not self.cover_image_id:
            raise ValidationError({"cover_image": "在图片新闻中显示的稿件必须设置封面图片。"})


class NoticePage(ItemPage):
    """A notice (通知公告) with its issuing unit and document number."""

    page_description = "通知、公告、公示"
    issuer = models.CharField("发布单位", max_length=100)
    doc_number = models.CharField("文号", max_length=100, blank=True,
                                  help_text="如：枣卫字〔2016〕62号")

    parent_page_types = ["columns.NoticeColumnPage"]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("issuer"), FieldPanel("doc_number")])]
            + ItemPage.meta_panels,
            heading="信息属性",
        ),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    search_fields = ItemPage.search_fields + zh_fields([
        index.SearchField("issuer"), index.SearchField("doc_number"),
    ])

    class Meta:
        verbose_name = "通知公告"
        verbose_name_plural = "通知公告"


class TopicCategory(models.Model):
    """政府信息 主题分类, two levels (e.g. 卫生、体育 / 医疗卫生)."""

    name = models.CharField("名称", max_length=50)
    parent = models.ForeignKey("self", verbose_name="上级分类", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children",
                               limit_choices_to={"parent__isnull": True})
    sort_order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_topic_per_parent"),
        ]

    def __str__(self):
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": "主题分类只有两级，上级分类必须是一级分类。"})


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "已失效"


class GovDocumentPage(ItemPage):
    """A government-information document (政务公开) with its catalogue metadata.

    The 索引号 is allocated when the document is first published.  A document
    whose 公开方式 is 不予公开 can never go live (Art. 4: 涉密不上网).
    """

    page_description = "政府信息公开文件"
    index_number = models.CharField("索引号", max_length=60, unique=True, null=True,
                                    blank=True, editable=False)
    issuing_agency = models.CharField("发布机构", max_length=100,
                                      default="枣庄市卫生和计划生育委员会")
    written_date = models.DateField("成文日期")
    doc_number = models.CharField("文号", max_length=100, blank=True)
    topic = models.ForeignKey(
        TopicCategory, verbose_name="主题分类", on_delete=models.PROTECT, related_name="+",
        null=True, blank=True, limit_choices_to={"parent__isnull": False},
    )
    disclosure_mode = models.CharField("公开方式", max_length=20,
                                       choices=DisclosureMode.choices,
                                       default=DisclosureMode.PROACTIVE)
    validity = models.CharField("有效性", max_length=20, choices=Validity.choices,
                                default=Validity.VALID)
    replaced_by = models.ForeignKey(
        "self", verbose_name="替代文件", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="replaces", help_text="有效性为“已修改”或“已废止”时，链接到替代本文件的文件",
    )
    summary = models.TextField("内容概述", blank=True)

    parent_page_types = ["columns.DocumentColumnPage"]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issuing_agency"), FieldPanel("doc_number")]),
                FieldRowPanel([FieldPanel("written_date"), FieldPanel("release_time")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("disclosure_mode")]),
                FieldRowPanel([FieldPanel("validity"), FieldPanel("replaced_by")]),
                FieldRowPanel([FieldPanel("source_unit"), FieldPanel("keywords")]),
            ],
            heading="政府信息元数据",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    search_fields = ItemPage.search_fields + zh_fields([
        index.SearchField("issuing_agency"),
        index.SearchField("doc_number"),
        index.SearchField("index_number"),
        index.SearchField("summary"),
    ])

    class Meta:
        verbose_name = "政府信息文件"
        verbose_name_plural = "政府信息文件"

    @property
    def shows_replacement_banner(self):
        return self.validity in (Validity.AMENDED, Validity.REPEALED)

    def clean(self):
        super().clean()
        if self.live and self.disclosure_mode == DisclosureMode.WITHHELD:
            raise ValidationError(WITHHELD_MESSAGE)
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            raise ValidationError({"replaced_by": "替代文件不能是本文件。"})

    def save(self, *args, **kwargs):
        if self.live:
            if self.disclosure_mode == DisclosureMode.WITHHELD:
                # Every publishing path ends in save(); refuse here so that no
                # path (admin, bulk action, workflow, shell) can bypass it.
                raise WithheldDocumentError(WITHHELD_MESSAGE)
            if not self.index_number:
                self.index_number = self._stored_index_number() or allocate_index_number(
                    self.written_date.year
                )
        super().save(*args, **kwargs)

    def _stored_index_number(self):
        if not self.pk:
            return None
        return (
            GovDocumentPage.objects.filter(pk=self.pk)
            .values_list("index_number", flat=True).first()
        )

    def with_content_json(self, content):
        # A revision saved before the number was allocated must not erase it.
        obj = super().with_content_json(content)
        obj.index_number = self.index_number
        return obj


WITHHELD_MESSAGE = "公开方式为“不予公开”的文件不得发布（涉密不上网）。"


class WithheldDocumentError(ValidationError):
    """Raised when anything tries to publish a 不予公开 document."""


class InterviewPage(ItemPage):
    """An online interview (在线访谈) with its guests and transcript."""

    page_description = "在线访谈"
    interview_time = models.DateTimeField("访谈时间")
    guests = models.CharField("访谈嘉宾", max_length=200)
    host = models.CharField("主持人", max_length=100, blank=True)
    summary = models.TextField("访谈简介", blank=True)
    transcript = StreamField(InterviewBlock(), verbose_name="访谈实录", blank=True)

    parent_page_types = ["columns.InterviewColumnPage"]
    search_fields = ItemPage.search_fields + zh_fields([
        index.SearchField("guests"), index.SearchField("host"),
        index.SearchField("summary"), index.SearchField("transcript"),
    ])
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("interview_time"), FieldPanel("host")]),
             FieldPanel("guests")] + ItemPage.meta_panels,
            heading="访谈信息",
        ),
        FieldPanel("summary"),
        FieldPanel("transcript"),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]

    class Meta:
        verbose_name = "在线访谈"
        verbose_name_plural = "在线访谈"


class SurveyField(AbstractFormField):
    page = ParentalKey("SurveyPage", on_delete=models.CASCADE, related_name="form_fields")


class SurveyPage(FormMixin, ItemPage):
    """A survey (民生民意调查) built on Wagtail's form pages."""

    page_description = "民意调查问卷"
    intro = RichTextField("调查说明", blank=True)
    thank_you_text = RichTextField("提交后的感谢语", blank=True,
                                   default="<p>感谢您参与本次调查！</p>")
    closes_at = models.DateTimeField("截止时间", null=True, blank=True)

    base_form_class = SurveyPageForm
    parent_page_types = ["columns.SurveyColumnPage"]
    search_fields = ItemPage.search_fields + zh_fields([index.SearchField("intro")])
    landing_page_template = "columns/survey_page_landing.html"
    content_panels = Page.content_panels + [
        MultiFieldPanel(ItemPage.meta_panels + [FieldPanel("closes_at")],
                        heading="调查信息"),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="调查题目"),
        FieldPanel("thank_you_text"),
        FormSubmissionsPanel(),
    ]

    class Meta:
        verbose_name = "民意调查"
        verbose_name_plural = "民意调查"

    @property
    def is_closed(self):
        return self.closes_at is not None and timezone.now() > self.closes_at

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and self.is_closed:
            # A closed survey keeps its page but takes no more answers.
            context = self.get_context(request)
            context["form"] = self.get_form(page=self, user=request.user)
            context["closed_error"] = "本次调查已截止，感谢关注。"
            from django.template.response import TemplateResponse

            return TemplateResponse(request, self.get_template(request), context)
        return super().serve(request, *args, **kwargs)


class DownloadPage(ItemPage):
    """A downloadable resource in 资料下载专区: forms, templates, guides."""

    page_description = "下载资料（附件为 Wagtail 文档）"
    description = models.TextField("资料说明", blank=True)

    parent_page_types = ["columns.DownloadColumnPage"]
    search_fields = ItemPage.search_fields + zh_fields([index.SearchField("description")])
    content_panels = Page.content_panels + [
        MultiFieldPanel(ItemPage.meta_panels, heading="信息属性"),
        FieldPanel("description"),
        FieldPanel("attachments"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = "下载资料"
        verbose_name_plural = "下载资料"

    def clean(self):
        super().clean()
        if not self.attachments:
            raise ValidationError({"attachments": "下载资料至少需要上传一个附件。"})


class ContentPage(ItemPage):
    """A plain content page: 机构职能, 领导班子, 办事指南 …"""

    page_description = "内容页（机构职能、领导简介、办事指南等）"
    parent_page_types = ["columns.ContentColumnPage", "mailbox.MailboxColumnPage"]

    class Meta:
        verbose_name = "内容页"
        verbose_name_plural = "内容页"


# ---------------------------------------------------------------- settings


@register_setting(icon="form")
class DisclosureSettings(BaseSiteSetting):
    """Settings of the government-information catalogue."""

    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, default="11370400004323569T",
        help_text="政府信息索引号的前缀：{统一社会信用代码}/{成文年份}-{5位流水号}",
    )

    class Meta:
        verbose_name = "信息公开设置"
