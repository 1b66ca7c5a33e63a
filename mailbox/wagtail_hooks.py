"""Admin registration: the letter and reply snippets, the 办理 page, the
dashboard panel of letters due, log action labels, FAQ on column pages."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from search.sources import SearchSource, register_source
from units.models import Unit, UnitKind, units_of

from . import admin_views
from .deadlines import day_label
from .flow import ACTION_LABELS
from .models import Letter, LetterKind, LetterLogEntry, LetterReply, LetterStatus
from .routing import can_view, is_router, routed_kinds, visible_letters


class DueFilter(django_filters.ChoiceFilter):
    def filter(self, qs, value):
        now = timezone.now()
        if value == "overdue":
            return qs.overdue(now)
        if value == "due_soon":
            return qs.due_soon(now)
        if value == "pending":
            return qs.open().filter(due_at__isnull=True)
        return qs


class LetterFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label="类别", choices=LetterKind.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=LetterStatus.choices)
    responsible_unit = django_filters.ModelChoiceFilter(
        label="承办科室", queryset=Unit.objects.filter(kind=UnitKind.SECTION))
    due = DueFilter(label="期限", choices=[("due_soon", "即将到期（3天内）"), ("overdue", "已超期"),
                                           ("pending", "期限待定")])

    class Meta:
        model = Letter
        fields = ["kind", "status", "responsible_unit"]


class DueColumn(Column):
    """The answer deadline, flagged when it has passed."""

    def get_value(self, instance):
        if instance.due_at is None:
            return "期限待定" if instance.is_open else "—"
        label = day_label(instance.due_at)
        if instance.is_overdue:
            return format_html('<strong style="color:#cd4444">{}（已超期）</strong>', label)
        return label


class VisibleOnlyMixin:
    """A 科室 opens only the letters routed to it, whatever URL it types."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        letter = obj if isinstance(obj, Letter) else obj.letter
        if not can_view(self.request.user, letter):
            raise PermissionDenied
        return obj


class LetterEditView(VisibleOnlyMixin, EditView):
    def get_object(self, *args, **kwargs):
        letter = super().get_object(*args, **kwargs)
        if not is_router(self.request.user, letter):
            raise PermissionDenied  # only the accepting 科室 corrects a record
        return letter


class LetterInspectView(VisibleOnlyMixin, InspectView):
    pass


class LetterHistoryView(VisibleOnlyMixin, HistoryView):
    pass


class LetterDeleteView(VisibleOnlyMixin, DeleteView):
    pass


class LetterViewSet(SnippetViewSet):
    model = Letter
    icon = "mail"
    menu_label = "来信办理"
    url_prefix = "letters"
    filterset_class = LetterFilterSet
    # Plain ORM search: icontains finds Chinese sub-words on SQLite and
    # PostgreSQL alike (the indexed backend with search_fields crashes on
    # SQLite, wagtail#10217).
    search_backend_name = None
    search_fields = ["number", "name", "subject", "content", "phone"]
    list_per_page = 30
    list_export = ["number", "kind", "status", "name", "subject", "received_at",
                   "responsible_unit", "due_at", "answered_at", "answer_workdays",
                   "answered_on_time", "transferred_at", "escalated_at"]
    export_filename = "来信办理"
    inspect_view_enabled = True
    # The query code is the citizen's secret: staff never need to see it.
    inspect_view_fields = ["number", "kind", "channel", "name", "phone", "email", "id_number",
                           "address", "subject", "content", "allow_publication", "received_at",
                           "status", "responsible_unit", "handler", "due_at", "answered_at",
                           "answer_workdays", "answered_on_time", "transferred_at",
                           "escalated_at"]
    copy_view_enabled = False
    edit_view_class = LetterEditView
    inspect_view_class = LetterInspectView
    history_view_class = LetterHistoryView
    delete_view_class = LetterDeleteView
    panels = ["kind", "channel", "name", "phone", "email", "id_number", "address", "subject",
              "content", "received_at", "allow_publication"]

    @property
    def list_display(self):
        return [
            TitleColumn("subject", label="标题",
                        get_url=lambda obj: reverse("mailbox_letter", args=[obj.pk])),
            "number", "kind",
            StatusTagColumn("status", label="状态", accessor="get_status_display",
                            primary=lambda obj: obj.is_open),
            "responsible_unit", Column("received_at", label="收件时间",
                                       accessor=lambda o: day_label(o.received_at)),
            DueColumn("due_at", label="答复期限"),
        ]

    def get_queryset(self, request):
        return visible_letters(request.user).select_related("responsible_unit")


class ReplyEditView(VisibleOnlyMixin, EditView):
    pass


