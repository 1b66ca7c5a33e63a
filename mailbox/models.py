"""Citizens' letters (主任信箱, 卫生计生热线, 信息公开监督信箱, 依申请公开).

A ``Letter`` is a plain snippet: its row is always the current state, so the
admin's status and deadline filters read it directly.  Drafts and review
belong to the answer, ``LetterReply``, which goes through a Wagtail workflow
before the citizen (or the public list) sees it (Art. 10, 11, 14).

Every deadline and every duration is computed and stored when the event
happens (mailbox.deadlines): SQL cannot count working days, and the
quarterly statistics read these columns.
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from wagtail.models import (
    BaseLogEntry,
    DraftStateMixin,
    RevisionMixin,
    Task,
    WorkflowMixin,
)

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models.audit_log import ModelLogEntryManager
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from columns.models import BaseColumnPage
from search.index import zh_fields
from workflow.models import ReviewerRulesMixin, ReviewRefused, claim
from units.models import Unit


class LetterKind(models.TextChoices):
    DIRECTOR = "director", "主任信箱"
    HOTLINE = "hotline", "卫生计生热线"
    SUPERVISION = "supervision", "信息公开监督信箱"
    DISCLOSURE = "disclosure", "依申请公开"


NUMBER_PREFIX = {
    LetterKind.DIRECTOR: "ZR",
    LetterKind.HOTLINE: "RX",
    LetterKind.SUPERVISION: "JD",
    LetterKind.DISCLOSURE: "YS",
}


class LetterStatus(models.TextChoices):
    PENDING = "pending", "待受理"
    ACCEPTED = "accepted", "已受理"
    REFUSED = "refused", "不予受理"
    PROCESSING = "processing", "办理中"
    TRANSFERRED = "transferred", "已转办"
    ESCALATED = "escalated", "请示中"
    ANSWERED = "answered", "已答复"
    PUBLISHED = "published", "已公开"


OPEN_STATUSES = (
    LetterStatus.PENDING, LetterStatus.ACCEPTED, LetterStatus.PROCESSING,
    LetterStatus.TRANSFERRED, LetterStatus.ESCALATED,
)


class Channel(models.TextChoices):
    WEBSITE = "website", "网站"
    PHONE = "phone", "电话"
    LETTER = "post", "信函（邮寄）"
    IN_PERSON = "in_person", "当面"
    FAX = "fax", "传真"


class DisclosureAnswer(models.TextChoices):
    """The reply types of the 2019 条例 (第三十六条)."""

    GRANTED = "granted", "予以公开"
    PARTLY = "partly", "部分公开"
    WITHHELD = "withheld", "不予公开"
    UNAVAILABLE = "unavailable", "无法提供"
    NOT_HANDLED = "not_handled", "不予处理"


def _private_storage():
    # Citizens' attachments are never served from the public media URL:
    # staff download them through an admin view that checks access.
    return FileSystemStorage(location=settings.MAILBOX_PRIVATE_ROOT)


def new_query_code():
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
    return "".join(secrets.choice(alphabet) for _ in range(8))


class LetterQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now=None):
        now = now or timezone.now()
        return self.open().filter(due_at__lt=now)

    def due_soon(self, now=None, days=2):
        now = now or timezone.now()
        return self.open().filter(due_at__gte=now,
                                  due_at__lt=now + timezone.timedelta(days=days + 1))

    def publicly_listed(self):
        return self.filter(status=LetterStatus.PUBLISHED, allow_publication=True)


class Letter(index.Indexed, models.Model):
    """One letter, call or disclosure request and where it stands.

    Indexed for the public search with its *masked* text only (``title``,
    ``public_text``): a search for someone's phone number must not lead to
    his letter.  Only publicly listed letters are offered (see
    ``get_indexed_objects`` and the search source in wagtail_hooks).
    """

    number = models.CharField("编号", max_length=20, unique=True, editable=False)
    query_code = models.CharField("查询码", max_length=8, default=new_query_code, editable=False)
    kind = models.CharField("类别", max_length=20, choices=LetterKind.choices)
    channel = models.CharField("来信渠道", max_length=20, choices=Channel.choices,
                               default=Channel.WEBSITE)

    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    id_number = models.CharField("身份证号", max_length=18, blank=True,
                                 help_text="依申请公开须填写")
    address = models.CharField("通讯地址", max_length=200, blank=True)
    subject = models.CharField("标题", max_length=100)
    content = models.TextField("内容")
    attachment = models.FileField("附件", upload_to="letters/%Y/%m/", storage=_private_storage,
                                  blank=True)
    allow_publication = models.BooleanField("同意公开", default=False,
                                            help_text="来信人同意在网站公开信件及答复（个人信息隐去）")

    received_at = models.DateTimeField("收件时间", default=timezone.now, db_index=True,
                                       help_text="信件到达或电话接听的时间，期限由此起算")
    status = models.CharField("状态", max_length=20, choices=LetterStatus.choices,
                              default=LetterStatus.PENDING, db_index=True)
    responsible_unit = models.ForeignKey(
        Unit, verbose_name="承办科室", null=True, blank=True, on_delete=models.PROTECT,
        related_name="letters",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    refusal_reason = models.TextField("不予受理理由", blank=True)

    # deadlines (null while the working calendar does not cover the year)
    due_at = models.DateTimeField("答复期限", null=True, blank=True, db_index=True)
    transfer_due_at = models.DateTimeField("转办期限", null=True, blank=True)
    escalation_due_at = models.DateTimeField("请示办结期限", null=True, blank=True)
    deadline_pending = models.CharField("期限待定原因", max_length=200, blank=True)

    # what happened, with durations stored at the time (working days)
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    transferred_at = models.DateTimeField("转办时间", null=True, blank=True)
    transferred_from = models.ForeignKey(
        Unit, verbose_name="转出科室", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    transfer_workdays = models.PositiveIntegerField("转办用时（工作日）", null=True, blank=True)
    transferred_in_time = models.BooleanField("按期转办", null=True, blank=True)
    escalated_at = models.DateTimeField("请示时间", null=True, blank=True)
    escalation_note = models.TextField("请示事项", blank=True)
    interim_reply = models.TextField("阶段性答复", blank=True)
    escalation_settled_at = models.DateTimeField("请示办结时间", null=True, blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    answer_workdays = models.PositiveIntegerField("答复用时（工作日）", null=True, blank=True)
    answered_on_time = models.BooleanField("按期答复", null=True, blank=True)

    # 依申请公开 (2019 条例 第三十条、第三十一条、第三十二条、第三十三条)
    correction_requested_at = models.DateTimeField("补正告知时间", null=True, blank=True)
    correction_note = models.TextField("补正事项", blank=True)
    correction_received_at = models.DateTimeField("补正收到时间", null=True, blank=True)
    consultation_started_at = models.DateTimeField("征求第三方意见开始", null=True, blank=True)
    consultation_ended_at = models.DateTimeField("征求第三方意见结束", null=True, blank=True)
    extension_days = models.PositiveIntegerField("延长期限（工作日）", default=0)
    extension_reason = models.TextField("延长理由", blank=True)
    extension_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="延期批准人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True,
                                        editable=False)
    client_address = models.GenericIPAddressField("来信地址", null=True, blank=True,
                                                  editable=False)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = LetterQuerySet.as_manager()

    search_fields = zh_fields([
        index.SearchField("title"),
        index.SearchField("public_text"),
        index.FilterField("answered_at"),
        index.FilterField("status"),
        index.FilterField("allow_publication"),
        index.FilterField("kind"),
    ])

    class Meta:
        verbose_name = "来信"
        verbose_name_plural = "来信"
        ordering = ["-received_at", "-pk"]
        permissions = [("route_letter", "受理和分办来信")]

    def __str__(self):
        return f"{self.number} {self.subject}"

    def save(self, *args, **kwargs):
        # A new letter gets its number and deadlines however it is created
        # (public form, a call recorded in the admin, code).
        from .deadlines import refresh
        from .numbers import allocate_number

        if not self.number:
            self.number = allocate_number(self.kind, self.received_at)
        # A corrected receipt time (a call recorded late) moves the deadlines.
        self._calendar_gap = refresh(self)
        super().save(*args, **kwargs)

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.publicly_listed()

    @property
    def title(self):
        """The subject as the public sees it (personal data masked)."""
        from .masking import mask_text

        return mask_text(self.subject, [self.name])

    def public_text(self):
        from .masking import mask_text

        reply = self.published_reply
        answer = mask_text(reply.body, [self.name], landlines=False) if reply else ""
        return mask_text(self.content, [self.name]) + "\n" + answer

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.due_at is not None and self.due_at < timezone.now()

    @property
    def published_reply(self):
        reply = getattr(self, "reply", None)
        if reply is not None and reply.live:
            return reply
        return None


class MailboxSequence(models.Model):
    """The last serial handed out per number prefix and day (ZR20261203)."""

    key = models.CharField(max_length=12, primary_key=True)
    last_serial = models.PositiveIntegerField(default=0)


class LetterReply(WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    """The answer to a letter: drafted by the 承办科室, reviewed, then visible.

    The citizen sees only the published (live) version, on the query page
    and by e-mail; the public list shows it when the citizen allowed it.
    """

    letter = models.OneToOneField(Letter, verbose_name="来信", on_delete=models.CASCADE,
                                  related_name="reply")
    body = models.TextField("答复内容")
    disclosure_answer = models.CharField(
        "答复类型", max_length=20, choices=DisclosureAnswer.choices, blank=True,
        help_text="依申请公开必填",
    )
    withheld_reason = models.TextField("不予公开的理由和依据", blank=True)
    publish_on_site = models.BooleanField(
        "在网站公开", default=False, help_text="来信人同意公开时，答复审核通过后在网站信件列表中公开")
    is_faq = models.BooleanField("列为常见问题", default=False)
    faq_column = models.ForeignKey(
        "wagtailcore.Page", verbose_name="常见问题所属栏目", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text="常见问题显示在该栏目页（第十四条：回复带有普遍性的问题）",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="答复人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="letterreply")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState", content_type_field="base_content_type",
        object_id_field="object_id", related_query_name="letterreply", for_concrete_model=False,
    )

    class Meta:
        verbose_name = "来信答复"
        verbose_name_plural = "来信答复"

    def __str__(self):
        return f"答复：{self.letter.number} {self.letter.subject}"

    @property
    def revisions(self):
        return self._revisions


# ---------------------------------------------------------------- review


class ReplyReviewTask(ReviewerRulesMixin, Task):
    """Base of the reply reviews: who may decide is a rule of the letter."""

    class Meta:
        abstract = True

    def reviewers(self, reply):
        raise NotImplementedError

    def refusal(self, reply, user):
        if not user.is_authenticated or not user.is_active:
            return "请先登录。"
        if reply.author_id == user.pk:
            return "您是该答复的撰写人，不能审核自己的答复。"
        if user.is_superuser or self.reviewers(reply).filter(pk=user.pk).exists():
            return None
        return f"您不是“{self.name}”的审核人。"

    def on_action(self, task_state, user, action_name, **kwargs):
        reply = task_state.workflow_state.content_object
        reason = self.refusal(reply, user)
        if reason:
            raise ReviewRefused(reason)
        comment = (kwargs.get("comment") or "").strip()
        if action_name == "reject" and not comment:
            raise ReviewRefused("退回修改必须填写理由。")
        if action_name not in ("approve", "reject"):
            raise ReviewRefused("未知的审核操作。")
        claim(task_state, user)
        getattr(task_state, action_name)(user=user, comment=comment)


class ReplyUnitReviewTask(ReplyReviewTask):
    """答复审核（承办科室负责人）: the head of the 科室 that answers."""

    class Meta:
        verbose_name = "答复审核（承办科室负责人）"
        verbose_name_plural = "答复审核（承办科室负责人）"

    @classmethod
    def get_description(cls):
        return "由来信承办科室的负责人审核答复内容"

    def reviewers(self, reply):
        from django.contrib.auth import get_user_model

        unit = reply.letter.responsible_unit
        if unit is None:
            return get_user_model().objects.none()
        return unit.heads()


class ReplyOwnerReviewTask(ReplyReviewTask):
    """答复审核（信箱主管科室）: 办公室/法规信访科, or 法制监督科/法规信访科."""

    class Meta:
        verbose_name = "答复审核（信箱主管科室）"
        verbose_name_plural = "答复审核（信箱主管科室）"

    @classmethod
    def get_description(cls):
        return "由受理该类来信的科室（第十六条）审核后答复来信人"

    def reviewers(self, reply):
        from .routing import router_users

        return router_users(reply.letter.kind)


# ---------------------------------------------------------------- public side


class MailboxColumnPage(RoutablePageMixin, BaseColumnPage):
    """A column of 互动交流 or 政务公开 where citizens write and track letters.

    The column keeps its items (写信须知, guides) like any content column;
    its routes add the form, the query page and the list of answered letters
    (mailbox.public).
    """

    page_description = "信箱栏目：在线写信、查询办理进度、公开答复"
    letter_kind = models.CharField("信件类别", max_length=20, choices=LetterKind.choices,
                                   default=LetterKind.DIRECTOR)
    accepts_letters = models.BooleanField(
        "接受网上来信", default=True, help_text="热线栏目不接受网上来信，只公开已答复的来电")
    form_notice = models.TextField("写信须知", blank=True)

    subpage_types = ["columns.ContentPage"]

    content_panels = BaseColumnPage.content_panels + [
        MultiFieldPanel([FieldPanel("letter_kind"), FieldPanel("accepts_letters"),
                         FieldPanel("form_notice")], heading="信箱设置"),
    ]

    class Meta:
        verbose_name = "信箱栏目"
        verbose_name_plural = "信箱栏目"

    listing_template = "mailbox/mailbox_column_page.html"

    def get_context(self, request, *args, **kwargs):
        from .public import column_context

        context = super().get_context(request, *args, **kwargs)
        context.update(column_context(self, request))
        return context

    @path("write/")
    def write(self, request):
        from .public import write_view

        return write_view(self, request)

    @path("query/")
    def query(self, request):
        from .public import query_view

        return query_view(self, request)

    @path("letters/<str:number>/")
    def letter(self, request, number):
        from .public import public_letter_view

        return public_letter_view(self, request, number)


class LetterNotice(models.Model):
    """A reminder or alert already sent (each is sent once)."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField("提醒类型", max_length=30)
    due = models.DateField("针对的期限")
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "办理提醒记录"
        verbose_name_plural = "办理提醒记录"
        constraints = [models.UniqueConstraint(fields=["letter", "kind", "due"],
                                               name="mailbox_notice_once")]


