"""The registry builder of ``pairs-order``: the organisation, the curator and the pairs, each person with
the consent in force on the order's day (:func:`service.documents.registry_data.order_data`)."""

from service.documents.registry_data import order_data


def build(db, organization_id: int, choice: int | None, options: dict) -> dict:
    """``options``: ``number``, ``date`` (ISO), ``curator_id``, ``pair_ids`` and ``items`` (the optional
    items switched on or off by hand)."""
    return order_data(db, organization_id, number=options["number"], date=options["date"],
                      curator_id=options.get("curator_id"), pair_ids=options.get("pair_ids") or [],
                      options=options.get("items"))
