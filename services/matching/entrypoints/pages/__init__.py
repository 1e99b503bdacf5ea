"""The matching pages of the coaches' site: companies and their contact log, job leads,
ranked and explained candidates, referrals and placements (entrypoint layer).

Server-rendered, working without JavaScript (see ``rendering``). Pages live under
``/p/{project_id}/matching``; another project's company or lead answers 404 as if it did
not exist; auditors read every page and get 403 on writing.
"""

from __future__ import annotations

from fastapi import APIRouter

from services.matching.entrypoints.pages import clients, companies, home, leads, referrals

router = APIRouter(include_in_schema=False)
for part in (home, companies, leads, referrals, clients):
    router.include_router(part.router)
