"""Form data for posting pages through the Wagtail admin, as editors do."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


def unit_pk(name):
    from units.models import Unit

    return Unit.objects.get(name=name).pk


NO_COMMENTS = {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000}


def item_form_data(title, slug, unit, action, specific, fields):
    """POST data of an item page's create/edit form: the fields every item
    has, the type's own fields, then the test's overrides."""
    data = {
        "source_unit": unit_pk(unit) if unit else "",
        "title": title,
        "slug": slug,
        "release_time": "2026-12-01 09:30",
        "author": "", "source_name": "", "keywords": "",
        "body": streamfield([("paragraph", rich_text("<p>正文。</p>"))]),
        "attachments": streamfield([]),
        "comments": NO_COMMENTS,
        **specific,
        **fields,
    }
    form = nested_form_data(data)
    if action:
        form[action] = "1"
    return form


def news_form_data(title="薛城区开展家庭医生签约服务进社区活动", action=None,
                   unit="薛城区卫计局", slug="xuecheng-family-doctor", **fields):
    """POST data of the 新闻 (NewsPage) form."""
    return item_form_data(title, slug, unit, action, {
        "author": "陈静", "source_name": "薛城区卫计局", "keywords": "家庭医生", "summary": "",
        "body": streamfield([("paragraph", rich_text("<p>12月1日，薛城区组织家庭医生团队走进社区。</p>"))]),
    }, fields)


def gov_document_form_data(title, action=None, unit="研究室", slug="test-document", **fields):
    """POST data of the 政府信息文件 (GovDocumentPage) form."""
    return item_form_data(title, slug, unit, action, {
        "issuing_agency": "枣庄市卫生和计划生育委员会", "doc_number": "枣卫字〔2026〕1号",
        "written_date": "2026-11-30", "disclosure_mode": "proactive", "validity": "valid",
        "summary": "测试文件。",
    }, fields)


def notice_form_data(title="关于开展2026年医疗机构校验工作的通知", action=None,
                     unit="医政医管科", slug="yzk-notice", **fields):
    """POST data of the 通知公告 (NoticePage) form."""
    return item_form_data(title, slug, unit, action, {
        "issuer": "枣庄市卫生和计划生育委员会", "doc_number": "枣卫医字〔2026〕9号",
        "body": streamfield([("paragraph", rich_text("<p>各医疗机构：请按要求完成校验。</p>"))]),
    }, fields)


def checklist(comment="同意发布。", **overrides):
    """A complete Art. 8 checklist: every item confirmed."""
    from workflow.checklist import KEYS

    answers = {key: "yes" for key in KEYS}
    answers.update(other="", comment=comment)
    answers.update(overrides)
    return answers
