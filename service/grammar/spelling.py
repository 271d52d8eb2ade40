"""Keep the user's spelling in a generated form: capitals and the choice of е or ё."""


def restore_case(original: str, form: str) -> str:
    """Write ``form`` with the capitalisation of ``original``: ALL CAPS, Title or lower case.

    >>> restore_case("ИВАНОВ", "Иванова")
    'ИВАНОВА'
    """
    if len(original) > 1 and original.isupper():
        return form.upper()
    if original[:1].isupper():
        return form[:1].upper() + form[1:].lower() if form[1:].islower() or not form[1:] else form
    return form.lower()


def keep_yo(original: str, form: str) -> str:
    """Fold ё to е in ``form`` when the user wrote ``original`` without ё (pymorphy3 adds it)."""
    if "ё" in original.lower():
        return form
    return form.replace("ё", "е").replace("Ё", "Е")
