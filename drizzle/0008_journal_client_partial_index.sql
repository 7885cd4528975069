DROP INDEX `journal_line_client_idx`;--> statement-breakpoint
CREATE INDEX `journal_line_client_idx` ON `journal_line` (`client_id`,`account`) WHERE "journal_line"."account" <> 'receivables';