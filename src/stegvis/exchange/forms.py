from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stegvis.projects.models import Project

MAX_FILE_SIZE = 10 * 1024 * 1024
EXTENSIONS = (".csv", ".txt", ".xlsx")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(item, initial) for item in data]
        if isinstance(data, list | tuple):
            data = None  # no file chosen: the field's own "required" message
        return [single(data, initial)]


class ImportUploadForm(forms.Form):
    project = forms.ChoiceField(label=gettext_lazy("Project"))
    files = MultipleFileField(
        label=gettext_lazy("Files"),
        help_text=gettext_lazy(
            "participants.csv and employments.csv as CSV (UTF-8, separated by comma or semicolon) or as .xlsx, "
            "at most 10 MB each. You can choose several files at once."
        ),
    )

    def __init__(self, *args: Any, projects: list[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.projects = {str(p.public_id): p for p in projects}
        self.fields["project"].choices = [
            (key, f"{p.diarienummer} {p.name}") for key, p in self.projects.items()
        ]

    def clean_project(self) -> Project:
        return self.projects[self.cleaned_data["project"]]

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        for upload in files:
            if not upload.name.lower().endswith(EXTENSIONS):
                raise forms.ValidationError(
                    _("%(name)s is not a CSV file or an .xlsx workbook.") % {"name": upload.name}
                )
            if upload.size > MAX_FILE_SIZE:
                raise forms.ValidationError(
                    _("%(name)s is larger than 10 MB.") % {"name": upload.name}
                )
        return files
