-- AlterEnum
ALTER TYPE "GoldSource" ADD VALUE 'AUTO';

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "auditShare" DOUBLE PRECISION NOT NULL DEFAULT 0.05,
ADD COLUMN     "autoAccept" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "autoAcceptCertificate" JSONB,
ADD COLUMN     "autoAcceptPauseReason" TEXT,
ADD COLUMN     "autoAcceptPausedAt" TIMESTAMP(3),
ADD COLUMN     "errorBudget" DOUBLE PRECISION,
ADD COLUMN     "lastGoodAuditAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "autoAudit" BOOLEAN NOT NULL DEFAULT false;

-- Hand-written (compared as text: a new enum value cannot be used in the transaction that adds it).
-- AUTO gold is never gold for measuring the model, so the triggers that copy gold
-- onto suggestions (migration metrics_at_scale) skip it. Applying auto-accept to a million items
-- then fires no trigger at all.
DROP TRIGGER "GoldLabel_copy_to_suggestions" ON "GoldLabel";
CREATE TRIGGER "GoldLabel_copy_to_suggestions" AFTER INSERT OR UPDATE ON "GoldLabel"
  FOR EACH ROW WHEN (NEW.source::text <> 'AUTO') EXECUTE FUNCTION goldset_copy_gold_to_suggestions();
CREATE TRIGGER "GoldLabel_uncopy_from_suggestions" AFTER DELETE ON "GoldLabel"
  FOR EACH ROW WHEN (OLD.source::text <> 'AUTO') EXECUTE FUNCTION goldset_copy_gold_to_suggestions();

CREATE OR REPLACE FUNCTION goldset_suggestion_starts_with_gold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT value, blind INTO NEW."goldValue", NEW."goldBlind" FROM "GoldLabel" WHERE "itemId" = NEW."itemId" AND source::text <> 'AUTO';
  RETURN NEW;
END $$;
