-- Current definition; last set by migrations/0010_issued_documents.sql.
-- Issued documents are a government record: once issued, the database refuses to change or
-- erase them (hand-added, like audit_log's triggers in 0001; this file needs nothing from it).
CREATE OR REPLACE FUNCTION issued_documents_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'issued_documents is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
