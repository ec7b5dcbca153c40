-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "learnerCascade" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "PromptVersion" ADD COLUMN     "learnerTrainingId" TEXT;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "cascadeChecked" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "cascadeNote" TEXT,
ADD COLUMN     "cascadeSavedUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,
ADD COLUMN     "cascadedItems" INTEGER NOT NULL DEFAULT 0;
