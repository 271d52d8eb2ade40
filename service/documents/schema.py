"""JSON Schema of each template's data contract and the OpenAPI 3.1 document of the API, both made
from the pydantic models the catalogue names (:mod:`service.documents.contracts`)."""

from functools import cache

from pydantic.json_schema import models_json_schema

from service.documents.catalogue import TemplateEntry, catalogue

DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: The answer to bad data: one Russian message per field.
ERRORS_SCHEMA = {
    "type": "object",
    "required": ["errors"],
    "properties": {"errors": {"type": "array", "items": {
        "type": "object", "required": ["field", "message"],
        "properties": {"field": {"type": "string", "description": "путь к полю: pairs[0].mentor.position"},
                       "message": {"type": "string", "description": "что не так и как исправить, по-русски"}}}}},
}


def template_schema(entry: TemplateEntry) -> dict:
    """The JSON Schema (draft 2020-12) of ``entry``'s contract, its Russian title, and under
    ``examples`` the catalogue's complete example, which renders as is."""
    schema = entry.contract.model_json_schema()
    return {"$schema": DIALECT, "$id": f"/api/templates/{entry.id}/schema", **schema, "title": entry.title,
            "description": f"Данные документа «{entry.title}» для POST /api/documents/{entry.id}.",
            "examples": [entry.example]}


@cache
def openapi() -> dict:
    """The OpenAPI 3.1 document: the catalogue, each template's schema, and one ``POST
    /api/documents/<id>`` per template whose request body is that template's contract."""
    entries = list(catalogue().values())
    models = {entry.contract for entry in entries}
    refs, definitions = models_json_schema([(model, "validation") for model in models],
                                           ref_template="#/components/schemas/{model}")
    error = {"description": "Ошибка в данных", "content": {"application/json": {"schema": ERRORS_SCHEMA}}}
    paths: dict[str, dict] = {
        "/api/templates": {"get": {
            "operationId": "templates", "summary": "Каталог шаблонов",
            "responses": {"200": {"description": "id, название и заголовок каждого шаблона", "content": {
                "application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}}}}},
        "/api/templates/{template_id}/schema": {"get": {
            "operationId": "template_schema", "summary": "JSON Schema данных шаблона",
            "parameters": [{"name": "template_id", "in": "path", "required": True,
                            "schema": {"type": "string", "enum": [e.id for e in entries]}}],
            "responses": {"200": {"description": "JSON Schema с примером",
                                  "content": {"application/json": {"schema": {"type": "object"}}}},
                          "404": {"description": "Нет такого шаблона",
                                  "content": {"application/json": {"schema": ERRORS_SCHEMA}}}}}},
    }
    for entry in entries:
        schema = refs[(entry.contract, "validation")]
        paths[f"/api/documents/{entry.id}"] = {"post": {
            "operationId": f"render_{entry.id.replace('-', '_')}",
            "summary": entry.title,
            "description": f"{entry.heading}. DOCX; PDF с ?format=pdf или Accept: application/pdf.",
            "parameters": [{"name": "format", "in": "query", "required": False,
                            "schema": {"type": "string", "enum": ["docx", "pdf"]}}],
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": schema, "examples": {"example": {"value": entry.example}}}}},
            "responses": {
                "200": {"description": "Документ", "content": {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
                    "application/pdf": {}}},
                "400": error, "401": {"description": "Нужен токен"}, "403": {"description": "Нет прав"},
                "413": error, "503": error},
        }}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Наставник: документы системы наставничества", "version": "1"},
        "security": [{"token": []}],
        "paths": paths,
        "components": {"schemas": definitions.get("$defs", {}),
                       "securitySchemes": {"token": {"type": "http", "scheme": "bearer",
                                                     "description": "nastavnik tokens create --user LOGIN"}}},
    }
