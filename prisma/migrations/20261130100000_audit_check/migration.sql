-- The audited items of a project, for the audit check after each audited decision: a partial
-- index (few rows, nothing for imports to maintain). Prisma's schema cannot state a partial
-- index, so it lives here only; schema.prisma says so beside Item.
CREATE INDEX "Item_projectId_autoAudit_idx" ON "Item"("projectId") WHERE "autoAudit";

-- Goldset itself acts too (auto-accept after a finished run, the audit check pausing it): no actor.
ALTER TABLE "AuditEvent" ALTER COLUMN "actorId" DROP NOT NULL;
