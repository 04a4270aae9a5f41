-- The triggers on issued_documents, one statement each, as the migrations left them.

-- issued_documents_no_update_delete: migrations/0010_issued_documents.sql
CREATE TRIGGER issued_documents_no_update_delete
  BEFORE UPDATE OR DELETE ON issued_documents
  FOR EACH ROW EXECUTE FUNCTION issued_documents_refuse_change();

-- issued_documents_no_truncate: migrations/0010_issued_documents.sql
CREATE TRIGGER issued_documents_no_truncate
  BEFORE TRUNCATE ON issued_documents
  FOR EACH STATEMENT EXECUTE FUNCTION issued_documents_refuse_change();
