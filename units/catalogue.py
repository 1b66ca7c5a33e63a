"""The units named by the regulation and the portal's reporting network.

Used by ``bootstrap_portal`` to create them (they stay editable in the admin)
and by columns.tree to say who maintains and who reports into each column.
"""

SITE_OWNER = "研究室"  # Art. 12: 网站的主管科室, the only unit that publishes
CONFIDENTIALITY_OFFICE = "办公室"  # Art. 13: 保密审查
MONITORING_OFFICE = "宣传科"  # Art. 6: monitoring and the publication register

SECTIONS = (
    "研究室", "办公室", "宣传科", "人事科", "法制监督科", "法规信访科",
    "规划财务科", "发展规划科", "医政医管科", "科教科", "宣传教育科",
)
DISTRICTS = (
    "市中区卫计局", "薛城区卫计局", "峄城区卫计局", "台儿庄区卫计局", "山亭区卫计局",
    "滕州市卫计局",
)
AFFILIATES = (
    "枣庄市立医院", "枣庄市疾病预防控制中心", "枣庄市妇幼保健院", "枣庄市中医医院",
    "枣庄市卫生计生监督执法支队",
)
TOWNSHIPS = (
    "市中区光明路街道", "薛城区常庄街道", "峄城区阴平镇", "台儿庄区马兰屯镇",
    "山亭区城头镇", "滕州市龙阳镇",
)
ZAOKUANG = ("枣矿集团生活卫生管理中心",)

ALL_REPORTING_UNITS = SECTIONS + DISTRICTS + AFFILIATES + TOWNSHIPS + ZAOKUANG

# name -> (kind, short name)
UNITS = (
    [(name, "section", "") for name in SECTIONS]
    + [(name, "district", name.replace("卫计局", "")) for name in DISTRICTS]
    + [(name, "affiliate", name.replace("枣庄市", "")) for name in AFFILIATES]
    + [(name, "township", "") for name in TOWNSHIPS]
    + [(name, "other", "枣矿生活卫生中心") for name in ZAOKUANG]
)
