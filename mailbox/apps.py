from django.apps import AppConfig


class MailboxConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mailbox"
    verbose_name = "互动交流来信"

    def ready(self):
        from wagtail.signals import published

        from .models import LetterReply
        from .signals import reply_published

        published.connect(reply_published, sender=LetterReply, dispatch_uid="mailbox_reply_published")
