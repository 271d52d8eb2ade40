"""Pages of accounts: «Вход», the first start, «Профиль», and the administrator's «Пользователи» and
«Организации»."""

import ipaddress

from flask import Blueprint, Flask, abort, flash, g, redirect, render_template, request, session, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from registry.audit import record
from registry.db import RegistryError
from registry.organization import create_organization, list_organizations
from registry.users import (
    ORGANIZATION_ROLES,
    ROLES,
    authenticate,
    create_token,
    create_user,
    find_user,
    get_user,
    has_users,
    list_tokens,
    list_users,
    revoke_token,
    set_disabled,
    set_password,
)
from service.web.access import can
from service.web.accounts.forms import (
    LoginForm,
    OrganizationCreateForm,
    PasswordForm,
    ResetPasswordForm,
    SetupForm,
    TokenForm,
    UserForm,
)
from service.web.db import get_db
from service.web.forms import ConfirmForm, options

bp = Blueprint("accounts", __name__)
login_manager = LoginManager()
# In memory: each process counts the attempts it sees.
limiter = Limiter(key_func=get_remote_address, storage_uri="memory://", default_limits=[])


class User(UserMixin):
    """The logged-in account as Flask-Login sees it: ``id``, ``login``, ``role``, ``organization_id``."""

    def __init__(self, row: dict):
        self.id, self.login, self.role = row["id"], row["login"], row["role"]
        self.organization_id, self.full_name = row["organization_id"], row["full_name"] or ""
        self.row = row

    @property
    def role_title(self) -> str:
        return ROLES[self.role]


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    row = get_user(get_db(), int(user_id)) if user_id.isdigit() else None
    return User(row) if row and not row["disabled_at"] else None


def audit(action: str, **kwargs) -> None:
    """Record an action of the current user (or of ``login`` for a failed login) from this request's
    address; ``kwargs`` as :func:`registry.audit.record`."""
    user = current_user.row if current_user.is_authenticated else None
    record(get_db(), action, user=user, address=request.remote_addr, **kwargs)


def _safe_next(target: str | None) -> str:
    """Only a path of this service: a login link must not send the user elsewhere. Without one, the
    start page of the role (the administrator reads no registry: «Пользователи»)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("index") if can("read") else url_for("accounts.users")


def _loopback() -> bool:
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


def _failed(response) -> bool:
    """Only failed attempts count against the limits: a school's staff log in from one address."""
    return response.status_code != 302


def _login_key() -> str:
    return f"{get_remote_address()}|{request.form.get('login', '').strip().lower()[:32]}"


@bp.route("/login", methods=("GET", "POST"))
@limiter.limit("5 per minute", key_func=_login_key, methods=["POST"], deduct_when=_failed)
@limiter.limit("30 per minute", methods=["POST"], deduct_when=_failed)
def login():
    db = get_db()
    if not has_users(db):
        return redirect(url_for("accounts.setup"))
    form = LoginForm()
    if form.validate_on_submit():
        row = authenticate(db, form.login.data, form.password.data)
        if row is None:
            known = find_user(db, form.login.data)
            record(db, "login_failed", login=form.login.data.strip().lower()[:32], address=request.remote_addr,
                   organization_id=known["organization_id"] if known else None)
            form.form_errors.append("Неверный логин или пароль, либо учётная запись отключена.")
        else:
            session.clear()
            session.permanent = True
            login_user(User(row))
            audit("login", organization_id=row["organization_id"])
            return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form)


@bp.route("/setup", methods=("GET", "POST"))
def setup():
    """The first start: an empty registry asks for its administrator, from this machine only."""
    db = get_db()
    if has_users(db):
        abort(404)
    if not _loopback():
        return render_template("error.html", title="Первый запуск", text="Создайте администратора на самом "
                               "сервере (откройте страницу с адреса 127.0.0.1) или командой «nastavnik users add "
                               "admin --role admin»."), 403
    form = SetupForm()
    if form.validate_on_submit():
        try:
            user_id = create_user(db, form.login.data, form.password.data, "admin", full_name=form.full_name.data)
        except RegistryError as error:
            form.add_error(error)
        else:
            login_user(User(get_user(db, user_id)))
            session.permanent = True
            audit("setup", object_kind="user", object_id=user_id)
            flash("Администратор создан. Добавьте организацию и пользователей.")
            return redirect(url_for("accounts.organizations"))
    return render_template("accounts/setup.html", form=form)


@bp.post("/logout")
def logout():
    if ConfirmForm().validate_on_submit():
        audit("logout", organization_id=current_user.organization_id)
        logout_user()
        session.clear()
        flash("Вы вышли из системы.")
    return redirect(url_for("accounts.login"))


