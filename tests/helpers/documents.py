"""Documents the import tests build themselves: PDFs (pypdf), .docx (python-docx), e-mail.

The PDFs draw text with a standard font whose ToUnicode map sends one byte code per
distinct character to that character, so any text (emoji included) reads back exactly.
"""

from __future__ import annotations

import io
from datetime import datetime
from email.message import EmailMessage

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)


def make_pdf(
    pages: list[list[str]],
    *,
    title: str | None = None,
    author: str | None = None,
    created: datetime | None = None,
    password: str | None = None,
) -> bytes:
    """A PDF with one text line per string on each page (an empty list: a blank page)."""
    chars = sorted({c for page in pages for line in page for c in line})
    if len(chars) > 254:
        raise ValueError("too many distinct characters for one simple font")
    code = {c: i + 1 for i, c in enumerate(chars)}
    writer = PdfWriter()
    cmap = "\n".join(f"<{code[c]:02X}> <{c.encode('utf-16-be').hex().upper()}>" for c in chars)
    to_unicode = DecodedStreamObject()
    to_unicode.set_data(
        (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CMapName /Test def 1 begincodespacerange <00> <FF> endcodespacerange\n"
            f"{len(chars)} beginbfchar\n{cmap}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end"
        ).encode("ascii")
        if chars
        else b""
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/ToUnicode"): writer._add_object(to_unicode),
        }
    )
    font_ref = writer._add_object(font)
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        ops = ["BT /F1 11 Tf 14 TL 72 740 Td"]
        for line in lines:
            ops.append(f"<{''.join(f'{code[c]:02X}' for c in line)}> Tj T*")
        ops.append("ET")
        content = DecodedStreamObject()
        content.set_data("\n".join(ops).encode("ascii"))
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})}
        )
        page[NameObject("/MediaBox")] = ArrayObject(
            [FloatObject(0), FloatObject(0), FloatObject(612), FloatObject(792)]
        )
    info: dict[str, str] = {}
    if title:
        info["/Title"] = title
    if author:
        info["/Author"] = author
    if created:
        info["/CreationDate"] = created.strftime("D:%Y%m%d%H%M%S")
    if info:
        writer.add_metadata({k: TextStringObject(v) for k, v in info.items()})
    if password is not None:
        writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(blocks: list[tuple[str, str]], *, title: str = "", author: str = "") -> bytes:
    """A .docx from (style, text) blocks: style 'h1'..'h3' for headings, 'p' for a paragraph."""
    import docx

    document = docx.Document()
    for style, text in blocks:
        if style.startswith("h"):
            document.add_heading(text, level=int(style[1:]))
        else:
            document.add_paragraph(text)
    document.core_properties.title = title
    document.core_properties.author = author
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_email(
    *,
    subject: str = "Bridge plan delayed",
    sender: str = "Ann Lee <ann@example.org>",
    date: str = "Tue, 04 Mar 2025 21:30:00 -0500",
    text: str | None = "The council met on Tuesday.",
    html: str | None = None,
    attachments: list[tuple[str, bytes]] | None = None,
) -> bytes:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = "desk@example.org"
    message["Date"] = date
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for name, data in attachments or []:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return bytes(message)
