-- AlterEnum
ALTER TYPE "TaskType" ADD VALUE 'PAIRWISE';

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "modelA" TEXT,
ADD COLUMN     "modelB" TEXT,
ADD COLUMN     "responseA" TEXT,
ADD COLUMN     "responseB" TEXT;

-- AlterTable
ALTER TABLE "Suggestion" ADD COLUMN     "judgments" JSONB;
