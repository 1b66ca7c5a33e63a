"""Report benchmark: a year of activity, quarterly and annual report times.

Builds a throw-away portal (temporary SQLite database unless DATABASE_URL is
set — use a database of your own, it is filled), then writes a year (2025)
of activity: 30,000 items, each with its publication register record and
review chain (2–4 steps), 5,000 letters with their stored durations, and
the evaluation events the app records as the
chain runs (submission, rejections, publication with its working days,
content withdrawals with the reviewers charged).  Rows are bulk-inserted —
the Wagtail page tree is not what is measured, the report queries are.

It then times building the 2025 Q2 report and the 2025 annual evaluation
(best and median of 5), prints the query counts, and repeats the count on a
tenth of the data to show that it does not depend on the number of rows.

Run: DJANGO_SETTINGS_MODULE=portal.settings.test .venv/bin/python bench/report_speed.py
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_eval_bench ... (same)
"""

import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="portal-bench-"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

ITEMS = 30_000
LETTERS = 5_000
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TASKS = ("一级审核", "保密审查", "二级审核（分管领导）", "研究室发布审核")


def build_year(items, seed=2025):
    from django.contrib.auth import get_user_model

    from columns.models import BaseColumnPage
    from evaluation.models import EventKind, ItemEvent, WithdrawalCharge
    from units.models import Unit
    from workdays.calendar import add_workdays, is_workday, workdays_between
    from workflow.register import PublicationRecord

    rng = random.Random(seed)
    units = list(Unit.objects.all())
    User = get_user_model()
    people = {}
    for unit in units:
        people[unit.pk] = []
        for n in range(5):
            user, _ = User.objects.get_or_create(username=f"bench-{unit.pk}-{n}",
                                                 defaults={"first_name": f"{unit.name}信息员{n}"})
            people[unit.pk].append(user)
    reviewers = [User.objects.get_or_create(username=f"bench-reviewer-{n}",
                                            defaults={"first_name": f"审核人{n}"})[0]
                 for n in range(12)]
    columns = [(c.pk, c.title, (c.get_ancestors().filter(depth=3).first() or c).pk)
               for cls in BaseColumnPage.__subclasses__() for c in cls.objects.all()]
    days = [datetime.date(2025, 1, 1) + datetime.timedelta(days=d) for d in range(365)]
    workdays = [d for d in days if is_workday(d)]
    records, events, charges = [], [], []
    number = 10_000_000
    for i in range(items):
        unit = rng.choice(units)
        person = rng.choice(people[unit.pk])
        column_id, column_title, section_id = rng.choice(columns)
        day = rng.choice(workdays)
        submitted = datetime.datetime.combine(day, datetime.time(rng.randint(8, 17),
                                                                 rng.randint(0, 59)),
                                              tzinfo=SHANGHAI)
        wait = rng.choice((1, 1, 2, 2, 3, 4, 6))
        published = datetime.datetime.combine(add_workdays(day, wait), datetime.time(10),
                                              tzinfo=SHANGHAI)
        picture = rng.random() < 0.08
        page_id = 5_000_000 + i
        facts = dict(page_id=page_id, title=f"基准信息{i}", source_unit=unit,
                     source_unit_name=unit.name, person=person, person_name=person.first_name,
                     column_id=column_id, column_title=column_title, section_id=section_id,
                     picture_news=picture, submitted_at=submitted)
        events.append(ItemEvent(kind=EventKind.SUBMITTED, occurred_at=submitted, **facts))
        if rng.random() < 0.15:
            events.append(ItemEvent(kind=EventKind.REJECTED, reason="请补充。",
                                    occurred_at=submitted + datetime.timedelta(hours=2), **facts))
        if rng.random() < 0.9:
            steps = rng.sample(reviewers, rng.randint(2, 4))
            chain = [{"task": TASKS[n], "status": "approved", "decision": "通过",
                      "reviewer": r.username, "reviewer_name": r.first_name,
                      "time": published.isoformat(), "checklist": {}, "comment": "同意。"}
                     for n, r in enumerate(steps)]
            number += 1
            records.append(PublicationRecord(
                number=number, page_id_snapshot=page_id, title=facts["title"],
                column_title=column_title, source_unit=unit, source_unit_name=unit.name,
                submitter=person, submitter_name=person.first_name, submitted_at=submitted,
                chain=chain, publisher=steps[-1], publisher_name=steps[-1].first_name,
                published_at=published, content={"picture_news": picture}))
            events.append(ItemEvent(kind=EventKind.PUBLISHED, occurred_at=published,
                                    workdays=workdays_between(submitted, published), **facts))
            if rng.random() < 0.01:
                withdrawn = ItemEvent(kind=EventKind.WITHDRAWN, content_reason=True,
                                      reason="数据有误", record_id=number,
                                      occurred_at=published + datetime.timedelta(days=3),
                                      **facts)
                events.append(withdrawn)
                charges.append((withdrawn, steps))
    with transaction.atomic():
        PublicationRecord.objects.bulk_create(records, batch_size=2000)
        ItemEvent.objects.bulk_create(events, batch_size=2000)
        WithdrawalCharge.objects.bulk_create(
            [WithdrawalCharge(event=e, user=r, user_name=r.first_name, task="审核")
             for e, steps in charges for r in steps], batch_size=2000)
    return len(records), len(events)


