"""What Alembic's ``env.py`` does for a schema tree, online or as SQL (adapter layer).

The tree and the connection come through the Alembic config's ``attributes`` from
``shared.migrations.trees``; nothing is read from an ini file or the environment.
"""

from __future__ import annotations

from typing import Any

from shared.migrations.tree import SchemaTree


def run(context: Any) -> None:
    """Run the migrations Alembic chose, for the tree named in the config."""
    config = context.config
    tree: SchemaTree = config.attributes["tree"]
    options: dict[str, Any] = {
        "target_metadata": list(tree.metadata),
        "version_table": tree.version_table,
        "include_name": tree.includes,
        "render_as_batch": True,  # SQLite alters a table by copying it
        "compare_type": True,
    }
    if context.is_offline_mode():
        context.configure(
            url=config.attributes["url"],
            literal_binds=True,
            dialect_opts={"paramstyle": "named"},
            **options,
        )
    else:
        context.configure(connection=config.attributes["connection"], **options)
    with context.begin_transaction():
        context.run_migrations()
