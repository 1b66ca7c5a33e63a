"""Demo letters in several states, for ``bootstrap_portal --demo``.

Dates are relative to today so that the deadlines shown are meaningful.
Answered demo letters are answered directly (their reply revision is
published without the review chain, as a data import would be).
"""

from django.utils import timezone

from units.models import Unit

from . import flow
from .models import Channel, Letter, LetterKind, LetterReply, LetterStatus

DAY = timezone.timedelta(days=1)

# subject, kind, name, phone, content, days ago, state, unit, reply, faq column path
DEMO_LETTERS = [
    ("孩子预防接种需要预约吗", LetterKind.DIRECTOR, "张明", "13861234567",
     "我家孩子8个月，想问一下在社区卫生服务中心打疫苗需要提前预约吗？我的电话13861234567。",
     2, "answered", "医政医管科",
     "您好！全市各接种门诊已开通预约服务，可通过“健康枣庄”公众号或拨打接种门诊电话预约，"
     "也可在工作日直接到门诊登记。请携带儿童预防接种证。", "interaction/director-mailbox"),
    ("家庭医生签约后有哪些服务", LetterKind.DIRECTOR, "李秀英", "0632-3311234",
     "我今年68岁，社区让签约家庭医生，签约后具体能享受哪些服务？是否收费？",
     3, "answered", "医政医管科",
     "您好！签约居民可享受基本医疗、公共卫生和约定的健康管理服务，65岁以上老年人每年免费体检一次。"
     "基础签约服务免费。", "topics/family-doctors"),
    ("反映某诊所无证行医", LetterKind.DIRECTOR, "王强", "13905321234",
     "市中区某路口有一家诊所没有挂执业许可证，请有关部门调查。",
     1, "in_review", "医政医管科",
     "您反映的问题已转枣庄市卫生计生监督执法支队现场核查，经查该诊所未取得《医疗机构执业许可证》，"
     "已依法取缔并立案处理。感谢您的监督。", ""),
    ("咨询医师执业注册办理时限", LetterKind.DIRECTOR, "赵丽", "15165321234",
     "医师变更执业地点注册需要多长时间办结？需要哪些材料？", 0, "pending", None, "", ""),
    ("来电咨询新农合报销比例", LetterKind.HOTLINE, "孙先生", "13706321234",
     "来电询问在市级医院住院的报销比例。", 3, "answered", "规划财务科",
     "已电话答复：按照现行政策，市级定点医院住院报销比例为……详情可咨询参保地经办机构。",
     "interaction/hotline"),
    ("申请公开2016年度医疗机构校验结果", LetterKind.DISCLOSURE, "周红", "13806321234",
     "申请公开2016年度全市二级以上医疗机构校验结果，用于学术研究。", 1, "accepted",
     "医政医管科", "", ""),
    ("信息公开目录更新不及时", LetterKind.SUPERVISION, "吴刚", "13561234567",
     "政务公开栏目中部分文件更新不及时，建议加强维护。", 0, "pending", None, "", ""),
]


def _create(spec, pages):
    (subject, kind, name, phone, content, days_ago, state, unit_name, reply_body,
     faq_path) = spec
    received = timezone.now() - days_ago * DAY
    letter = Letter(kind=kind, name=name, phone=phone, subject=subject, content=content,
                    received_at=received, allow_publication=state == "answered",
                    channel=Channel.PHONE if kind == LetterKind.HOTLINE else Channel.WEBSITE,
                    id_number="370402198001011233" if kind == LetterKind.DISCLOSURE else "",
                    address="枣庄市市中区光明大道1号" if kind == LetterKind.DISCLOSURE else "")
    flow.submit(letter)
    if state == "pending":
        return letter
    unit = Unit.objects.get(name=unit_name)
    changes = {"status": LetterStatus.ACCEPTED, "accepted_at": received + 0.1 * DAY,
               "responsible_unit": unit}
    if state in ("processing", "in_review", "answered"):
        changes["status"] = LetterStatus.PROCESSING
    Letter.objects.filter(pk=letter.pk).update(**changes)
    letter.refresh_from_db()
    from .deadlines import refresh

    refresh(letter)
    letter.save()
    if state == "in_review":  # answered by 医政医管科, waiting for its head
        from django.contrib.auth import get_user_model

        author = get_user_model().objects.filter(username="yzk").first()
        if author is not None:
            flow.submit_reply(letter, author, reply_body)
    if state == "answered":
        reply = LetterReply.objects.create(
            letter=letter, body=reply_body, live=False, publish_on_site=True,
            is_faq=bool(faq_path), faq_column=pages.get(faq_path))
        reply.save_revision().publish(skip_permission_checks=True)
    return letter


