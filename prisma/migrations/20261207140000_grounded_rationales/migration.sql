-- Rationales checked against the item: the quoted evidence and whether it was found; auto-accept's grounded-only switch.
-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "autoAcceptGroundedOnly" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Suggestion" ADD COLUMN     "evidence" JSONB,
ADD COLUMN     "grounded" BOOLEAN;
