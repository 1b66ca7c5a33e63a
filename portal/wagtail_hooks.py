"""Admin URLs and buttons that wire the apps' views into the Wagtail admin."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from workflow.review_sheet import review_sheet_view
from workflow.withdrawal import may_withdraw, withdraw_view


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("review-sheet/<int:page_id>/", review_sheet_view, name="review_sheet"),
        path("withdraw/<int:page_id>/", withdraw_view, name="withdraw_page"),
    ]


@hooks.register("register_page_header_buttons")
def review_buttons(page, user, view_name=None, next_url=None):
    from columns.models import ItemPage

    if not isinstance(page.specific_deferred, ItemPage):
        return
    yield Button("信息发布审核单", reverse("review_sheet", args=(page.pk,)),
                 icon_name="doc-full", priority=60, attrs={"target": "_blank"})
    if page.live and may_withdraw(user):
        yield Button("撤稿", reverse("withdraw_page", args=(page.pk,)),
                     icon_name="warning", priority=70)
