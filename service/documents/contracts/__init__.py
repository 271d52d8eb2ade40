"""The data contract of each document kind (pydantic v2 models), named by the catalogue
(``doc_templates/catalogue.json``: ``"contract": "orders.PairsOrder"`` is the class ``PairsOrder`` of
:mod:`service.documents.contracts.orders`). From a kind's model come the validation with one Russian
message per field, its JSON Schema (``GET /api/templates/<id>/schema``), the OpenAPI document, the CLI
``render`` and the API; the registry builders of :mod:`service.documents.registry_data` fill it."""

import importlib

from service.documents.contracts.base import ContractError, Document, FieldError, validate

__all__ = ["ContractError", "Document", "FieldError", "contract_class", "validate"]


def contract_class(name: str) -> type[Document]:
    """The model named ``module.Class`` within this package. Raises LookupError for an unknown name
    (a catalogue error, caught by the catalogue's tests)."""
    module_name, _, class_name = name.rpartition(".")
    module = importlib.import_module(f"{__name__}.{module_name}")
    found = getattr(module, class_name, None)
    if not (isinstance(found, type) and issubclass(found, Document)):
        raise LookupError(f"нет контракта {name}")
    return found
