-- PostgreSQL only: the connection list's name search is `ILIKE '%text%'`, which no B-tree index
-- serves, so every search scanned the whole table twice (count and page). A trigram index serves
-- it (https://www.postgresql.org/docs/current/pgtrgm.html#PGTRGM-INDEX). pg_trgm ships with
-- PostgreSQL and is a trusted extension (13+), so a database owner may create it; where a server
-- refuses it anyway, the search keeps working without the index.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX "Connection_name_trgm_idx" ON "Connection" USING gin ("name" gin_trgm_ops);
EXCEPTION
  WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
    RAISE NOTICE 'pg_trgm is not available (%): the connection name search scans the table', SQLERRM;
END
$$;
