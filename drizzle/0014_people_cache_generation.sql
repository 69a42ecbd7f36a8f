-- The people cache (src/db/repos/people-cache.ts) keeps each connection's PersonView by phone. Every change to the rows
-- a PersonView is built from (people, person_areas, area_units), by any connection of any process (the CLI's
-- `people import` while `serve` runs), sets a new random generation token in runtime_state; a lookup reads the token
-- first and drops its cache when the token moved. Random, not a counter: a rolled-back transaction restores the old
-- value, and a counter's next change would then repeat the number the rolled-back change had shown.
INSERT INTO runtime_state (key, value, updated_at) VALUES ('people_generation', '"' || lower(hex(randomblob(8))) || '"', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `people_bump_people_generation_insert` AFTER INSERT ON `people` BEGIN
  INSERT INTO runtime_state (key, value, updated_at)
  VALUES ('people_generation', '"' || lower(hex(randomblob(8))) || '"', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER `people_bump_people_generation_update` AFTER UPDATE ON `people` BEGIN
  INSERT INTO runtime_state (key, value, updated_at)
  VALUES ('people_generation', '"' || lower(hex(randomblob(8))) || '"', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER `people_bump_people_generation_delete` AFTER DELETE ON `people` BEGIN
  INSERT INTO runtime_state (key, value, updated_at)
  VALUES ('people_generation', '"' || lower(hex(randomblob(8))) || '"', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER `person_areas_bump_people_generation_insert` AFTER INSERT ON `person_areas` BEGIN
  INSERT INTO runtime_state (key, value, updated_at)
  VALUES ('people_generation', '"' || lower(hex(randomblob(8))) || '"', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER `person_areas_bump_people_generation_update` AFTER UPDATE ON `person_areas` BEGIN
  INSERT INTO runtime_state (key, value, updated_at)
  VALUES ('people_generation', '"' || lower(hex(randomblob(8))) || '"', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER `person_areas_bump_people_generation_delete` AFTER DELETE ON `person_areas` BEGIN
  INSERT INTO runtime_state (key, value, updated_at)
  VALUES ('people_generation', '"' || lower(hex(randomblob(8))) || '"', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER `area_units_bump_people_generation_insert` AFTER INSERT ON `area_units` BEGIN
  INSERT INTO runtime_state (key, value, updated_at)
  VALUES ('people_generation', '"' || lower(hex(randomblob(8))) || '"', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER `area_units_bump_people_generation_update` AFTER UPDATE ON `area_units` BEGIN
  INSERT INTO runtime_state (key, value, updated_at)
  VALUES ('people_generation', '"' || lower(hex(randomblob(8))) || '"', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
END;
--> statement-breakpoint
CREATE TRIGGER `area_units_bump_people_generation_delete` AFTER DELETE ON `area_units` BEGIN
  INSERT INTO runtime_state (key, value, updated_at)
  VALUES ('people_generation', '"' || lower(hex(randomblob(8))) || '"', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
END;