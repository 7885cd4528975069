-- The journal is append-only: corrections are reversal entries, never edits.
CREATE TRIGGER journal_line_no_update BEFORE UPDATE ON journal_line BEGIN SELECT RAISE(ABORT, 'journal is append-only: post a reversal instead'); END;
--> statement-breakpoint
CREATE TRIGGER journal_line_no_delete BEFORE DELETE ON journal_line BEGIN SELECT RAISE(ABORT, 'journal is append-only: post a reversal instead'); END;
--> statement-breakpoint
CREATE TRIGGER journal_entry_no_update BEFORE UPDATE ON journal_entry BEGIN SELECT RAISE(ABORT, 'journal is append-only: post a reversal instead'); END;
--> statement-breakpoint
CREATE TRIGGER journal_entry_no_delete BEFORE DELETE ON journal_entry BEGIN SELECT RAISE(ABORT, 'journal is append-only: post a reversal instead'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
