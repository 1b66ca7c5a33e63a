"""A report as an Excel workbook: a cover sheet, then one sheet per table."""

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

INVALID = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(title, used):
    base = INVALID.sub("", title)[:28] or "表"
    name, n = base, 2
    while name in used:
        name = f"{base[:26]}{n}"
        n += 1
    used.add(name)
    return name


def workbook(report):
    wb = Workbook()
    cover = wb.active
    cover.title = "说明"
    data = report.data
    period = data["period"]
    cover.append(["报告", report.title])
    cover.append(["统计期间", f"{period['start_display']}至{period['end_display']}"])
    cover.append(["版次", f"第{report.version}版"])
    cover.append(["生成时间", data.get("generated_at_display", "")])
    cover.append(["统计口径", data.get("rules", "")])
    for section in data["sections"]:
        if section.get("note"):
            cover.append([section["title"], section["note"]])
    cover.column_dimensions["A"].width = 22
    cover.column_dimensions["B"].width = 100
    for row in cover.iter_rows():
        row[0].font = Font(bold=True)
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    used = {"说明"}
    groups = [(section["tables"], "") for section in data["sections"]]
    if report.supplement:
        cover.append(["补充报告", report.supplement.get("note", "")])
        groups.append((report.supplement.get("tables", []), "补充-"))
    for tables, prefix in groups:
        for table in tables:
            ws = wb.create_sheet(_sheet_name(prefix + table["title"], used))
            ws.append(table["headers"])
            for cell in ws[1]:
                cell.font = Font(bold=True)
            for row in table["rows"]:
                ws.append(row)
            if table.get("total"):
                ws.append(table["total"])
                for cell in ws[ws.max_row]:
                    cell.font = Font(bold=True)
            for i, header in enumerate(table["headers"], start=1):
                ws.column_dimensions[get_column_letter(i)].width = max(10, 2 * len(header) + 2)
            ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
