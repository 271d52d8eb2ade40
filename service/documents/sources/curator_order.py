"""The registry builder of ``curator-order``: the organisation and the curator
(:func:`service.documents.registry_data.order_data`)."""

from service.documents.registry_data import order_data


def build(db, organization_id: int, choice: int | None, options: dict) -> dict:
    """``options``: ``number``, ``date`` (ISO), ``curator_id`` and ``effective_date`` (ISO, optional)."""
    return order_data(db, organization_id, number=options["number"], date=options["date"],
                      curator_id=options.get("curator_id"), pair_ids=[],
                      effective_date=options.get("effective_date"))