# ---------------------------------------------------------------- audit log


class LetterLogEntryManager(ModelLogEntryManager):
    """Wagtail's site history lists log entries by content type; letters are
    private per 科室, so each user sees the entries of the letters (and
    answers) he may open, and no others (mailbox.routing)."""

    def viewable_by_user(self, user):
        # Not Wagtail's content-type check: it caches its allowed content
        # types on the user object, shared by every log model of the request,
        # so its answer would depend on which log model was asked first.
        entries = self.all()
        if user.is_superuser:
            return entries
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import CharField, Q
        from django.db.models.functions import Cast

        from .routing import visible_letters

        letters = visible_letters(user)
        as_text = {"pk_text": Cast("pk", output_field=CharField())}
        letter_ids = letters.annotate(**as_text).values("pk_text")
        reply_ids = LetterReply.objects.filter(letter__in=letters).annotate(**as_text).values(
            "pk_text")
        return entries.filter(
            Q(content_type=ContentType.objects.get_for_model(Letter), object_id__in=letter_ids)
            | Q(content_type=ContentType.objects.get_for_model(LetterReply),
                object_id__in=reply_ids))


class LetterLogEntry(BaseLogEntry):
    """办理记录 of a letter or its answer (who, when, what)."""

    object_id = models.CharField(max_length=255, db_index=True)

    objects = LetterLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "来信办理记录"
        verbose_name_plural = "来信办理记录"
