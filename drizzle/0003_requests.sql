CREATE TABLE `column_mapping` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`name` text NOT NULL,
	`mapping` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `client`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `column_mapping_client_name_uq` ON `column_mapping` (`client_id`,`name`);--> statement-breakpoint
CREATE TABLE `request_approval` (
	`request_id` integer NOT NULL,
	`step` integer NOT NULL,
	`user_id` integer NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`request_id`, `step`),
	FOREIGN KEY (`request_id`) REFERENCES `financing_request`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `request_check` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`invoice_id` integer NOT NULL,
	`code` text NOT NULL,
	`severity` text NOT NULL,
	`message` text NOT NULL,
	`override_by` integer,
	`override_reason` text,
	`override_at` integer,
	FOREIGN KEY (`request_id`) REFERENCES `financing_request`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoice`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_check_invoice_idx` ON `request_check` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `request_check_request_idx` ON `request_check` (`request_id`,`code`);--> statement-breakpoint
CREATE TABLE `request_decision` (
	`invoice_id` integer PRIMARY KEY NOT NULL,
	`request_id` integer NOT NULL,
	`decision` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`user_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoice`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `financing_request`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_decision_request_idx` ON `request_decision` (`request_id`);--> statement-breakpoint
CREATE TABLE `request_funding` (
	`request_id` integer PRIMARY KEY NOT NULL,
	`date` text NOT NULL,
	`currency` text NOT NULL,
	`invoices` integer NOT NULL,
	`face` integer NOT NULL,
	`advance` integer NOT NULL,
	`reserve` integer NOT NULL,
	`fees` integer NOT NULL,
	`chargebacks_netted` integer NOT NULL,
	`net_payout` integer NOT NULL,
	`funded_by` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `financing_request`(`id`) ON UPDATE no action ON DELETE no action
);
