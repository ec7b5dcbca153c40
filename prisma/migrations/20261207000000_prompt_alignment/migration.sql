-- Prompt proposals from corrections (issue 28): candidate versions, the stored gold split, rounds.
-- AlterTable
ALTER TABLE "PromptVersion" ADD COLUMN     "labelDescriptions" JSONB,
ADD COLUMN     "parentId" TEXT,
ADD COLUMN     "provenance" JSONB,
ADD COLUMN     "trial" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AlignmentSplit" (
    "itemId" INTEGER NOT NULL,
    "projectId" TEXT NOT NULL,
    "heldOut" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlignmentSplit_pkey" PRIMARY KEY ("itemId")
);

-- CreateTable
CREATE TABLE "AlignmentRound" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "loopId" TEXT,
    "parentVersionId" TEXT NOT NULL,
    "candidateVersionId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "instructions" TEXT NOT NULL,
    "labelDescriptions" JSONB NOT NULL,
    "changes" JSONB NOT NULL,
    "corrections" INTEGER NOT NULL,
    "proposerModel" TEXT NOT NULL,
    "proposalCostUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "look" INTEGER,
    "alpha" DOUBLE PRECISION,
    "result" JSONB,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "AlignmentRound_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlignmentSplit_projectId_heldOut_idx" ON "AlignmentSplit"("projectId", "heldOut");

-- CreateIndex
CREATE INDEX "AlignmentRound_projectId_loopId_idx" ON "AlignmentRound"("projectId", "loopId");

-- CreateIndex
CREATE UNIQUE INDEX "AlignmentRound_projectId_number_key" ON "AlignmentRound"("projectId", "number");

-- AddForeignKey
ALTER TABLE "AlignmentSplit" ADD CONSTRAINT "AlignmentSplit_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlignmentSplit" ADD CONSTRAINT "AlignmentSplit_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlignmentRound" ADD CONSTRAINT "AlignmentRound_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
