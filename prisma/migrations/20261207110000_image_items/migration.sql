-- Image classification: two task types, each image item's picture (bytes in the media store), and zip uploads.
-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TaskType" ADD VALUE 'IMAGE_CLASSIFICATION';
ALTER TYPE "TaskType" ADD VALUE 'IMAGE_MULTI_LABEL';

-- AlterEnum
ALTER TYPE "ImportFormat" ADD VALUE 'ZIP';

-- CreateTable
CREATE TABLE "ItemImage" (
    "itemId" INTEGER NOT NULL,
    "projectId" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "path" TEXT NOT NULL,

    CONSTRAINT "ItemImage_pkey" PRIMARY KEY ("itemId")
);

-- CreateIndex
CREATE INDEX "ItemImage_projectId_sha256_idx" ON "ItemImage"("projectId", "sha256");

-- AddForeignKey
ALTER TABLE "ItemImage" ADD CONSTRAINT "ItemImage_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
