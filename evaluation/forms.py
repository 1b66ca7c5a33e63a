from django import forms
from django.utils import timezone

from . import periods

KINDS = [("quarter", "季度统计"), ("year", "年度考评"), ("custom", "自定义期间")]


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(label="报告类型", choices=KINDS, initial="quarter")
    year = forms.IntegerField(label="年份", min_value=2016, required=False)
    quarter = forms.TypedChoiceField(label="季度", coerce=int, required=False,
                                     choices=[(n, periods.QUARTER_NAMES[n]) for n in range(1, 5)])
    start = forms.DateField(label="起始日期", required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="截止日期", required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        last = periods.last_ended_quarter()
        self.fields["year"].initial = last.start.year
        self.fields["quarter"].initial = (last.start.month - 1) // 3 + 1

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in ("quarter", "year") and not data.get("year"):
            raise forms.ValidationError("请填写年份。")
        if kind == "quarter":
            if not data.get("quarter"):
                raise forms.ValidationError("请选择季度。")
            period = periods.quarter(data["year"], data["quarter"])
        elif kind == "year":
            period = periods.year(data["year"])
        else:
            if not (data.get("start") and data.get("end")):
                raise forms.ValidationError("自定义期间请填写起始日期和截止日期。")
            if data["start"] > data["end"]:
                raise forms.ValidationError("起始日期不能晚于截止日期。")
            period = periods.custom(data["start"], data["end"])
        if not period.has_ended(timezone.localdate()):
            raise forms.ValidationError(
                f"{period.label}尚未结束（截止{periods.cn_date(period.end)}），只能为已经结束的期间生成报告。")
        data["period"] = period
        return data

