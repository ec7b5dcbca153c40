-- Items reserved to review where two prompt versions disagree, reviewed first (issue 28).
-- AlterTable
ALTER TABLE "AlignmentSplit" ADD COLUMN     "reviewFirst" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "roundId" TEXT;

-- AlterTable
ALTER TABLE "AlignmentRound" ADD COLUMN     "acquisition" JSONB;

-- CreateIndex
CREATE INDEX "AlignmentSplit_projectId_reviewFirst_idx" ON "AlignmentSplit"("projectId", "reviewFirst");
