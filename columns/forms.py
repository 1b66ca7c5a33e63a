"""Admin forms of item pages."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

from units.models import Unit

# Units whose staff may assign an item to any 供稿单位 (研究室 edits and
# corrects items on behalf of every unit, Art. 12).
SITE_OWNER_UNIT = "研究室"
PUBLISH_WITHHELD_ERROR = "公开方式为“不予公开”的文件不得发布（涉密不上网）。"


def may_assign_any_unit(user):
    return user.is_superuser or Unit.objects.for_user(user).filter(name=SITE_OWNER_UNIT).exists()


class SourceUnitMixin:
    """Limit 供稿单位 to the editor's own units and pre-fill it.

    Only 研究室 (and superusers) may set or change another unit as the
    source: the 一级审核 of an item belongs to its 供稿单位's head.
    """

    def setup_source_unit(self):
        field = self.fields.get("source_unit")
        user = getattr(self, "for_user", None)
        if field is None or user is None or may_assign_any_unit(user):
            return
        own_units = Unit.objects.for_user(user)
        if self.instance.pk and self.instance.source_unit_id:
            field.queryset = Unit.objects.filter(pk=self.instance.source_unit_id)
            field.disabled = True
            return
        field.queryset = own_units
        field.required = True
        if not self.initial.get("source_unit") and own_units.exists():
            self.initial["source_unit"] = own_units.first().pk

    def check_withheld_publish(self, cleaned_data):
        mode = cleaned_data.get("disclosure_mode")
        if mode == "withheld" and "action-publish" in self.data:
            self.add_error("disclosure_mode", PUBLISH_WITHHELD_ERROR)


class ItemPageForm(SourceUnitMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_source_unit()

    def clean(self):
        cleaned_data = super().clean()
        self.check_withheld_publish(cleaned_data)
        return cleaned_data


class SurveyPageForm(SourceUnitMixin, WagtailAdminFormPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_source_unit()
