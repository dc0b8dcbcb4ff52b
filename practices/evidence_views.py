"""The public page that explains the evidence levels moderators assign.

The criteria follow the spirit of evidence registries such as CrimeSolutions
(US National Institute of Justice) and the European Crime Prevention
Network's guidance on evaluation: a level says how much is known about a
practice, from which kind of study; it is not a rating of how good it is.
"""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from practices.models import Practice

Level = Practice.EvidenceLevel


@dataclass(frozen=True)
class EvidenceLevelCriteria:
    code: str
    label: Promise
    summary: Promise
    criteria: tuple[Promise, ...]
    tells_readers: Promise


EVIDENCE_LEVELS: tuple[EvidenceLevelCriteria, ...] = (
    EvidenceLevelCriteria(
        code=Level.NOT_EVALUATED,
        label=Level.NOT_EVALUATED.label,
        summary=_("The practice is described by the people who run it. No evaluation of it is known yet."),
        criteria=(
            _("The write-up describes the aims, the target audience and the activities."),
            _("There is no written evaluation, or the one mentioned could not be checked."),
            _(
                "Monitoring figures (for example the number of participants) may be given, but they were not "
                "assessed against the practice's aims."
            ),
        ),
        tells_readers=_(
            "A source of ideas and contacts. It does not mean the practice does not work: many practices "
            "in prevention have simply not been evaluated yet."
        ),
    ),
    EvidenceLevelCriteria(
        code=Level.PROCESS,
        label=Level.PROCESS.label,
        summary=_("An evaluation examined how the practice was carried out."),
        criteria=(
            _(
                "A written evaluation, internal or external, with its method described (for example interviews, "
                "observation, participant feedback or monitoring data)."
            ),
            _(
                "It examines whether the practice reached its target audience and was delivered as planned, "
                "and what helped or hindered it."
            ),
            _("The write-up says where to find the evaluation, or summarises its method and results."),
        ),
        tells_readers=_(
            "Whether the practice can be run as described, and what to watch out for when you start one. "
            "It does not show whether the practice achieves its outcomes."
        ),
    ),
    EvidenceLevelCriteria(
        code=Level.OUTCOME,
        label=Level.OUTCOME.label,
        summary=_("An evaluation measured whether the intended outcomes changed for the people the practice serves."),
        criteria=(
            _(
                "The outcomes and how they are measured are defined before the measurement (for example attitudes, "
                "behaviour, resilience, re-offending)."
            ),
            _(
                "They are measured at least before and after the practice; a comparison group that did not take part "
                "makes the result much stronger."
            ),
            _("The results are reported as found, including outcomes that did not change or got worse."),
            _(
                "The evaluation's limits are stated: the number of participants, who dropped out, what else could "
                "explain the change."
            ),
        ),
        tells_readers=_(
            "There is a measured indication of what the practice achieves, in its own setting. Whether the same "
            "happens elsewhere depends on how far your context resembles it."
        ),
    ),
    EvidenceLevelCriteria(
        code=Level.PEER_REVIEWED,
        label=Level.PEER_REVIEWED.label,
        summary=_("An evaluation of the practice was checked by independent experts."),
        criteria=(
            _(
                "A process or outcome evaluation meeting the criteria above was published after peer review "
                "(for example in a scientific journal), or was assessed by an independent expert panel or evidence "
                "registry."
            ),
            _("The reviewers were not involved in running, funding or evaluating the practice."),
            _("The reference to the publication or assessment is given, so readers can read it."),
        ),
        tells_readers=_(
            "The method and the conclusions of the evaluation have stood up to independent scrutiny. It is still "
            "a statement about the evidence, not a guarantee that the practice will work everywhere."
        ),
    ),
)


@require_GET
def evidence_levels(request: HttpRequest) -> HttpResponse:
    return render(request, "practices/evidence_levels.html", {"levels": EVIDENCE_LEVELS})
