ALTER TABLE `recaps` ADD `pus` integer;--> statement-breakpoint
ALTER TABLE `recaps` ADD `pa_iud` integer;--> statement-breakpoint
ALTER TABLE `recaps` ADD `pa_mow` integer;--> statement-breakpoint
ALTER TABLE `recaps` ADD `pa_mop` integer;--> statement-breakpoint
ALTER TABLE `recaps` ADD `pa_implan` integer;--> statement-breakpoint
ALTER TABLE `recaps` ADD `pa_suntik` integer;--> statement-breakpoint
ALTER TABLE `recaps` ADD `pa_pil` integer;--> statement-breakpoint
ALTER TABLE `recaps` ADD `pa_kondom` integer;--> statement-breakpoint
ALTER TABLE `recaps` ADD `pa_mal` integer;--> statement-breakpoint
ALTER TABLE `recaps` ADD `pa_lain` integer;--> statement-breakpoint
ALTER TABLE `recaps` ADD `iat` integer;--> statement-breakpoint
ALTER TABLE `recaps` ADD `tial` integer;--> statement-breakpoint
-- Backfill: the headline counts of the recaps stored before, from their JSON as headlineCounts() derives them (a
-- number, else NULL: not answered). Before the index is built, so it is built once. A row whose JSON is not valid
-- keeps NULLs, as the aggregation reads such a row as answering nothing.
UPDATE `recaps` SET
  `pus` = CASE WHEN json_type(`values`, '$.pus') IN ('integer', 'real') THEN `values` ->> '$.pus' END,
  `pa_iud` = CASE WHEN json_type(`values`, '$.pa_iud') IN ('integer', 'real') THEN `values` ->> '$.pa_iud' END,
  `pa_mow` = CASE WHEN json_type(`values`, '$.pa_mow') IN ('integer', 'real') THEN `values` ->> '$.pa_mow' END,
  `pa_mop` = CASE WHEN json_type(`values`, '$.pa_mop') IN ('integer', 'real') THEN `values` ->> '$.pa_mop' END,
  `pa_implan` = CASE WHEN json_type(`values`, '$.pa_implan') IN ('integer', 'real') THEN `values` ->> '$.pa_implan' END,
  `pa_suntik` = CASE WHEN json_type(`values`, '$.pa_suntik') IN ('integer', 'real') THEN `values` ->> '$.pa_suntik' END,
  `pa_pil` = CASE WHEN json_type(`values`, '$.pa_pil') IN ('integer', 'real') THEN `values` ->> '$.pa_pil' END,
  `pa_kondom` = CASE WHEN json_type(`values`, '$.pa_kondom') IN ('integer', 'real') THEN `values` ->> '$.pa_kondom' END,
  `pa_mal` = CASE WHEN json_type(`values`, '$.pa_mal') IN ('integer', 'real') THEN `values` ->> '$.pa_mal' END,
  `pa_lain` = CASE WHEN json_type(`values`, '$.pa_lain') IN ('integer', 'real') THEN `values` ->> '$.pa_lain' END,
  `iat` = CASE WHEN json_type(`values`, '$.iat') IN ('integer', 'real') THEN `values` ->> '$.iat' END,
  `tial` = CASE WHEN json_type(`values`, '$.tial') IN ('integer', 'real') THEN `values` ->> '$.tial' END
WHERE json_valid(`values`);--> statement-breakpoint
CREATE INDEX `recaps_rollup_idx` ON `recaps` (`period`,`unit_key`,`desa_code`,`status`,`late`,`pus`,`pa_iud`,`pa_mow`,`pa_mop`,`pa_implan`,`pa_suntik`,`pa_pil`,`pa_kondom`,`pa_mal`,`pa_lain`,`iat`,`tial`);
