CREATE TABLE `agency_case` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`proposed_date` text NOT NULL,
	`decided_by` integer,
	`export_file` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtor`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agency_case_debtor_idx` ON `agency_case` (`debtor_id`,`status`);--> statement-breakpoint
CREATE INDEX `agency_case_status_idx` ON `agency_case` (`status`);--> statement-breakpoint
CREATE TABLE `chargeback_proposal` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invoice_id` integer NOT NULL,
	`client_id` integer NOT NULL,
	`currency` text NOT NULL,
	`amount` integer NOT NULL,
	`recourse_date` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoice`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`client_id`) REFERENCES `client`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chargeback_proposal_invoice_id_unique` ON `chargeback_proposal` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `chargeback_proposal_status_idx` ON `chargeback_proposal` (`status`,`client_id`);--> statement-breakpoint
CREATE TABLE `collection_claim` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`invoice_id` integer,
	`reminder_id` integer,
	`kind` text NOT NULL,
	`currency` text NOT NULL,
	`amount` integer NOT NULL,
	`date` text NOT NULL,
	`entry_id` integer,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtor`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reminder_id`) REFERENCES `reminder`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `collection_claim_debtor_idx` ON `collection_claim` (`debtor_id`);--> statement-breakpoint
CREATE TABLE `contact_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`user_id` integer,
	`date` text NOT NULL,
	`channel` text NOT NULL,
	`outcome` text NOT NULL,
	`note` text,
	`next_action_date` text,
	`promise_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtor`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_log_debtor_idx` ON `contact_log` (`debtor_id`,`date`);--> statement-breakpoint
CREATE TABLE `debtor_collection` (
	`debtor_id` integer PRIMARY KEY NOT NULL,
	`plan_id` integer,
	`controller_id` integer,
	`handed_over` integer DEFAULT false NOT NULL,
	`broken_promises` integer DEFAULT 0 NOT NULL,
	`last_contact_date` text,
	`next_action_date` text,
	`final_sent_date` text,
	`currency` text,
	`overdue_amount` integer DEFAULT 0 NOT NULL,
	`overdue_count` integer DEFAULT 0 NOT NULL,
	`oldest_due` text,
	`disputed_amount` integer DEFAULT 0 NOT NULL,
	`open_amount` integer DEFAULT 0 NOT NULL,
	`score` integer DEFAULT 0 NOT NULL,
	`reasons` text,
	`refreshed_on` text,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtor`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `dunning_plan`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `debtor_collection_score_idx` ON `debtor_collection` (`score`,`debtor_id`);--> statement-breakpoint
CREATE INDEX `debtor_collection_controller_idx` ON `debtor_collection` (`controller_id`,`score`);--> statement-breakpoint
CREATE INDEX `debtor_collection_next_action_idx` ON `debtor_collection` (`next_action_date`);--> statement-breakpoint
CREATE TABLE `dispute` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`invoice_id` integer NOT NULL,
	`reason` text NOT NULL,
	`amount` integer NOT NULL,
	`owner_id` integer,
	`status` text NOT NULL,
	`opened_date` text NOT NULL,
	`closed_date` text,
	`resolution` text,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtor`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoice`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "dispute_amount" CHECK("dispute"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `dispute_debtor_idx` ON `dispute` (`debtor_id`,`status`);--> statement-breakpoint
CREATE INDEX `dispute_invoice_idx` ON `dispute` (`invoice_id`);--> statement-breakpoint
CREATE TABLE `dunning_block` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`invoice_id` integer,
	`reason` text NOT NULL,
	`until_date` text,
	`ended_date` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtor`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoice`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dunning_block_debtor_idx` ON `dunning_block` (`debtor_id`);--> statement-breakpoint
CREATE TABLE `dunning_plan` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`segment` text,
	`steps` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dunning_plan_name_unique` ON `dunning_plan` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `dunning_plan_segment_unique` ON `dunning_plan` (`segment`);--> statement-breakpoint
CREATE TABLE `instalment_plan` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`currency` text NOT NULL,
	`invoice_ids` text NOT NULL,
	`baseline_open` integer NOT NULL,
	`instalments` text NOT NULL,
	`status` text NOT NULL,
	`created_date` text NOT NULL,
	`closed_date` text,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtor`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `instalment_plan_debtor_idx` ON `instalment_plan` (`debtor_id`,`status`);--> statement-breakpoint
CREATE TABLE `invoice_dunning` (
	`invoice_id` integer PRIMARY KEY NOT NULL,
	`plan_id` integer,
	`level` integer,
	`last_sent_date` text,
	`interest_claimed` integer DEFAULT 0 NOT NULL,
	`compensation_claimed` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoice`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `dunning_plan`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `outbox_message` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reminder_id` integer,
	`channel` text NOT NULL,
	`recipient` text,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`provider_ref` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`reminder_id`) REFERENCES `reminder`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox_message` (`status`,`channel`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_reminder_idx` ON `outbox_message` (`reminder_id`);--> statement-breakpoint
CREATE TABLE `payment_promise` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`promised_date` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`baseline_open` integer NOT NULL,
	`status` text NOT NULL,
	`created_date` text NOT NULL,
	`closed_date` text,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtor`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "promise_amount" CHECK("payment_promise"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `promise_debtor_idx` ON `payment_promise` (`debtor_id`,`status`);--> statement-breakpoint
CREATE INDEX `promise_status_date_idx` ON `payment_promise` (`status`,`promised_date`);--> statement-breakpoint
CREATE TABLE `reference_rate` (
	`series` text NOT NULL,
	`from_date` text NOT NULL,
	`rate_bp` integer NOT NULL,
	PRIMARY KEY(`series`, `from_date`)
);
--> statement-breakpoint
CREATE TABLE `reminder` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`run_date` text NOT NULL,
	`level` integer NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`currency` text NOT NULL,
	`fee` integer NOT NULL,
	`interest_new` integer NOT NULL,
	`compensation_new` integer NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`lines` text NOT NULL,
	`decided_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtor`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminder_idempotency_uq` ON `reminder` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `reminder_debtor_idx` ON `reminder` (`debtor_id`,`run_date`);--> statement-breakpoint
CREATE INDEX `reminder_status_idx` ON `reminder` (`status`);