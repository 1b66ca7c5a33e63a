"""What an approval covers: the content of a revision, not the revision row.

Wagtail's autosave and "save draft" create revisions freely; an approval
must stay valid across those and lapse as soon as the text that goes online
changes.  Content is compared without the bookkeeping fields Wagtail
updates on every save.
"""

import hashlib
import json
import re

from django.core.serializers.json import DjangoJSONEncoder

BOOKKEEPING_FIELDS = {
    "pk", "id", "path", "depth", "numchild", "url_path", "live", "has_unpublished_changes",
    "latest_revision", "latest_revision_created_at", "first_published_at",
    "last_published_at", "live_revision", "draft_title", "locked", "locked_at", "locked_by",
    "owner", "content_type", "locale", "translation_key", "index_number", "expired",
    "comments", "wagtail_admin_comments", "alias_of", "page_ptr", "itempage_ptr",
}


BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def _without_editor_ids(value):
    """Drop StreamField block ids and rich-text block keys: the editor
    regenerates them, they are not part of what readers see."""
    if isinstance(value, list):
        return [_without_editor_ids(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_editor_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, str):
        if value.startswith("[{") and '"type"' in value:
            try:
                return _without_editor_ids(json.loads(value))
            except ValueError:
                pass
        return BLOCK_KEY.sub("", value)
    return value


def content_of(revision):
    return {k: _without_editor_ids(v) for k, v in (revision.content or {}).items()
            if k not in BOOKKEEPING_FIELDS}


def fingerprint(revision):
    """A stable hash of what the revision would put online."""
    # DjangoJSONEncoder: a revision just saved still holds Python values
    # (datetimes …) where one read back from the database holds their JSON.
    data = json.dumps(content_of(revision), sort_keys=True, ensure_ascii=False,
                      cls=DjangoJSONEncoder)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def same_content(a, b):
    return a is not None and b is not None and fingerprint(a) == fingerprint(b)


def last_content_editor_id(obj):
    """The user of the newest revision that changed the content."""
    revisions = list(obj.revisions.order_by("-created_at", "-id")[:50])
    for newer, older in zip(revisions, revisions[1:] + [None]):
        if older is None or not same_content(newer, older):
            return newer.user_id
    return None
