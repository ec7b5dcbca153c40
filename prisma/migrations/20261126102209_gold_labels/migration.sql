-- CreateEnum
CREATE TYPE "GoldSource" AS ENUM ('SINGLE_REVIEW', 'AGREEMENT', 'ADJUDICATION');

-- CreateTable
CREATE TABLE "GoldLabel" (
    "itemId" INTEGER NOT NULL,
    "projectId" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "source" "GoldSource" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GoldLabel_pkey" PRIMARY KEY ("itemId")
);

-- CreateIndex
CREATE INDEX "GoldLabel_projectId_itemId_idx" ON "GoldLabel"("projectId", "itemId");

-- AddForeignKey
ALTER TABLE "GoldLabel" ADD CONSTRAINT "GoldLabel_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoldLabel" ADD CONSTRAINT "GoldLabel_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
