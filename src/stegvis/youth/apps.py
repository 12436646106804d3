from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YouthConfig(AppConfig):
    name = "stegvis.youth"
    label = "youth"
    verbose_name = _("Young people, schools and studies")

    def ready(self) -> None:
        # The caseload marks young participants without a guardian's consent: participants offers
        # the hook, this app fills it, so participants needs no knowledge of this one.
        from stegvis.participants.selectors import CASELOAD_ANNOTATIONS
        from stegvis.youth.selectors import annotate_guardian_consent

        if annotate_guardian_consent not in CASELOAD_ANNOTATIONS:
            CASELOAD_ANNOTATIONS.append(annotate_guardian_consent)
