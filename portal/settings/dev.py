from .base import *  # noqa: F401,F403

DEBUG = True
# Development-only key; production.py requires SECRET_KEY from the environment.
SECRET_KEY = "dev-only-not-secret-zaozhuang-portal"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
