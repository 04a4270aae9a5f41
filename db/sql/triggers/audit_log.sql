-- The triggers on audit_log, one statement each, as the migrations left them.

-- audit_log_no_update_delete: migrations/0001_audit_log_append_only.sql
CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

-- audit_log_no_truncate: migrations/0001_audit_log_append_only.sql
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
