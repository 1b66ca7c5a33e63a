"""The project's zh_Hans catalogues fill the gaps in Wagtail's own.

locale/zh_Hans/LC_MESSAGES holds django.po / djangojs.po and their compiled
.mo files (committed, since fresh machines may lack gettext). Rebuild a .mo
after editing its .po with: msgfmt --check -o django.mo django.po
"""

import ast
import gettext
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation

CATALOGUES = Path(__file__).resolve().parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"%\([A-Za-z_0-9]+\)[sd]|%[sd]|\{[A-Za-z_0-9]+\}")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def read_po(path):
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr[n], flags."""
    entries, entry, field = [], {}, None

    def finish():
        if "msgid" in entry:
            entries.append(dict(entry))
        entry.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            finish()
            field = None
        elif line.startswith("#,"):
            entry["flags"] = {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            if field in ("msgctxt", "msgid") and "msgstr" in "".join(entry):
                finish()
            entry[field] = ast.literal_eval(value)
    finish()
    return [e for e in entries if e["msgid"]]


def mo_key(entry):
    msgid = entry["msgid"]
    if "msgctxt" in entry:
        msgid = f"{entry['msgctxt']}\x04{msgid}"
    return (msgid, 0) if "msgid_plural" in entry else msgid


def translation_of(entry):
    return entry["msgstr[0]"] if "msgid_plural" in entry else entry["msgstr"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_shipped_mo_files_match_their_po_sources(domain):
    entries = read_po(CATALOGUES / f"{domain}.po")
    assert entries, f"{domain}.po 没有任何条目"
    with open(CATALOGUES / f"{domain}.mo", "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)

    expected = {mo_key(e): translation_of(e) for e in entries}
    shipped = {k: v for k, v in compiled._catalog.items() if k != ""}
    stale = {k: (v, shipped.get(k)) for k, v in expected.items() if shipped.get(k) != v}
    assert not stale, f"{domain}.mo 与 {domain}.po 不一致，请重新运行 msgfmt：{stale}"
    assert set(shipped) == set(expected), f"{domain}.mo 含有 .po 中没有的条目"
    assert compiled.info().get("plural-forms") == "nplurals=1; plural=0;"
    assert compiled.info().get("language") == "zh_Hans"


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_string_is_translated_into_chinese_keeping_its_placeholders(domain):
    for entry in read_po(CATALOGUES / f"{domain}.po"):
        text = translation_of(entry)
        assert text.strip() and "fuzzy" not in entry.get("flags", ()), entry
        # One Chinese form serves every count, so it follows the plural text.
        source = entry.get("msgid_plural", entry["msgid"])
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(source)), entry
        assert Counter(HTML_TAG.findall(text)) == Counter(HTML_TAG.findall(source)), entry


# msgids Wagtail 8.0.1's own zh_Hans catalogues leave untranslated.
SAMPLE = [
    "Locked by workflow",
    "Locked by schedule",
    "Schedule to publish",
    "Autosave is paused",
    "Content metrics",
    "Privacy and access",
    "Your pages and snippets in a workflow",
    "Save your changes before leaving",
    "Choose when this page should go live and/or expire",
    "%(model_name)s '%(object)s' has been submitted for moderation.",
    "Workflow on %(model_name)s '%(object)s' has been cancelled.",
    'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s".',
    "Keyboard shortcuts are currently disabled; manage your %(account_link)s to enable them.",
    "Only reviewers for this task can edit the %(model_name)s.",
    "Sent to %(task_name)s %(started_at)s",
    "By task",
]
PLURAL_SAMPLE = [
    ("One other user is currently viewing", "%(num_user)s other users are currently viewing"),
    ("This %(model_name)s is referenced %(usage_count)s time.",
     "This %(model_name)s is referenced %(usage_count)s times."),
    # naturaltime: django.contrib.humanize is not installed, so its catalogue is not loaded.
    ("a second ago", "%(count)s seconds ago"),
]


@pytest.mark.parametrize("message", SAMPLE)
def test_strings_wagtails_zh_hans_leaves_in_english_are_chinese_in_the_admin(message):
    with translation.override("zh-hans"):
        assert CJK.search(translation.gettext(message)), message


@pytest.mark.parametrize(("singular", "plural"), PLURAL_SAMPLE)
@pytest.mark.parametrize("count", [1, 5])
def test_counted_strings_are_chinese_for_every_count(singular, plural, count):
    with translation.override("zh-hans"):
        assert CJK.search(translation.ngettext(singular, plural, count)), (singular, count)


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_project_catalogue_only_fills_gaps(domain):
    """No msgid here replaces a translation Django or an installed app ships."""
    import django
    from django.apps import apps

    locale_dirs = [Path(django.__file__).parent / "conf" / "locale"]
    locale_dirs += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    shipped = {}
    for locale_dir in locale_dirs:
        catalogue = gettext.translation(domain, locale_dir, ["zh_Hans"], fallback=True)
        shipped.update(getattr(catalogue, "_catalog", {}))
    ours = [mo_key(e) for e in read_po(CATALOGUES / f"{domain}.po")]
    overridden = [key for key in ours if shipped.get(key)]
    assert not overridden, overridden
    with translation.override("zh-hans"):
        assert translation.gettext("Password") == "密码"  # Django's own, untouched
        assert translation.gettext("Disabled") == "禁用"  # Django's own, untouched


def test_the_admin_javascript_catalogue_serves_the_project_strings():
    request = RequestFactory().get(reverse("wagtailadmin_javascript_catalog"))
    request.user = AnonymousUser()
    match = resolve(request.path)
    with translation.override("zh-hans"):
        response = match.func(request, *match.args, **match.kwargs)
    found = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    catalog = json.loads(found.group(1))
    assert catalog["Autosave in progress…"] == "正在自动保存…"
    assert catalog["Insert a block"] == "插入区块"
    assert catalog["%(num)s min"] == ["%(num)s 分钟"]
