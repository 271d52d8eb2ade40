"""Reading a JSON request body safely: size, nesting depth and list lengths bounded, strings
NFC-normalised, lone surrogates and control characters refused — each problem a Russian message
with the path of the field, in the style of the data contract (``pairs[0].mentor.full_name``)."""

import json
import unicodedata

from flask import request

#: Limits of a body (a district's largest order has a few dozen pairs).
MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 20
MAX_ITEMS = 500


class BodyError(ValueError):
    """A body that is not acceptable JSON: ``errors`` as ``[{"field": …, "message": …}]``."""

    def __init__(self, errors: list[dict]):
        super().__init__("; ".join(e["message"] for e in errors))
        self.errors = errors


def _clean(value, path: str, depth: int, errors: list[dict]):
    if depth > MAX_DEPTH:
        errors.append({"field": path, "message": f"вложенность больше {MAX_DEPTH} уровней."})
        return None
    if isinstance(value, dict):
        return {key: _clean(item, f"{path}.{key}" if path != "$" else key, depth + 1, errors)
                for key, item in value.items()}
    if isinstance(value, list):
        if len(value) > MAX_ITEMS:
            errors.append({"field": path, "message": f"больше {MAX_ITEMS} элементов в списке: разделите данные "
                                                     "на несколько документов."})
            return []
        return [_clean(item, f"{path}[{i}]", depth + 1, errors) for i, item in enumerate(value)]
    if isinstance(value, str):
        for char in value:
            if 0xD800 <= ord(char) <= 0xDFFF or (unicodedata.category(char)[0] == "C" and char not in "\t\n\r"):
                errors.append({"field": path, "message": f"недопустимый символ U+{ord(char):04X}: удалите его."})
                return ""
        return unicodedata.normalize("NFC", value)
    return value


def read_json():
    """The request's JSON, cleaned; raises :class:`BodyError` for a body that is not a JSON object
    of acceptable size, depth and characters."""
    if request.mimetype != "application/json":
        raise BodyError([{"field": "$", "message": "Тело запроса должно быть JSON-объектом (Content-Type: "
                                                   "application/json) по контракту данных."}])
    if (request.content_length or 0) > MAX_BYTES:
        raise BodyError([{"field": "$", "message": f"Тело запроса больше {MAX_BYTES // 1024 // 1024} МБ."}])
    raw = request.get_data(cache=False)
    if len(raw) > MAX_BYTES:
        raise BodyError([{"field": "$", "message": f"Тело запроса больше {MAX_BYTES // 1024 // 1024} МБ."}])
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise BodyError([{"field": "$", "message": f"вложенность больше {MAX_DEPTH} уровней."}]) from None
    except UnicodeDecodeError:
        raise BodyError([{"field": "$", "message": "Тело запроса — не текст в UTF-8: сохраните его в кодировке "
                                                   "UTF-8."}]) from None
    except ValueError as error:
        where = f" (строка {error.lineno}, знак {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
        raise BodyError([{"field": "$", "message": f"Тело запроса — не JSON{where}: проверьте кавычки и "
                                                   "запятые."}]) from None
    if not isinstance(data, dict):
        raise BodyError([{"field": "$", "message": "Тело запроса должно быть JSON-объектом {…} по контракту "
                                                   "данных."}])
    errors: list[dict] = []
    cleaned = _clean(data, "$", 0, errors)
    if errors:
        raise BodyError(errors)
    return cleaned
