DROP INDEX `outbox_status_not_before_idx`;--> statement-breakpoint
DROP INDEX `outbox_status_to_address_idx`;--> statement-breakpoint
CREATE INDEX `outbox_pending_not_before_idx` ON `outbox` (`not_before`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `outbox_pending_chat_idx` ON `outbox` (`to_address`,`id`,`priority`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `outbox_failed_at_idx` ON `outbox` (`failed_at`) WHERE status = 'failed';