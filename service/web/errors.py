"""Error pages and JSON errors in Russian for every HTTP error the service can answer, so that no
English text of Werkzeug, Flask-WTF or WTForms ever reaches a user."""

import traceback

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from registry.db import RegistryBusy

#: Title and explanation of each status.
MESSAGES = {
    400: ("Запрос не понят", "Данные запроса неполны или повреждены. Вернитесь назад и отправьте форму ещё раз."),
    401: ("Нужен вход", "Войдите в систему, чтобы продолжить."),
    403: ("Доступ запрещён", "У вас нет прав на это действие."),
    404: ("Страница не найдена", "Такой страницы нет: возможно, запись удалена или адрес набран с ошибкой."),
    405: ("Действие недоступно", "Эта страница не принимает такой запрос. Откройте её из меню."),
    413: ("Слишком много данных", "Отправлено больше, чем принимает сервис: файл до 16 МБ, текст полей формы "
                                  "до 500 КБ, не больше 1000 полей. Сократите данные и повторите."),
    429: ("Слишком много попыток", "Подождите минуту и повторите."),
    500: ("Что-то пошло не так", "Внутренняя ошибка сервиса. Данные не изменены; попробуйте ещё раз или "
                                 "сообщите администратору."),
    503: ("Реестр занят", RegistryBusy().message),
}


def _answer(status: int):
    title, text = MESSAGES.get(status, (f"Ошибка {status}", "Запрос не выполнен."))
    if request.path.startswith("/api/"):
        return jsonify({"errors": [{"field": "$", "message": f"{title}. {text}"}]}), status
    if request.url_rule is None and request.routing_exception is not None and status == 400:
        # A host outside the allowed ones: no URL of this service can be built for it.
        return (f'<!doctype html><html lang="ru"><meta charset="utf-8"><title>{title}</title>'
                f"<h1>{title}</h1><p>{text}</p></html>"), status
    return render_template("error.html", title=title, text=text), status


def _http_error(error: HTTPException):
    return _answer(error.code or 500)


def _unexpected(error: Exception):
    if isinstance(error, HTTPException):
        return _http_error(error)
    if isinstance(error, RegistryBusy):
        return _answer(503)
    # The stack without the exception's message: messages may quote personal data.
    current_app.logger.error("Ошибка %s в %s %s:\n%s", type(error).__name__, request.method, request.url_rule,
                             "".join(traceback.format_tb(error.__traceback__)))
    return _answer(InternalServerError.code)


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
