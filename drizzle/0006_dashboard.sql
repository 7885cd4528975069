CREATE TABLE `receivable_day` (
	`currency` text NOT NULL,
	`day` text NOT NULL,
	`sales` integer DEFAULT 0 NOT NULL,
	`ar_in` integer DEFAULT 0 NOT NULL,
	`ar_out` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`currency`, `day`)
);
--> statement-breakpoint
CREATE INDEX `invoice_open_aging_idx` ON `invoice` (`status`,`currency`,`due_date`,`open_amount`,`issue_date`) WHERE "invoice"."status" in ('funded', 'partly_paid', 'disputed');