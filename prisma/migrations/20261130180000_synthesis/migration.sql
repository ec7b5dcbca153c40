-- CreateEnum
CREATE TYPE "ItemOrigin" AS ENUM ('REAL', 'SYNTHETIC');

-- AlterEnum
ALTER TYPE "DecisionAction" ADD VALUE 'REJECTED';

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "origin" "ItemOrigin" NOT NULL DEFAULT 'REAL',
ADD COLUMN     "rejectedAt" TIMESTAMP(3),
ADD COLUMN     "synthesisJobId" TEXT;

-- CreateTable
CREATE TABLE "SynthesisJob" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "modelId" TEXT NOT NULL,
    "promptVersionId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "generated" INTEGER NOT NULL DEFAULT 0,
    "kept" INTEGER NOT NULL DEFAULT 0,
    "dropped" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(18,9) NOT NULL DEFAULT 0,
    "error" TEXT,
    "runnerToken" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SynthesisJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SynthesisDrop" (
    "id" SERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "similarTo" TEXT,
    "similarity" DOUBLE PRECISION,

    CONSTRAINT "SynthesisDrop_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SynthesisJob_projectId_createdAt_idx" ON "SynthesisJob"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "SynthesisDrop_jobId_id_idx" ON "SynthesisDrop"("jobId", "id");

-- AddForeignKey
ALTER TABLE "SynthesisJob" ADD CONSTRAINT "SynthesisJob_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SynthesisDrop" ADD CONSTRAINT "SynthesisDrop_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "SynthesisJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
