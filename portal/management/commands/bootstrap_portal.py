"""Build (or complete) the whole portal; safe to run any number of times."""

from django.core.management.base import BaseCommand
from django.db import transaction

from columns.permissions import ensure_leaders_group, sync_page_permissions
from columns.publishing import ensure_regulation
from columns.setup import ensure_columns, ensure_topics
from evaluation.setup import ensure_evaluation_schedules, grant_evaluation_permissions
from home.setup import ensure_home
from mailbox.setup import ensure_mailbox
from search.setup import ensure_search_index, grant_search_permissions
from units.catalogue import SITE_OWNER
from units.models import Unit
from units.setup import ensure_demo_accounts, ensure_units
from workflow.keywords import ensure_content_check_schedule, grant_keyword_permissions
from workflow.schedules import ensure_publish_schedule
from workflow.setup import ensure_review_workflows, remove_wagtail_default_groups


class Command(BaseCommand):
    help = "创建网站首页、九大栏目及子栏目、单位与权限、审核流程，并发布《管理办法》。"

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true",
                            help="同时创建演示账号和演示内容")
        parser.add_argument("--reindex", action="store_true",
                            help="重建站内搜索索引和搜索词库（首次运行时自动重建）")

    @transaction.atomic
    def handle(self, *args, demo=False, reindex=False, **options):
        ensure_units()
        ensure_leaders_group()
        ensure_topics()
        home = ensure_home()
        pages, created = ensure_columns(home)
        remove_wagtail_default_groups()
        ensure_review_workflows({"": home, **pages})
        sync_page_permissions(home)
        ensure_publish_schedule()
        ensure_content_check_schedule()
        grant_keyword_permissions()
        ensure_mailbox()
        ensure_evaluation_schedules()
        grant_evaluation_permissions()
        regulation = ensure_regulation(pages["open/catalogue"])
        self.stdout.write(f"栏目：新建 {created} 个；《管理办法》：{regulation.url}")
        if demo:
            from columns.demo import ensure_demo_content

            ensure_demo_accounts()
            added = ensure_demo_content(pages)
            from mailbox.demo import ensure_demo_letters

            letters = ensure_demo_letters(pages)
            self.stdout.write(f"演示来信：新建 {letters} 封")
            # After the letters: the demo's last quarter report counts them.
            from evaluation.demo import ensure_demo_history, ensure_demo_quotas, ensure_demo_reports

            ensure_demo_history()
            ensure_demo_quotas()
            ensure_demo_reports()
            self.stdout.write(f"演示账号已就绪（密码见 README）；演示信息：新建 {added} 条")
        owner = Unit.objects.get(name=SITE_OWNER)
        grant_search_permissions([owner.editors_group, owner.heads_group])
        words = ensure_search_index(force=reindex)
        if words is not None:
            self.stdout.write(f"站内搜索索引已重建；搜索词库 {words} 个词")
        self.stdout.write(self.style.SUCCESS("门户网站初始化完成。"))
