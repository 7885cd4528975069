ALTER TABLE `chargeback_proposal` ADD `booked_amount` integer;--> statement-breakpoint
ALTER TABLE `chargeback_proposal` ADD `previous_status` text;--> statement-breakpoint
ALTER TABLE `chargeback_proposal` ADD `entry_id` integer;--> statement-breakpoint
ALTER TABLE `chargeback_proposal` ADD `reversal_entry_id` integer;--> statement-breakpoint
ALTER TABLE `chargeback_proposal` ADD `decided_by` integer;--> statement-breakpoint
ALTER TABLE `chargeback_proposal` ADD `decided_date` text;--> statement-breakpoint
ALTER TABLE `chargeback_proposal` ADD `note` text;--> statement-breakpoint
ALTER TABLE `chargeback_proposal` ADD `notice_id` integer;--> statement-breakpoint
ALTER TABLE `debtor_collection` ADD `currencies` text;