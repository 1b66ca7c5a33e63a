from django.apps import AppConfig


class ColumnsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "columns"
    verbose_name = "网站栏目"

    def ready(self):
        from search.sources import page_source, register_source

        from . import signals  # noqa: F401
        from .models import ItemPage

        # Every live, public item is found by the public search, newest by
        # its 发布时间; its column is the page it sits under.
        register_source(page_source("items", ItemPage, date_field="release_time"))
