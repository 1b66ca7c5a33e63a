"""Admin views: the list of reports, a report, its Excel file, the 通报 draft.

研究室 and the leaders see reports; only 研究室 generates them and drafts the
通报. Everyone else is refused (403), whatever the URL.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import charts, export, reports
from .access import may_manage_reports, may_view_reports
from .forms import GenerateForm
from .models import Report
from .notice import create_notice_draft
from .periods import cn_date, cn_datetime

TITLE = "统计考评"


class ReportAccessMixin:
    manage = False

    def dispatch(self, request, *args, **kwargs):
        allowed = may_manage_reports if self.manage else may_view_reports
        if not allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReportIndexView(ReportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "evaluation/report_index.html"
    page_title = TITLE
    header_icon = "list-ol"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = [
            {"report": r, "generated": cn_datetime(r.generated_at),
             "period": f"{cn_date(r.start)}至{cn_date(r.end)}"}
            for r in Report.objects.select_related("generated_by").defer("data")
        ]
        context["may_manage"] = may_manage_reports(self.request.user)
        context["form"] = kwargs.get("form") or GenerateForm()
        return context


class GenerateView(ReportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    manage = True
    template_name = "evaluation/report_index.html"
    page_title = TITLE
    http_method_names = ["post"]

    def post(self, request):
        form = GenerateForm(request.POST)
        if not form.is_valid():
            for error in form.non_field_errors():
                messages.error(request, error)
            index = ReportIndexView()
            index.setup(request)
            return index.render_to_response(index.get_context_data(form=form))
        report = reports.generate(form.cleaned_data["period"], user=request.user)
        messages.success(request, f"已生成《{report.title}》（第{report.version}版）。")
        return redirect("evaluation_report", report.pk)


class ReportDetailView(ReportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "evaluation/report_detail.html"
    header_icon = "list-ol"

    def dispatch(self, request, *args, **kwargs):
        self.report = get_object_or_404(Report, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.report.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("evaluation_reports"), "label": TITLE},
            {"url": "", "label": self.report.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        sections = []
        for section in report.sections():
            sections.append({**section, "svgs": [
                {"title": c["title"], "svg": charts.render(c)} for c in section.get("charts", [])]})
        supplement = None
        if report.supplement:
            supplement = {**report.supplement, "svgs": [
                {"title": c["title"], "svg": charts.render(c)}
                for c in report.supplement.get("charts", [])]}
        pending = sum(s.get("pending", 0) or 0 for s in report.sections())
        context.update(supplement=supplement, pending=pending,
                       supplemented=cn_datetime(report.supplemented_at)
                       if report.supplemented_at else "")
        context.update(report=report, sections=sections, data=report.data,
                       generated=cn_datetime(report.generated_at),
                       may_manage=may_manage_reports(self.request.user))
        return context


class ExportView(ReportAccessMixin, View):
    def get(self, request, pk):
        report = get_object_or_404(Report, pk=pk)
        response = HttpResponse(
            export.workbook(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = content_disposition_header(
            True, f"{report.title}（第{report.version}版）.xlsx")
        return response


class NoticeDraftView(ReportAccessMixin, View):
    manage = True

    def post(self, request, pk):
        report = get_object_or_404(Report, pk=pk)
        try:
            page = create_notice_draft(report, request.user)
        except LookupError as error:
            messages.error(request, str(error))
            return redirect("evaluation_report", pk)
        messages.success(request, f"已生成通报草稿《{page.title}》，请修改后提交审核。")
        return redirect("wagtailadmin_pages:edit", page.pk)
