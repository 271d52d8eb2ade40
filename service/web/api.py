"""JSON API for programs: ``POST /api/documents/<template_id>`` with the data contract returns the
DOCX (the PDF with ``?format=pdf`` or ``Accept: application/pdf``). Errors come back as
``{"errors": [{"field": …, "message": …}]}`` with Russian messages."""

import io

from flask import Blueprint, current_app, jsonify, request, send_file

from service.documents.catalogue import UnknownTemplate, catalogue
from service.documents.contract import ContractError
from service.documents.pdf import PdfUnavailable, pdf_name
from service.documents.render import render
from service.web.json_body import BodyError, read_json

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"

bp = Blueprint("api", __name__, url_prefix="/api")


def _errors(status: int, errors: list[dict]):
    return jsonify({"errors": errors}), status


@bp.get("/templates")
def templates():
    """The catalogue: id, title and heading of each template."""
    return jsonify([{"id": e.id, "title": e.title, "heading": e.heading} for e in catalogue().values()])


@bp.post("/documents/<template_id>")
def document(template_id: str):
    try:
        data = read_json()
    except BodyError as error:
        return _errors(400, error.errors)
    try:
        rendered = render(template_id, data)
    except UnknownTemplate as error:
        return _errors(404, [{"field": "template_id", "message": str(error)}])
    except ContractError as error:
        return _errors(400, [e.as_dict() for e in error.errors])
    wants_pdf = request.args.get("format") == "pdf" or \
        request.accept_mimetypes.best_match([DOCX_MIME, PDF_MIME]) == PDF_MIME
    if wants_pdf:
        try:
            content = current_app.extensions["pdf"].convert(rendered.content)
        except PdfUnavailable as error:
            return _errors(503, [{"field": "format", "message": str(error)}])
        return send_file(io.BytesIO(content), mimetype=PDF_MIME, as_attachment=True,
                         download_name=pdf_name(rendered.file_name))
    return send_file(io.BytesIO(rendered.content), mimetype=DOCX_MIME, as_attachment=True,
                     download_name=rendered.file_name)
