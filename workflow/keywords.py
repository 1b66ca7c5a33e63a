"""Keyword lists, item scanning, the periodic content check and privacy overrides.

* 办公室 and 宣传科 keep the 涉密 and 敏感 word lists (``Keyword``).
* ``item_scan_report`` scans what an item would put online: title, body text
  (and the item type's other long texts), attachment titles and attachment
  text, with the pure scanner of ``workflow.scanning``.
* ``recheck_live_items`` re-scans every live item when a list changes and on
  a daily django-q2 schedule, e-mails hits to 办公室 and 宣传科 and files each
  check as a ``ContentCheckRecord`` (第十三条).
* ``PrivacyOverride``: 办公室's recorded reason to publish personal data that
  may lawfully be published (e.g. a list of licence holders), 第八条（四）.
"""

import datetime
import hashlib
import html
import logging
import re
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from . import scanning

logger = logging.getLogger(__name__)

# Attachments larger than this are not read (reported as not checked).
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
SCAN_CACHE_SECONDS = 6 * 3600
CONTENT_CHECK_SCHEDULE = "网站内容定期检查（每日）"
CONTENT_CHECK_FUNC = "workflow.keywords.scheduled_recheck"


class KeywordKind(models.TextChoices):
    SECRET = "secret", "涉密"
    SENSITIVE = "sensitive", "敏感"


class Keyword(models.Model):
    """One word of the 涉密 or 敏感 list."""

    word = models.CharField("词语", max_length=100)
    kind = models.CharField("类别", max_length=10, choices=KeywordKind.choices,
                            help_text="涉密词：信息不能通过保密审查；敏感词：提示审核人注意")
    note = models.CharField("备注", max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="添加人", null=True,
                                 blank=True, editable=False, on_delete=models.SET_NULL,
                                 related_name="+")
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    class Meta:
        app_label = "workflow"
        verbose_name = "涉密词、敏感词"
        verbose_name_plural = "涉密词、敏感词"
        ordering = ("kind", "word")
        constraints = [
            models.UniqueConstraint(fields=("word", "kind"), name="unique_keyword_per_kind",
                                    violation_error_message="该词已在此类词表中。"),
        ]

    def __str__(self):
        return f"{self.word}（{self.get_kind_display()}）"

    def clean(self):
        self.word = (self.word or "").strip()
        if not self.word:
            raise ValidationError({"word": "请填写词语。"})
        folded = scanning.normalise(self.word)
        same = Keyword.objects.filter(kind=self.kind).exclude(pk=self.pk)
        if any(scanning.normalise(w) == folded for w in same.values_list("word", flat=True)):
            raise ValidationError({"word": "该词已在此类词表中（全角、半角或大小写不同视为同一词）。"})

    def save(self, *args, **kwargs):
        self.word = (self.word or "").strip()
        super().save(*args, **kwargs)


class CheckTrigger(models.TextChoices):
    SCHEDULE = "schedule", "定期检查"
    KEYWORDS = "keywords", "词表变更"
    MANUAL = "manual", "手动"


class ContentCheckRecord(models.Model):
    """One re-scan of all live items, filed as the record of 第十三条."""

    started_at = models.DateTimeField("开始时间", default=timezone.now)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    trigger = models.CharField("检查方式", max_length=10, choices=CheckTrigger.choices)
    checked_items = models.PositiveIntegerField("检查信息数", default=0)
    hits = models.JSONField("发现的问题", default=list, blank=True,
                            help_text="每条信息：page_id、title、url、hits（kind、value、context、source）")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="检查人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        app_label = "workflow"
        verbose_name = "内容检查记录"
        verbose_name_plural = "内容检查记录"
        ordering = ("-started_at", "-pk")

    def __str__(self):
        when = timezone.localtime(self.started_at).strftime("%Y-%m-%d %H:%M")
        return f"{when} {self.get_trigger_display()}"

    @property
    def items_with_hits(self):
        return len(self.hits or [])

    @property
    def hit_count(self):
        return sum(len(item.get("hits", [])) for item in self.hits or [])


