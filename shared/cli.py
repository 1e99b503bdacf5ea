"""What every command line of the project shares: its consoles and the data folder option.

The ``duuni`` command and the services' own verbs (reporting's replay, report and audit)
print the same way and find the embedded logs by the same option and variable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

out = Console(soft_wrap=True)
err = Console(stderr=True)

DataDir = Annotated[
    Path, typer.Option("--data-dir", envvar="DUUNI_DATA_DIR", help="Folder of the embedded logs.")
]
