CREATE TABLE `wa_send_holds` (
	`session` text NOT NULL,
	`scope` text NOT NULL,
	`until` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`session`, `scope`)
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_inbound_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider_id` text NOT NULL,
	`transport` text NOT NULL,
	`sender_key` text NOT NULL,
	`chat_id` text NOT NULL,
	`kind` text NOT NULL,
	`text` text,
	`received_at` text NOT NULL,
	`processed_at` text,
	`outcome` text,
	`payload` text,
	`attempts` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_inbound_messages`("id", "provider_id", "transport", "sender_key", "chat_id", "kind", "text", "received_at", "processed_at", "outcome") SELECT "id", "provider_id", "transport", "sender_key", "chat_id", "kind", "text", "received_at", "processed_at", "outcome" FROM `inbound_messages`;--> statement-breakpoint
DROP TABLE `inbound_messages`;--> statement-breakpoint
ALTER TABLE `__new_inbound_messages` RENAME TO `inbound_messages`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_messages_provider_id_idx` ON `inbound_messages` (`provider_id`);--> statement-breakpoint
CREATE INDEX `inbound_messages_received_at_idx` ON `inbound_messages` (`received_at`);--> statement-breakpoint
CREATE INDEX `inbound_messages_outcome_idx` ON `inbound_messages` (`outcome`,`id`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `priority` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_status_to_address_idx` ON `outbox` (`status`,`to_address`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_sent_at_idx` ON `outbox` (`sent_at`);