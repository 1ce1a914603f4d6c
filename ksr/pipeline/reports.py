"""Milestone reports as generated documents (PDF with fpdf2, XLSX with openpyxl), from live data.

A report is first built as a ``Document`` (title, sections of paragraphs and tables), then
rendered to either format, so both carry the same content:
- ``readiness``: "Cross-sector readiness to cooperate for reintegration"
  (``ksr.surveys.reports.readiness_report_data``), Fiszka projektu KSR, milestone 2;
- ``diagram``: the national diagram of cross-sector cooperation
  (``ksr.surveys.reports.national_diagram_data``);
- ``animation``: the report on animation and advice "in result of which N entities were created"
  (Fiszka projektu KSR, milestone 3): this app's funnel plus ``ksr.animation`` advice visits.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ksr.animation.models import AdviceVisit
from ksr.core.types import AnyUser
from ksr.pipeline.funnel import progress
from ksr.pipeline.models import Initiative
from ksr.surveys.readiness import formula_in_words
from ksr.surveys.reports import national_diagram_data, readiness_report_data

FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

REPORT_KINDS: dict[str, Any] = {
    "readiness": gettext_lazy("Cross-sector readiness to cooperate for reintegration"),
    "diagram": gettext_lazy("National diagram of cross-sector cooperation"),
    "animation": gettext_lazy("Report on the animation and advice activities"),
}


class ReportUnavailable(RuntimeError):
    """A report cannot be generated on this machine (e.g. the font is missing)."""


@dataclass
class Table:
    header: list[str]
    rows: list[list[Any]]
    caption: str = ""


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Document:
    title: str
    subtitle: str
    sections: list[Section]


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


LEVEL_LABELS = {"low": gettext_lazy("low"), "medium": gettext_lazy("medium"), "high": gettext_lazy("high")}


def _level(code: Any) -> str:
    return str(LEVEL_LABELS.get(code, "—")) if code else "—"


def _score(value: Any) -> str:
    return f"{value:.1f}" if isinstance(value, (int, float)) else "—"


def readiness_document(voivodeship_code: str | None = None) -> list[Section]:
    """The readiness report (Fiszka projektu KSR, milestone 2) from ``ksr.surveys.reports.readiness_report_data``."""
    data = readiness_report_data(voivodeship_code=voivodeship_code)
    formula_paragraphs, formula_header, formula_rows = formula_in_words()
    summary = Section(
        heading=_("Readiness to cooperate: %(scope)s") % {"scope": data.get("scope_name", "")},
        paragraphs=[
            ngettext(
                "Readiness score: %(value)s (level: %(level)s), from %(n)s survey response.",
                "Readiness score: %(value)s (level: %(level)s), from %(n)s survey responses.",
                data.get("responses", 0),
            )
            % {"value": _score(data.get("value")), "level": _level(data.get("level")), "n": data.get("responses", 0)},
            *formula_paragraphs,
        ],
    )
    summary.tables.append(
        Table(header=formula_header, rows=formula_rows, caption=_("Components of the score and their weights"))
    )
    regions = data.get("regions", [])
    summary.tables.append(
        Table(
            header=[_("Voivodeship"), _("Score"), _("Level"), _("Responses")],
            rows=[[r["name"], _score(r.get("value")), _level(r.get("level")), r.get("responses", 0)] for r in regions],
            caption=_("Readiness per voivodeship"),
        )
    )
    sections = [summary]
    for region in regions:
        sections.append(
            Section(
                heading=str(region["name"]),
                tables=[
                    Table(
                        header=[
                            _("Gmina"),
                            _("TERYT"),
                            _("Score"),
                            _("Level"),
                            _("Responses"),
                            _("Willing to cooperate"),
                        ],
                        rows=[
                            [
                                g["name"],
                                g["code"],
                                _score(g.get("value")),
                                _level(g.get("level")),
                                g.get("responses", 0),
                                f"{g['willingness_share']:.0f} %" if g.get("willingness_share") is not None else "—",
                            ]
                            for g in region.get("gminas", [])
                        ],
                        caption=_("Readiness per gmina"),
                    )
                ],
            )
        )
    return sections


def diagram_document() -> list[Section]:
    """The national diagram of cross-sector cooperation (``ksr.surveys.reports.national_diagram_data``)."""
    rows = national_diagram_data()
    return [
        Section(
            heading=_("Regions by potential and cooperation"),
            paragraphs=[
                _(
                    "NGO potential: non-governmental organisations working in education, culture, health or sport; "
                    "business potential: employers and social cooperatives; cooperation: the share of surveyed "
                    "institutions with partnership experience."
                )
            ],
            tables=[
                Table(
                    header=[
                        _("Voivodeship"),
                        _("NGO potential"),
                        _("Business potential"),
                        _("Institutions surveyed"),
                        _("Cooperation"),
                        _("Readiness"),
                    ],
                    rows=[
                        [
                            r["name"],
                            r.get("ngo_potential", 0),
                            r.get("business_potential", 0),
                            r.get("surveyed", 0),
                            f"{r['cooperation_share']:.0f} %" if r.get("cooperation_share") is not None else "—",
                            _score(r.get("readiness")),
                        ]
                        for r in rows
                    ],
                    caption=_("National diagram of cross-sector cooperation"),
                )
            ],
        )
    ]


def _advice_rows(user: AnyUser) -> tuple[int, int, list[list[Any]]]:
    visits = AdviceVisit.objects.visible_to(user)
    per_region: dict[str, list[int]] = {}
    code: str | None
    adopted: bool
    for code, adopted in visits.values_list("entity__seat__code", "adopted_new_profile"):
        slot = per_region.setdefault((code or "")[:2], [0, 0])
        slot[0] += 1
        slot[1] += 1 if adopted else 0
    rows: list[list[Any]] = [[key, n, a] for key, (n, a) in sorted(per_region.items())]
    return sum(n for n, _a in per_region.values()), sum(a for _n, a in per_region.values()), rows


def animation_document(user: AnyUser) -> list[Section]:
    prog = progress(Initiative.objects.visible_to(user))
    target = prog.target
    created = prog.national.created
    summary = Section(
        heading=_("Summary"),
        paragraphs=[
            ngettext(
                "In result of the animation and advice activities %(n)s entity was created (target: %(t)s).",
                "In result of the animation and advice activities %(n)s entities were created (target: %(t)s).",
                created,
            )
            % {"n": created, "t": target.total_entities},
            ngettext("Sustained for %(m)s month: %(s)s.", "Sustained for %(m)s months: %(s)s.", target.sustain_months)
            % {"m": target.sustain_months, "s": prog.national.sustained}
            + " "
            + ngettext(
                "Regions with at least %(k)s created entity: %(r)s of %(min)s.",
                "Regions with at least %(k)s created entities: %(r)s of %(min)s.",
                target.min_per_region,
            )
            % {"k": target.min_per_region, "r": prog.regions_at_target, "min": target.min_regions},
            _("Initiatives in total: %(n)s; stalled: %(s)s; abandoned: %(a)s.")
            % {"n": prog.national.total, "s": len(prog.national.stalled), "a": prog.national.abandoned},
        ],
    )
    funnel = Section(heading=_("Funnel"))
    funnel.tables.append(
        Table(
            header=[_("Stage"), _("Now"), _("Reached"), _("Conversion %"), _("Median days")],
            rows=[
                [
                    r.label,
                    r.at_stage,
                    r.reached,
                    "—" if r.conversion is None else f"{r.conversion * 100:.0f}",
                    "—" if r.median_days is None else f"{r.median_days:.0f}",
                ]
                for r in prog.national.rows
            ],
            caption=_("Nationally"),
        )
    )
    regions = Section(heading=_("Regions"))
    regions.tables.append(
        Table(
            header=[_("Voivodeship"), _("Initiatives"), _("Created"), _("Sustained"), _("Stalled"), _("Target met")],
            rows=[
                [
                    f"{r.name} ({r.code})",
                    r.total,
                    r.created,
                    r.sustained,
                    len(r.stalled),
                    _("no") if r.below_target else _("yes"),
                ]
                for r in prog.regions
            ],
        )
    )
    visits, adopted, advice_rows = _advice_rows(user)
    advice = Section(
        heading=_("Advice visits"),
        paragraphs=[
            _("Advice visits: %(v)s; entities that adopted the new service profile: %(a)s.")
            % {"v": visits, "a": adopted}
        ],
        tables=[Table(header=[_("Voivodeship"), _("Visits"), _("Adopted the new profile")], rows=advice_rows)]
        if advice_rows
        else [],
    )
    created_list = Section(heading=_("Entities created"))
    created_list.tables.append(
        Table(
            header=[_("Initiative"), _("Gmina"), _("Register number"), _("Entry date"), _("Stage")],
            rows=[
                [
                    i.name,
                    str(i.gmina),
                    i.register_entry.register_number if i.register_entry else "—",
                    _plain(i.register_entry.entry_date if i.register_entry else None),
                    i.get_stage_display(),
                ]
                for i in Initiative.objects.visible_to(user)
                .with_related()
                .filter(stage__in=["entered", "operating", "sustained"])
            ],
        )
    )
    return [summary, funnel, regions, advice, created_list]


def build_document(kind: str, user: AnyUser, voivodeship_code: str | None = None) -> Document:
    if kind not in REPORT_KINDS:
        raise KeyError(kind)
    if kind == "readiness":
        sections = readiness_document(voivodeship_code)
    elif kind == "diagram":
        sections = diagram_document()
    else:
        sections = animation_document(user)
    today: dt.date = timezone.localdate()
    return Document(
        title=str(REPORT_KINDS[kind]),
        subtitle=_("Generated on %(date)s from the live data of the KSR system.")
        % {"date": date_format(today, "SHORT_DATE_FORMAT")},
        sections=sections,
    )


def render_pdf(document: Document) -> bytes:
    for path in (FONT_PATH, FONT_BOLD_PATH):
        if not os.path.exists(path):
            raise ReportUnavailable(
                _("The font %(path)s is missing; install the Debian package fonts-dejavu-core.") % {"path": path}
            )
    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting chatter

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("DejaVu", "", FONT_PATH)
    pdf.add_font("DejaVu", "B", FONT_BOLD_PATH)
    pdf.set_title(document.title)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, document.title, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 6, document.subtitle, new_x="LMARGIN", new_y="NEXT", align="L")
    for section in document.sections:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(0, 7, section.heading, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_font("DejaVu", "", 10)
        for paragraph in section.paragraphs:
            pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT", align="L")
        for table in section.tables:
            if table.caption:
                pdf.set_font("DejaVu", "B", 10)
                pdf.multi_cell(0, 6, table.caption, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.set_font("DejaVu", "", 8)
            with pdf.table(first_row_as_headings=True, text_align="LEFT") as pdf_table:
                for cells in [table.header, *table.rows]:
                    row = pdf_table.row()
                    for cell in cells:
                        row.cell(_plain(cell))
            pdf.ln(2)
    return bytes(pdf.output())


def render_xlsx(document: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ksr.core.exports import neutralise

    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = _("Report")[:31]
    sheet.append([document.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([document.subtitle])
    for section in document.sections:
        sheet.append([])
        sheet.append([section.heading])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        for paragraph in section.paragraphs:
            sheet.append([paragraph])
        for table in section.tables:
            if table.caption:
                sheet.append([table.caption])
            sheet.append(list(table.header))
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
            for row in table.rows:
                # Data never becomes a formula (ksr.core.exports.neutralise).
                sheet.append([c if isinstance(c, (int, float)) else neutralise(_plain(c)) for c in row])
    sheet.column_dimensions["A"].width = 50
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
