"""The directory's data version, kept by the database itself.

The directory's in-memory index (members.selectors.directory_index) must know when anything it
holds changes: organisations, their themes, region and theme labels. Triggers give the
`members.directory` change counter a new value in the same transaction as the write, so the new
version becomes visible exactly when the change does, whoever made it (services, the admin,
`.update()`, a bulk import or raw SQL). The newest `updated_at` was used before; it misses a
transaction that commits after a later one, and writes that do not touch `updated_at`.

The new value is random rather than the old one plus one: a rolled-back transaction would give
its number back, and the next writer's different change would then carry a version that a
process may already have built an index for. 63 random bits do not repeat in practice.

PostgreSQL stamps once per statement; SQLite has only row triggers (its writes are serialised
anyway). Concurrent writers to organisations queue on the counter row until commit.
"""

from django.db import migrations

KEY = "members.directory"
TABLES = ["members_organisation", "members_organisation_themes", "members_region", "core_theme"]
SQLITE_RANDOM = "(random() & 9223372036854775807)"
POSTGRES_RANDOM = "(floor(random() * 9007199254740991))::bigint"
BUMP = (
    "INSERT INTO core_changecounter (key, value) VALUES ('" + KEY + "', {random}) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)

SQLITE = [
    f"CREATE TRIGGER directory_version_{table}_{op.lower()} AFTER {op} ON {table} "
    f"BEGIN {BUMP.format(random=SQLITE_RANDOM)}; END"
    for table in TABLES
    for op in ("INSERT", "UPDATE", "DELETE")
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS directory_version_{table}_{op.lower()}"
    for table in TABLES
    for op in ("INSERT", "UPDATE", "DELETE")
]

POSTGRES = [
    f"""CREATE FUNCTION directory_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {BUMP.format(random=POSTGRES_RANDOM)};
        RETURN NULL;
    END $$""",
    *(
        f"CREATE TRIGGER directory_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION directory_version_bump()"
        for table in TABLES
    ),
]
POSTGRES_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS directory_version ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS directory_version_bump()",
]


def forwards(apps, schema_editor):
    sqlite = schema_editor.connection.vendor == "sqlite"
    for statement in SQLITE if sqlite else POSTGRES:
        schema_editor.execute(statement)
    schema_editor.execute(BUMP.format(random=SQLITE_RANDOM if sqlite else POSTGRES_RANDOM))


def backwards(apps, schema_editor):
    sqlite = schema_editor.connection.vendor == "sqlite"
    for statement in SQLITE_REVERSE if sqlite else POSTGRES_REVERSE:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_change_counter"),
        ("members", "0005_application_coordinates_range"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
