"""``duuni users``: the accounts of the people who use the system.

Creating a user, an administrator's password reset, deactivating (and reactivating) a
user, and signing a user out everywhere. Every verb works on intake's account store
directly, so that an administrator who has locked themselves out can still get in.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from duuni.services import settings_for
from shared.cli import DataDir, out
from shared.eventlog.sql import open_database

if TYPE_CHECKING:
    from services.intake.adapters.accounts import SqlAccountStore

users_app = typer.Typer(help="Accounts of the system's users.", no_args_is_help=True)

Username = Annotated[str, typer.Argument(help="The user's sign-in name.")]
PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from standard input.")
]
T = TypeVar("T")


class AccountRefused(Exception):
    """A refused account change: shown as one line by the command line."""


@contextmanager
def _accounts(data_dir: Path) -> Iterator[SqlAccountStore]:
    from services.intake.adapters.accounts import SqlAccountStore
    from services.intake.service_layer.accounts import AccountError

    settings = settings_for("intake", data_dir)
    database = open_database(settings.resolved_database_url(), schema=settings.resolved_schema())
    try:
        yield SqlAccountStore(database).create()
    except AccountError as error:
        raise AccountRefused(str(error)) from error
    finally:
        database.dispose()


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def _on_accounts(data_dir: Path, change: Callable[[SqlAccountStore], T]) -> T:
    with _accounts(data_dir) as store:
        return change(store)


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="Sign-in name: a-z, 0-9, '.', '_' or '-'.")],
    role: Annotated[
        list[str], typer.Option(help="admin, coach, project_manager or auditor; repeatable.")
    ],
    project: Annotated[
        list[str] | None, typer.Option(help="Project code, e.g. S21048; repeatable.")
    ] = None,
    display_name: Annotated[str, typer.Option(help="Name shown in the UI.")] = "",
    password_stdin: PasswordStdin = False,
    data_dir: DataDir = Path("data"),
) -> None:
    """Create a user in the intake database; the password is asked for, hidden, twice."""
    from services.intake.service_layer.accounts import create_user

    password = _password(password_stdin)
    user = _on_accounts(
        data_dir,
        lambda store: create_user(
            store,
            username=username,
            password=password,
            roles=role,
            projects=project or [],
            display_name=display_name,
        ),
    )
    projects = ", ".join(sorted(user.projects())) or "all projects"
    out.print(
        f"created user {user.username} ({', '.join(sorted(user.roles))}; {projects})",
        highlight=False,
    )


@users_app.command("password")
def users_password(
    username: Username, password_stdin: PasswordStdin = False, data_dir: DataDir = Path("data")
) -> None:
    """Set a new password (asked for twice); every session of the user ends."""
    from services.intake.service_layer.accounts import reset_password

    password = _password(password_stdin)
    user = _on_accounts(data_dir, lambda store: reset_password(store, username, password))
    out.print(f"new password set for {user.username}; their sessions ended", highlight=False)


@users_app.command("deactivate")
def users_deactivate(username: Username, data_dir: DataDir = Path("data")) -> None:
    """Stop a user from signing in and end their sessions; their records stay."""
    from services.intake.service_layer.accounts import set_user_active

    user = _on_accounts(data_dir, lambda store: set_user_active(store, username, False))
    out.print(f"{user.username} deactivated; their sessions ended", highlight=False)


@users_app.command("activate")
def users_activate(username: Username, data_dir: DataDir = Path("data")) -> None:
    """Let a deactivated user sign in again."""
    from services.intake.service_layer.accounts import set_user_active

    user = _on_accounts(data_dir, lambda store: set_user_active(store, username, True))
    out.print(f"{user.username} may sign in again", highlight=False)


@users_app.command("sign-out")
def users_sign_out(username: Username, data_dir: DataDir = Path("data")) -> None:
    """End every session of the user (a lost phone, a shared computer)."""
    from services.intake.service_layer.accounts import revoke_sessions

    ended = _on_accounts(data_dir, lambda store: revoke_sessions(store, username))
    out.print(f"{ended} session(s) of {username} ended", highlight=False)
