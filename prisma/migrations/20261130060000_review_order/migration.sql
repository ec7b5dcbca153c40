-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "firstClaims" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "queueSeed" DOUBLE PRECISION NOT NULL DEFAULT random();

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "blind" BOOLEAN;

-- Items already shown keep the blindness their reviewers saw.
UPDATE "Item" i SET blind = a.blind
FROM (SELECT "itemId", bool_and(blind) AS blind FROM "ReviewAssignment" GROUP BY "itemId") a
WHERE a."itemId" = i.id;
