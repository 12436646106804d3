"""The code lists of the exchange format (shared/spec/exchange-format.md), used by models, forms,
the importer and the reports alike. Codes are stored and exported in upper case."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    K = "K", _("Woman")
    M = "M", _("Man")
    X = "X", _("Non-binary or other")


class Method(models.TextChoices):
    SE = "SE", _("Supported Employment")
    IPS = "IPS", _("Individual Placement and Support")
    SED = "SED", _("Supported Education")
    BOSTON = "BOSTON", _("The Boston model")
    OTHER = "OTHER", _("Other method")


METHOD_ORDER = [m.value for m in Method]


def canonical_method(value: str) -> str:
    """'sed+se' -> 'SE+SED': codes in the order SE, IPS, SED, BOSTON, OTHER, each once.

    Raises ValueError naming the unknown code.
    """
    codes = {part.strip().upper() for part in (value or "").split("+") if part.strip()}
    if not codes:
        raise ValueError("no method given")
    unknown = sorted(codes - set(METHOD_ORDER))
    if unknown:
        raise ValueError(f"unknown method {unknown[0]}")
    return "+".join(code for code in METHOD_ORDER if code in codes)


def method_label(value: str) -> str:
    """A canonical method code as people read it: 'SE+SED' -> 'Supported Employment + Supported Education'."""
    labels = dict(Method.choices)
    return " + ".join(str(labels.get(code, code)) for code in value.split("+") if code)


class LabourMarketStatus(models.TextChoices):
    EMPLOYED = "EMPLOYED", _("Employed (incl. self-employed)")
    UNEMPLOYED = "UNEMPLOYED", _("Unemployed")
    LONG_TERM_UNEMPLOYED = "LONG_TERM_UNEMPLOYED", _("Long-term unemployed")
    INACTIVE = "INACTIVE", _("Neither working nor looking for work")


class Education(models.TextChoices):
    ISCED0_2 = "ISCED0-2", _("Compulsory school or less (ISCED 0–2)")
    ISCED3_4 = "ISCED3-4", _("Upper secondary school (ISCED 3–4)")
    ISCED5_8 = "ISCED5-8", _("Post-secondary education (ISCED 5–8)")


class IncomeSource(models.TextChoices):
    SALARY = "SALARY", _("Salary")
    UNEMPLOYMENT_BENEFIT = "UNEMPLOYMENT_BENEFIT", _("Unemployment benefit or activity support")
    SICKNESS_BENEFIT = "SICKNESS_BENEFIT", _("Sickness or rehabilitation benefit")
    ACTIVITY_COMPENSATION = "ACTIVITY_COMPENSATION", _("Activity compensation")
    SICKNESS_COMPENSATION = "SICKNESS_COMPENSATION", _("Sickness compensation")
    SOCIAL_ASSISTANCE = "SOCIAL_ASSISTANCE", _("Social assistance")
    STUDY_SUPPORT = "STUDY_SUPPORT", _("Student aid")
    NONE = "NONE", _("No income of their own")
    OTHER = "OTHER", _("Other income")


class ExitStatus(models.TextChoices):
    EMPLOYED = "EMPLOYED", _("In employment (incl. self-employed)")
    EDUCATION = "EDUCATION", _("In education or training")
    JOB_SEARCHING = "JOB_SEARCHING", _("Searching for a job")
    CLOSER = "CLOSER", _("Closer to the labour market")
    NO_CHANGE = "NO_CHANGE", _("No change")
    OTHER = "OTHER", _("Other")


class YesNo(models.TextChoices):
    YES = "YES", _("Yes")
    NO = "NO", _("No")


class EmploymentKind(models.TextChoices):
    JOB = "JOB", _("Job")
    STUDIES = "STUDIES", _("Studies")


class Subsidy(models.TextChoices):
    NONE = "NONE", _("No subsidy")
    LONEBIDRAG = "LONEBIDRAG", _("Wage subsidy (lönebidrag)")
    NYSTARTSJOBB = "NYSTARTSJOBB", _("Nystartsjobb")
    INTRODUKTIONSJOBB = "INTRODUKTIONSJOBB", _("Introduktionsjobb")
    TRYGGHETSANSTALLNING = "TRYGGHETSANSTALLNING", _("Trygghetsanställning")
    OTHER = "OTHER", _("Other subsidy")
