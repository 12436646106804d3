"""The project's progression page: the statistics of issue 4 point 5 with their charts. A
participant's own charts are on their assessments page (templatetags/assessment_charts.py)."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from stegvis.assessments import access, selectors
from stegvis.assessments.models import Instrument, Rater
from stegvis.assessments.pictures import project_pictures
from stegvis.assessments.progression import (
    SMALL_NUMBER,
    current_version_of,
    project_methods,
    project_progression,
    suppress_small_numbers,
)
from stegvis.projects.models import Project


class ProgressionForm(forms.Form):
    """What to show: the instrument, one method or all, and whose ratings. A GET form: a value
    that is not a choice falls back to the first."""

    instrument = forms.ChoiceField(label=_("Instrument"), required=False)
    method = forms.ChoiceField(label=_("Method"), required=False)
    rater = forms.ChoiceField(
        label=_("Whose ratings"),
        required=False,
        choices=[(Rater.SELF, _("The participants' own")), (Rater.COACH, _("The coaches'"))],
    )

    def __init__(self, data: object, *, instruments: list[Instrument], project: Project) -> None:
        super().__init__(data, label_suffix="")
        self.instruments = instruments
        self.fields["instrument"].choices = [(i.code, i.name) for i in instruments]
        self.fields["method"].choices = [("", _("All methods")), *project_methods(project)]

    def chosen(self) -> tuple[Instrument, str, str]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        code = data.get("instrument") or self.instruments[0].code
        instrument = next(i for i in self.instruments if i.code == code)
        return instrument, data.get("method", ""), data.get("rater") or Rater.SELF


@require_GET
def project_progression_page(request: HttpRequest, project_id: str) -> HttpResponse:
    project = access.access_project_progression(request.user, project_id)
    instruments = selectors.instruments_for_project(project)
    if not instruments:
        raise Http404
    form = ProgressionForm(request.GET or None, instruments=instruments, project=project)
    instrument, method, rater = form.chosen()
    version = current_version_of(instrument)
    if version is None:
        raise Http404
    progression = project_progression(project, version=version, rater=rater)
    if not access.progression_shows_small_numbers(request.user, project):
        progression = suppress_small_numbers(progression)
    group = progression.group(method)
    context = {
        "project": project, "form": form, "progression": progression, "group": group,
        "pictures": project_pictures(progression, group), "small_number": SMALL_NUMBER,
    }  # fmt: skip
    return render(request, "assessments/project_progression.html", context)
