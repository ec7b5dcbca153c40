-- Interop (issue 27): an idempotent replay returns the first answer's headers; webhook secrets
-- rotate with an overlap; item.gold_changed fires only when the gold's value changed.

-- AlterTable
ALTER TABLE "IdempotencyKey" ADD COLUMN     "headers" JSONB;

-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "previousSecret" TEXT,
ADD COLUMN     "previousSecretUntil" TIMESTAMP(3);

-- A second reviewer agreeing (SINGLE_REVIEW -> AGREEMENT) or a ruling confirming the same label
-- changes only the source: receivers were told "gold changed" when the label had not.
DROP TRIGGER IF EXISTS "GoldLabel_webhook_update" ON "GoldLabel";
CREATE TRIGGER "GoldLabel_webhook_update" AFTER UPDATE ON "GoldLabel"
  FOR EACH ROW WHEN (NEW.source::text NOT IN ('AUTO', 'IMPORTED') AND OLD.value IS DISTINCT FROM NEW.value)
  EXECUTE FUNCTION goldset_webhook_gold_changed();
