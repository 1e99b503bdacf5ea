"""``duuni i18n``: keep the Finnish and Swedish catalogues complete."""

from __future__ import annotations

import typer
from rich.console import Console

from shared.web.catalogues import untranslated, update, web_packages

i18n_app = typer.Typer(help="Translations of the coaches' site.", no_args_is_help=True)
out = Console(soft_wrap=True)


@i18n_app.command("update")
def update_catalogues() -> None:
    """Add new messages of the code and templates to every catalogue, untranslated."""
    packages = web_packages()
    for package in packages:
        added = update(package, packages[0])
        out.print(f"{package.name}: " + ", ".join(f"{k} +{v}" for k, v in added.items()))


@i18n_app.command("check")
def check() -> None:
    """List the messages still without a Finnish or Swedish translation (exit 1 if any)."""
    packages = web_packages()
    missing = [line for package in packages for line in untranslated(package, packages[0])]
    for line in missing:
        out.print(line, highlight=False)
    if missing:
        raise typer.Exit(1)
    out.print("every message is translated")
