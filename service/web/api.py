"""JSON API for programs: ``POST /api/documents/<template_id>`` with the template's data contract
returns the DOCX (the PDF with ``?format=pdf`` or ``Accept: application/pdf``);
``GET /api/templates/<template_id>/schema`` is that contract's JSON Schema with a complete example, and
``GET /api/openapi.json`` the OpenAPI document. Errors come back as ``{"errors": [{"field": …,
"message": …}]}`` with Russian messages."""


from flask import Blueprint, jsonify, request

from service.documents.catalogue import UnknownTemplate, catalogue, get_template
from service.documents.contracts import ContractError
from service.documents.pdf import PdfUnavailable
from service.documents.render import render
from service.documents.schema import openapi, template_schema
from service.web.downloads import DOCX_MIME, PDF_MIME, send_document
from service.web.json_body import BodyError, read_json

bp = Blueprint("api", __name__, url_prefix="/api")


def _errors(status: int, errors: list[dict]):
    return jsonify({"errors": errors}), status


@bp.get("/templates")
def templates():
    """The catalogue: id, title and heading of each template."""
    return jsonify([{"id": e.id, "title": e.title, "heading": e.heading} for e in catalogue().values()])


@bp.get("/templates/<template_id>/schema")
def schema(template_id: str):
    try:
        entry = get_template(template_id)
    except UnknownTemplate as error:
        return _errors(404, [{"field": "template_id", "message": str(error)}])
    return jsonify(template_schema(entry))


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(openapi())


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
    try:
        return send_document(rendered, pdf=wants_pdf)
    except PdfUnavailable as error:
        return _errors(503, [{"field": "format", "message": str(error)}])
