from .base import *  # noqa: F401,F403
from .base import VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = VAR_DIR / "test-media"
Q_CLUSTER = {"name": "portal-test", "sync": True, "orm": "default", "timeout": 60, "retry": 120}
WAGTAILADMIN_BASE_URL = "http://testserver"
MAILBOX_PRIVATE_ROOT = VAR_DIR / "test-private"
