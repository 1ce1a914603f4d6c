"""A :class:`~ksr.documents.blocks.Document` as ODT, OpenDocument Text (odfdo; ADR 0018)."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from ksr.documents.blocks import Document, Heading, KeyValues, Paragraph, Table


def render_odt(document: Document) -> bytes:
    from odfdo import Document as OdfDocument
    from odfdo import Frame, Style
    from odfdo import Paragraph as OdfParagraph

    odt = OdfDocument("text")
    body = odt.body
    body.clear()
    _styles(odt, Style)
    meta = odt.meta
    meta.title = document.title
    meta.subject = document.identifier

    head = document.letterhead
    if head.logo:
        uri = odt.add_file(io.BytesIO(head.logo))
        width, height = _logo_size(head.logo)
        frame = Frame.image_frame(uri, size=(width, height), anchor_type="as-char")
        logo_par = OdfParagraph("")
        logo_par.append(frame)
        body.append(logo_par)
    body.append(OdfParagraph(head.name, style="KsrLetterhead"))
    if head.address:
        body.append(OdfParagraph(head.address, style="KsrSmall"))
    body.append(OdfParagraph(_("Document no.") + " " + document.identifier, style="KsrRight"))
    if document.place_date:
        body.append(OdfParagraph(document.place_date, style="KsrRight"))
    body.append(OdfParagraph(document.title, style="KsrTitle"))
    for block in document.blocks:
        if isinstance(block, Heading):
            body.append(OdfParagraph(block.text, style="KsrHeading"))
        elif isinstance(block, Paragraph):
            for line in block.text.split("\n"):
                body.append(OdfParagraph(line, style="KsrBody"))
        elif isinstance(block, KeyValues):
            body.append(_table([], [list(r) for r in block.rows], bold_first=True))
            body.append(OdfParagraph("", style="KsrBody"))
        elif isinstance(block, Table):
            body.append(_table(list(block.header), [list(r) for r in block.rows]))
            body.append(OdfParagraph("", style="KsrBody"))
        else:
            body.append(_signatures(list(block.roles)))
            body.append(OdfParagraph("", style="KsrBody"))
    if head.closing:
        body.append(OdfParagraph(head.closing, style="KsrClosing"))
    out = io.BytesIO()
    odt.save(out)
    return out.getvalue()


def _styles(odt: Any, Style: Any) -> None:
    paragraph_styles: dict[str, dict[str, Any]] = {
        "KsrLetterhead": {"bold": True, "size": "12pt"},
        "KsrSmall": {"size": "8pt"},
        "KsrRight": {"size": "8pt", "align": "end"},
        "KsrTitle": {"bold": True, "size": "15pt", "align": "center"},
        "KsrHeading": {"bold": True, "size": "11pt"},
        "KsrBody": {"size": "10pt"},
        "KsrCell": {"size": "9pt"},
        "KsrCellBold": {"size": "9pt", "bold": True},
        "KsrSignature": {"size": "8pt", "align": "center"},
        "KsrClosing": {"size": "9pt", "align": "center"},
    }
    for name, props in paragraph_styles.items():
        style = Style("paragraph", name=name, display_name=name, area="text", bold=props.get("bold", False))
        style.set_properties(area="text", properties={"fo:font-size": props["size"]})
        if name in {"KsrTitle", "KsrHeading"}:  # space around titles, kept with what follows
            style.set_properties(
                area="paragraph",
                properties={"fo:margin-top": "0.3cm", "fo:margin-bottom": "0.2cm", "fo:keep-with-next": "always"},
            )
        if "align" in props:
            style.set_properties(area="paragraph", properties={"fo:text-align": props["align"]})
        odt.insert_style(style)
    cell = Style("table-cell", name="KsrBorder", border="0.5pt solid #000000", padding="0.08cm")
    odt.insert_style(cell, automatic=True)


def _table(header: list[str], rows: list[list[str]], *, bold_first: bool = False) -> Any:
    from odfdo import Cell, Row
    from odfdo import Paragraph as OdfParagraph
    from odfdo import Table as OdfTable

    table = OdfTable(name=f"T{id(rows)}")
    columns = max([len(header)] + [len(r) for r in rows])
    from odfdo import Column

    table.append(Column(repeated=columns))
    for index, values in enumerate(([header] if header else []) + rows):
        row = Row()
        for i, text in enumerate(values):
            cell = Cell(style="KsrBorder")
            bold = (header and index == 0) or (bold_first and i == 0)
            for line in str(text).split("\n"):
                cell.append(OdfParagraph(line, style="KsrCellBold" if bold else "KsrCell"))
            row.append(cell)
        table.append(row)
    return table


def _signatures(roles: list[str]) -> Any:
    from odfdo import Cell, Column, Row
    from odfdo import Paragraph as OdfParagraph
    from odfdo import Table as OdfTable

    table = OdfTable(name=f"S{id(roles)}")
    table.append(Column(repeated=len(roles)))
    blank = Row()
    lines = Row()
    for role in roles:
        gap = Cell()
        gap.append(OdfParagraph(""))
        gap.append(OdfParagraph(""))
        blank.append(gap)
        cell = Cell()
        cell.append(OdfParagraph("……………………………………", style="KsrSignature"))
        cell.append(OdfParagraph(role, style="KsrSignature"))
        lines.append(cell)
    table.append(blank)
    table.append(lines)
    return table


def _logo_size(data: bytes) -> tuple[str, str]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
    h = 1.6
    return (f"{h * width / max(height, 1):.2f}cm", f"{h:.2f}cm")
