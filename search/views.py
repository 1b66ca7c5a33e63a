"""The public search page: /search/?query=…&column=…&from=…&to=…&sort=…&page=…"""

import datetime
import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site

from .highlight import highlight, snippet
from .results import MAX_RESULTS, SORT_DATE, SORT_RELEVANCE, Filters, MergedResults
from .suggestions import suggest
from .text import MAX_QUERY_CHARS, clean_query, normalise, split_terms

RESULTS_PER_PAGE = 20
HIT_DEDUPE_SECONDS = 600


def _columns(request):
    """The nine columns (children of the site's home page) for the filter."""
    site = Site.find_for_request(request)
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().public().order_by("path")


def _date(value, label, messages):
    value = (value or "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        messages.append(f"{label}“{value}”不是有效日期，请按“年-月-日”填写，如 2016-09-21。")
        return None


def _page_number(value):
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def _promotions(query):
    """研究室's pinned results for this query (Wagtail search promotions)."""
    keys = {normalise(query), query.lower()}
    return [
        pick for q in Query.objects.filter(query_string__in=keys).prefetch_related("editors_picks__page")
        for pick in q.editors_picks.all()
        if pick.page is None or (pick.page.live and pick.page.get_view_restrictions().count() == 0)
    ]


def _record_hit(request, query):
    """Count the query for Wagtail's search terms report (热词 candidates):
    once per visitor and query in ten minutes, so that one person pressing
    "search" again cannot push a term up — and repeated searches cost no
    database write."""
    folded = normalise(query)
    visitor = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha1(f"{visitor}\n{folded}".encode()).hexdigest()
    if cache.add(f"search-hit:{digest}", 1, HIT_DEDUPE_SECONDS):
        Query.get(folded).add_hit()


def search(request):
    raw = request.GET.get("query", "")
    query, was_cut = clean_query(raw)
    messages = []
    if was_cut:
        messages.append(f"搜索词过长，已按前 {MAX_QUERY_CHARS} 个字符搜索。")

    columns = list(_columns(request))
    column_id = request.GET.get("column", "")
    column = next((c for c in columns if str(c.pk) == column_id), None)
    date_from = _date(request.GET.get("from"), "起始日期", messages)
    date_to = _date(request.GET.get("to"), "截止日期", messages)
    if date_from and date_to and date_from > date_to:
        messages.append("起始日期晚于截止日期，已对调。")
        date_from, date_to = date_to, date_from
    sort = SORT_DATE if request.GET.get("sort") == SORT_DATE else SORT_RELEVANCE

    context = {
        "search_query": query, "messages_list": messages, "columns": columns,
        "column": column, "date_from": date_from, "date_to": date_to, "sort": sort,
        "search_results": None, "total": 0, "suggestions": [], "promotions": [],
    }
    if query and not split_terms(query):
        messages.append("请输入包含汉字、字母或数字的关键词。")
    elif query:
        filters = Filters(column=column, date_from=date_from, date_to=date_to, sort=sort)
        results = MergedResults(query, filters)
        total = results.total()
        paginator = Paginator(results, RESULTS_PER_PAGE)
        page = paginator.get_page(_page_number(request.GET.get("page")))
        hits = list(page.object_list)
        for hit in hits:
            hit.title_html = highlight(hit.title, query)
            hit.snippet_html = snippet(hit.text, query)
        page.object_list = hits
        context.update(search_results=page, total=total,
                       capped=results.more, max_results=MAX_RESULTS)
        context["promotions"] = _promotions(query) if page.number == 1 else []
        if total:
            _record_hit(request, query)
        elif not (column or date_from or date_to):
            context["suggestions"] = suggest(query)
    return TemplateResponse(request, "search/search.html", context)
