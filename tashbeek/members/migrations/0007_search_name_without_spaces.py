"""Names are also searchable without their internal spaces ("كفركنا" / "كفر كنا"): the
stored search keys are derived again from the names."""

from django.db import migrations

from tashbeek.core.text import search_key


def rederive(apps, schema_editor):
    for model in ("Organisation", "Application"):
        Model = apps.get_model("members", model)
        changed = []
        for row in Model.objects.only("pk", "names", "search_name").iterator(chunk_size=2000):
            key = search_key(text for text in (row.names or {}).values() if text)
            if key != row.search_name:
                row.search_name = key
                changed.append(row)
        Model.objects.bulk_update(changed, ["search_name"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("members", "0006_directory_version_triggers")]

    operations = [migrations.RunPython(rederive, migrations.RunPython.noop)]
