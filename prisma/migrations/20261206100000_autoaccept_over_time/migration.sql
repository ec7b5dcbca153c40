-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "auditSince" TIMESTAMP(3),
ADD COLUMN     "blindFloor" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Membership" DROP COLUMN "firstClaims";

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "blindDraw" DOUBLE PRECISION NOT NULL DEFAULT random();

-- AlterTable
ALTER TABLE "GoldLabel" ADD COLUMN     "audit" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "LearnerTraining" ADD COLUMN     "foldModels" JSONB;

-- CreateTable
CREATE TABLE "AutoAcceptApply" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "requestedById" TEXT,
    "reason" TEXT NOT NULL,
    "plan" JSONB,
    "summary" JSONB,
    "cursor" INTEGER,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "audited" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "runnerToken" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "AutoAcceptApply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AutoAcceptApply_projectId_createdAt_idx" ON "AutoAcceptApply"("projectId", "createdAt");

-- AddForeignKey
ALTER TABLE "AutoAcceptApply" ADD CONSTRAINT "AutoAcceptApply_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Import chunks are keyed by a record's position in the stream, not by line (issue 25: a one-line
-- JSON array). Chunks of imports still under way counted lines: dropped, so such an import starts
-- over on resume (its rows already written are found by id and counted as existing, not doubled).
DELETE FROM "ImportChunk";
ALTER TABLE "ImportChunk" RENAME COLUMN "firstLine" TO "firstRecord";
ALTER TABLE "ImportChunk" RENAME COLUMN "lastLine" TO "lastRecord";

-- Hand-written from here on.
-- The blind slice is now each item's own draw below the blind share (schema.prisma, Item.blindDraw).
-- Items already shown keep the slice they were in: blind ones draw below their project's share,
-- the others above it. Audit items were marked blind only to hide the suggestion: they are not in
-- the slice (they are shown blind because they are audit items, lib/reviews/sql.ts).
UPDATE "Item" i SET "blindDraw" = CASE WHEN i.blind AND NOT i."autoAudit" THEN random() * p."blindShare" ELSE p."blindShare" + random() * (1 - p."blindShare") END
FROM "Project" p WHERE p.id = i."projectId" AND (i.blind IS NOT NULL OR i."autoAudit");
UPDATE "Item" SET blind = CASE WHEN "reviewCount" > 0 THEN false END WHERE "autoAudit" AND blind;

-- Audit gold is its own slice: never copied onto suggestions (so it measures neither the model on
-- the Quality page nor the next certificate), and never blind gold.
DROP TRIGGER "GoldLabel_copy_to_suggestions" ON "GoldLabel";
DROP TRIGGER "GoldLabel_uncopy_from_suggestions" ON "GoldLabel";
CREATE TRIGGER "GoldLabel_copy_to_suggestions" AFTER INSERT OR UPDATE ON "GoldLabel"
  FOR EACH ROW WHEN (NEW.source::text <> 'AUTO' AND NOT NEW.audit) EXECUTE FUNCTION goldset_copy_gold_to_suggestions();
CREATE TRIGGER "GoldLabel_uncopy_from_suggestions" AFTER DELETE ON "GoldLabel"
  FOR EACH ROW WHEN (OLD.source::text <> 'AUTO' AND NOT OLD.audit) EXECUTE FUNCTION goldset_copy_gold_to_suggestions();
CREATE OR REPLACE FUNCTION goldset_suggestion_starts_with_gold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT value, blind INTO NEW."goldValue", NEW."goldBlind" FROM "GoldLabel" WHERE "itemId" = NEW."itemId" AND source::text <> 'AUTO' AND NOT audit;
  RETURN NEW;
END $$;
UPDATE "GoldLabel" g SET audit = true, blind = false FROM "Item" i WHERE i.id = g."itemId" AND i."autoAudit";
UPDATE "Suggestion" s SET "goldValue" = NULL, "goldBlind" = NULL FROM "Item" i WHERE i.id = s."itemId" AND i."autoAudit" AND s."goldValue" IS NOT NULL;

-- Audit items waiting for people, in random order: the queue serves them as their own stream.
CREATE INDEX "Item_audit_queue_idx" ON "Item"("projectId", "randKey") WHERE "autoAudit" AND "inQueue";

-- Every order now keeps a random blind share; the mixed learner order is the disagreement order.
UPDATE "Project" SET "queueOrder" = 'LEARNER_DISAGREEMENT' WHERE "queueOrder" = 'LEARNER_MIXED';
