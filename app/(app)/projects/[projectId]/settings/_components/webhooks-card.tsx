"use client";
// Webhooks on the Settings page: add one (URL and events; the signing secret is shown once), and
// for each, its recent deliveries with their status codes, a test delivery, pause and delete.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { Badge } from "@/components/ui/badge";
import { useToast } from "@/components/ui/toast";
import { WEBHOOK_EVENTS, type WebhookEvent } from "@/lib/webhooks/events";
import { createWebhookAction, redeliverWebhookAction, rotateWebhookSecretAction, webhookAction } from "../actions";

export type WebhookView = {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  deliveries: {
    id: string;
    event: string;
    status: string;
    attemptCount: number;
    createdAt: string;
    lastAttempt: { status: number | null; error: string | null } | null;
  }[];
};

const TONE = { SUCCEEDED: "green", PENDING: "amber", FAILED: "red" } as const;

function NewWebhook({ projectId }: { projectId: string }) {
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEvent[]>(["run.finished", "export.ready"]);
  const [error, setError] = useState<{ message?: string; url?: string; events?: string }>({});
  const [secret, setSecret] = useState<string | null>(null);
  const toggle = (e: WebhookEvent) => setEvents(events.includes(e) ? events.filter((x) => x !== e) : [...events, e]);
  async function add(ev: React.FormEvent) {
    ev.preventDefault();
    const res = await createWebhookAction(projectId, { url, events });
    if (!res.ok) return setError({ message: res.message, url: res.fieldErrors?.url, events: res.fieldErrors?.events });
    setError({});
    setUrl("");
    setSecret(res.data.secret);
    router.refresh();
  }
  return (
    <form onSubmit={add} className="space-y-3" aria-label="New webhook">
      <FormError message={error.message} />
      <Field
        id="webhook-url"
        label="Receiver URL"
        error={error.url}
        hint="https://… on a public address. Each POST is signed with the secret shown after you add it."
      >
        <Input
          id="webhook-url"
          type="url"
          required
          value={url}
          error={error.url}
          placeholder="https://hooks.example.com/goldset"
          onChange={(e) => setUrl(e.target.value)}
        />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Events</legend>
        {error.events && <p className="text-xs text-red-600">{error.events}</p>}
        <div className="mt-1 space-y-1">
          {(Object.keys(WEBHOOK_EVENTS) as WebhookEvent[]).map((e) => (
            <label key={e} className="flex items-start gap-2 text-sm">
              <input type="checkbox" className="mt-1" checked={events.includes(e)} onChange={() => toggle(e)} />
              <span>
                <code className="text-xs">{e}</code> <span className="text-slate-500">{WEBHOOK_EVENTS[e]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit">Add webhook</Button>
      {secret && <SecretOnce secret={secret} />}
    </form>
  );
}

/** A signing secret, the one time it is shown. */
function SecretOnce({ secret, note }: { secret: string; note?: string }) {
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium">Signing secret (shown only now):</p>
      <code data-testid="webhook-secret" className="mt-1 block font-mono text-xs break-all">
        {secret}
      </code>
      <p className="mt-1 text-slate-700">
        {note ?? "Deliveries follow Standard Webhooks: verify them with this secret and any Standard Webhooks library (see docs/webhooks.md)."}
      </p>
    </div>
  );
}

function HookRow({ projectId, hook }: { projectId: string; hook: WebhookView }) {
  const router = useRouter();
  const toast = useToast();
  const [rotated, setRotated] = useState<{ secret: string; until: string } | null>(null);
  const rotate = async () => {
    const res = await rotateWebhookSecretAction(projectId, { webhookId: hook.id });
    if (!res.ok) return toast(res.message, "error");
    setRotated({ secret: res.data.secret, until: res.data.previousSecretUntil });
    router.refresh();
  };
  const redeliver = async (deliveryId: string) => {
    const res = await redeliverWebhookAction(projectId, { webhookId: hook.id, deliveryId });
    if (!res.ok) return toast(res.message, "error");
    toast("Sending it again: the result appears here within a few seconds.");
    router.refresh();
  };
  const act = async (action: "ping" | "pause" | "resume" | "delete") => {
    const res = await webhookAction(projectId, { webhookId: hook.id, action });
    if (!res.ok) return toast(res.message, "error");
    if (action === "ping") toast("Test delivery queued: it appears below within a few seconds.");
    router.refresh();
  };
  return (
    <li className="space-y-2 py-3" data-testid="webhook">
      <div className="flex flex-wrap items-center gap-2">
        <code className="w-full min-w-0 text-sm break-all sm:w-auto sm:flex-1">{hook.url}</code>
        {!hook.active && <Badge tone="slate">paused</Badge>}
        <Button size="sm" variant="secondary" onClick={() => act("ping")}>
          Send a test
        </Button>
        <Button size="sm" variant="secondary" onClick={() => act(hook.active ? "pause" : "resume")}>
          {hook.active ? "Pause" : "Resume"}
        </Button>
        <Button size="sm" variant="secondary" onClick={rotate}>
          Rotate secret
        </Button>
        <Button size="sm" variant="ghost" onClick={() => act("delete")} aria-label={`Delete the webhook to ${hook.url}`}>
          Delete
        </Button>
      </div>
      <p className="text-xs text-slate-600">{hook.events.join(", ")}</p>
      {rotated && (
        <SecretOnce
          secret={rotated.secret}
          note={`Until ${new Date(rotated.until).toISOString().slice(0, 16).replace("T", " ")} UTC every delivery is signed by both the new and the old secret: switch your receiver to the new one before then.`}
        />
      )}
      {hook.deliveries.length === 0 ? (
        <p className="text-xs text-slate-500">No deliveries yet. “Send a test” shows whether the receiver answers.</p>
      ) : (
        <ul className="space-y-1 text-xs" aria-label="Recent deliveries">
          {hook.deliveries.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center gap-2" data-testid="webhook-delivery">
              <Badge tone={TONE[d.status as keyof typeof TONE] ?? "slate"}>{d.status.toLowerCase()}</Badge>
              <code>{d.event}</code>
              <span className="text-slate-500">{new Date(d.createdAt).toISOString().slice(0, 19).replace("T", " ")} UTC</span>
              {d.lastAttempt && (
                <span className="text-slate-600">
                  {d.lastAttempt.status !== null ? `HTTP ${d.lastAttempt.status}` : d.lastAttempt.error} · {d.attemptCount} attempt
                  {d.attemptCount === 1 ? "" : "s"}
                </span>
              )}
              {d.status !== "PENDING" && (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => redeliver(d.id)}
                  aria-label={`Send the ${d.event} delivery of ${new Date(d.createdAt).toISOString().slice(0, 19).replace("T", " ")} again`}
                >
                  Send again
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function WebhooksCard({ projectId, hooks }: { projectId: string; hooks: WebhookView[] }) {
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Goldset POSTs a signed JSON event to your URL when something happens, signed by the Standard Webhooks specification, and retries for about a day until
        the receiver answers 2xx.
      </p>
      {hooks.length > 0 && (
        <ul className="divide-y divide-slate-100">
          {hooks.map((h) => (
            <HookRow key={h.id} projectId={projectId} hook={h} />
          ))}
        </ul>
      )}
      <NewWebhook projectId={projectId} />
    </div>
  );
}
