-- Items search (substring, every word) through a trigram index. pg_trgm ships with PostgreSQL and PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "ProjectCreators" AS ENUM ('ADMINS', 'ADMINS_AND_LEADS', 'EVERYONE');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Label" ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "lastUndoAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ReviewAssignment" ADD COLUMN     "blind" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "scopes" TEXT[] DEFAULT ARRAY['read']::TEXT[];

-- CreateTable
CREATE TABLE "InstanceSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "projectCreators" "ProjectCreators" NOT NULL DEFAULT 'ADMINS_AND_LEADS',
    "monthlySpendLimitUsd" DECIMAL(12,4),
    "defaultProjectBudgetUsd" DECIMAL(12,4),
    "reservedUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "InstanceSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthlySpend" (
    "month" TEXT NOT NULL,
    "spentUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,

    CONSTRAINT "MonthlySpend_pkey" PRIMARY KEY ("month")
);

-- CreateIndex
CREATE INDEX "Item_text_trgm_idx" ON "Item" USING GIN ("text" gin_trgm_ops);

-- Hand-written below (Prisma has no words for partial unique indexes or data fixes).

-- Tokens made before scopes existed could do everything their user could: they keep that.
UPDATE "ApiToken" SET scopes = ARRAY['read', 'review', 'lead']::TEXT[];

-- At most one active run per prompt version, so no item is billed twice for the same version.
-- Runs that were already active side by side: the newer ones are cancelled first.
UPDATE "Run" r SET status = 'CANCELLED', "finishedAt" = now(), "runnerToken" = NULL,
  error = 'Cancelled when Goldset began to allow one active run per prompt version: an older run of the same version was active.'
WHERE r.status IN ('QUEUED', 'RUNNING', 'PAUSED')
  AND EXISTS (SELECT 1 FROM "Run" o WHERE o."promptVersionId" = r."promptVersionId" AND o.status IN ('QUEUED', 'RUNNING', 'PAUSED')
              AND (o."createdAt", o.id) < (r."createdAt", r.id));
CREATE UNIQUE INDEX "Run_one_active_per_version" ON "Run"("promptVersionId") WHERE status IN ('QUEUED', 'RUNNING', 'PAUSED');

-- Open review leases keep the blindness their item had when it was shown.
UPDATE "ReviewAssignment" a SET blind = (i."randKey" < p."blindShare")
FROM "Item" i JOIN "Project" p ON p.id = i."projectId"
WHERE a."itemId" = i.id AND a."doneAt" IS NULL;