def ensure_demo_letters(pages):
    created = ensure_demo_history()
    for spec in DEMO_LETTERS:
        if not Letter.objects.filter(subject=spec[0]).exists():
            _create(spec, pages)
            created += 1
    return created


# Letters of the last ended quarter, answered at the time (for the quarterly
# statistics of the demo): subject, kind, 科室, day of the quarter received,
# working days to the answer, transferred from (科室) or None, escalated.
HISTORY = [
    ("咨询二孩生育登记办理流程", LetterKind.DIRECTOR, "医政医管科", 3, 2, None, False),
    ("建议增加社区卫生服务中心夜间门诊", LetterKind.DIRECTOR, "医政医管科", 10, 4, None, False),
    ("反映某医院收费不规范", LetterKind.DIRECTOR, "规划财务科", 18, 7, None, False),
    ("来电咨询健康证办理地点", LetterKind.HOTLINE, "宣传科", 25, 1, "医政医管科", False),
    ("来电反映村卫生室药品短缺", LetterKind.HOTLINE, "医政医管科", 40, 5, None, True),
    ("咨询计划生育奖励扶助资格认定", LetterKind.DIRECTOR, "法规信访科", 55, 3, None, False),
    ("信息公开目录部分链接失效", LetterKind.SUPERVISION, "研究室", 70, 2, None, False),
]


def _last_quarter_start(today):
    import datetime

    first_month = ((today.month - 1) // 3) * 3 + 1
    start = datetime.date(today.year, first_month, 1)
    previous = start - datetime.timedelta(days=1)
    return datetime.date(previous.year, ((previous.month - 1) // 3) * 3 + 1, 1)


def _historical(spec, start):
    """A letter answered in the past: the flow's stored facts, set at their time."""
    import datetime

    from workdays.calendar import add_workdays

    from . import deadlines

    subject, kind, unit_name, day, taken, moved_from, escalated = spec
    tz = timezone.get_current_timezone()
    received = datetime.datetime.combine(start + datetime.timedelta(days=day),
                                         datetime.time(10), tzinfo=tz)
    letter = Letter(kind=kind, name="王晓燕", phone="13906321234", subject=subject,
                    content=subject + "，请有关部门答复。", received_at=received,
                    channel=Channel.PHONE if kind == LetterKind.HOTLINE else Channel.WEBSITE)
    flow.submit(letter)
    unit = Unit.objects.get(name=unit_name)
    letter.accepted_at, letter.responsible_unit = received + 0.1 * DAY, unit
    if moved_from:
        moved = datetime.datetime.combine(add_workdays(received.date(), 1), datetime.time(11),
                                          tzinfo=tz)
        letter.transferred_at = moved
        letter.transferred_from = Unit.objects.get(name=moved_from)
        letter.transfer_workdays, letter.transferred_in_time = deadlines.transfer_stats(
            letter, moved)
    if escalated:
        letter.escalated_at = received + DAY
        letter.escalation_settled_at = received + 3 * DAY
        letter.interim_reply = "您反映的问题需向上级请示，我们正在抓紧办理。"
    deadlines.refresh(letter)
    start_day = (letter.transferred_at or received).date()
    answered = datetime.datetime.combine(add_workdays(start_day, taken), datetime.time(15),
                                         tzinfo=tz)
    letter.answer_workdays, letter.answered_on_time = deadlines.answered_stats(letter, answered)
    letter.answered_at, letter.status = answered, LetterStatus.ANSWERED
    letter.save()
    reply = LetterReply.objects.create(letter=letter, body="您好，您反映的问题已办理，详见答复。",
                                       live=False)
    # Published as a data import: the letter's facts above are those of its time.
    reply.save_revision().publish(skip_permission_checks=True)
    return letter


def ensure_demo_history():
    start = _last_quarter_start(timezone.localdate())
    created = 0
    for spec in HISTORY:
        if not Letter.objects.filter(subject=spec[0]).exists():
            _historical(spec, start)
            created += 1
    return created
