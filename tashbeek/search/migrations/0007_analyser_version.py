"""Each entry records the analyser version its terms come from. Entries stored before get
0: their Arabic terms are Snowball's, which the analyser no longer makes, and they cannot
be re-stemmed in place (a stem is not the word), so `manage.py reindex --stale` rebuilds
their kinds from the objects after this upgrade (`make run` does it).

The column is added in place: Django's own AddField rebuilds the table on SQLite, and
that would drop the triggers that keep the full-text table current (0002)."""

from django.db import migrations, models

ADD = (
    "ALTER TABLE search_searchentry "
    "ADD COLUMN analyser smallint DEFAULT 0 NOT NULL CHECK (analyser >= 0)"
)
DROP = "ALTER TABLE search_searchentry DROP COLUMN analyser"


class Migration(migrations.Migration):
    dependencies = [("search", "0006_hebrew_stems")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(ADD, DROP)],
            state_operations=[
                migrations.AddField(
                    model_name="searchentry",
                    name="analyser",
                    field=models.PositiveSmallIntegerField(db_default=0),
                )
            ],
        )
    ]
