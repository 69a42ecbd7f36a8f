CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`raised_at` text NOT NULL,
	`resolved_at` text,
	`notified_at` text
);
--> statement-breakpoint
CREATE INDEX `alerts_kind_idx` ON `alerts` (`kind`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `runtime_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `wa_creds` (
	`session` text PRIMARY KEY NOT NULL,
	`json` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `wa_keys` (
	`session` text NOT NULL,
	`type` text NOT NULL,
	`id` text NOT NULL,
	`json` text NOT NULL,
	PRIMARY KEY(`session`, `type`, `id`)
);
--> statement-breakpoint
CREATE TABLE `wa_lid_pairs` (
	`lid` text PRIMARY KEY NOT NULL,
	`phone` text NOT NULL,
	`seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `wa_lid_pairs_phone_idx` ON `wa_lid_pairs` (`phone`);--> statement-breakpoint
CREATE TABLE `wa_sent_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`remote_jid` text NOT NULL,
	`message` text NOT NULL,
	`sent_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `wa_sent_messages_sent_at_idx` ON `wa_sent_messages` (`sent_at`);--> statement-breakpoint
CREATE INDEX `outbox_provider_message_id_idx` ON `outbox` (`provider_message_id`);