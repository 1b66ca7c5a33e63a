"""Idempotent creation of the home page and the site."""

from wagtail.models import Page, Site

from .models import HomePage, PortalSettings

SITE_TITLE = "枣庄市卫生和计划生育委员会"


def ensure_home():
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        _remove_wagtail_welcome_page(root)
        home = HomePage(title=SITE_TITLE, slug="home", seo_title=SITE_TITLE,
                        welcome="健康枣庄 · 服务民生")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = SITE_TITLE
    site.save()
    PortalSettings.for_site(site)  # creates the settings row with its defaults
    return home


def _remove_wagtail_welcome_page(root):
    """A fresh Wagtail database carries a placeholder page at the root."""
    for page in root.get_children():
        if page.specific_class is Page and page.numchild == 0:
            Site.objects.filter(root_page=page).update(root_page=root)
            page.delete()
