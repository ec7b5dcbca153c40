-- AlterEnum
ALTER TYPE "ImportStatus" ADD VALUE 'CANCELLED';

-- AlterEnum
ALTER TYPE "ExportStatus" ADD VALUE 'CANCELLED';

-- AlterTable
ALTER TABLE "PromptVersion" ADD COLUMN     "prefixHash" TEXT,
ADD COLUMN     "prefixTokens" INTEGER;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "wakeAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Export" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "fileDeletedAt" TIMESTAMP(3),
ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "runnerToken" TEXT,
ADD COLUMN     "startedAt" TIMESTAMP(3);
