"""Load the IPS-25 fidelity scale (fidelity/data/ips25.py)."""

from django.db import migrations

from stegvis.fidelity.data.ips25 import IPS25
from stegvis.fidelity.scales import load_scale


def load_ips25(apps, schema_editor):  # noqa: ANN001, ANN201, ARG001
    load_scale(IPS25, lambda name: apps.get_model("fidelity", name))


def unload_ips25(apps, schema_editor):  # noqa: ANN001, ANN201, ARG001
    apps.get_model("fidelity", "FidelityScale").objects.filter(code="IPS-25", version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("fidelity", "0001_initial")]

    operations = [migrations.RunPython(load_ips25, unload_ips25)]
