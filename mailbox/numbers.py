"""Letter numbers: kind prefix, day of receipt, daily serial (ZR2026120300012).

The serial comes from the project's one counter helper (a single guarded
UPDATE inside the caller's transaction), so two letters never share a
number, also when they arrive at the same moment.
"""

from django.utils import timezone

from columns.index_numbers import increment

from .models import NUMBER_PREFIX, MailboxSequence


def allocate_number(kind, received_at):
    key = f"{NUMBER_PREFIX[kind]}{timezone.localtime(received_at):%Y%m%d}"
    return f"{key}{increment(MailboxSequence, 'last_serial', key=key):05d}"