def build_letters(count, seed=2025):
    """A year of letters with what mailbox stores as they are handled."""
    from mailbox.models import Letter, LetterKind, LetterStatus
    from units.models import Unit, UnitKind
    from workdays.calendar import add_workdays, deadline, is_workday, workdays_between

    rng = random.Random(seed)
    sections = list(Unit.objects.filter(kind=UnitKind.SECTION))
    days = [datetime.date(2025, 1, 1) + datetime.timedelta(days=d) for d in range(365)]
    days = [d for d in days if is_workday(d)]
    kinds = [LetterKind.DIRECTOR] * 5 + [LetterKind.HOTLINE] * 3 + [
        LetterKind.SUPERVISION, LetterKind.DISCLOSURE]
    letters = []
    for i in range(count):
        day = rng.choice(days)
        received = datetime.datetime.combine(day, datetime.time(rng.randint(8, 17)),
                                             tzinfo=SHANGHAI)
        kind = rng.choice(kinds)
        unit = rng.choice(sections)
        letter = Letter(number=f"BENCH{i:08d}", kind=kind, name="张三", phone="13800000000",
                        subject=f"基准来信{i}", content="……", received_at=received,
                        responsible_unit=unit, status=LetterStatus.ANSWERED)
        start = received
        if rng.random() < 0.1:
            moved = datetime.datetime.combine(add_workdays(day, rng.choice((1, 2, 3, 4))),
                                              datetime.time(15), tzinfo=SHANGHAI)
            letter.transferred_from, letter.responsible_unit = unit, rng.choice(sections)
            letter.transferred_at = moved
            letter.transfer_workdays = workdays_between(received, moved)
            letter.transferred_in_time = moved <= deadline(received, 3)
            start = moved
        if rng.random() < 0.03:
            letter.escalated_at = received + datetime.timedelta(days=1)
        letter.due_at = deadline(start, 20 if kind == LetterKind.DISCLOSURE else 5)
        taken = rng.choice((1, 2, 3, 4, 5, 5, 6, 8))
        answered = datetime.datetime.combine(add_workdays(start.date(), taken),
                                             datetime.time(11), tzinfo=SHANGHAI)
        letter.answered_at, letter.answer_workdays = answered, workdays_between(start, answered)
        letter.answered_on_time = answered <= letter.due_at
        letters.append(letter)
    Letter.objects.bulk_create(letters, batch_size=1000)
    return len(letters)


def clear():
    from evaluation.models import ItemEvent
    from workflow.register import PublicationRecord

    from mailbox.models import Letter

    Letter.objects.filter(number__startswith="BENCH").delete()
    ItemEvent.objects.filter(page_id__gte=5_000_000).delete()
    PublicationRecord.objects.filter(page_id_snapshot__gte=5_000_000).delete()


def measure(period, repeat=5):
    from evaluation import reports

    reports.build_data(period)
    with CaptureQueriesContext(connection) as captured:
        reports.build_data(period)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        reports.generate(period)
        times.append(time.perf_counter() - start)
    return len(captured), min(times), statistics.median(times)


def main():
    from evaluation import periods

    call_command("migrate", verbosity=0)
    call_command("bootstrap_portal", verbosity=0)
    vendor = connection.vendor
    quarter, year = periods.quarter(2025, 2), periods.year(2025)
    counts = {}
    for items in (ITEMS // 10, ITEMS):
        clear()
        start = time.perf_counter()
        records, events = build_year(items)
        letters = build_letters(LETTERS * items // ITEMS)
        built = time.perf_counter() - start
        print(f"[{vendor}] {items} items: {records} register records, {events} events, "
              f"{letters} letters (built in {built:.1f} s)")
        for label, period in (("quarterly (2025 Q2)", quarter), ("annual (2025)", year)):
            queries, best, median = measure(period)
            counts.setdefault(label, []).append(queries)
            print(f"  {label:22s} queries {queries:3d}   best {best * 1000:7.1f} ms   "
                  f"median {median * 1000:7.1f} ms   target < 2000 ms")
    for label, (small, large) in counts.items():
        same = "same" if small == large else "DIFFERENT"
        print(f"  {label}: {small} queries at {ITEMS // 10} items / {LETTERS // 10} letters, "
              f"{large} at {ITEMS} / {LETTERS} ({same})")


if __name__ == "__main__":
    main()
