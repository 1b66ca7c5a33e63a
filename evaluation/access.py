"""Who may see and make evaluation reports (checked on the server)."""

from units.catalogue import SITE_OWNER
from units.models import Leader, Unit


def is_site_owner(user):
    """研究室 (Art. 12: runs the site and its evaluation) or a superuser."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or Unit.objects.for_user(user).filter(name=SITE_OWNER).exists()


def may_view_reports(user):
    """研究室 and the commission's leaders."""
    if not (user.is_authenticated and user.is_active):
        return False
    return is_site_owner(user) or Leader.objects.filter(user=user).exists()


def may_manage_reports(user):
    """Generating reports and drafting the 通报: 研究室 only."""
    return is_site_owner(user)
