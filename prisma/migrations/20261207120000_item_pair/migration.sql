-- A pairwise item's responses move off Item into ItemPair (as an image item's picture is in
-- ItemImage): the existing pairs are copied before the columns are dropped.
CREATE TABLE "ItemPair" (
    "itemId" INTEGER NOT NULL,
    "responseA" TEXT NOT NULL,
    "responseB" TEXT NOT NULL,
    "modelA" TEXT,
    "modelB" TEXT,

    CONSTRAINT "ItemPair_pkey" PRIMARY KEY ("itemId")
);

ALTER TABLE "ItemPair" ADD CONSTRAINT "ItemPair_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "ItemPair" ("itemId", "responseA", "responseB", "modelA", "modelB")
SELECT id, "responseA", "responseB", "modelA", "modelB" FROM "Item" WHERE "responseA" IS NOT NULL AND "responseB" IS NOT NULL;

ALTER TABLE "Item" DROP COLUMN "modelA",
DROP COLUMN "modelB",
DROP COLUMN "responseA",
DROP COLUMN "responseB";
