-- CreateEnum
CREATE TYPE "PromptStrategy" AS ENUM ('ZERO_SHOT', 'FEW_SHOT', 'CHAIN_OF_THOUGHT');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('QUEUED', 'RUNNING', 'PAUSED', 'CANCELLED', 'DONE', 'STOPPED');

-- CreateEnum
CREATE TYPE "RunMode" AS ENUM ('DIRECT', 'BATCH');

-- CreateEnum
CREATE TYPE "RunItemStatus" AS ENUM ('PENDING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "SuggestionStatus" AS ENUM ('OK', 'FAILED');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "budgetUsd" DECIMAL(12,4),
ADD COLUMN     "reservedUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,
ADD COLUMN     "spentUsd" DECIMAL(18,9) NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "PromptVersion" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "modelId" TEXT NOT NULL,
    "strategy" "PromptStrategy" NOT NULL,
    "instructions" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromptVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "promptVersionId" TEXT NOT NULL,
    "mode" "RunMode" NOT NULL DEFAULT 'DIRECT',
    "status" "RunStatus" NOT NULL DEFAULT 'QUEUED',
    "selection" JSONB NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "totalItems" INTEGER NOT NULL DEFAULT 0,
    "doneItems" INTEGER NOT NULL DEFAULT 0,
    "failedItems" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheReadTokens" BIGINT NOT NULL DEFAULT 0,
    "cacheWriteTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,
    "error" TEXT,
    "batchIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "runnerToken" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunItem" (
    "runId" TEXT NOT NULL,
    "itemId" INTEGER NOT NULL,
    "status" "RunItemStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "reservedUsd" DECIMAL(16,9) NOT NULL DEFAULT 0,

    CONSTRAINT "RunItem_pkey" PRIMARY KEY ("runId","itemId")
);

-- CreateTable
CREATE TABLE "Suggestion" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "itemId" INTEGER NOT NULL,
    "promptVersionId" TEXT NOT NULL,
    "runId" TEXT,
    "status" "SuggestionStatus" NOT NULL,
    "value" JSONB,
    "confidence" DOUBLE PRECISION,
    "confidenceSource" TEXT,
    "rationale" TEXT,
    "failureReason" TEXT,
    "model" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheReadTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheWriteTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(16,9) NOT NULL DEFAULT 0,
    "latencyMs" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Suggestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PromptVersion_projectId_number_key" ON "PromptVersion"("projectId", "number");

-- CreateIndex
CREATE INDEX "Run_projectId_createdAt_idx" ON "Run"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "RunItem_runId_status_idx" ON "RunItem"("runId", "status");

-- CreateIndex
CREATE INDEX "Suggestion_projectId_promptVersionId_status_idx" ON "Suggestion"("projectId", "promptVersionId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Suggestion_itemId_promptVersionId_key" ON "Suggestion"("itemId", "promptVersionId");

-- AddForeignKey
ALTER TABLE "PromptVersion" ADD CONSTRAINT "PromptVersion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromptVersion" ADD CONSTRAINT "PromptVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_promptVersionId_fkey" FOREIGN KEY ("promptVersionId") REFERENCES "PromptVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunItem" ADD CONSTRAINT "RunItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Suggestion" ADD CONSTRAINT "Suggestion_promptVersionId_fkey" FOREIGN KEY ("promptVersionId") REFERENCES "PromptVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
