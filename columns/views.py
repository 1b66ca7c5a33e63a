"""Admin report: which unit maintains and reports into each column."""

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, get_page_models

from .models import BaseColumnPage


class ColumnDutiesReport(ReportView):
    """栏目维护分工 (第十六条), for every editor to see who maintains what."""

    page_title = "栏目维护分工"
    header_icon = "list-ul"
    index_url_name = "column_duties"
    index_results_url_name = "column_duties_results"
    paginate_by = 100
    columns = [
        TitleColumn("title", label="栏目", url_name="wagtailadmin_explore"),
        Column("parent_title", label="上级栏目"),
        Column("maintainer_names", label="维护单位"),
        Column("contributor_names", label="供稿单位"),
        Column("column_type_label", label="栏目类型（更新时限）"),
    ]
    list_export = ["title", "parent_title", "maintainer_names", "contributor_names",
                   "column_type_label"]
    export_headings = {
        "title": "栏目", "parent_title": "上级栏目", "maintainer_names": "维护单位",
        "contributor_names": "供稿单位", "column_type_label": "栏目类型",
    }

    def get_filename(self):
        return "栏目维护分工"

    def get_queryset(self):
        # One query per column type, each with its units prefetched.
        columns = []
        for model in get_page_models():
            if issubclass(model, BaseColumnPage) and not model._meta.abstract:
                columns += model.objects.prefetch_related("maintainers", "contributors")
        return sorted(columns, key=lambda page: page.path)

    def decorate_paginated_queryset(self, object_list):
        parents = {p.path: p.title for p in Page.objects.filter(depth__gte=2, depth__lte=4)}
        for column in object_list:
            column.parent_title = parents.get(column.path[: -Page.steplen], "")
            column.column_type_label = column.get_column_type_display()
            column.contributor_names = "、".join(u.name for u in column.contributors.all())
        return object_list