@bp.route("/profile", methods=("GET", "POST"))
def profile():
    db = get_db()
    password_form, token_form = PasswordForm(prefix="password"), TokenForm(prefix="token")
    new_token = None
    if password_form.submit.data and password_form.validate_on_submit():
        if authenticate(db, current_user.login, password_form.current.data) is None:
            password_form.current.errors = ["Нынешний пароль введён неверно."]
        else:
            try:
                set_password(db, current_user.id, password_form.password.data)
            except RegistryError as error:
                password_form.add_error(error)
            else:
                audit("change", object_kind="user", object_id=current_user.id, details="смена пароля")
                flash("Пароль изменён.")
                return redirect(url_for("accounts.profile"))
    elif token_form.create.data and token_form.validate_on_submit():
        session["new_token"] = create_token(db, current_user.id, token_form.label.data or "")
        audit("token", object_kind="user", object_id=current_user.id, details="создан API-токен")
        return redirect(url_for("accounts.profile"))
    else:
        # Shown once: the page after the redirect takes it out of the session.
        new_token = session.pop("new_token", None)
    return render_template("accounts/profile.html", password_form=password_form, token_form=token_form,
                           new_token=new_token, tokens=list_tokens(db, current_user.id), revoke_form=ConfirmForm())


@bp.post("/profile/tokens/<id:token_id>/revoke")
def revoke_token_view(token_id: int):
    if ConfirmForm().validate_on_submit() and revoke_token(get_db(), current_user.id, token_id):
        audit("token", object_kind="user", object_id=current_user.id, details=f"отозван API-токен {token_id}")
        flash("Токен отозван: с ним больше нельзя обращаться к API.")
    return redirect(url_for("accounts.profile"))


@bp.post("/organization/choose")
def choose_organization():
    """For the administrator and the methodological centre: which organisation's pages to show."""
    chosen = request.form.get("organization_id", type=int)
    if ConfirmForm().validate_on_submit() and chosen in {o["id"] for o in list_organizations(get_db())}:
        session["organization_id"] = chosen
    return redirect(_safe_next(request.form.get("next")))


def _organization_options(db) -> list:
    return options([(0, "— для администратора и методического центра не нужна —")]
                   + [(o["id"], o["short_name"] or o["full_name"]) for o in list_organizations(db)])


@bp.route("/admin/users", methods=("GET", "POST"))
def users():
    db = get_db()
    form = UserForm()
    form.organization_id.choices = _organization_options(db)
    if form.validate_on_submit():
        organization_id = form.organization_id.data or None
        try:
            user_id = create_user(db, form.login.data, form.password.data, form.role.data, organization_id,
                                  form.full_name.data or "")
        except RegistryError as error:
            form.add_error(error)
        else:
            audit("create", object_kind="user", object_id=user_id, organization_id=organization_id)
            flash(f"Пользователь {form.login.data.strip().lower()} добавлен.")
            return redirect(url_for("accounts.users"))
    return render_template("accounts/users.html", form=form, users=list_users(db), roles=ROLES,
                           organization_roles=ORGANIZATION_ROLES)


@bp.route("/admin/users/<id:user_id>", methods=("GET", "POST"))
def user(user_id: int):
    db = get_db()
    row = get_user(db, user_id)
    if row is None:
        abort(404)
    password_form, toggle_form = ResetPasswordForm(prefix="reset"), ConfirmForm(prefix="toggle")
    if password_form.submit.data and password_form.validate_on_submit():
        try:
            set_password(db, user_id, password_form.password.data)
        except RegistryError as error:
            password_form.add_error(error)
        else:
            audit("change", object_kind="user", object_id=user_id, details="новый пароль")
            flash(f"Пароль пользователя {row['login']} изменён.")
            return redirect(url_for("accounts.user", user_id=user_id))
    elif request.form.get("toggle-action") and toggle_form.validate_on_submit():
        if user_id == current_user.id:
            flash("Свою учётную запись отключить нельзя.")
        else:
            disable = row["disabled_at"] is None
            set_disabled(db, user_id, disable)
            audit("change", object_kind="user", object_id=user_id, details="отключена" if disable else "включена")
            flash(f"Пользователь {row['login']} " + ("отключён." if disable else "снова может входить."))
        return redirect(url_for("accounts.user", user_id=user_id))
    return render_template("accounts/user.html", account=row, roles=ROLES, password_form=password_form,
                           toggle_form=toggle_form)


@bp.route("/admin/organizations", methods=("GET", "POST"))
def organizations():
    db = get_db()
    form = OrganizationCreateForm()
    if form.validate_on_submit():
        try:
            organization_id = create_organization(db, {"full_name": form.full_name.data.strip(),
                                                       "short_name": (form.short_name.data or "").strip(),
                                                       "locality": form.locality.data.strip()})
        except RegistryError as error:
            form.add_error(error)
        else:
            audit("create", object_kind="organization", object_id=organization_id, organization_id=organization_id)
            flash("Организация добавлена. Добавьте её секретаря в «Пользователях».")
            return redirect(url_for("accounts.organizations"))
    return render_template("accounts/organizations.html", form=form, organizations=list_organizations(db))


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    # A page that needs a login is handled by service.web.access, which knows pages from the API.
    login_manager.login_view = None
    limiter.init_app(app)
    app.register_blueprint(bp)
    app.jinja_env.globals["current_organization"] = lambda: g.get("organization")
    app.jinja_env.globals["organizations_for_choice"] = lambda: list_organizations(get_db())
