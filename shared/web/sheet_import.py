"""What every sheet import shares, whatever it brings in (participants in intake, sessions
in coaching): reading a row's cells, running the rows through a service's bus in batches,
the outcome row by row, and the page's upload → check → confirm flow.

A service keeps only what differs: its columns and the command a row becomes, the batch
command its bus takes, the words for its bus's refusals and the cells its table shows.
A real import first runs dry over the whole file and stores nothing unless every row
passes: a file half imported would leave the manager to work out which half. On the page
the checked file travels back base64-encoded in a hidden field of the confirming form
(nothing is kept on the server between the two steps), and the confirmation checks its
SHA-256 against the one the manager saw.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, Final, Generic, Protocol, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from shared.messagebus import Accepted, CommandContext, MessageBus
from shared.refusal import Refusal
from shared.web.error_pages import error_page
from shared.web.guards import PageGuards
from shared.web.i18n import N_
from shared.web.principal import PROJECT_MANAGER, SignedIn, csrf_matches
from shared.web.sheets import Problem, SheetError, read_table

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from shared.web.pages import Pages

C = TypeVar("C", bound="DataclassInstance")
"""A row's import command (a dataclass with ``dry_run``)."""
C_co = TypeVar("C_co", covariant=True)
E = TypeVar("E", bound=Enum)
V = TypeVar("V")

NOT_A_DATE = N_("not a date (write it as 2026-03-31)")
NOT_A_NUMBER = N_("not a whole number")
NOT_A_CODE = N_("not one of the codes %(codes)s")
NO_COLUMN = N_("the file has no such column: it is needed")
REFUSED: Final = N_("refused (%(code)s)")
NO_FILE = N_("Choose the file to import.")
CHANGED = N_("The file changed between the check and the import: check it again.")
FILE_FIELD: Final = "file"

BATCH: Final = 250
"""Rows per command to the bus: the read models catch up once per batch."""

Progress = Callable[[int], None]
"""Told how many rows are done, after each."""


class RowStatus(StrEnum):
    NEW = "new"
    """A dry run: the row would be created."""
    CREATED = "created"
    ALREADY = "already"
    """Imported before: nothing new."""
    INVALID = "invalid"


STATUS_LABELS: Final = {
    RowStatus.NEW: N_("would be created"),
    RowStatus.CREATED: N_("created"),
    RowStatus.ALREADY: N_("already imported: nothing new"),
    RowStatus.INVALID: N_("not imported"),
}


class ReadRow(Protocol[C_co]):
    """A row of a read sheet: its command, or the problems that keep it from being one."""

    @property
    def row(self) -> int: ...
    @property
    def reference(self) -> str: ...
    @property
    def command(self) -> C_co | None: ...
    @property
    def problems(self) -> tuple[Problem, ...]: ...


R = TypeVar("R", bound=ReadRow[Any])


