ALTER TABLE `bank_entry` ADD `reason_template` text;--> statement-breakpoint
ALTER TABLE `bank_entry` ADD `reason_args` text;