-- Rubric ratings: the RATING task type and each criterion's scale on its label.
-- AlterEnum
ALTER TYPE "TaskType" ADD VALUE 'RATING';

-- AlterTable
ALTER TABLE "Label" ADD COLUMN     "scale" JSONB;
