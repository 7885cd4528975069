CREATE TABLE `bank_allocation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bank_entry_id` integer NOT NULL,
	`invoice_id` integer NOT NULL,
	`journal_entry_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`fee` integer DEFAULT 0 NOT NULL,
	`shortfall` integer DEFAULT 0 NOT NULL,
	`rebate` integer,
	`prev_status` text NOT NULL,
	`mode` text NOT NULL,
	`reason` text NOT NULL,
	`reversal_entry_id` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`bank_entry_id`) REFERENCES `bank_entry`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoice`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bank_allocation_amount" CHECK("bank_allocation"."amount" >= 0 and "bank_allocation"."fee" >= 0 and "bank_allocation"."shortfall" >= 0)
);
--> statement-breakpoint
CREATE INDEX `bank_allocation_entry_idx` ON `bank_allocation` (`bank_entry_id`);--> statement-breakpoint
CREATE INDEX `bank_allocation_invoice_idx` ON `bank_allocation` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `bank_allocation_journal_idx` ON `bank_allocation` (`journal_entry_id`);--> statement-breakpoint
CREATE TABLE `bank_entry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`fingerprint` text NOT NULL,
	`statement_id` text NOT NULL,
	`account` text NOT NULL,
	`currency` text NOT NULL,
	`amount` integer NOT NULL,
	`booking_date` text NOT NULL,
	`value_date` text,
	`bank_ref` text,
	`end_to_end_id` text,
	`reference` text,
	`remittance` text,
	`counterparty_name` text,
	`counterparty_account` text,
	`status` text NOT NULL,
	`unapplied` integer NOT NULL,
	`reason` text NOT NULL,
	`candidates` text,
	`debtor_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `bank_import`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_entry_fingerprint_uq` ON `bank_entry` (`fingerprint`);--> statement-breakpoint
CREATE INDEX `bank_entry_status_idx` ON `bank_entry` (`status`,`booking_date`);--> statement-breakpoint
CREATE INDEX `bank_entry_e2e_idx` ON `bank_entry` (`end_to_end_id`);--> statement-breakpoint
CREATE INDEX `bank_entry_import_idx` ON `bank_entry` (`import_id`);--> statement-breakpoint
CREATE TABLE `bank_file` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`bytes` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `bank_import` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`source` text NOT NULL,
	`entries` integer NOT NULL,
	`added` integer NOT NULL,
	`duplicates` integer NOT NULL,
	`auto_matched` integer NOT NULL,
	`suggested` integer NOT NULL,
	`unmatched` integer NOT NULL,
	`warnings` text NOT NULL,
	`imported_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`file_sha256`) REFERENCES `bank_file`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bank_import_file_idx` ON `bank_import` (`file_sha256`);--> statement-breakpoint
CREATE TABLE `sdd_collection` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mandate_id` integer NOT NULL,
	`invoice_id` integer NOT NULL,
	`msg_id` text NOT NULL,
	`end_to_end_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`collection_date` text NOT NULL,
	`sequence` text NOT NULL,
	`status` text NOT NULL,
	`return_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`mandate_id`) REFERENCES `sdd_mandate`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoice`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sdd_collection_e2e_uq` ON `sdd_collection` (`end_to_end_id`);--> statement-breakpoint
CREATE INDEX `sdd_collection_invoice_idx` ON `sdd_collection` (`invoice_id`);--> statement-breakpoint
CREATE TABLE `sdd_mandate` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`umr` text NOT NULL,
	`signature_date` text NOT NULL,
	`scheme` text NOT NULL,
	`sequence` text NOT NULL,
	`iban` text NOT NULL,
	`bic` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtor`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sdd_mandate_umr_uq` ON `sdd_mandate` (`umr`);--> statement-breakpoint
CREATE INDEX `sdd_mandate_debtor_idx` ON `sdd_mandate` (`debtor_id`);