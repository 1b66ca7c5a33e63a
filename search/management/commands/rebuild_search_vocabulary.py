from django.core.management.base import BaseCommand

from search.suggestions import rebuild_vocabulary


class Command(BaseCommand):
    help = "根据已发布信息的标题和领域词典重建“您是不是要找”词库。"

    def handle(self, *args, **options):
        self.stdout.write(f"搜索词库：{rebuild_vocabulary()} 个词。")
