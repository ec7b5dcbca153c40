"use client";
import { JsForm } from "@/components/ui/js-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { startRunAction } from "../actions";

export function StartRunForm({ projectId, promptVersion, disabled }: { projectId: string; promptVersion: { id: string; number: number } | null; disabled: boolean }) {
  const [kind, setKind] = useState("MISSING");
  const [message, setMessage] = useState<string>();
  const [pending, setPending] = useState(false);
  const router = useRouter();
  const toast = useToast();
  if (!promptVersion) return <p className="text-sm text-slate-600">Save a prompt first; runs use the current prompt version.</p>;

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const selection =
      kind === "FILTER" ? { kind, status: f.get("status") || undefined, q: f.get("q") || undefined } : { kind };
    setPending(true);
    const res = await startRunAction(projectId, { promptVersionId: promptVersion!.id, selection, mode: f.get("mode"), concurrency: f.get("concurrency") });
    setPending(false);
    if (!res.ok) return setMessage(res.message);
    setMessage(undefined);
    toast(`Run started on ${res.data.totalItems.toLocaleString("en-US")} items.`);
    router.refresh();
  }

  return (
    <JsForm onSubmit={submit} className="space-y-4">
      <FormError message={message} />
      <p className="text-sm text-slate-600">Uses prompt version {promptVersion.number}.</p>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="selection" label="Items">
          <Select id="selection" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="MISSING">Without a suggestion from this version</option>
            <option value="FILTER">A filter</option>
            <option value="GOLD">The gold set only (evaluation)</option>
          </Select>
        </Field>
        <Field id="mode" label="Mode" hint="Batch: half price, results within 24 h.">
          <Select id="mode" name="mode" defaultValue="DIRECT">
            <option value="DIRECT">Direct</option>
            <option value="BATCH">Message Batches</option>
          </Select>
        </Field>
        <Field id="concurrency" label="Concurrent requests">
          <Input id="concurrency" name="concurrency" type="number" min={1} max={64} defaultValue={8} />
        </Field>
      </div>
      {kind === "FILTER" && (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="status" label="Status">
            <Select id="status" name="status" defaultValue="">
              <option value="">Any</option>
              <option value="NEW">New</option>
              <option value="PRELABELED">Pre-labeled</option>
              <option value="REVIEWED">Reviewed</option>
            </Select>
          </Field>
          <Field id="q" label="Text contains">
            <Input id="q" name="q" />
          </Field>
        </div>
      )}
      <Button type="submit" disabled={pending || disabled}>
        {pending ? "Starting…" : "Start run"}
      </Button>
    </JsForm>
  );
}
