"""The contract of every catalogue template, as the API's readers see it: its JSON Schema with an
example that renders, the OpenAPI document, and generated bodies (hypothesis) that never get a 500 and
always get Russian messages."""

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.documents.catalogue import catalogue
from tests.conftest import docx_text, flat

TEMPLATES = list(catalogue())
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# What pydantic says in English; none of it may reach a reader.
ENGLISH = re.compile(r"Input should|Field required|value is not|Extra inputs|Value error|validation error", re.I)


def _russian_errors(response) -> None:
    assert response.status_code == 400, response.status_code
    errors = response.json["errors"]
    assert errors
    for error in errors:
        assert set(error) == {"field", "message"}
        assert re.search("[а-яё]", error["message"], re.I), error
        assert not ENGLISH.search(error["message"]), error


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_schema_has_an_example_that_renders_as_is(client, template_id):
    schema = client.get(f"/api/templates/{template_id}/schema")
    assert schema.status_code == 200
    body = schema.json
    assert body["$schema"].endswith("2020-12/schema") and body["title"] == catalogue()[template_id].title
    assert body["additionalProperties"] is False and "organization" in body["required"]
    response = client.post(f"/api/documents/{template_id}", json=body["examples"][0])
    assert response.status_code == 200 and response.mimetype == DOCX
    assert catalogue()[template_id].heading.split()[0] in flat(docx_text(response.data))


def test_unknown_template_schema_is_a_russian_404(client):
    response = client.get("/api/templates/no-such/schema")
    assert response.status_code == 404
    assert "Нет шаблона «no-such»" in response.json["errors"][0]["message"]


def test_openapi_names_every_template_with_its_contract(client):
    document = client.get("/api/openapi.json").json
    assert document["openapi"].startswith("3.1")
    for template_id in TEMPLATES:
        post = document["paths"][f"/api/documents/{template_id}"]["post"]
        ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert ref.split("/")[-1] in document["components"]["schemas"]
        assert "400" in post["responses"]


def test_schema_and_openapi_need_a_login(app):
    anonymous = app.test_client()
    assert anonymous.get("/api/openapi.json").status_code == 401
    assert anonymous.get(f"/api/templates/{TEMPLATES[0]}/schema").status_code == 401


def test_strict_types_are_refused_in_russian(client):
    example = dict(catalogue()["curator-order"].example)
    example["curator"] = {"full_name": False, "position": 12}
    example["order"] = {"number": True, "date": "11.01.2024"}
    response = client.post("/api/documents/curator-order", json=example)
    _russian_errors(response)
    fields = {e["field"]: e["message"] for e in response.json["errors"]}
    assert fields["curator.full_name"] == "ФИО (куратор): нужна строка."
    assert fields["curator.position"] == "должность (куратор): нужна строка."
    assert fields["order.date"].startswith("дата приказа: «11.01.2024» — не дата; укажите в виде ГГГГ-ММ-ДД")
    assert "order.number" in fields


_SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                            HealthCheck.filter_too_much, HealthCheck.data_too_large])


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20)


def _mutated(example: dict) -> st.SearchStrategy:
    """The example with one of its fields (at any depth) replaced by arbitrary JSON or removed."""
    paths = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                paths.append(path + (key,))
                walk(value, path + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                paths.append(path + (i,))
                walk(value, path + (i,))

    walk(example, ())

    def apply(path, value):
        import copy

        body = copy.deepcopy(example)
        target = body
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
        return body

    return st.builds(apply, st.sampled_from(paths), _JSON)


@pytest.mark.parametrize("template_id", TEMPLATES)
@_SETTINGS
@given(data=st.data())
def test_mutated_bodies_never_get_a_500(client, template_id, data):
    body = data.draw(_mutated(catalogue()[template_id].example) | _JSON)
    response = client.post(f"/api/documents/{template_id}", json=body)
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        _russian_errors(response)


# schemathesis on the OpenAPI document: bodies generated from each template's schema and bodies that
# break it (its positive and negative modes), sent to every endpoint of the document.
OPERATIONS = ["GET /api/templates", "GET /api/templates/{template_id}/schema",
              *(f"POST /api/documents/{template_id}" for template_id in TEMPLATES)]


@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode))
@pytest.mark.parametrize("operation", OPERATIONS)
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_endpoint_answers_generated_requests_without_a_500(app, client, operation, mode, data):
    token = client.environ_base["HTTP_AUTHORIZATION"]
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app, headers={"Authorization": token})
    method, path = operation.split(" ")
    case = data.draw(schema[path][method].as_strategy(mode))
    response = case.call(headers={"Authorization": token})
    assert response.status_code < 500, response.status_code
    if response.status_code == 400:
        errors = response.json()["errors"]
        assert errors and all(re.search("[а-яё]", e["message"], re.I) and not ENGLISH.search(e["message"])
                              for e in errors), errors
