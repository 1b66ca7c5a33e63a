"""Crafted evaluation facts: register records and workflow events with
exact times, written the way the app writes them (through its receivers)."""

import datetime
import itertools
import zoneinfo

from django.db.models import Max

from evaluation.models import EventKind, ItemEvent
from units.models import Unit
from workflow.register import PublicationRecord

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
_ids = itertools.count(900000)


def at(text):
    """"2025-04-08 10:00" in Asia/Shanghai."""
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)


def _number():
    return (PublicationRecord.objects.aggregate(n=Max("number"))["n"] or 0) + 1


class Item:
    """One crafted item: submit, reject, publish, withdraw at given times."""

    def __init__(self, unit, person=None, column=None, picture=False, title=None):
        self.page_id = next(_ids)
        self.unit = Unit.objects.get(name=unit)
        self.person = person
        self.column = column
        self.picture = picture
        self.title = title or f"测试信息{self.page_id}"
        self.submitted_at = None
        self.record = None

    def _facts(self):
        top = self.column.get_ancestors().filter(depth=3).first() if self.column else None
        return {"page_id": self.page_id, "title": self.title, "source_unit": self.unit,
                "source_unit_name": self.unit.name, "person": self.person,
                "person_name": (self.person.get_full_name() or self.person.username)
                if self.person else "",
                "column_id": self.column.pk if self.column else None,
                "column_title": self.column.title if self.column else "",
                "section_id": (top or self.column).pk if self.column else None,
                "picture_news": self.picture}

    def submit(self, when):
        self.submitted_at = at(when)
        ItemEvent.objects.create(kind=EventKind.SUBMITTED, occurred_at=self.submitted_at,
                                 submitted_at=self.submitted_at, **self._facts())
        return self

    def reject(self, when, reason="请补充数据来源。"):
        ItemEvent.objects.create(kind=EventKind.REJECTED, occurred_at=at(when), reason=reason,
                                 submitted_at=self.submitted_at, **self._facts())
        return self

    def publish(self, when, approvers=()):
        """A register record, as workflow.register writes it; evaluation's
        receiver turns it into the publication event."""
        chain = [{"task": task, "status": "approved", "decision": "通过",
                  "reviewer": username, "reviewer_name": username}
                 for task, username in approvers]
        self.record = PublicationRecord.objects.create(
            number=_number(), page=None, page_id_snapshot=self.page_id, title=self.title,
            column_title=self.column.title if self.column else "",
            source_unit=self.unit, source_unit_name=self.unit.name,
            submitter=self.person,
            submitter_name=(self.person.get_full_name() or self.person.username)
            if self.person else "",
            submitted_at=self.submitted_at, chain=chain,
            direct_publish=self.submitted_at is None,
            content={"picture_news": self.picture}, published_at=at(when))
        facts = self._facts()
        ItemEvent.objects.filter(kind=EventKind.PUBLISHED, page_id=self.page_id).update(
            column_id=facts["column_id"], column_title=facts["column_title"],
            section_id=facts["section_id"])
        return self

    def withdraw(self, when, reason):
        self.record.withdrawn_at = at(when)
        self.record.withdraw_reason = reason
        self.record.save(update_fields=["withdrawn_at", "withdraw_reason"])
        return self
