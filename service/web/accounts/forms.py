"""Forms of the accounts pages."""

from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo

from registry.users import ROLES
from service.web.forms import REQUIRED, RussianForm, Select, _max, options


class LoginForm(RussianForm):
    login = StringField("Логин", validators=[DataRequired(REQUIRED), _max(32)],
                        render_kw={"autocomplete": "username", "autocapitalize": "none"})
    password = PasswordField("Пароль", validators=[DataRequired(REQUIRED), _max(200)],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField("Войти")


class NewPasswordMixin:
    password = PasswordField("Пароль", validators=[DataRequired(REQUIRED), _max(200)],
                             render_kw={"autocomplete": "new-password"})
    password_again = PasswordField("Пароль ещё раз", validators=[
        DataRequired(REQUIRED), EqualTo("password", "Пароли не совпадают: введите один и тот же дважды.")],
        render_kw={"autocomplete": "new-password"})


class SetupForm(NewPasswordMixin, RussianForm):
    login = StringField("Логин администратора", default="admin", validators=[DataRequired(REQUIRED), _max(32)])
    full_name = StringField("ФИО (необязательно)", validators=[_max(200)])
    submit = SubmitField("Создать администратора")


class PasswordForm(NewPasswordMixin, RussianForm):
    current = PasswordField("Нынешний пароль", validators=[DataRequired(REQUIRED), _max(200)],
                            render_kw={"autocomplete": "current-password"})
    submit = SubmitField("Сменить пароль")


class TokenForm(RussianForm):
    label = StringField("Для чего токен", validators=[_max(100)], render_kw={"placeholder": "например, выгрузка из 1С"})
    create = SubmitField("Создать API-токен")


class UserForm(NewPasswordMixin, RussianForm):
    login = StringField("Логин", validators=[DataRequired(REQUIRED), _max(32)])
    full_name = StringField("ФИО", validators=[_max(200)])
    role = Select("Роль", choices=options(ROLES.items()), default="secretary")
    organization_id = Select("Организация", coerce=int, default=0)
    submit = SubmitField("Добавить")


class ResetPasswordForm(NewPasswordMixin, RussianForm):
    submit = SubmitField("Задать пароль")


class OrganizationCreateForm(RussianForm):
    full_name = StringField("Полное наименование", validators=[DataRequired(REQUIRED), _max(500)])
    short_name = StringField("Краткое наименование", validators=[_max(200)])
    locality = StringField("Место издания приказов", validators=[DataRequired(REQUIRED), _max(100)])
    submit = SubmitField("Добавить организацию")
