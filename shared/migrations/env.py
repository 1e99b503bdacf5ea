"""Alembic's environment for every schema tree of Duuni (see ``shared.migrations``)."""

from alembic import context

from shared.migrations.environment import run

run(context)
