-- DropIndex
DROP INDEX "Item_projectId_reviewCount_randKey_idx";

-- DropIndex
DROP INDEX "Item_projectId_reviewCount_suggestionConfidence_idx";

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "inQueue" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "Item_projectId_inQueue_randKey_idx" ON "Item"("projectId", "inQueue", "randKey");

-- CreateIndex
CREATE INDEX "Item_projectId_inQueue_suggestionConfidence_idx" ON "Item"("projectId", "inQueue", "suggestionConfidence");

-- CreateIndex
CREATE INDEX "Item_projectId_inQueue_id_idx" ON "Item"("projectId", "inQueue", "id");
