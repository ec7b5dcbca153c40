-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "secret" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "attempts" JSONB NOT NULL DEFAULT '[]',
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Webhook_projectId_idx" ON "Webhook"("projectId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_createdAt_idx" ON "WebhookDelivery"("webhookId", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the outbox. Each trigger writes one delivery row per active hook subscribed to the
-- event, in the transaction that made the change (lib/webhooks/events.ts lists the events). The
-- existence check comes first, so a project without hooks pays one index probe per change.
CREATE INDEX "WebhookDelivery_due_idx" ON "WebhookDelivery" ("nextAttemptAt") WHERE status = 'PENDING';

CREATE OR REPLACE FUNCTION goldset_has_webhook(p_project text, p_event text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM "Webhook" w WHERE w."projectId" = p_project AND w.active AND p_event = ANY(w.events))
$$;

CREATE OR REPLACE FUNCTION goldset_emit_webhook(p_project text, p_event text, p_data jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "WebhookDelivery" (id, "webhookId", "projectId", event, payload)
  SELECT gen_random_uuid()::text, w.id, w."projectId", p_event, p_data
  FROM "Webhook" w WHERE w."projectId" = p_project AND w.active AND p_event = ANY(w.events)
$$;

CREATE OR REPLACE FUNCTION goldset_webhook_run_finished() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF goldset_has_webhook(NEW."projectId", 'run.finished') THEN
    PERFORM goldset_emit_webhook(NEW."projectId", 'run.finished', jsonb_build_object(
      'runId', NEW.id, 'status', NEW.status::text, 'promptVersionId', NEW."promptVersionId", 'totalItems', NEW."totalItems",
      'doneItems', NEW."doneItems", 'failedItems', NEW."failedItems", 'costUsd', NEW."costUsd"::float8));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Run_webhook_finished" AFTER UPDATE OF status ON "Run"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.status::text IN ('DONE', 'STOPPED', 'CANCELLED'))
  EXECUTE FUNCTION goldset_webhook_run_finished();

CREATE OR REPLACE FUNCTION goldset_webhook_export_ready() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF goldset_has_webhook(NEW."projectId", 'export.ready') THEN
    PERFORM goldset_emit_webhook(NEW."projectId", 'export.ready', jsonb_build_object(
      'exportId', NEW.id, 'format', NEW.format::text, 'rows', NEW."rowsTotal", 'bytes', NEW.bytes, 'sha256', NEW.sha256,
      'download', '/api/v1/projects/' || NEW."projectId" || '/exports/' || NEW.id));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Export_webhook_ready" AFTER UPDATE OF status ON "Export"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.status::text = 'DONE')
  EXECUTE FUNCTION goldset_webhook_export_ready();

CREATE OR REPLACE FUNCTION goldset_webhook_autoaccept_paused() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF goldset_has_webhook(NEW.id, 'autoaccept.paused') THEN
    PERFORM goldset_emit_webhook(NEW.id, 'autoaccept.paused', jsonb_build_object('reason', NEW."autoAcceptPauseReason", 'pausedAt', NEW."autoAcceptPausedAt"));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Project_webhook_autoaccept_paused" AFTER UPDATE OF "autoAcceptPausedAt" ON "Project"
  FOR EACH ROW WHEN (OLD."autoAcceptPausedAt" IS NULL AND NEW."autoAcceptPausedAt" IS NOT NULL)
  EXECUTE FUNCTION goldset_webhook_autoaccept_paused();

-- Gold set or changed by people (a review, agreement, ruling or correction), or removed. Bulk
-- writers (auto-accept, imported labels) do not emit one event per item.
CREATE OR REPLACE FUNCTION goldset_webhook_gold_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_ record;
BEGIN
  IF TG_OP = 'DELETE' THEN row_ := OLD; ELSE row_ := NEW; END IF;
  IF goldset_has_webhook(row_."projectId", 'item.gold_changed') THEN
    PERFORM goldset_emit_webhook(row_."projectId", 'item.gold_changed', jsonb_build_object(
      'itemId', row_."itemId",
      'externalId', (SELECT "externalId" FROM "Item" WHERE id = row_."itemId"),
      'gold', CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.value END,
      'source', CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.source::text END,
      'previous', CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.value END));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "GoldLabel_webhook_insert" AFTER INSERT ON "GoldLabel"
  FOR EACH ROW WHEN (NEW.source::text NOT IN ('AUTO', 'IMPORTED')) EXECUTE FUNCTION goldset_webhook_gold_changed();
CREATE TRIGGER "GoldLabel_webhook_update" AFTER UPDATE ON "GoldLabel"
  FOR EACH ROW WHEN (NEW.source::text NOT IN ('AUTO', 'IMPORTED') AND (OLD.value IS DISTINCT FROM NEW.value OR OLD.source IS DISTINCT FROM NEW.source))
  EXECUTE FUNCTION goldset_webhook_gold_changed();
CREATE TRIGGER "GoldLabel_webhook_delete" AFTER DELETE ON "GoldLabel"
  FOR EACH ROW WHEN (OLD.source::text NOT IN ('AUTO', 'IMPORTED')) EXECUTE FUNCTION goldset_webhook_gold_changed();
