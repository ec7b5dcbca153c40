-- CreateIndex
CREATE INDEX "Item_projectId_needsAdjudication_id_idx" ON "Item"("projectId", "needsAdjudication", "id");
