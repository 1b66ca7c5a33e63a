"""The demo letters: every state today, and a last quarter to report on."""

import pytest
from django.utils import timezone

from mailbox.demo import HISTORY, _last_quarter_start
from mailbox.models import Letter, LetterStatus

pytestmark = pytest.mark.django_db


def test_the_last_ended_quarter_has_answered_letters_with_their_facts_stored():
    start = _last_quarter_start(timezone.localdate())
    past = Letter.objects.filter(subject__in=[spec[0] for spec in HISTORY])
    assert past.count() == len(HISTORY)
    assert all(timezone.localtime(l.received_at).date() >= start for l in past)
    assert all(l.status == LetterStatus.ANSWERED and l.answered_at for l in past)
    assert past.filter(answered_on_time=False).count() == 1  # 7 working days for 5
    assert past.filter(transferred_in_time=True).count() == 1
    assert past.filter(escalated_at__isnull=False).count() == 1


def test_todays_demo_letters_cover_the_open_states():
    states = set(Letter.objects.exclude(subject__in=[s[0] for s in HISTORY])
                 .values_list("status", flat=True))
    assert {LetterStatus.PENDING, LetterStatus.ACCEPTED, LetterStatus.PROCESSING,
            LetterStatus.PUBLISHED} <= states
