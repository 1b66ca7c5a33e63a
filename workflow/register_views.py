"""The publication register (登记备案) in the admin: a report with filters and
Excel/CSV export, and a page per record showing everything it holds.

Who sees what: 研究室 (runs the site), 宣传科 (keeps the register, Art. 6),
the 分管领导 and superusers see every record; every other 科室 or unit sees
the records it supplied or answers for; a user in no unit sees none.
"""

import datetime
import json

import django_filters
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.generic import TemplateView
from django_filters.fields import ModelChoiceField
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from units.catalogue import MONITORING_OFFICE, SITE_OWNER
from units.models import Leader, Unit

from .register import PublicationRecord

REGISTER_TITLE = "信息发布登记"


# ------------------------------------------------------------------ scope


def sees_all_records(user):
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or Leader.objects.filter(user=user).exists():
        return True
    return Unit.objects.for_user(user).filter(name__in=(SITE_OWNER, MONITORING_OFFICE)).exists()


def records_visible_to(user):
    records = PublicationRecord.objects.all()
    if sees_all_records(user):
        return records
    if not (user.is_authenticated and user.is_active):
        return records.none()
    units = list(Unit.objects.for_user(user).values_list("pk", flat=True))
    if not units:
        return records.none()
    return records.filter(Q(source_unit__in=units) | Q(responsible_section__in=units))


def may_use_register(user):
    return sees_all_records(user) or Unit.objects.for_user(user).exists()


# ------------------------------------------------------------------ filters


class PersonChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        full = obj.get_full_name()
        return f"{full}（{obj.get_username()}）" if full else obj.get_username()


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


def _units_in_register(request):
    visible = records_visible_to(request.user)
    return Unit.objects.filter(pk__in=visible.values("source_unit"))


def _submitters_in_register(request):
    visible = records_visible_to(request.user)
    return get_user_model().objects.filter(pk__in=visible.values("submitter")).order_by(
        "username")


class RegisterFilterSet(WagtailFilterSet):
    published_at = django_filters.DateFromToRangeFilter(label="发布时间",
                                                        widget=DateRangePickerWidget)
    column = django_filters.ChoiceFilter(label="栏目", field_name="column_title", choices=[])
    source_unit = django_filters.ModelChoiceFilter(label="供稿单位",
                                                   queryset=_units_in_register)
    submitter = PersonFilter(label="提交人", queryset=_submitters_in_register)

    class Meta:
        model = PublicationRecord
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        titles = (records_visible_to(self.request.user).order_by("column_title")
                  .values_list("column_title", flat=True).distinct())
        self.filters["column"].extra["choices"] = [(t, t) for t in titles if t]


# ------------------------------------------------------------------ report


class PublicationRegisterReport(ReportView):
    """登记备案: every publication, with its review chain, as it happened."""

    page_title = REGISTER_TITLE
    header_icon = "list-ol"
    index_url_name = "publication_register"
    index_results_url_name = "publication_register_results"
    filterset_class = RegisterFilterSet
    model = PublicationRecord
    verbose_name = "发布登记"
    verbose_name_plural = "发布登记"
    default_ordering = "-number"
    paginate_by = 50

    columns = [
        TitleColumn("registration_code", label="登记号", sort_key="number",
                    url_name="publication_register_detail"),
        TitleColumn("title", label="标题", get_url=lambda record: record.live_url),
        Column("column_title", label="栏目"),
        Column("responsible_section_name", label="责任科室"),
        Column("source_unit_name", label="供稿单位"),
        Column("submitter_name", label="提交人"),
        Column("chain_summary", label="审核过程"),
        Column("publisher_name", label="发布人"),
        Column("published_at_display", label="发布时间", sort_key="published_at"),
        Column("withdrawal_summary", label="撤稿"),
    ]
    list_export = [
        "registration_code", "title", "url", "column_title", "column_path",
        "responsible_section_name", "source_unit_name", "submitter_name",
        "submitted_at_display", "workflow_name", "chain_text", "checklist_text",
        "publication_mode", "publisher_name", "published_at_display", "revision_id",
        "content_hash", "withdrawn_at_display", "withdrawn_by_name", "withdraw_reason",
    ]
    export_headings = {
        "registration_code": "登记号",
        "title": "标题",
        "url": "链接",
        "column_title": "栏目",
        "column_path": "栏目路径",
        "responsible_section_name": "责任科室",
        "source_unit_name": "供稿单位",
        "submitter_name": "提交人",
        "submitted_at_display": "提交时间",
        "workflow_name": "审核流程",
        "chain_text": "审核过程",
        "checklist_text": "审核要点",
        "publication_mode": "发布方式",
        "publisher_name": "发布人",
        "published_at_display": "发布时间",
        "revision_id": "发布版本号",
        "content_hash": "内容摘要（SHA-256）",
        "withdrawn_at_display": "撤稿时间",
        "withdrawn_by_name": "撤稿人",
        "withdraw_reason": "撤稿原因",
    }

    def get_base_queryset(self):
        return records_visible_to(self.request.user).select_related("page")

    def get_filename(self):
        return f"{REGISTER_TITLE}-{datetime.date.today():%Y-%m-%d}"

    def stream_csv(self, queryset):
        # A byte-order mark, so that Excel opens the Chinese text as UTF-8.
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(self.stream_csv(queryset),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            True, f"{self.get_filename()}.csv")
        return response


# ------------------------------------------------------------------ detail


class PublicationRecordView(WagtailAdminTemplateMixin, TemplateView):
    """One record: what was published, by whom, through which decisions."""

    template_name = "workflow/register_detail.html"
    header_icon = "list-ol"

    def dispatch(self, request, *args, **kwargs):
        # Out-of-scope records are answered as if they did not exist.
        self.record = get_object_or_404(
            records_visible_to(request.user).select_related("page"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{REGISTER_TITLE} {self.record.registration_code}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("publication_register"), "label": REGISTER_TITLE},
            {"url": "", "label": self.record.registration_code},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = self.record
        context["content_json"] = json.dumps(self.record.content, ensure_ascii=False,
                                             indent=2, sort_keys=True, cls=DjangoJSONEncoder)
        return context
