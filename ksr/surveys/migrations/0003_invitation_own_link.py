import secrets

from django.db import migrations, models

import ksr.surveys.models


def give_tokens(apps, schema_editor):
    Invitation = apps.get_model("surveys", "Invitation")
    for invitation in Invitation.objects.filter(token__isnull=True):
        invitation.token = secrets.token_urlsafe(24)
        invitation.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0002_skipped_answers_may_be_blank"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="answered",
            field=models.BooleanField(default=False, editable=False, verbose_name="link used"),
        ),
        migrations.AddField(
            model_name="invitation",
            name="token",
            field=models.CharField(editable=False, max_length=64, null=True, verbose_name="link token"),
        ),
        migrations.RunPython(give_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="invitation",
            name="token",
            field=models.CharField(
                default=ksr.surveys.models.new_token,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="link token",
            ),
        ),
    ]
