-- Label Studio both ways without loss (issue 27): every annotation kept beside the reference, the
-- labels a file had that the project lacks counted, and the Label Studio names an import saw.

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "labelStudio" JSONB;

-- AlterTable
ALTER TABLE "Import" ADD COLUMN     "labelsDropped" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ReferenceLabel" ADD COLUMN     "annotations" JSONB NOT NULL DEFAULT '[]';
-- A reference written before this held one label: it is its own (only) annotation.
UPDATE "ReferenceLabel" SET annotations = jsonb_build_array(jsonb_build_object('value', value, 'annotator', NULL, 'leadTime', NULL, 'createdAt', NULL, 'groundTruth', true));
