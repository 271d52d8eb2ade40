"""A made document sent to the browser: the DOCX as rendered, or its PDF through the app's LibreOffice."""

import io

from flask import current_app, send_file

from service.documents.pdf import pdf_name
from service.documents.render import RenderedDocument

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"


def send_document(rendered: RenderedDocument, *, pdf: bool = False):
    """The download of ``rendered`` under its own file name — as PDF (the same name, .pdf) when ``pdf``.
    Raises :class:`~service.documents.pdf.PdfUnavailable` (Russian) when LibreOffice cannot convert it:
    the caller says so where the user is."""
    if not pdf:
        return send_file(io.BytesIO(rendered.content), mimetype=DOCX_MIME, as_attachment=True,
                         download_name=rendered.file_name)
    content = current_app.extensions["pdf"].convert(rendered.content)
    return send_file(io.BytesIO(content), mimetype=PDF_MIME, as_attachment=True,
                     download_name=pdf_name(rendered.file_name))
