"""Who handles which letter (第十六条 (四)、(八)).

主任信箱 and 卫生计生热线 are accepted and routed by 办公室 and 法规信访科;
依申请公开 and 信息公开监督信箱 by 法制监督科 and 法规信访科.  The 科室 a
letter is routed to answers it, and sees no other 科室's letters.  These
functions are the one place that decides; views, the permission policy and
the review tasks all call them.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from units.models import Unit, units_of

from .models import Letter, LetterKind, LetterStatus

ROUTERS = {
    LetterKind.DIRECTOR: ("办公室", "法规信访科"),
    LetterKind.HOTLINE: ("办公室", "法规信访科"),
    LetterKind.SUPERVISION: ("法制监督科", "法规信访科"),
    LetterKind.DISCLOSURE: ("法制监督科", "法规信访科"),
}
# Overdue letters are also reported to the office that runs the site.
OVERSIGHT_UNITS = ("办公室", "研究室")


def routed_kinds(user):
    """Kinds of letter the user accepts and routes."""
    if user.is_superuser:
        return list(LetterKind.values)
    names = set(units_of(user).values_list("name", flat=True))
    return [kind for kind, routers in ROUTERS.items() if names & set(routers)]


def router_users(kind):
    return get_user_model().objects.filter(
        is_active=True, groups__in=_groups_of(ROUTERS[kind])).distinct()


def _groups_of(unit_names):
    ids = []
    for editors, heads in Unit.objects.filter(name__in=unit_names).values_list(
            "editors_group", "heads_group"):
        ids += [editors, heads]
    return [i for i in ids if i]


def unit_users(unit):
    if unit is None:
        return get_user_model().objects.none()
    return unit.members().filter(is_active=True)


def visible_letters(user):
    """Letters the user may open: all of the kinds he routes, and those
    routed to his own units."""
    if not user.is_authenticated:
        return Letter.objects.none()
    if user.is_superuser:
        return Letter.objects.all()
    return Letter.objects.filter(
        Q(kind__in=routed_kinds(user)) | Q(responsible_unit__in=units_of(user))
    ).distinct()


def can_view(user, letter):
    return visible_letters(user).filter(pk=letter.pk).exists()


def is_router(user, letter):
    return letter.kind in routed_kinds(user)


def is_handler(user, letter):
    """A member of the 科室 the letter is routed to."""
    if letter.responsible_unit_id is None:
        return False
    return user.is_superuser or units_of(user).filter(pk=letter.responsible_unit_id).exists()


def is_unit_head(user, letter):
    unit = letter.responsible_unit
    return unit is not None and (user.is_superuser or unit.heads().filter(pk=user.pk).exists())


def allowed_actions(user, letter):
    """Names of the flow actions (mailbox.flow) open to user on letter now."""
    if not can_view(user, letter):
        return []
    s, actions = letter.status, []
    router, handler = is_router(user, letter), is_handler(user, letter)
    disclosure = letter.kind == LetterKind.DISCLOSURE
    if router and s == LetterStatus.PENDING:
        actions += ["accept", "refuse"]
    if router and s in (LetterStatus.ACCEPTED, LetterStatus.PROCESSING, LetterStatus.TRANSFERRED):
        actions.append("assign")
    if handler and s in (LetterStatus.ACCEPTED, LetterStatus.TRANSFERRED):
        actions.append("start")
    if (handler or router) and s in (LetterStatus.ACCEPTED, LetterStatus.PROCESSING) \
            and letter.transferred_at is None and letter.responsible_unit_id:
        actions.append("transfer")
    if handler and s == LetterStatus.PROCESSING and letter.escalated_at is None:
        actions.append("escalate")
    if handler and s == LetterStatus.ESCALATED:
        actions.append("settle")
    if handler and s in (LetterStatus.PROCESSING, LetterStatus.ESCALATED):
        actions.append("reply")
    if disclosure and (handler or router) and s in (LetterStatus.ACCEPTED, LetterStatus.PROCESSING):
        if letter.correction_requested_at is None:
            actions.append("request_correction")
        elif letter.correction_received_at is None:
            actions.append("correction_received")
        if letter.consultation_started_at is None:
            actions.append("start_consultation")
        elif letter.consultation_ended_at is None:
            actions.append("end_consultation")
        if letter.extension_days == 0:
            actions.append("extend")
    return actions
