"""Every PDF the platform makes: WeasyPrint, tagged for accessibility (PDF/UA-1).

A tagged PDF carries its structure (headings, tables, lists, the language and a title), so a
screen reader can read it, as Dutch public bodies must offer (digitoegankelijk). Images need
an alt text and the HTML a ``lang`` and a ``<title>``; the templates have them.
"""

from __future__ import annotations

PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    from weasyprint import HTML  # imported late: it needs Pango, and only the PDF exports do

    return bytes(HTML(string=html, base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT))
