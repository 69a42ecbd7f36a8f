CREATE TABLE `group_bindings` (
	`group_id` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`area_code` text NOT NULL,
	`bound_by_person_id` integer,
	`bound_via` text NOT NULL,
	`bound_at` text NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `chat_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bound_by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `group_bindings_role_area_code_idx` ON `group_bindings` (`role`,`area_code`);