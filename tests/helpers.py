"""Form data for posting pages through the Wagtail admin, as editors do."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


def unit_pk(name):
    from units.models import Unit

    return Unit.objects.get(name=name).pk


def news_form_data(title="薛城区开展家庭医生签约服务进社区活动", action=None,
                   unit="薛城区卫计局", **fields):
    """POST data of the 新闻 (NewsPage) create/edit form."""
    data = {
        "source_unit": unit_pk(unit) if unit else "",
        "title": title,
        "slug": fields.pop("slug", "xuecheng-family-doctor"),
        "release_time": "2026-12-01 09:30",
        "author": "陈静",
        "source_name": "薛城区卫计局",
        "keywords": "家庭医生",
        "summary": "",
        "body": streamfield([("paragraph", rich_text("<p>12月1日，薛城区组织家庭医生团队走进社区。</p>"))]),
        "attachments": streamfield([]),
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0,
                     "MAX_NUM_FORMS": 1000},
    }
    data.update(fields)
    form = nested_form_data(data)
    if action:
        form[action] = "1"
    return form


def gov_document_form_data(title, action=None, unit="研究室", **fields):
    """POST data of the 政府信息文件 (GovDocumentPage) form."""
    data = {
        "source_unit": unit_pk(unit),
        "title": title,
        "slug": fields.pop("slug", "test-document"),
        "issuing_agency": "枣庄市卫生和计划生育委员会",
        "doc_number": "枣卫字〔2026〕1号",
        "written_date": "2026-11-30",
        "release_time": "2026-12-01 09:30",
        "disclosure_mode": "proactive",
        "validity": "valid",
        "summary": "测试文件。",
        "keywords": "",
        "body": streamfield([("paragraph", rich_text("<p>正文。</p>"))]),
        "attachments": streamfield([]),
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0,
                     "MAX_NUM_FORMS": 1000},
    }
    data.update(fields)
    form = nested_form_data(data)
    if action:
        form[action] = "1"
    return form


def notice_form_data(title="关于开展2026年医疗机构校验工作的通知", action=None,
                     unit="医政医管科", **fields):
    """POST data of the 通知公告 (NoticePage) form."""
    data = {
        "source_unit": unit_pk(unit),
        "title": title,
        "slug": fields.pop("slug", "yzk-notice"),
        "issuer": "枣庄市卫生和计划生育委员会",
        "doc_number": "枣卫医字〔2026〕9号",
        "release_time": "2026-12-01 09:30",
        "author": "", "source_name": "", "keywords": "",
        "body": streamfield([("paragraph", rich_text("<p>各医疗机构：请按要求完成校验。</p>"))]),
        "attachments": streamfield([]),
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0,
                     "MAX_NUM_FORMS": 1000},
    }
    data.update(fields)
    form = nested_form_data(data)
    if action:
        form[action] = "1"
    return form


def checklist(comment="同意发布。", **overrides):
    """A complete Art. 8 checklist: every item confirmed."""
    from workflow.checklist import KEYS

    answers = {key: "yes" for key in KEYS}
    answers.update(other="", comment=comment)
    answers.update(overrides)
    return answers
