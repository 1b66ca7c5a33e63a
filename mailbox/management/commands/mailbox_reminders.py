from django.core.management.base import BaseCommand

from mailbox.reminders import run


class Command(BaseCommand):
    help = "发送来信办理期限提醒、超期提醒和三个月未答复警告（每日由 django-q2 定时运行）。"

    def handle(self, *args, **options):
        sent = run()
        self.stdout.write(f"到期提醒 {sent['reminder']} 封，超期提醒 {sent['overdue']} 封，"
                          f"三个月警告 {sent['alarm']} 封。")
