"""The body limit lets a participant sheet reach the import page and its confirmation
(the file travels back base64-encoded), and keeps the ordinary limit elsewhere."""

from __future__ import annotations

import pytest

from services.intake.entrypoints.import_pages import PAGE_BYTES
from shared.web.problems import ProblemError
from shared.web.security import MAX_BODY_BYTES, UPLOAD_BODY_BYTES
from tests.unit.web.test_upload_body_limit import _post


def test_the_largest_sheet_the_page_takes_and_its_confirmation_get_through() -> None:
    confirmation = PAGE_BYTES * 4 // 3 + 64 * 1024  # base64 and the form around it
    assert confirmation < UPLOAD_BODY_BYTES
    _post("/p/S21048/import", PAGE_BYTES + 64 * 1024)
    _post("/p/S21048/import/confirm", confirmation)


@pytest.mark.parametrize(
    "path", ["/p/S21048/import/other", "/p/S21048/imports", "/api/intake/projects/S21048/import"]
)
def test_addresses_beside_it_keep_the_form_limit(path: str) -> None:
    with pytest.raises(ProblemError) as refused:
        _post(path, MAX_BODY_BYTES + 1)
    assert refused.value.status_code == 413
