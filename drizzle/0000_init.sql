CREATE TABLE `client_debtor` (
	`client_id` integer NOT NULL,
	`debtor_id` integer NOT NULL,
	`credit_limit` integer,
	`noa_status` text DEFAULT 'none' NOT NULL,
	`noa_date` text,
	PRIMARY KEY(`client_id`, `debtor_id`),
	FOREIGN KEY (`client_id`) REFERENCES `client`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtor`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `client_debtor_debtor_idx` ON `client_debtor` (`debtor_id`);--> statement-breakpoint
CREATE TABLE `client` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`reg_no` text,
	`country` text NOT NULL,
	`address` text,
	`postal_code` text,
	`city` text,
	`email` text,
	`iban` text,
	`bic` text,
	`agreement` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `client_name_uq` ON `client` (`name`);--> statement-breakpoint
CREATE TABLE `debtor_iban` (
	`iban` text NOT NULL,
	`debtor_id` integer NOT NULL,
	`first_seen` text NOT NULL,
	`source` text NOT NULL,
	PRIMARY KEY(`iban`, `debtor_id`),
	FOREIGN KEY (`debtor_id`) REFERENCES `debtor`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "debtor_iban_format" CHECK(length("debtor_iban"."iban") between 15 and 34)
);
--> statement-breakpoint
CREATE INDEX `debtor_iban_debtor_idx` ON `debtor_iban` (`debtor_id`);--> statement-breakpoint
CREATE TABLE `debtor` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_norm` text NOT NULL,
	`reg_no` text,
	`country` text NOT NULL,
	`address` text,
	`postal_code` text,
	`city` text,
	`email` text,
	`phone` text,
	`language` text DEFAULT 'en' NOT NULL,
	`credit_limit` integer DEFAULT 0 NOT NULL,
	`limit_currency` text DEFAULT 'EUR' NOT NULL,
	`risk_class` text DEFAULT 'standard' NOT NULL,
	`payment_rating` text DEFAULT 'B' NOT NULL,
	`needs_review` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `debtor_reg_uq` ON `debtor` (`country`,`reg_no`);--> statement-breakpoint
CREATE INDEX `debtor_name_norm_idx` ON `debtor` (`name_norm`);--> statement-breakpoint
CREATE INDEX `debtor_name_idx` ON `debtor` (`name`);--> statement-breakpoint
CREATE TABLE `invoice` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`debtor_id` integer NOT NULL,
	`request_id` integer,
	`number` text NOT NULL,
	`currency` text NOT NULL,
	`face` integer NOT NULL,
	`open_amount` integer NOT NULL,
	`advance` integer DEFAULT 0 NOT NULL,
	`issue_date` text NOT NULL,
	`due_date` text NOT NULL,
	`funded_date` text,
	`closed_date` text,
	`status` text NOT NULL,
	`rf_ref` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `client`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtor`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `financing_request`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "invoice_amounts" CHECK("invoice"."face" > 0 and "invoice"."open_amount" >= 0 and "invoice"."advance" >= 0),
	CONSTRAINT "invoice_dates" CHECK("invoice"."due_date" >= "invoice"."issue_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoice_client_number_uq` ON `invoice` (`client_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoice_rf_uq` ON `invoice` (`rf_ref`);--> statement-breakpoint
CREATE INDEX `invoice_debtor_idx` ON `invoice` (`debtor_id`,`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `invoice_status_due_idx` ON `invoice` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `invoice_issue_idx` ON `invoice` (`issue_date`);--> statement-breakpoint
CREATE INDEX `invoice_due_idx` ON `invoice` (`due_date`);--> statement-breakpoint
CREATE INDEX `invoice_face_idx` ON `invoice` (`face`);--> statement-breakpoint
CREATE INDEX `invoice_number_idx` ON `invoice` (`number`);--> statement-breakpoint
CREATE INDEX `invoice_request_idx` ON `invoice` (`request_id`);--> statement-breakpoint
CREATE TABLE `financing_request` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`file_name` text,
	`currency` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`submitted_date` text NOT NULL,
	`prepared_by` integer,
	`approved_by` integer,
	`funded_date` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `client`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_status_idx` ON `financing_request` (`status`,`submitted_date`);--> statement-breakpoint
CREATE INDEX `request_client_idx` ON `financing_request` (`client_id`);--> statement-breakpoint
CREATE TABLE `journal_entry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`memo` text NOT NULL,
	`client_id` integer,
	`invoice_id` integer,
	`reverses_entry_id` integer,
	`created_by` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journal_entry_reverses_uq` ON `journal_entry` (`reverses_entry_id`);--> statement-breakpoint
CREATE INDEX `journal_entry_date_idx` ON `journal_entry` (`date`);--> statement-breakpoint
CREATE INDEX `journal_entry_invoice_idx` ON `journal_entry` (`invoice_id`);--> statement-breakpoint
CREATE TABLE `journal_line` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`account` text NOT NULL,
	`currency` text NOT NULL,
	`amount` integer NOT NULL,
	`client_id` integer,
	`debtor_id` integer,
	`invoice_id` integer,
	FOREIGN KEY (`entry_id`) REFERENCES `journal_entry`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "journal_line_nonzero" CHECK("journal_line"."amount" <> 0)
);
--> statement-breakpoint
CREATE INDEX `journal_line_entry_idx` ON `journal_line` (`entry_id`);--> statement-breakpoint
CREATE INDEX `journal_line_invoice_idx` ON `journal_line` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `journal_line_client_idx` ON `journal_line` (`client_id`,`account`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `setting` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `app_user` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `app_user_name_unique` ON `app_user` (`name`);