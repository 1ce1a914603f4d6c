from django.db import migrations

SECTORS = [
    "education",
    "culture",
    "health",
    "sport",
    "social_assistance",
    "labour_market",
    "business",
    "ecology",
    "other",
]


def add_sectors(apps, schema_editor):
    Sector = apps.get_model("registry", "Sector")
    for position, code in enumerate(SECTORS):
        Sector.objects.update_or_create(code=code, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(add_sectors, migrations.RunPython.noop)]
