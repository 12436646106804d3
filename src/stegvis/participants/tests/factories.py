"""Builders for participant data, through the services so audit events exist as in production."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from stegvis.participants import services

_counter = itertools.count(1)


def person(*, actor: Any = None, **values: Any):
    n = next(_counter)
    defaults = {"first_name": f"Person{n}", "last_name": "Testsson", "gender": "K"}
    if not values.get("identity_number"):
        defaults["birth_year"] = 1990
    created, _new = services.person_register(actor=actor, **{**defaults, **values})
    return created


def enrollment(
    *, project: Any, coach: Any = None, actor: Any = None, person_obj: Any = None, **values: Any
):
    defaults = {
        "method": "SE",
        "start_date": datetime.date(2025, 1, 15),
        "status_at_start": "UNEMPLOYED",
    }
    return services.enrollment_create(
        actor=actor,
        project=project,
        person=person_obj or person(actor=actor),
        coach=coach,
        **{**defaults, **values},
    )
