-- The audit log is append-only: history is never rewritten, by any code path or by hand through
-- the application's connection.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN
	SELECT RAISE(ABORT, 'audit_event is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN
	SELECT RAISE(ABORT, 'audit_event is append-only');
END;
