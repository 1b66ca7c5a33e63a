"""Settings shared by every environment.

Nothing secret lives here: dev.py holds development-only values and
production.py reads everything sensitive from the environment.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Runtime files (SQLite database, uploaded media, collected static) live
# under var/, which is git-ignored.
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "portal",
    "units",
    "workdays",
    "home",
    "columns",
    "workflow",
    "mailbox",
    "evaluation",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_q",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "workflow.middleware.ReviewRefusalMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite under var/ unless DATABASE_URL points elsewhere (PostgreSQL in production).
DEFAULT_SQLITE_PATH = VAR_DIR / "portal.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DEFAULT_SQLITE_PATH}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The product speaks Chinese; the project catalogue in locale/ fills the
# strings Wagtail's own zh-hans catalogue lacks and takes priority over it.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "枣庄市卫生和计划生育委员会"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
# Chinese full-text search (search/README.md): Wagtail's database backend with
# bigram segmentation; "simple" keeps every bigram on PostgreSQL (the English
# configuration would drop bigrams such as "an" as stop words).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend", "SEARCH_CONFIG": "simple"}}
# Attachments in the formats offices send (Art. 3: documents of every kind).
WAGTAILDOCS_EXTENSIONS = ["pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps", "et", "zip", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Publishing happens only at the end of a review chain, whose last reviewer
# holds no publish permission (see workflow.actions).
WAGTAIL_FINISH_WORKFLOW_ACTION = "workflow.actions.publish_reviewed_revision"
# Off: Wagtail's own rule would void every approval on any new revision, even
# an autosave. workflow.reapproval voids only the approvals that vouch for
# the text when the text really changes.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True

# Background jobs and schedules (django-q2) with the database as broker, so
# nothing beyond the database is needed to run the portal.
Q_CLUSTER = {
    "name": "portal",
    "workers": 2,
    "timeout": 300,
    "retry": 360,
    "orm": "default",
    "catch_up": False,
}

# Citizens' letters (mailbox): attachments never under the public media URL.
MAILBOX_PRIVATE_ROOT = VAR_DIR / "private"
MAILBOX_LETTERS_PER_HOUR = int(os.environ.get("MAILBOX_LETTERS_PER_HOUR", 5))
MAILBOX_WRONG_CODES_PER_HOUR = int(os.environ.get("MAILBOX_WRONG_CODES_PER_HOUR", 10))
# Behind the government's shared reverse proxy every request comes from the
# proxy: the client's address is read from this header, and only when the
# request comes from one of the trusted proxies (comma-separated networks).
PORTAL_CLIENT_IP_HEADER = os.environ.get("PORTAL_CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")
PORTAL_TRUSTED_PROXIES = [
    n.strip() for n in os.environ.get("PORTAL_TRUSTED_PROXIES", "127.0.0.1/32,::1/128").split(",")
    if n.strip()
]

EMAIL_SUBJECT_PREFIX = "[枣庄卫计委网站] "
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "zzwjwwz@163.com")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
