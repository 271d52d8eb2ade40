"""«Документы»: the catalogue, the form of each document kind with a preview of every declined phrase,
the orders journal and its versions, and one print file of many documents."""

from service.web.documents import printing  # noqa: F401 - its view joins the blueprint
from service.web.documents.routes import bp, index

__all__ = ["bp", "index"]
