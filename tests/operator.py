"""The operator token every app under test accepts for ``/metrics`` and detailed health.

Set in the environment when the test session starts (tests/conftest.py imports this), so
that apps built in-process and servers started as child processes both read it.
"""

from __future__ import annotations

import os

from shared.web.operators import OPERATOR_TOKEN_ENV, operator_headers

TOKEN = os.environ.setdefault(OPERATOR_TOKEN_ENV, "operator-token-of-the-tests")
OPERATOR = operator_headers(TOKEN)
"""Headers that open ``/metrics``, ``/health`` and ``/api/<service>/health``."""
