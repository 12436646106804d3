"""SKAPA as the default instrument (assessments/skapa.py has the data and the reasons)."""

from django.db import migrations


def load_skapa(apps, schema_editor):
    from stegvis.assessments import skapa

    Instrument = apps.get_model("assessments", "Instrument")
    InstrumentVersion = apps.get_model("assessments", "InstrumentVersion")
    Domain = apps.get_model("assessments", "Domain")
    if Instrument.objects.filter(code=skapa.CODE).exists():
        return
    instrument = Instrument.objects.create(
        code=skapa.CODE,
        name_sv=skapa.NAME_SV,
        name_en=skapa.NAME_EN,
        description_sv=skapa.DESCRIPTION_SV,
        description_en=skapa.DESCRIPTION_EN,
    )
    version = InstrumentVersion.objects.create(
        instrument=instrument,
        number=1,
        scale_min=skapa.SCALE_MIN,
        scale_max=skapa.SCALE_MAX,
        scale_labels=skapa.SCALE_LABELS,
        rated_by=skapa.RATED_BY,
    )
    for order, (code, name_sv, name_en, help_sv, help_en, rated_by, in_sum) in enumerate(
        skapa.DOMAINS, start=1
    ):
        Domain.objects.create(
            version=version,
            code=code,
            order=order,
            name_sv=name_sv,
            name_en=name_en,
            help_sv=help_sv,
            help_en=help_en,
            rated_by=rated_by,
            counts_in_sum=in_sum,
        )


def unload_skapa(apps, schema_editor):
    Instrument = apps.get_model("assessments", "Instrument")
    InstrumentVersion = apps.get_model("assessments", "InstrumentVersion")
    for version in InstrumentVersion.objects.filter(instrument__code="SKAPA"):
        version.domains.all().delete()
        version.delete()
    Instrument.objects.filter(code="SKAPA").delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(load_skapa, unload_skapa)]
