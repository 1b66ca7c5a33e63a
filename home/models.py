"""The home page and the site-wide settings shown in every page's footer."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from columns.models import ItemPage, NewsPage, NoticePage
from search.index import zh_fields

LATEST_COUNT = 7
PICTURE_NEWS_COUNT = 5


class HomePage(Page):
    """The portal's home page: 图片新闻, the latest items, quick links."""

    page_description = "网站首页"
    welcome = models.CharField("首页导语", max_length=200, blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "columns.SectionPage", "columns.NewsColumnPage", "columns.NoticeColumnPage",
        "columns.DocumentColumnPage", "columns.InterviewColumnPage",
        "columns.SurveyColumnPage", "columns.DownloadColumnPage", "columns.ContentColumnPage",
    ]
    content_panels = Page.content_panels + [FieldPanel("welcome")]
    search_fields = zh_fields(Page.search_fields)
    max_count = 1

    class Meta:
        verbose_name = "首页"
        verbose_name_plural = "首页"

    def column(self, slug):
        return self.get_children().filter(slug=slug).first()

    def latest(self, slug, model=ItemPage, count=LATEST_COUNT):
        """Latest live items of the column with this slug (none if missing)."""
        column = self.column(slug)
        if column is None:
            return model.objects.none()
        return (
            model.objects.live().public().descendant_of(column)
            .select_related("source_unit").order_by("-release_time", "-pk")[:count]
        )

    def picture_news(self):
        return (
            NewsPage.objects.live().public().descendant_of(self)
            .filter(picture_news=True, cover_image__isnull=False)
            .select_related("cover_image").order_by("-release_time", "-pk")[:PICTURE_NEWS_COUNT]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            picture_news=self.picture_news(),
            blocks=[
                ("工作要闻", self.column("news"), self.latest("news", NewsPage)),
                ("工作动态", self.column("updates"), self.latest("updates", NewsPage)),
                ("通知公告", self.column("notices"), self.latest("notices", NoticePage)),
                ("健康枣庄", self.column("health"), self.latest("health", NewsPage)),
            ],
            interaction=self.column("interaction"),
        )
        return context


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Who runs the site and how to reach them; shown in the footer."""

    host_organisation = models.CharField(
        "主办单位", max_length=100, default="枣庄市卫生和计划生育委员会")
    organiser = models.CharField("承办单位", max_length=100,
                                 default="枣庄市卫生和计划生育委员会研究室")
    contact_email = models.EmailField("网站联系邮箱", default="zzwjwwz@163.com",
                                      help_text="《管理办法》第二条规定的网站通讯联系邮箱")
    address = models.CharField("地址", max_length=200, default="山东省枣庄市市中区")
    postcode = models.CharField("邮编", max_length=10, blank=True, default="277100")
    phone = models.CharField("联系电话", max_length=50, default="0632-3310000")
    site_id_code = models.CharField("网站标识码", max_length=20, default="3704000027",
                                    help_text="政府网站标识码，用于页面元数据 SiteIDCode")
    site_domain = models.CharField("网站域名", max_length=100, default="wjw.zaozhuang.gov.cn")
    icp_number = models.CharField("ICP备案号", max_length=50, default="鲁ICP备05000000号")
    police_record = models.CharField("公安机关备案号", max_length=60, blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("host_organisation"), FieldPanel("organiser")],
                        heading="主办与承办"),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("address"),
                         FieldPanel("postcode"), FieldPanel("phone")], heading="联系方式"),
        MultiFieldPanel([FieldPanel("site_id_code"), FieldPanel("site_domain"),
                         FieldPanel("icp_number"), FieldPanel("police_record")],
                        heading="备案与标识"),
    ]

    class Meta:
        verbose_name = "网站信息"
