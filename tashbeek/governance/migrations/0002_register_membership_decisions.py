"""Membership decisions recorded before the register existed enter it (their reasons and
old free-text meeting references stay on them, linked from the entry)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from tashbeek.governance.backfill import register_missing

    register_missing(
        membership_model=apps.get_model("members", "MembershipDecision"),
        decision_model=apps.get_model("governance", "Decision"),
        body_model=apps.get_model("governance", "Body"),
        counter_model=apps.get_model("core", "ChangeCounter"),
    )


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial"), ("core", "0003_change_counter")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
