-- A project's synthetic items, for counting their gold apart on the Quality page: a partial index
-- (only synthetic items enter it, so imports of real items maintain nothing). Prisma's schema
-- cannot state a partial index, so it lives here only; schema.prisma says so beside Item.origin.
CREATE INDEX "Item_synthetic_idx" ON "Item"("projectId") WHERE origin = 'SYNTHETIC';
