-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "QueueOrder" ADD VALUE 'LEARNER_DISAGREEMENT';
ALTER TYPE "QueueOrder" ADD VALUE 'LEARNER_UNCERTAIN';
ALTER TYPE "QueueOrder" ADD VALUE 'LEARNER_MIXED';

-- CreateTable
CREATE TABLE "LearnerQueue" (
    "itemId" INTEGER NOT NULL,
    "projectId" TEXT NOT NULL,
    "disagree" BOOLEAN NOT NULL,
    "margin" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "LearnerQueue_pkey" PRIMARY KEY ("itemId")
);

-- CreateIndex
CREATE INDEX "LearnerQueue_projectId_disagree_margin_idx" ON "LearnerQueue"("projectId", "disagree", "margin");

-- CreateIndex
CREATE INDEX "LearnerQueue_projectId_margin_idx" ON "LearnerQueue"("projectId", "margin");

-- AddForeignKey
ALTER TABLE "LearnerQueue" ADD CONSTRAINT "LearnerQueue_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
