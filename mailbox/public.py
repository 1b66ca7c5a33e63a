"""The citizen's side: write, get a number and a code, track, read answers.

Abuse protection without third-party services: CSRF (Django), a honeypot
field, a signed one-time form token (a double click creates one letter), a
per-address limit on letters and on wrong query codes.  The address is the
client's, taken from the trusted proxy's header when the request comes from
that proxy (behind the government's shared proxy every request would
otherwise seem to come from one address).
"""

import ipaddress
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from . import flow
from .forms import PublicLetterForm, QueryForm
from .masking import mask_name, mask_text
from .models import Channel, Letter, LetterKind

TOKEN_SALT = "mailbox.form"
TOKEN_MAX_AGE = 24 * 3600
LETTERS_PER_PAGE = 15


# ---------------------------------------------------------------- addresses


def client_address(request):
    """The citizen's address: REMOTE_ADDR, or the right-most address in the
    configured proxy header that is not one of our trusted proxies."""
    remote = request.META.get("REMOTE_ADDR", "")
    header = getattr(settings, "PORTAL_CLIENT_IP_HEADER", "")
    trusted = [ipaddress.ip_network(n) for n in getattr(settings, "PORTAL_TRUSTED_PROXIES", [])]

    def is_trusted(addr):
        try:
            ip = ipaddress.ip_address(addr)
        except ValueError:
            return False
        return any(ip in net for net in trusted)

    if not header or not is_trusted(remote):
        return remote
    for candidate in reversed([a.strip() for a in request.META.get(header, "").split(",")]):
        if candidate and not is_trusted(candidate):
            try:
                ipaddress.ip_address(candidate)
            except ValueError:
                return remote
            return candidate
    return remote


def _limited(bucket, address, limit, seconds):
    """Count one more event for address; True when over the limit."""
    key = f"mailbox:{bucket}:{address}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    return count > limit


def _over_limit(bucket, address, limit):
    return cache.get(f"mailbox:{bucket}:{address}", 0) >= limit


# ---------------------------------------------------------------- column page


def public_letters(column):
    return (Letter.objects.publicly_listed().filter(kind=column.letter_kind)
            .select_related("reply", "responsible_unit").order_by("-answered_at"))


def masked(letter):
    """What the public list may show of a letter."""
    reply = letter.published_reply
    names = [letter.name]
    return {
        "number": letter.number, "subject": mask_text(letter.subject, names),
        "name": mask_name(letter.name), "content": mask_text(letter.content, names),
        "received_at": letter.received_at, "answered_at": letter.answered_at,
        "unit": letter.responsible_unit,
        "reply": mask_text(reply.body, names, landlines=False) if reply else "",
    }


def column_context(column, request):
    paginator = Paginator(public_letters(column), LETTERS_PER_PAGE)
    page = paginator.get_page(request.GET.get("lpage"))
    return {"public_letters": page, "masked_letters": [masked(x) for x in page]}


# ---------------------------------------------------------------- writing


def _new_token():
    return signing.dumps(secrets.token_hex(16), salt=TOKEN_SALT)


def _token_value(raw):
    try:
        return signing.loads(raw or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None


def _render_form(column, request, form, status=200, error=""):
    return TemplateResponse(request, "mailbox/write.html", {
        "page": column, "form": form, "error": error,
        "disclosure": column.letter_kind == LetterKind.DISCLOSURE,
    }, status=status)


def _already_sent(column, letter):
    """The same form came twice (double click): show the first letter's status."""
    return redirect(column.url + column.reverse_subpage("query") + f"?number={letter.number}&sent=1")


def write_view(column, request):
    if not column.accepts_letters:
        return redirect(column.url)
    kind = column.letter_kind
    if request.method != "POST":
        return _render_form(column, request, PublicLetterForm(kind=kind,
                                                               initial={"token": _new_token()}))
    try:
        data, files = request.POST, request.FILES
    except RequestDataTooBig:
        form = PublicLetterForm(kind=kind, initial={"token": _new_token()})
        return _render_form(column, request, form, status=413,
                            error="提交的内容过大，信件内容不能超过3000字，附件不能超过5MB。")
    form = PublicLetterForm(data, files, kind=kind)
    if not form.is_valid():
        form.data = form.data.copy()
        form.data["token"] = form.data.get("token") or _new_token()
        return _render_form(column, request, form, status=400)
    token = _token_value(form.cleaned_data["token"])
    if token is None:
        form.data = form.data.copy()
        form.data["token"] = _new_token()
        return _render_form(column, request, form, status=400,
                            error="页面已过期，请再次点击“提交”。您填写的内容已保留。")
    existing = Letter.objects.filter(submission_token=token).first()
    if existing is not None:  # the same form posted twice (double click)
        return _already_sent(column, existing)
    address = client_address(request)
    limit = getattr(settings, "MAILBOX_LETTERS_PER_HOUR", 5)
    if _limited("letters", address, limit, 3600):
        return _render_form(column, request, form, status=429,
                            error="您提交的信件过于频繁，请一小时后再试。您填写的内容已保留，可复制保存。")
    letter = form.save(commit=False)
    letter.kind, letter.channel = kind, Channel.WEBSITE
    letter.received_at = timezone.now()  # a web letter arrives when it is posted
    letter.submission_token, letter.client_address = token, address
    try:
        with transaction.atomic():
            flow.submit(letter)
    except IntegrityError:  # the twin request won the race for this token
        existing = Letter.objects.get(submission_token=token)
        return _already_sent(column, existing)
    request.session[f"mailbox_receipt_{letter.number}"] = letter.query_code
    return TemplateResponse(request, "mailbox/receipt.html", {"page": column, "letter": letter})


# ---------------------------------------------------------------- querying


def query_view(column, request):
    form = QueryForm(request.POST or None, initial={"number": request.GET.get("number", "")})
    context = {"page": column, "form": form, "letter": None, "error": ""}
    number = request.GET.get("number", "")
    if request.GET.get("sent") and request.session.get(f"mailbox_receipt_{number}"):
        context["notice"] = "该信件已经提交成功，请勿重复提交。"
    if request.method == "POST" and form.is_valid():
        address = client_address(request)
        limit = getattr(settings, "MAILBOX_WRONG_CODES_PER_HOUR", 10)
        if _over_limit("wrong-code", address, limit):
            context["error"] = "查询码错误次数过多，请一小时后再试。"
            return TemplateResponse(request, "mailbox/query.html", context, status=429)
        letter = Letter.objects.filter(number=form.cleaned_data["number"]).select_related(
            "reply", "responsible_unit").first()
        if letter is None or not constant_time_compare(letter.query_code,
                                                       form.cleaned_data["code"]):
            _limited("wrong-code", address, limit, 3600)
            context["error"] = "信件编号或查询码不正确，请核对后重新输入。"
            return TemplateResponse(request, "mailbox/query.html", context, status=404)
        context["letter"] = letter
        context["reply"] = letter.published_reply
    return TemplateResponse(request, "mailbox/query.html", context)


def public_letter_view(column, request, number):
    letter = public_letters(column).filter(number=number).first()
    if letter is None:
        from django.http import Http404

        raise Http404("没有找到该信件。")
    return TemplateResponse(request, "mailbox/public_letter.html",
                            {"page": column, "item": masked(letter)})
