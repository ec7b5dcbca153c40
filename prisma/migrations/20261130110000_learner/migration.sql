-- CreateTable
CREATE TABLE "LearnerTraining" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "error" TEXT,
    "requestedById" TEXT,
    "goldItems" INTEGER NOT NULL DEFAULT 0,
    "llmItems" INTEGER NOT NULL DEFAULT 0,
    "scores" JSONB,
    "goldModel" JSONB,
    "distilledModel" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "LearnerTraining_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LearnerTraining_projectId_createdAt_idx" ON "LearnerTraining"("projectId", "createdAt");

-- AddForeignKey
ALTER TABLE "LearnerTraining" ADD CONSTRAINT "LearnerTraining_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
