"""``duuni demo``: fill an empty data directory with a living synthetic coaching project.

The demo is DuuniAgentti (S21048) as it could look two years into its run: over-50
unemployed people in Lohja, Vihti, Raasepori, Hanko and Karkkila enrolled over time,
coached one to one, in three-week job-seekers' and entrepreneurs' groups, on weekly
job-search days and on a 15-day online course; local companies with their hidden and gig
jobs, referrals, answers and placements; most participants exited with a realistic mix of
destinations. A second small project (DuuniPolku, Oulu) shows that projects are isolated.

Only the users and the two projects are written directly (``accounts``: there is no API
to create the first of them). Everything else goes over HTTP to the services' public JSON
APIs, served for the load by uvicorn on a local port (``server``), signed in as the coach
who would do it (``api``), exactly as the UI would: the demo exercises the same rules as
real use, and the event logs are what real use would leave. Coaching and matching learn of
intake's clients through their subscriptions, so the loader waits for their lag to reach
zero before it books or refers anyone.

The scenarios are one module each (``enrolment``, ``coaching``, ``groups``, ``employers``,
``referrals``, ``exits``, ``oulu``), run in order by ``loader``. Everything a coach chooses
(dates, kinds, outcomes) comes from one ``random.Random(seed)``; ids are fresh per run.
Every creating request carries a ``submission_id``, and a second load into a folder that
has users is refused before anything is written.
"""

from duuni.demo.accounts import DemoLogins
from duuni.demo.errors import DemoError
from duuni.demo.loader import load_demo

__all__ = ["DemoError", "DemoLogins", "load_demo"]
