-- AlterTable
ALTER TABLE "Suggestion" ADD COLUMN     "acceptedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "correctedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "goldBlind" BOOLEAN,
ADD COLUMN     "goldValue" JSONB;

-- CreateIndex
CREATE INDEX "Item_projectId_reviewCount_idx" ON "Item"("projectId", "reviewCount");

-- Hand-written below (Prisma has no words for these; it leaves triggers, storage settings and
-- partial indexes alone). See the comment on Suggestion.goldValue in schema.prisma.

-- Throughput per annotator (count, median and total seconds) as an index-only scan.
CREATE INDEX "Decision_throughput_idx" ON "Decision"("projectId", "annotatorId", seconds) WHERE action <> 'SKIPPED';

-- Gold onto the item's suggestions. Row-level: the app writes one gold row at a time.
CREATE FUNCTION goldset_copy_gold_to_suggestions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "Suggestion" SET "goldValue" = NULL, "goldBlind" = NULL WHERE "itemId" = OLD."itemId";
  ELSE
    UPDATE "Suggestion" SET "goldValue" = NEW.value, "goldBlind" = NEW.blind
    WHERE "itemId" = NEW."itemId" AND ("goldValue" IS DISTINCT FROM NEW.value OR "goldBlind" IS DISTINCT FROM NEW.blind);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "GoldLabel_copy_to_suggestions" AFTER INSERT OR UPDATE OR DELETE ON "GoldLabel"
  FOR EACH ROW EXECUTE FUNCTION goldset_copy_gold_to_suggestions();

-- A new suggestion starts with its item's gold.
CREATE FUNCTION goldset_suggestion_starts_with_gold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT value, blind INTO NEW."goldValue", NEW."goldBlind" FROM "GoldLabel" WHERE "itemId" = NEW."itemId";
  RETURN NEW;
END $$;
CREATE TRIGGER "Suggestion_starts_with_gold" BEFORE INSERT ON "Suggestion"
  FOR EACH ROW EXECUTE FUNCTION goldset_suggestion_starts_with_gold();

-- Decision counts onto the suggestion shown. Row-level with static statements (their plans are
-- cached per connection): the app writes one decision at a time, on the review hot path.
CREATE FUNCTION goldset_count_suggestion_outcomes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.action = NEW.action AND OLD."suggestionId" IS NOT DISTINCT FROM NEW."suggestionId" THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."suggestionId" IS NOT NULL AND OLD.action IN ('ACCEPTED', 'CORRECTED') THEN
    UPDATE "Suggestion" SET "acceptedCount" = "acceptedCount" - (OLD.action = 'ACCEPTED')::int, "correctedCount" = "correctedCount" - (OLD.action = 'CORRECTED')::int
    WHERE id = OLD."suggestionId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."suggestionId" IS NOT NULL AND NEW.action IN ('ACCEPTED', 'CORRECTED') THEN
    UPDATE "Suggestion" SET "acceptedCount" = "acceptedCount" + (NEW.action = 'ACCEPTED')::int, "correctedCount" = "correctedCount" + (NEW.action = 'CORRECTED')::int
    WHERE id = NEW."suggestionId";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Decision_counts_on_suggestion" AFTER INSERT OR UPDATE OF action, "suggestionId" OR DELETE ON "Decision"
  FOR EACH ROW EXECUTE FUNCTION goldset_count_suggestion_outcomes();

-- Each decision and each gold write rewrites suggestion rows: room in every page lets those be
-- HOT updates (in the same page, no index entries), so the table does not double in size.
ALTER TABLE "Suggestion" SET (fillfactor = 85);

-- The gold and decisions written before this migration.
UPDATE "Suggestion" s SET "goldValue" = g.value, "goldBlind" = g.blind FROM "GoldLabel" g WHERE g."itemId" = s."itemId";
UPDATE "Suggestion" s SET "acceptedCount" = t.accepted, "correctedCount" = t.corrected
FROM (SELECT "suggestionId" AS id, count(*) FILTER (WHERE action = 'ACCEPTED') AS accepted, count(*) FILTER (WHERE action = 'CORRECTED') AS corrected
      FROM "Decision" WHERE "suggestionId" IS NOT NULL GROUP BY 1) t
WHERE s.id = t.id;
