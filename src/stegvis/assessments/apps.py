from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "stegvis.assessments"
    label = "assessments"
    verbose_name = _("Progression assessments")

    def ready(self) -> None:
        # The caseload shows the next reassessment due: participants offers the hook, this app
        # fills it, so participants needs no knowledge of assessments.
        from stegvis.assessments.selectors import annotate_assessment_schedule
        from stegvis.participants.selectors import CASELOAD_ANNOTATIONS

        if annotate_assessment_schedule not in CASELOAD_ANNOTATIONS:
            CASELOAD_ANNOTATIONS.append(annotate_assessment_schedule)
