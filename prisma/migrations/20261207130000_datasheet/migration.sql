-- The lead's own text for the datasheet exported with every export.
-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "datasheet" JSONB NOT NULL DEFAULT '{}';
