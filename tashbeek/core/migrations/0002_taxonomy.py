from django.db import migrations


def forwards(apps, schema_editor):
    from tashbeek.core.taxonomy import sync_taxonomy

    sync_taxonomy(apps.get_model("core", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
