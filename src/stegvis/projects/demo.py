"""The demo data set: organisations, one account per role, and the three sample projects.

Used by `stegvis seed_demo` (make demo) and by the browser suite. Safe to run again: what exists is
kept. Later issues add participants to the coaches' caseloads here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from stegvis.accounts import services as account_services
from stegvis.accounts.models import Organisation, OrganisationKind, User
from stegvis.core.permissions import Role
from stegvis.projects import services as project_services
from stegvis.projects.models import Project
from stegvis.projects.projektbanken import parse_file

DEMO_PASSWORD = "Stegvis-demo-2026"  # noqa: S105  (printed for the local demo; seed_demo refuses production)
SAMPLES = Path(__file__).resolve().parent / "fixtures" / "projektbanken"

ORGANISATIONS = [
    ("Stegvis drift", OrganisationKind.OTHER, "", ""),
    ("Skellefteå kommun", OrganisationKind.MUNICIPALITY, "212000-2627", "2482"),
    ("Region Västerbotten", OrganisationKind.REGION, "232100-0222", ""),
    ("Arbetsförmedlingen", OrganisationKind.ARBETSFORMEDLINGEN, "202100-2114", ""),
    ("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN, "202100-5521", ""),
    ("Samordningsförbundet Skellefteå", OrganisationKind.SAMORDNINGSFORBUND, "", "2482"),
    ("Region Halland", OrganisationKind.REGION, "", ""),
    ("Region Örebro län", OrganisationKind.REGION, "", ""),
    ("Pihlskolan", OrganisationKind.SCHOOL, "", "1880"),
    ("Navet Utvärdering", OrganisationKind.OTHER, "", ""),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    organisation: str
    role: Role
    projects: tuple[str, ...]


ACCOUNTS = [
    DemoAccount("admin", "Alva", "Admin", "Stegvis drift", Role.ADMIN, ()),
    DemoAccount(
        "manager",
        "Maria",
        "Projektledare",
        "Urkraft ASF AB",
        Role.MANAGER,
        ("2020/00581", "2020/00553"),
    ),
    DemoAccount("coach", "Kalle", "Coach", "Urkraft ASF AB", Role.COACH, ("2020/00581",)),
    DemoAccount(
        "coach2",
        "Karin",
        "Handledare",
        "Samordningsförbundet i Halland",
        Role.COACH,
        ("2020/00553",),
    ),
    DemoAccount(
        "referral", "Rut", "Remittent", "Skellefteå kommun", Role.REFERRAL_GROUP, ("2020/00581",)
    ),
    DemoAccount(
        "evaluator",
        "Eva",
        "Utvärderare",
        "Navet Utvärdering",
        Role.EVALUATOR,
        ("2020/00581", "2020/00553"),
    ),
    DemoAccount(
        "funder",
        "Frida",
        "Styrgrupp",
        "Samordningsförbundet Skellefteå",
        Role.FUNDER,
        ("2020/00581",),
    ),
]

PARTNERS = {
    "2020/00581": ["Skellefteå kommun", "Region Västerbotten", "Arbetsförmedlingen"],
    "2020/00553": ["Region Halland", "Arbetsförmedlingen", "Försäkringskassan"],
    "2020/00085": ["Pihlskolan", "Region Örebro län"],
}


@transaction.atomic
def seed_demo() -> list[DemoAccount]:
    """Create the demo data set (idempotent) and return the demo accounts."""
    for name, kind, org_number, municipality in ORGANISATIONS:
        if not Organisation.objects.filter(name__iexact=name).exists():
            account_services.organisation_create(
                actor=None,
                name=name,
                kind=kind,
                org_number=org_number,
                municipality_code=municipality,
            )
    for path in sorted(SAMPLES.glob("*.txt")):
        project_services.project_import_record(actor=None, record=parse_file(path))
    projects = {p.diarienummer: p for p in Project.objects.all()}
    for dnr, partner_names in PARTNERS.items():
        for name in partner_names:
            project_services.project_partner_add(
                actor=None, project=projects[dnr], organisation=Organisation.objects.get(name=name)
            )
    for account in ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = account_services.user_create(
                actor=None,
                username=account.username,
                first_name=account.first_name,
                last_name=account.last_name,
                email=f"{account.username}@demo.stegvis.invalid",
                password=DEMO_PASSWORD,
            )
        organisation = Organisation.objects.get(name=account.organisation)
        account_services.membership_add(
            actor=None, user=user, organisation=organisation, role=account.role
        )
        user = User.objects.get(pk=user.pk)  # fresh role cache
        for dnr in account.projects:
            project_services.project_staff_add(
                actor=None, project=projects[dnr], user=user, role=account.role
            )
    return ACCOUNTS
