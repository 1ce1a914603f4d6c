from django.db import migrations


def create_target(apps, schema_editor):
    """The KSR project targets (Fiszka projektu KSR, milestone 3, tasks of milestone 3, further stages after the
    project)."""
    ProgrammeTarget = apps.get_model("pipeline", "ProgrammeTarget")
    if not ProgrammeTarget.objects.exists():
        ProgrammeTarget.objects.create(
            name="KSR",
            total_entities=32,
            min_per_region=2,
            max_per_region=4,
            min_regions=8,
            sustain_months=24,
            stall_days=60,
        )


class Migration(migrations.Migration):
    dependencies = [("pipeline", "0001_initial")]
    operations = [migrations.RunPython(create_target, migrations.RunPython.noop)]