class PrivacyOverride(models.Model):
    """办公室's reason why personal data in an item may be published."""

    page = models.ForeignKey("wagtailcore.Page", verbose_name="信息", on_delete=models.CASCADE,
                             related_name="privacy_overrides")
    revision = models.ForeignKey("wagtailcore.Revision", verbose_name="所针对的版本", null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField("放行理由")
    findings = models.JSONField("放行的个人信息", default=list, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                             on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        app_label = "workflow"
        verbose_name = "个人信息放行记录"
        verbose_name_plural = "个人信息放行记录"
        ordering = ("-created_at", "-pk")

    def __str__(self):
        return f"{self.page.title}：{self.reason[:30]}"


# ---------------------------------------------------------------------------
# What an item puts online, as text
# ---------------------------------------------------------------------------

_BLOCK_END = re.compile(r"(</(p|h\d|li|blockquote|div|tr|td|th)>|<br\s*/?>|<hr\s*/?>)",
                        re.IGNORECASE)


def html_text(value):
    """Plain text of (rich-text) HTML, keeping block boundaries as line breaks."""
    return html.unescape(strip_tags(_BLOCK_END.sub(lambda m: m.group() + "\n", str(value or ""))))


def _block_text(block, value, out):
    from wagtail import blocks
    from wagtail.contrib.table_block.blocks import TableBlock

    if value is None:
        return
    if isinstance(block, blocks.RichTextBlock):
        out.append(html_text(getattr(value, "source", value)))
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            _block_text(child.block, child.value, out)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            _block_text(child_block, value.get(name), out)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            _block_text(block.child_block, item, out)
    elif isinstance(block, TableBlock):
        if value.get("table_caption"):
            out.append(str(value["table_caption"]))
        for row in value.get("data") or []:
            out.append("\t".join(html_text(cell) for cell in row if cell))
    elif isinstance(block, blocks.ChooserBlock):
        return
    else:
        try:
            out.extend(html_text(text) for text in block.get_searchable_content(value))
        except Exception:  # a block we do not know: nothing to scan
            return


def stream_text(stream_value):
    out = []
    if stream_value is not None:
        _block_text(stream_value.stream_block, stream_value, out)
    return "\n".join(text for text in out if text)


def _long_text_fields(obj):
    """The item type's own long texts (摘要, 访谈实录, 资料说明 …), besides body."""
    from wagtail.fields import StreamField
    from wagtail.models import Page

    base_fields = {f.name for f in Page._meta.get_fields()} | {"body", "attachments"}
    for f in obj._meta.concrete_fields:
        if f.name in base_fields:
            continue
        if isinstance(f, (models.TextField, StreamField)):
            yield f


def body_text(obj):
    """摘要, then 正文, then the item type's other long texts, as plain text."""
    from wagtail.fields import StreamField

    def text(f):
        value = getattr(obj, f.name)
        return stream_text(value) if isinstance(f, StreamField) else html_text(value)

    extra = list(_long_text_fields(obj))
    parts = [text(f) for f in extra if f.name == "summary"]
    if getattr(obj, "body", None) is not None:
        parts.append(stream_text(obj.body))
    parts += [text(f) for f in extra if f.name != "summary"]
    return "\n".join(p for p in parts if p)


def attachments_of(obj):
    """[(title, document)] of the item's attachments (blocks whose file is gone: skipped)."""
    found = []
    for block in getattr(obj, "attachments", None) or []:
        value = block.value
        document = value.get("document") if hasattr(value, "get") else None
        if document is None:
            continue
        found.append(((value.get("title") or document.title or "").strip(), document))
    return found


def _scan_name(title, document):
    """The attachment's title with the file's extension (the scanner reads by extension)."""
    ext = PurePosixPath(document.file.name or "").suffix.lower()
    title = title or PurePosixPath(document.file.name or "附件").name
    return title if title.lower().endswith(ext) else f"{title}{ext}"


def _read_document(document):
    """(bytes, problem): the file's content, or why it could not be read."""
    try:
        storage, name = document.file.storage, document.file.name
        if storage.size(name) > MAX_ATTACHMENT_BYTES:
            return None, "文件过大，未自动检查，请人工审核"
        with storage.open(name, "rb") as handle:
            return handle.read(), ""
    except Exception as exc:  # missing or unreadable file
        logger.warning("cannot read document %s: %s", document.pk, exc)
        return None, "附件文件无法打开，请人工审核"


# ---------------------------------------------------------------------------
# Scanning
# ---------------------------------------------------------------------------


def keyword_lists():
    """(secret words, sensitive words)."""
    secret, sensitive = [], []
    for word, kind in Keyword.objects.order_by("pk").values_list("word", "kind"):
        (secret if kind == KeywordKind.SECRET else sensitive).append(word)
    return secret, sensitive


def scan_object(obj, secret_words, sensitive_words):
    """Scan one page object (a live page or a revision's object)."""
    readable, unreadable = [], []
    for title, document in attachments_of(obj):
        name = _scan_name(title, document)
        data, problem = _read_document(document)
        if problem:
            unreadable.append(f"{name}（{problem}）")
        else:
            readable.append((name, data))
    report = scanning.scan(obj.title, body_text(obj), readable, secret_words, sensitive_words)
    report.unreadable = unreadable + report.unreadable
    return report


def _cache_key(page, revision, obj, secret_words, sensitive_words):
    parts = [
        str(page.pk), str(revision.pk), revision.created_at.isoformat(),
        "\x1e".join(secret_words), "\x1f", "\x1e".join(sensitive_words),
    ]
    for title, document in attachments_of(obj):
        parts += [str(document.pk), document.file.name or "", document.file_hash or "", title]
    digest = hashlib.sha256("\x1d".join(parts).encode("utf-8")).hexdigest()
    return f"portal:item-scan:{digest}"


def item_scan_report(page, live=False, words=None):
    """The ScanReport of an item: of its latest revision (what a review would
    publish), or of its live content with ``live=True``.

    Cached by revision, word lists and attachment files, so the review dialog
    and the approval that follows read the attachments only once.
    """
    page = getattr(page, "specific", page)
    secret_words, sensitive_words = words if words is not None else keyword_lists()
    if live:
        revision, obj = page.live_revision, page
    else:
        revision = page.get_latest_revision()
        obj = revision.as_object() if revision is not None else page
    if revision is None:
        return scan_object(obj, secret_words, sensitive_words)
    key = _cache_key(page, revision, obj, secret_words, sensitive_words)
    cached = cache.get(key)
    if cached is not None:
        return scanning.ScanReport.from_dict(cached)
    report = scan_object(obj, secret_words, sensitive_words)
    cache.set(key, report.to_dict(), SCAN_CACHE_SECONDS)
    return report


def mask_personal_data(text):
    """The text with every personal-data number replaced by its masked form."""
    hits = scanning.find_personal_data(text or "")
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        text = text[:hit.start] + hit.masked + text[hit.end:]
    return text


def hit_record(hit):
    """A hit as it may be stored or e-mailed: personal data masked."""
    privacy = hit.kind in scanning.PRIVACY_KINDS
    return {
        "kind": hit.kind,
        "value": hit.masked,
        "context": mask_personal_data(hit.context) if privacy else hit.context,
        "source": hit.source,
    }


# ---------------------------------------------------------------------------
# Privacy overrides
# ---------------------------------------------------------------------------


def is_confidentiality_officer(user):
    """Members of 办公室's groups (保密审查) and superusers."""
    from units.catalogue import CONFIDENTIALITY_OFFICE
    from units.models import Unit

    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    unit = Unit.objects.filter(name=CONFIDENTIALITY_OFFICE).first()
    if unit is None:
        return False
    return user.groups.filter(pk__in=[unit.editors_group_id, unit.heads_group_id]).exists()


def current_privacy_override(page, revision=None):
    """The override that covers the content of ``revision`` (default: the
    latest), or None.  An override lapses when the content changes; saves
    that change nothing (autosave) keep it."""
    from .revisions import same_content

    page = getattr(page, "specific", page)
    revision = revision or page.get_latest_revision()
    if revision is None:
        return None
    for override in (PrivacyOverride.objects.filter(page=page).select_related("revision", "user")
                     .order_by("-created_at", "-pk")[:20]):
        if override.revision_id == revision.pk or same_content(override.revision, revision):
            return override
    return None


def record_privacy_override(page, user, reason):
    """File 办公室's reason for the item's latest content and log it."""
    from wagtail.log_actions import log

    page = getattr(page, "specific", page)
    if not is_confidentiality_officer(user):
        raise PermissionError("只有办公室可以登记个人信息放行理由。")
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("请填写放行理由。")
    report = item_scan_report(page)
    revision = page.get_latest_revision()
    override = PrivacyOverride.objects.create(
        page=page, revision=revision, reason=reason, user=user,
        findings=[hit_record(h) for h in report.privacy_hits],
    )
    log(instance=page, action="portal.privacy_override", user=user,
        data={"reason": reason, "revision_id": revision.pk if revision else None,
              "findings": override.findings})
    return override


# ---------------------------------------------------------------------------
# Re-scanning live items (第十三条)
# ---------------------------------------------------------------------------


def monitoring_recipients():
    """Active users of 办公室's and 宣传科's groups with an e-mail address."""
    from units.catalogue import CONFIDENTIALITY_OFFICE, MONITORING_OFFICE
    from units.models import Unit

    group_ids = []
    for unit in Unit.objects.filter(name__in=(CONFIDENTIALITY_OFFICE, MONITORING_OFFICE)):
        group_ids += [unit.editors_group_id, unit.heads_group_id]
    return list(get_user_model().objects.filter(is_active=True, groups__in=group_ids)
                .exclude(email="").values_list("email", flat=True).distinct().order_by("email"))


def _admin_url(path):
    return f"{getattr(settings, 'WAGTAILADMIN_BASE_URL', '')}{path}"


def recheck_live_items(trigger, user=None):
    """Scan every live item, file a ContentCheckRecord and e-mail the hits."""
    from columns.models import ItemPage

    if user is not None and not hasattr(user, "pk"):
        user = get_user_model().objects.filter(pk=user).first()
    trigger = CheckTrigger(trigger)
    record = ContentCheckRecord(trigger=trigger, checked_by=user, started_at=timezone.now())
    words = keyword_lists()
    checked, found = 0, []
    for page in ItemPage.objects.live().specific().order_by("path"):
        checked += 1
        try:
            report = item_scan_report(page, live=True, words=words)
        except Exception:  # one broken item must not stop the check
            logger.exception("content check of page %s failed", page.pk)
            continue
        hits = report.secret_hits + report.sensitive_hits
        if report.privacy_hits and current_privacy_override(page, page.live_revision) is None:
            hits += report.privacy_hits
        if not hits:
            continue
        found.append({
            "page_id": page.pk,
            "title": page.title,
            "url": page.get_full_url() or "",
            "admin_url": _admin_url(reverse("wagtailadmin_pages:edit", args=(page.pk,))),
            "hits": [hit_record(h) for h in hits],
        })
    record.checked_items = checked
    record.hits = found
    record.finished_at = timezone.now()
    record.save()
    if found:
        _email_hits(record)
    return record


def _email_hits(record):
    recipients = monitoring_recipients()
    if not recipients:
        return
    lines = [
        f"网站内容检查（{record.get_trigger_display()}）于 "
        f"{timezone.localtime(record.started_at):%Y-%m-%d %H:%M} 检查已发布信息 "
        f"{record.checked_items} 条，其中 {record.items_with_hits} 条发现涉密词、敏感词"
        f"或未脱敏的个人信息，请及时核查处理：",
        "",
    ]
    for n, item in enumerate(record.hits, start=1):
        lines.append(f"{n}.《{item['title']}》")
        lines.append(f"   网址：{item['url']}")
        lines.append(f"   后台编辑：{item['admin_url']}")
        for hit in item["hits"]:
            label = hit["kind"] + ("词" if hit["kind"] in KeywordKind.labels else "")
            lines.append(f"   - {label}“{hit['value']}”（{hit['source']}）：{hit['context']}")
        lines.append("")
    try:
        inspect = reverse("workflow_contentcheckrecord_modeladmin_inspect", args=(record.pk,))
        lines.append(f"检查记录：{_admin_url(inspect)}")
    except Exception:
        pass
    send_mail(
        f"网站内容检查：{record.items_with_hits} 条已发布信息需要核查",
        "\n".join(lines), None, recipients,
    )


def scheduled_recheck():
    """Run by the daily django-q2 schedule."""
    return recheck_live_items(CheckTrigger.SCHEDULE).pk


def ensure_content_check_schedule():
    """The daily re-scan of live items; idempotent (keeps an edited time)."""
    from django_q.models import Schedule

    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    first_run = tomorrow.replace(hour=2, minute=0, second=0, microsecond=0)
    schedule, _ = Schedule.objects.get_or_create(
        func=CONTENT_CHECK_FUNC,
        defaults={"name": CONTENT_CHECK_SCHEDULE, "schedule_type": Schedule.DAILY,
                  "repeats": -1, "next_run": first_run},
    )
    return schedule


def request_recheck(trigger, user=None):
    """Queue a re-scan on the django-q2 cluster once the transaction commits."""
    from django_q.tasks import async_task

    user_id = getattr(user, "pk", user)

    def enqueue():
        async_task("workflow.keywords.recheck_live_items", str(trigger), user_id,
                   task_name="网站内容检查")

    transaction.on_commit(enqueue)


@receiver(post_save, sender=Keyword, dispatch_uid="keyword_saved_recheck")
@receiver(post_delete, sender=Keyword, dispatch_uid="keyword_deleted_recheck")
def keyword_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        request_recheck(CheckTrigger.KEYWORDS)


# ---------------------------------------------------------------------------
# Permissions
# ---------------------------------------------------------------------------


def grant_keyword_permissions():
    """办公室 and 宣传科 manage the word lists and see the check records;
    办公室 also sees the privacy overrides.  Idempotent."""
    from django.contrib.auth.models import Permission

    from units.catalogue import CONFIDENTIALITY_OFFICE, MONITORING_OFFICE
    from units.models import Unit

    def perms(model, *actions):
        names = [f"{a}_{model._meta.model_name}" for a in actions]
        return list(Permission.objects.filter(content_type__app_label="workflow",
                                              codename__in=names))

    shared = (perms(Keyword, "add", "change", "delete", "view")
              + perms(ContentCheckRecord, "add", "view"))
    office_only = perms(PrivacyOverride, "view")
    for unit in Unit.objects.filter(name__in=(CONFIDENTIALITY_OFFICE, MONITORING_OFFICE)):
        for group in (unit.editors_group, unit.heads_group):
            if group is None:
                continue
            group.permissions.add(*shared)
            if unit.name == CONFIDENTIALITY_OFFICE:
                group.permissions.add(*office_only)


__all__ = ["Keyword", "KeywordKind", "ContentCheckRecord", "CheckTrigger", "PrivacyOverride"]
