CREATE TABLE `quiz_answers` (
	`attempt_id` integer NOT NULL,
	`question` integer NOT NULL,
	`choice` integer NOT NULL,
	`correct` integer NOT NULL,
	`answered_at` text NOT NULL,
	PRIMARY KEY(`attempt_id`, `question`),
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`quiz_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`role` text NOT NULL,
	`desa_code` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`score` integer,
	FOREIGN KEY (`quiz_id`) REFERENCES `quizzes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`desa_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_quiz_person_idx` ON `quiz_attempts` (`quiz_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_person_idx` ON `quiz_attempts` (`person_id`);--> statement-breakpoint
CREATE TABLE `quiz_workshops` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`bank_id` text NOT NULL,
	`bank_title` text NOT NULL,
	`questions` text NOT NULL,
	`area_spec` text NOT NULL,
	`organiser_id` integer,
	`opened_via` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quiz_workshops_name_key_idx` ON `quiz_workshops` (`name_key`);--> statement-breakpoint
CREATE INDEX `quiz_workshops_organiser_idx` ON `quiz_workshops` (`organiser_id`);--> statement-breakpoint
CREATE TABLE `quizzes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workshop_id` integer NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`opened_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`workshop_id`) REFERENCES `quiz_workshops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quizzes_code_idx` ON `quizzes` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `quizzes_workshop_kind_idx` ON `quizzes` (`workshop_id`,`kind`);