"""The text index over the search documents' terms: FTS5 on SQLite, a generated tsvector
with a GIN index on PostgreSQL (the ``simple`` configuration: the terms are already stemmed
in Python, so the server's stemmer never runs). See docs/kennis.md."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE kennis_search_fts USING fts5(
        title_terms, body_terms, part_terms,
        content='kennis_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER kennis_search_ai AFTER INSERT ON kennis_searchdocument BEGIN
        INSERT INTO kennis_search_fts(rowid, title_terms, body_terms, part_terms)
        VALUES (new.id, new.title_terms, new.body_terms, new.part_terms);
    END""",
    """CREATE TRIGGER kennis_search_ad AFTER DELETE ON kennis_searchdocument BEGIN
        INSERT INTO kennis_search_fts(kennis_search_fts, rowid, title_terms, body_terms, part_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.part_terms);
    END""",
    """CREATE TRIGGER kennis_search_au AFTER UPDATE ON kennis_searchdocument BEGIN
        INSERT INTO kennis_search_fts(kennis_search_fts, rowid, title_terms, body_terms, part_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.part_terms);
        INSERT INTO kennis_search_fts(rowid, title_terms, body_terms, part_terms)
        VALUES (new.id, new.title_terms, new.body_terms, new.part_terms);
    END""",
]
SQLITE_BACK = [
    "DROP TRIGGER IF EXISTS kennis_search_au",
    "DROP TRIGGER IF EXISTS kennis_search_ad",
    "DROP TRIGGER IF EXISTS kennis_search_ai",
    "DROP TABLE IF EXISTS kennis_search_fts",
]
POSTGRES = [
    """ALTER TABLE kennis_searchdocument ADD COLUMN terms tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A') ||
        setweight(to_tsvector('simple'::regconfig, body_terms), 'B') ||
        setweight(to_tsvector('simple'::regconfig, part_terms), 'D')) STORED""",
    "CREATE INDEX kennis_search_terms ON kennis_searchdocument USING GIN (terms)",
]
POSTGRES_BACK = [
    "DROP INDEX IF EXISTS kennis_search_terms",
    "ALTER TABLE kennis_searchdocument DROP COLUMN IF EXISTS terms",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("kennis", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_BACK, "postgresql": POSTGRES_BACK}),
        )
    ]