@dataclasses.dataclass(frozen=True, slots=True)
class Sheet(Generic[R]):
    """A whole file read: its SHA-256, its rows, and problems of the file as a whole."""

    sha256: str
    rows: tuple[R, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and all(not r.problems for r in self.rows)

    def all_problems(self) -> list[Problem]:
        return [*self.problems, *(p for r in self.rows for p in r.problems)]


@dataclasses.dataclass(frozen=True, slots=True)
class Table:
    """A file's cells by column: its SHA-256, where each column is, and its numbered rows
    (as a spreadsheet numbers them, the header being row 1); or why none can be read."""

    sha256: str
    where: dict[str, int]
    rows: list[tuple[int, Sequence[Any]]]
    problems: tuple[Problem, ...] = ()


def read_columns(data: bytes, filename: str, required: Sequence[str], no_rows: str) -> Table:
    """The file's rows when it has every ``required`` column and a row; ``no_rows`` is the
    words for a header alone. Raises ``SheetError`` for a file that is no sheet."""
    sha256 = hashlib.sha256(data).hexdigest()
    header, rows = read_table(data, filename)
    where = {name: index for index, name in enumerate(header) if name}
    absent = [name for name in required if name not in where]
    if absent:
        return Table(sha256, where, [], tuple(Problem(1, name, NO_COLUMN) for name in absent))
    if not rows:
        return Table(sha256, where, [], (Problem(2, "", no_rows),))
    return Table(sha256, where, list(enumerate(rows, start=2)))


class Cells:
    """One row's cells by column name; every value read notes its own problem.
    ``missing`` is the words for a required cell left empty."""

    def __init__(
        self, number: int, cells: Sequence[Any], where: dict[str, int], missing: str
    ) -> None:
        self.line = number
        self.cells = cells
        self.where = where
        self.missing = missing
        self.problems: list[Problem] = []

    def raw(self, column: str) -> Any:
        index = self.where.get(column)
        if index is None or index >= len(self.cells):
            return None
        value = self.cells[index]
        return None if isinstance(value, str) and not value.strip() else value

    def problem(self, column: str, message: str, **values: str) -> None:
        self.problems.append(Problem(self.line, column, message, tuple(values.items())))

    def text(self, column: str, *, required: bool = False) -> str | None:
        value = self.raw(column)
        if value is None:
            if required:
                self.problem(column, self.missing)
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def day(self, column: str, *, required: bool = False) -> date | None:
        value = self.raw(column)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return self._parsed(column, required, _iso_day, NOT_A_DATE)

    def number(self, column: str, *, required: bool = False) -> int | None:
        return self._parsed(column, required, int, NOT_A_NUMBER)

    def code(self, column: str, kind: type[E], *, required: bool = False) -> E | None:
        codes = ", ".join(str(k.value) for k in kind)
        return self._parsed(column, required, kind, NOT_A_CODE, codes=codes)

    def _parsed(
        self, column: str, required: bool, parse: Callable[[str], V], message: str, **values: str
    ) -> V | None:
        """The cell's text as ``parse`` reads it; ``message`` noted where it does not."""
        text = self.text(column, required=required)
        if text is None:
            return None
        try:
            return parse(text)
        except ValueError:
            self.problem(column, message, **values)
            return None


def _iso_day(text: str) -> date:
    """2026-03-31, also with a time after it (as a spreadsheet may write a date)."""
    return date.fromisoformat(text[:10] if len(text) > 10 and text[10] in "T " else text)


@dataclasses.dataclass(frozen=True, slots=True)
class RowOutcome(Generic[C]):
    row: int
    reference: str
    status: RowStatus
    command: C | None
    problems: tuple[Problem, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class ImportOutcome(Generic[C]):
    sha256: str
    rows: tuple[RowOutcome[C], ...]
    problems: tuple[Problem, ...]
    """Of the file as a whole."""
    dry_run: bool

    @property
    def ok(self) -> bool:
        return not self.problems and all(r.status is not RowStatus.INVALID for r in self.rows)

    def count(self, status: RowStatus) -> int:
        return sum(1 for r in self.rows if r.status is status)

    def counts(self) -> list[tuple[int, str]]:
        """How many rows of each status there are (an msgid each), the statuses present."""
        return [(self.count(s), STATUS_LABELS[s]) for s in RowStatus if self.count(s)]

    def all_problems(self) -> list[Problem]:
        return [*self.problems, *(p for r in self.rows for p in r.problems)]


@dataclasses.dataclass(frozen=True, slots=True)
class BatchRun(Generic[C]):
    """How one service's bus takes the rows: ``command`` builds the batch command from the
    rows' commands (the bus answers with ``outcomes``, one per row, or refuses the whole
    batch); ``problem`` words a row's refusal at its row."""

    bus: MessageBus
    context: CommandContext
    command: Callable[[tuple[C, ...]], object]
    outcomes: Callable[[Accepted], Sequence[Accepted | Refusal]]
    problem: Callable[[int, Refusal], Problem]

    def checked_then_run(
        self, sheet: Sheet[Any], *, dry_run: bool, progress: Progress | None = None
    ) -> ImportOutcome[C]:
        """The dry run's outcome; for real, the import's, or the dry run's if any row fails."""
        checked = self._each(sheet, dry_run=True, progress=progress if dry_run else None)
        if dry_run or not checked.ok:
            return checked
        return self._each(sheet, dry_run=False, progress=progress)

    def _each(
        self, sheet: Sheet[Any], *, dry_run: bool, progress: Progress | None
    ) -> ImportOutcome[C]:
        rows: Sequence[ReadRow[C]] = sheet.rows
        outcomes: list[RowOutcome[C]] = []
        for first in range(0, len(rows), BATCH):
            batch = rows[first : first + BATCH]
            outcomes.extend(self._batch(batch, dry_run=dry_run))
            if progress is not None:
                progress(first + len(batch))
        return ImportOutcome(sheet.sha256, tuple(outcomes), sheet.problems, dry_run)

    def _batch(self, rows: Sequence[ReadRow[C]], *, dry_run: bool) -> list[RowOutcome[C]]:
        """The rows' outcomes in order: the readable ones go to the bus as one command."""
        commands = [
            dataclasses.replace(row.command, dry_run=dry_run)
            for row in rows
            if row.command is not None
        ]
        answers: list[Accepted | Refusal] = []
        if commands:
            try:
                accepted = self.bus.handle(self.command(tuple(commands)), self.context)
                answers = list(self.outcomes(accepted))
            except Refusal as refusal:  # the whole batch: not a manager, no such project
                answers = [refusal] * len(commands)
        given = iter(zip(commands, answers, strict=True))
        done: list[RowOutcome[C]] = []
        for row in rows:
            if row.command is None:
                status, command, problems = RowStatus.INVALID, None, row.problems
            else:
                command, answer = next(given)
                problems = ()
                if isinstance(answer, Refusal):
                    status, problems = RowStatus.INVALID, (self.problem(row.row, answer),)
                elif answer.duplicate:
                    status = RowStatus.ALREADY
                else:
                    status = RowStatus.NEW if dry_run else RowStatus.CREATED
            done.append(RowOutcome(row.row, row.reference, status, command, problems))
        return done


class ServiceState(Protocol):
    """What the import's routes need of a service's state."""

    @property
    def guards(self) -> PageGuards: ...
    @property
    def pages(self) -> Pages: ...


S = TypeVar("S", bound=ServiceState)
PageOf = Callable[[S, Request, str, SignedIn], "ImportPage[Any]"]
"""A service's import page for the signed-in manager of the project."""


def _manager(state: ServiceState, request: Request, project_id: str) -> SignedIn | Response:
    """A project manager of the project or an administrator, or the page to answer."""
    found = state.guards.viewer(request, project_id)
    if isinstance(found, Response):
        return found
    if not (found.user.is_admin or PROJECT_MANAGER in found.user.roles_in(project_id)):
        return state.pages.forbidden(request, found)
    return found


def import_router(path: str, state_of: Callable[..., S], page_of: PageOf[S]) -> APIRouter:
    """The page at ``path`` (``/p/{project_id}/...``) and its two posts: the check of an
    upload, and ``path/confirm``; for project managers (and administrators) only.
    ``state_of`` is the service's state dependency."""
    router = APIRouter(include_in_schema=False)
    service = Depends(state_of)

    async def page(request: Request, project_id: str, state: S, step: str) -> Response:
        found = _manager(state, request, project_id)
        if isinstance(found, Response):
            return found
        shown = page_of(state, request, project_id, found)
        if step == "check":
            return await shown.check_upload()
        return await shown.confirm() if step == "confirm" else shown.render()

    @router.get(path, response_class=HTMLResponse)
    async def import_page(request: Request, project_id: str, state: Any = service) -> Response:
        return await page(request, project_id, state, "show")

    @router.post(path, response_class=HTMLResponse)
    async def check_file(request: Request, project_id: str, state: Any = service) -> Response:
        """The dry run of the uploaded file: the table, and the confirming form if it passes."""
        return await page(request, project_id, state, "check")

    @router.post(path + "/confirm", response_class=HTMLResponse)
    async def confirm(request: Request, project_id: str, state: Any = service) -> Response:
        """The import of the file the manager checked (the same SHA-256), or the check again."""
        return await page(request, project_id, state, "confirm")

    return router


Show = Callable[[Mapping[str, Any], int], Response]
"""Renders the service's import template with this context and status code."""


@dataclasses.dataclass(frozen=True, slots=True)
class ImportPage(Generic[C]):
    """One signed-in manager's import page: what the service gives, the flow shared.

    ``check`` reads the sheet (``SheetError`` for a file that is none); ``run`` takes it
    through the bus, dry or for real (called in a worker thread); ``row`` is one row of
    the page's table; ``too_large`` the words for a file over ``page_bytes``."""

    request: Request
    signed_in: SignedIn
    tr: Callable[[str], str]
    show: Show
    page_bytes: int
    too_large: str
    check: Callable[[bytes, str], Any]
    run: Callable[[Any, bool], ImportOutcome[C]]
    row: Callable[[RowOutcome[C], Callable[[str], str]], dict[str, Any]]

    def render(
        self, *, outcome: ImportOutcome[C] | None = None, error: str | None = None,
        content: bytes = b"", file_name: str = "", status_code: int = 200,
    ) -> Response:  # fmt: skip
        tr = self.tr
        context = {
            "outcome": outcome,
            "rows": [] if outcome is None else [self.row(r, tr) for r in outcome.rows],
            "file_problems": [] if outcome is None else [p.text(tr) for p in outcome.problems],
            "counts": [] if outcome is None else [(n, tr(s)) for n, s in outcome.counts()],
            "error": None if error is None else tr(error),
            "content": base64.b64encode(content).decode("ascii") if content else "",
            "file_name": file_name,
        }
        return self.show(context, status_code)

    async def check_upload(self) -> Response:
        """The dry run of the uploaded file: the table, and the confirming form if it passes."""
        form = await self.request.form(max_files=1, max_fields=5)
        if not csrf_matches(self.signed_in, _text(form.get("csrf_token"))):
            return error_page(self.request, 403, "csrf_failed", self.signed_in)
        upload = form.get(FILE_FIELD)
        content, file_name = b"", ""
        if isinstance(upload, UploadFile):
            try:
                content = await upload.read(self.page_bytes + 1)
            finally:
                await upload.close()
            file_name = upload.filename or ""
        if not content:
            return self.render(error=NO_FILE, status_code=422)
        if len(content) > self.page_bytes:
            return self.render(error=self.too_large, status_code=422)
        return await self._run(content, file_name, dry_run=True)

    async def confirm(self) -> Response:
        """The import of the file the manager checked (the same SHA-256), or the check again."""
        form = await self.request.form(max_files=0, max_fields=5, max_part_size=self.page_bytes * 2)
        if not csrf_matches(self.signed_in, _text(form.get("csrf_token"))):
            return error_page(self.request, 403, "csrf_failed", self.signed_in)
        try:
            content = base64.b64decode(_text(form.get("content")), validate=True)
        except (binascii.Error, ValueError):
            content = b""
        if not content or hashlib.sha256(content).hexdigest() != _text(form.get("sha256")):
            return self.render(error=CHANGED, status_code=422)
        return await self._run(content, _text(form.get("file_name")), dry_run=False)

    async def _run(self, content: bytes, file_name: str, *, dry_run: bool) -> Response:
        try:
            sheet = self.check(content, file_name)
        except SheetError as error:
            return self.render(error=error.message, status_code=422)
        outcome = await run_in_threadpool(lambda: self.run(sheet, dry_run))
        kept = content if dry_run and outcome.ok else b""
        return self.render(
            outcome=outcome, content=kept, file_name=file_name,
            status_code=200 if outcome.ok else 422,
        )  # fmt: skip


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
