-- CreateEnum
CREATE TYPE "QueueOrder" AS ENUM ('RANDOM', 'LOW_CONFIDENCE', 'IMPORT_ORDER');

-- CreateEnum
CREATE TYPE "DecisionAction" AS ENUM ('ACCEPTED', 'CORRECTED', 'LABELED', 'SKIPPED');

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "needsAdjudication" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "randKey" DOUBLE PRECISION NOT NULL DEFAULT random(),
ADD COLUMN     "reviewCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "suggestionConfidence" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "blindShare" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
ADD COLUMN     "queueOrder" "QueueOrder" NOT NULL DEFAULT 'RANDOM',
ADD COLUMN     "reviewersPerItem" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ReviewAssignment" (
    "itemId" INTEGER NOT NULL,
    "annotatorId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "leasedUntil" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "ReviewAssignment_pkey" PRIMARY KEY ("itemId","annotatorId")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "itemId" INTEGER NOT NULL,
    "annotatorId" TEXT NOT NULL,
    "action" "DecisionAction" NOT NULL,
    "value" JSONB,
    "blind" BOOLEAN NOT NULL,
    "suggestionId" TEXT,
    "seconds" DOUBLE PRECISION NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewAssignment_projectId_annotatorId_doneAt_idx" ON "ReviewAssignment"("projectId", "annotatorId", "doneAt");

-- CreateIndex
CREATE INDEX "Decision_projectId_annotatorId_createdAt_idx" ON "Decision"("projectId", "annotatorId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_itemId_idx" ON "Decision"("itemId");

-- CreateIndex
CREATE INDEX "Item_projectId_reviewCount_randKey_idx" ON "Item"("projectId", "reviewCount", "randKey");

-- CreateIndex
CREATE INDEX "Item_projectId_reviewCount_suggestionConfidence_idx" ON "Item"("projectId", "reviewCount", "suggestionConfidence");

-- AddForeignKey
ALTER TABLE "ReviewAssignment" ADD CONSTRAINT "ReviewAssignment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
