from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Wires the apps together: templates, static assets, site bootstrap."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = "门户网站"
