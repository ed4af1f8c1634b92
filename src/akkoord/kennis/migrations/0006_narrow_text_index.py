"""PostgreSQL: the text index moves to a narrow table of its own (issue 12, search speed).

A document row carries its text and term columns (about 1.8 KB), so a common word made a query
read thousands of heap pages. ``kennis_search_index`` holds only the id, kind, visibility and
the ``tsvector``; the vector is stored out of line (``toast_tuple_target = 128``, storage
EXTERNAL), so a page holds about 120 rows and the whole table fits in memory. Triggers keep it
in step with ``kennis_searchdocument``, as the FTS5 triggers do on SQLite (migration 0002);
no foreign key, so that Django's flush (TRUNCATE without CASCADE) works, and a TRUNCATE
trigger empties it too. See docs/kennis.md and docs/benchmarks.md. SQLite is unchanged.
"""

from django.db import migrations

VECTOR = """setweight(to_tsvector('simple'::regconfig, NEW.title_terms), 'A') ||
            setweight(to_tsvector('simple'::regconfig, NEW.body_terms), 'B') ||
            setweight(to_tsvector('simple'::regconfig, NEW.part_terms), 'D')"""

POSTGRES = [
    "DROP INDEX IF EXISTS kennis_search_terms",
    "ALTER TABLE kennis_searchdocument DROP COLUMN IF EXISTS terms",
    """CREATE TABLE kennis_search_index (
        document_id bigint PRIMARY KEY,
        kind varchar(20) NOT NULL,
        public boolean NOT NULL,
        deal_id bigint NULL,
        terms tsvector NOT NULL
    ) WITH (toast_tuple_target = 128)""",
    "ALTER TABLE kennis_search_index ALTER COLUMN terms SET STORAGE EXTERNAL",
    "CREATE INDEX kennis_search_index_terms ON kennis_search_index USING GIN (terms)",
    f"""CREATE FUNCTION kennis_search_index_put() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO kennis_search_index (document_id, kind, public, deal_id, terms)
        VALUES (NEW.id, NEW.kind, NEW.public, NEW.deal_id, {VECTOR})
        ON CONFLICT (document_id) DO UPDATE SET kind = EXCLUDED.kind, public = EXCLUDED.public,
            deal_id = EXCLUDED.deal_id, terms = EXCLUDED.terms;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION kennis_search_index_drop() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM kennis_search_index WHERE document_id = OLD.id;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION kennis_search_index_empty() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE kennis_search_index;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER kennis_search_index_put AFTER INSERT OR UPDATE ON kennis_searchdocument
        FOR EACH ROW EXECUTE FUNCTION kennis_search_index_put()""",
    """CREATE TRIGGER kennis_search_index_drop AFTER DELETE ON kennis_searchdocument
        FOR EACH ROW EXECUTE FUNCTION kennis_search_index_drop()""",
    """CREATE TRIGGER kennis_search_index_empty AFTER TRUNCATE ON kennis_searchdocument
        FOR EACH STATEMENT EXECUTE FUNCTION kennis_search_index_empty()""",
    f"""INSERT INTO kennis_search_index (document_id, kind, public, deal_id, terms)
        SELECT id, kind, public, deal_id, {VECTOR.replace("NEW.", "")} FROM kennis_searchdocument""",
    "ANALYZE kennis_search_index",
]
POSTGRES_BACK = [
    "DROP TRIGGER IF EXISTS kennis_search_index_empty ON kennis_searchdocument",
    "DROP TRIGGER IF EXISTS kennis_search_index_drop ON kennis_searchdocument",
    "DROP TRIGGER IF EXISTS kennis_search_index_put ON kennis_searchdocument",
    "DROP FUNCTION IF EXISTS kennis_search_index_empty()",
    "DROP FUNCTION IF EXISTS kennis_search_index_drop()",
    "DROP FUNCTION IF EXISTS kennis_search_index_put()",
    "DROP TABLE IF EXISTS kennis_search_index",
    """ALTER TABLE kennis_searchdocument ADD COLUMN terms tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A') ||
        setweight(to_tsvector('simple'::regconfig, body_terms), 'B') ||
        setweight(to_tsvector('simple'::regconfig, part_terms), 'D')) STORED""",
    "CREATE INDEX kennis_search_terms ON kennis_searchdocument USING GIN (terms)",
]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("kennis", "0005_phase_readiness")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_BACK))]