class LetterReplyViewSet(SnippetViewSet):
    model = LetterReply
    icon = "comment"
    menu_label = "来信答复"
    url_prefix = "letter-replies"
    search_backend_name = None
    search_fields = ["body"]
    list_display = ["__str__", "live"]
    copy_view_enabled = False
    edit_view_class = ReplyEditView
    panels = ["body", "disclosure_answer", "withheld_reason", "publish_on_site", "is_faq",
              "faq_column"]

    def get_queryset(self, request):
        return LetterReply.objects.filter(
            letter__in=visible_letters(request.user)).select_related("letter")


class MailboxGroup(SnippetViewSetGroup):
    menu_label = "互动交流"
    menu_icon = "mail"
    menu_order = 250
    items = (LetterViewSet, LetterReplyViewSet)


register_snippet(MailboxGroup)


@hooks.register("register_admin_urls")
def register_mailbox_urls():
    return [
        path("letters/<int:pk>/handle/", admin_views.handle, name="mailbox_letter"),
        path("letters/<int:pk>/attachment/", admin_views.attachment,
             name="mailbox_letter_attachment"),
    ]


@hooks.register("register_log_actions")
def register_mailbox_log_actions(actions):
    # Letters log into their own table, filtered per user in the site history.
    actions.register_model(Letter, LetterLogEntry)
    actions.register_model(LetterReply, LetterLogEntry)
    for name, label in ACTION_LABELS.items():
        actions.register_action(f"mailbox.{name}", label, label)


class LettersDuePanel(Component):
    """My units' open letters: overdue and due within three days."""

    name = "letters_due"
    order = 60

    def __init__(self, overdue, due_soon, pending):
        self.overdue, self.due_soon, self.pending = overdue, due_soon, pending

    def render_html(self, parent_context=None):
        return render_to_string("mailbox/admin/due_panel.html", {
            "overdue": self.overdue, "due_soon": self.due_soon, "pending": self.pending,
        })


def letters_of_my_units(user):
    if user.is_superuser:
        return Letter.objects.all()
    from django.db.models import Q

    return Letter.objects.filter(Q(responsible_unit__in=units_of(user))
                                 | Q(kind__in=routed_kinds(user),
                                     status=LetterStatus.PENDING))


@hooks.register("construct_homepage_panels")
def add_letters_due_panel(request, panels):
    mine = letters_of_my_units(request.user).select_related("responsible_unit")
    now = timezone.now()
    overdue = list(mine.overdue(now).order_by("due_at")[:20])
    due_soon = list(mine.due_soon(now).order_by("due_at")[:20])
    pending = list(mine.filter(status=LetterStatus.PENDING)[:20])
    if overdue or due_soon or pending:
        panels.append(LettersDuePanel(overdue, due_soon, pending))


@hooks.register("column_page_extras")
def faq_of_column(page, request):
    """常见问题 answered in letters, shown on the column they belong to (Art. 14)."""
    replies = (LetterReply.objects.filter(live=True, is_faq=True, faq_column=page)
               .select_related("letter").order_by("-letter__answered_at")[:20])
    if not replies:
        return ""
    from .masking import mask_text

    faqs = [{"question": mask_text(r.letter.subject, [r.letter.name]),
             "answer": mask_text(r.body, [r.letter.name], landlines=False)} for r in replies]
    return render_to_string("mailbox/faq.html", {"faqs": faqs})


@hooks.register("after_create_snippet")
def letter_recorded_in_admin(request, instance):
    """A call taken by staff is logged and announced like a letter from the web."""
    if isinstance(instance, Letter):
        from .flow import letter_registered

        letter_registered(instance, request.user)


# ---------------------------------------------------------------- public search


def _load_public_letters(pks):
    """Letters of one result page with the column page they are listed on."""
    from .models import MailboxColumnPage

    columns = {}
    for column in MailboxColumnPage.objects.live().public().order_by("path"):
        columns.setdefault(column.letter_kind, column)
    letters = list(Letter.objects.filter(pk__in=pks).select_related("reply"))
    for letter in letters:
        letter.search_column = columns.get(letter.kind)
    return letters


def _public_letter_url(letter):
    column = getattr(letter, "search_column", None)
    if column is None:
        return ""
    return column.url + column.reverse_subpage("letter", args=[letter.number])


def _letters_in_column(queryset, column_page):
    from .models import MailboxColumnPage

    kinds = (MailboxColumnPage.objects.live().descendant_of(column_page, inclusive=True)
             .values_list("letter_kind", flat=True))
    return queryset.filter(kind__in=list(kinds))


register_source(SearchSource(
    key="letters",
    label="互动交流",
    queryset=lambda: Letter.objects.publicly_listed(),
    date_field="answered_at",
    url=_public_letter_url,
    title=lambda letter: letter.title,
    text=lambda letter: letter.public_text(),
    column=lambda letter: getattr(letter, "search_column", None) and letter.search_column.title
    or letter.get_kind_display(),
    in_column=_letters_in_column,
    load=_load_public_letters,
    model_class=Letter,
    titles=lambda: (letter.title for letter in Letter.objects.publicly_listed().iterator()),
))
