"""The registry builders of the document kinds beyond the orders: ``service.documents.sources.<id with
underscores>.build(db, organization_id, choice, options)`` returns the kind's contract dict (see
:mod:`service.documents.contracts`) for the record the secretary picked (a pair, a person, an order …,
by the catalogue entry's ``source``). Missing pieces are left out so that the contract names them."""
