-- Proposal loops under a spend cap (issue 28).
-- CreateTable
CREATE TABLE "AlignmentLoop" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "startVersionId" TEXT NOT NULL,
    "bestVersionId" TEXT NOT NULL,
    "proposerModel" TEXT NOT NULL,
    "maxRounds" INTEGER NOT NULL,
    "capUsd" DOUBLE PRECISION NOT NULL,
    "spentUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "stopReason" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "AlignmentLoop_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlignmentLoop_projectId_createdAt_idx" ON "AlignmentLoop"("projectId", "createdAt");

-- AddForeignKey
ALTER TABLE "AlignmentLoop" ADD CONSTRAINT "AlignmentLoop_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
