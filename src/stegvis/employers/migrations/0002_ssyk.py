"""The shipped SSYK 2012 unit groups (data/ssyk2012.csv); `stegvis import_ssyk` loads the full list."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "ssyk2012.csv"


def load(apps, schema_editor):
    Occupation = apps.get_model("employers", "Occupation")
    with DATA.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            Occupation.objects.update_or_create(
                code=row["code"].strip(), defaults={"name": row["name"].strip()}
            )


class Migration(migrations.Migration):
    dependencies = [("employers", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
