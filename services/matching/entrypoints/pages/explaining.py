"""The parts of a match as sentences a coach reads (entrypoint layer).

The scorer explains each part with a stable reason code and what matched or is missing,
as codes (``5120``, ``driving_licence``, ``fi``). Here each part becomes one sentence in
the reader's language, with names in place of codes: occupations by their ISCO-08 names,
languages by their names, the driving licence as words, places as written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from babel import Locale

from services.matching.domain.occupations import group_label, label_of
from services.matching.domain.scoring import ScorePart
from services.matching.domain.vocabulary import DRIVING_LICENCE
from services.matching.entrypoints import labels
from shared.web.i18n import N_

Translate = Callable[[str], str]

SENTENCES: dict[tuple[str, str], str] = {
    ("occupation", "exact"): N_(
        "The job's occupation, %(occupation)s, is one of the client's target occupations."
    ),
    ("occupation", "minor_group"): N_(
        "The client's target occupation %(near)s is closely related to the job's occupation, "
        "%(occupation)s: both belong to the group %(group)s."
    ),
    ("occupation", "sub_major_group"): N_(
        "The client's target occupation %(near)s is in the same field as the job's occupation, "
        "%(occupation)s: %(group)s."
    ),
    ("occupation", "none"): N_(
        "The job's occupation, %(occupation)s, is not among the client's target occupations."
    ),
    ("skills", "none_required"): N_("The job requires no particular skills."),
    ("skills", "all"): N_("The client has every skill the job requires (%(matched)s)."),
    ("skills", "some"): N_(
        "The client has some of the skills the job requires (%(matched)s), but lacks %(missing)s."
    ),
    ("skills", "none"): N_("The client has none of the skills the job requires (%(missing)s)."),
    ("commute", "commutable"): N_("%(place)s is within the client's commuting reach."),
    ("commute", "not_commutable"): N_("%(place)s is outside the client's commuting reach."),
    ("working_time", "as_preferred"): N_(
        "The job's working time (%(time)s) is what the client is looking for."
    ),
    ("working_time", "close"): N_(
        "The job's working time (%(time)s) is close to what the client is looking for."
    ),
    ("working_time", "other"): N_(
        "The job's working time (%(time)s) is not what the client is looking for."
    ),
    ("languages", "none_required"): N_("The job requires no particular language."),
    ("languages", "all"): N_("The client speaks every language the job requires (%(matched)s)."),
    ("languages", "some"): N_(
        "The client speaks some of the languages the job requires (%(matched)s), but not "
        "%(missing)s."
    ),
    ("languages", "none"): N_(
        "The client speaks none of the languages the job requires (%(missing)s)."
    ),
}
"""One sentence for each part and reason the scorer gives."""

DRIVING_LICENCE_NAME = N_("driving licence")


def language_name(code: str, language: str) -> str:
    """An ISO 639 code (``sv``) by its name in ``language`` (``ruotsi``), else the code."""
    locale = Locale.parse({"fi": "fi", "sv": "sv"}.get(language, "en"))
    return str(locale.languages.get(code, code))


@dataclasses.dataclass(frozen=True, slots=True)
class Explainer:
    """Sentences in one reader's language."""

    tr: Translate
    language: str

    def skill(self, tag: str) -> str:
        return self.tr(DRIVING_LICENCE_NAME) if tag == DRIVING_LICENCE else tag

    def listed(self, part: str, items: Iterable[str]) -> str:
        """What matched or is missing, as a coach reads it: names, not codes."""
        if part == "occupation":
            shown = [self.occupation(code) for code in items]
        elif part == "languages":
            shown = [language_name(code, self.language) for code in items]
        elif part == "working_time":
            shown = [_option(self.tr, labels.WORKING_TIMES, value).lower() for value in items]
        elif part == "commute":
            shown = [place.title() for place in items]
        else:
            shown = [self.skill(tag) for tag in items]
        return ", ".join(shown)

    def occupation(self, code: str) -> str:
        return f"{code} {label_of(code, self.language)}"

    def sentence(self, part: ScorePart) -> str:
        """The part as one sentence; a reason without one falls back to its label."""
        template = SENTENCES.get((part.part, part.reason))
        if template is None:
            return _option(self.tr, labels.PART_REASONS, part.reason)
        required = part.missing if part.part == "occupation" and part.missing else part.matched
        code = required[0] if part.part == "occupation" and required else ""
        if part.part == "occupation" and part.reason == "exact":
            code = part.matched[0] if part.matched else ""
        values = {
            "occupation": self.occupation(code) if code else "",
            "near": self.listed("occupation", part.matched),
            "group": group_label(code[: 3 if part.reason == "minor_group" else 2], self.language),
            "matched": self.listed(part.part, part.matched),
            "missing": self.listed(part.part, part.missing),
            "place": self.listed("commute", part.matched or part.missing),
            "time": self.listed("working_time", part.matched or part.missing),
        }
        return self.tr(template) % values


def _option(tr: Translate, options: labels.Options, value: str) -> str:
    return next((tr(label) for v, label in options if v == value), value)
