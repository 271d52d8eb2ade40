"""«Документы»: the catalogue, the form of each document kind with a preview of every declined phrase,
the orders journal and its versions."""

from service.web.documents.routes import bp, index

__all__ = ["bp", "index"]
