-- AlterEnum
ALTER TYPE "GoldSource" ADD VALUE 'IMPORTED';

-- AlterEnum
ALTER TYPE "ExportFormat" ADD VALUE 'LABEL_STUDIO';

-- AlterTable
ALTER TABLE "Import" ADD COLUMN     "labelsKept" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "labelsWritten" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "PromptVersion" ADD COLUMN     "externalSource" TEXT;

-- CreateTable
CREATE TABLE "ReferenceLabel" (
    "itemId" INTEGER NOT NULL,
    "projectId" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "importId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferenceLabel_pkey" PRIMARY KEY ("itemId")
);

-- CreateIndex
CREATE INDEX "ReferenceLabel_projectId_itemId_idx" ON "ReferenceLabel"("projectId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "PromptVersion_projectId_externalSource_key" ON "PromptVersion"("projectId", "externalSource");

-- AddForeignKey
ALTER TABLE "ReferenceLabel" ADD CONSTRAINT "ReferenceLabel_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferenceLabel" ADD CONSTRAINT "ReferenceLabel_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
