"""JSON API for programs: ``POST /api/documents/<template_id>`` with the data contract returns the
DOCX. Errors come back as ``{"errors": [{"field": …, "message": …}]}`` with Russian messages."""

import io

from flask import Blueprint, jsonify, send_file

from service.documents.catalogue import UnknownTemplate, catalogue
from service.documents.contract import ContractError
from service.documents.render import render
from service.web.json_body import BodyError, read_json

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

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
    return send_file(io.BytesIO(rendered.content), mimetype=DOCX_MIME, as_attachment=True,
                     download_name=rendered.file_name)
