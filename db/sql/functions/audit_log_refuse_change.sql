-- Current definition; last set by migrations/0001_audit_log_append_only.sql.
-- The audit trail is append-only: the database itself refuses to rewrite or erase it.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
