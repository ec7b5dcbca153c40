-- One step of a proposal loop at a time (issue 28).
-- AlterTable
ALTER TABLE "AlignmentLoop" ADD COLUMN     "leasedUntil" TIMESTAMP(3);
