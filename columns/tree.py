"""The site's column tree as the regulation lays it out (第十六条).

One declarative description, read by ``bootstrap_portal`` to build the
tree and by the tests to check it.  ``maintainers`` maintain a column (add
and edit every item); ``contributors`` report into it (add items and edit
their own).  Unit groups are named in units.catalogue.
"""

from dataclasses import dataclass, field

from units.catalogue import (
    AFFILIATES,
    ALL_REPORTING_UNITS,
    DISTRICTS,
    SECTIONS,
    TOWNSHIPS,
    ZAOKUANG,
)


@dataclass
class Column:
    title: str
    slug: str
    kind: str  # model name in columns: NewsColumnPage, SectionPage …
    column_type: str = "other"
    meta_column_type: str = ""
    maintainers: tuple = ()
    contributors: tuple = ()
    intro: str = ""
    children: list = field(default_factory=list)
    # The app of the page model: the mailbox columns are pages of the mailbox
    # app (named here as data; columns imports nothing of it).
    app: str = "columns"
    options: dict = field(default_factory=dict)  # extra field values of the page


C = Column

TREE = [
    C("工作要闻", "news", "NewsColumnPage", "news", "政务动态", ("研究室",),
      ALL_REPORTING_UNITS,
      intro="全市卫生计生工作重要进展、工作要闻、重要信息。部分条目在图片新闻中链接。"),
    C("工作动态", "updates", "SectionPage", "news", "政务动态", ("研究室",), (),
      intro="全市卫生计生工作进展情况，包括市级动态、区(市)动态、镇(街)动态。", children=[
          C("市级动态", "city", "NewsColumnPage", "news", "政务动态", ("研究室",),
            SECTIONS + AFFILIATES + ZAOKUANG),
          C("区(市)动态", "district", "NewsColumnPage", "news", "政务动态", ("研究室",),
            DISTRICTS),
          C("镇(街)动态", "township", "NewsColumnPage", "news", "政务动态", ("研究室",),
            TOWNSHIPS),
      ]),
    C("通知公告", "notices", "NoticeColumnPage", "notice", "通知公告", (), SECTIONS,
      intro="全市卫生计生工作重要通知公告，需要事先向群众预告周知的重要事件。"),
    C("政务公开", "open", "SectionPage", "notice", "信息公开", ("研究室",), (),
      intro="按照国家、省、市政府信息公开有关规定，及时公开相关内容。", children=[
          C("信息公开指南", "guide", "DocumentColumnPage", "notice", "信息公开指南",
            ("研究室",)),
          C("信息公开目录", "catalogue", "DocumentColumnPage", "notice", "信息公开目录",
            ("研究室",), SECTIONS),
          C("信息公开年报", "annual-reports", "DocumentColumnPage", "personnel",
            "信息公开年报", ("研究室",)),
          C("依申请公开", "requests", "MailboxColumnPage", "other", "依申请公开",
            ("法制监督科", "法规信访科"), SECTIONS, app="mailbox",
            options={"letter_kind": "disclosure"}),
          C("信息公开监督信箱", "supervision", "MailboxColumnPage", "other", "互动交流",
            ("法制监督科", "法规信访科"), SECTIONS, app="mailbox",
            options={"letter_kind": "supervision"}),
          C("责任清单", "responsibilities", "DocumentColumnPage", "notice", "信息公开",
            ("法制监督科", "法规信访科")),
          C("财务公开", "finance", "DocumentColumnPage", "notice", "信息公开",
            ("规划财务科",)),
          C("许可公示", "licences", "DocumentColumnPage", "notice", "信息公开",
            ("法制监督科", "发展规划科")),
      ]),
    C("组织机构", "organisation", "SectionPage", "personnel", "机构职能", ("人事科",), (),
      children=[
          C("机构职能", "functions", "ContentColumnPage", "personnel", "机构职能",
            ("人事科",)),
          C("领导班子", "leaders", "ContentColumnPage", "personnel", "机构职能", ("人事科",)),
          C("科室设置", "sections", "ContentColumnPage", "personnel", "机构职能",
            ("人事科",)),
      ]),
    C("专题专栏", "topics", "SectionPage", "news", "专题专栏", ("研究室",), (),
      intro="根据工作需要开设的专题专栏，由负责各专题工作任务的牵头科室维护。", children=[
          C("家庭医生签约服务", "family-doctors", "NewsColumnPage", "news", "专题专栏",
            ("医政医管科",)),
          C("健康扶贫", "health-poverty", "NewsColumnPage", "news", "专题专栏",
            ("规划财务科",)),
          C("卫生计生法治宣传", "rule-of-law", "NewsColumnPage", "news", "专题专栏",
            ("法制监督科",)),
      ]),
    C("服务大厅", "services", "SectionPage", "other", "办事服务", (), (),
      intro="满足群众对电子政务表达诉求，维护群众权益，方便群众办事。", children=[
          C("政策法规", "policies", "DocumentColumnPage", "notice", "政策文件",
            ("法制监督科", "法规信访科")),
          C("网上预约诊疗", "appointments", "ContentColumnPage", "other", "办事服务",
            ("医政医管科",)),
          C("网上办证预约", "licence-booking", "ContentColumnPage", "other", "办事服务",
            ("医政医管科", "发展规划科")),
          C("便民办事指南", "guides", "ContentColumnPage", "other", "办事服务",
            ("医政医管科", "发展规划科")),
          C("民生民意调查", "surveys", "SurveyColumnPage", "other", "互动交流", (), SECTIONS),
          C("资料下载专区", "downloads", "DownloadColumnPage", "other", "办事服务", (),
            SECTIONS),
      ]),
    C("互动交流", "interaction", "SectionPage", "other", "互动交流", (), (),
      intro="满足群众对电子政务互动交流的需求。", children=[
          C("主任信箱", "director-mailbox", "MailboxColumnPage", "news", "互动交流",
            ("办公室", "法规信访科"), SECTIONS, app="mailbox",
            options={"letter_kind": "director"}),
          C("卫生计生热线", "hotline", "MailboxColumnPage", "news", "互动交流",
            ("办公室", "法规信访科"), SECTIONS, app="mailbox",
            options={"letter_kind": "hotline", "accepts_letters": False}),
          C("在线访谈", "interviews", "InterviewColumnPage", "news", "互动交流",
            ("宣传科", "科教科", "宣传教育科")),
      ]),
    C("健康枣庄", "health", "SectionPage", "news", "健康知识", ("宣传科",), (),
      intro="为群众提供实用、全面的健康信息。", children=[
          C("疾病预防", "prevention", "NewsColumnPage", "news", "健康知识", ("宣传科",)),
          C("健康生活", "living", "NewsColumnPage", "news", "健康知识", ("宣传科",)),
          C("医疗常识", "knowledge", "NewsColumnPage", "news", "健康知识", ("宣传科",)),
      ]),
]


def walk(columns=TREE, parent_path=""):
    """Yield (path, column) for every column, parents before children."""
    for column in columns:
        path = f"{parent_path}/{column.slug}" if parent_path else column.slug
        yield path, column
        yield from walk(column.children, path)


def leaves():
    return [(path, column) for path, column in walk() if not column.children]


# Two-level 主题分类 of government information (first level: second levels).
TOPICS = {
    "卫生、体育": ("医疗卫生", "疾病预防控制", "妇幼健康", "计划生育", "医药管理", "卫生监督"),
    "综合政务": ("政务公开", "政务督查", "应急管理"),
    "财政、金融、审计": ("财政", "审计"),
    "机构编制": ("机构职能", "人事任免"),
}
