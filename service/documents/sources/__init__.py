"""The registry builder of each document kind: ``service.documents.sources.<id with
underscores>.build(db, organization_id, choice, options)`` returns the kind's contract dict (see
:mod:`service.documents.contracts`) for the record the secretary picked (a pair, a person, an order …,
by the catalogue entry's ``source``). Missing pieces are left out so that the contract names them."""

import importlib


def from_registry(template_id: str, db, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of ``template_id`` built from the registry by its module's ``build``."""
    module = importlib.import_module(f"{__name__}.{template_id.replace('-', '_')}")
    return module.build(db, organization_id, choice, options)
