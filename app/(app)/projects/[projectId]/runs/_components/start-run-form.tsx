"use client";
import { JsForm } from "@/components/ui/js-form";
import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { estimateRunAction, startRunAction } from "../actions";
import type { RunEstimate } from "@/lib/runs/estimate";
import { RunEstimateView } from "./run-estimate";

/** `refreshed`: changes whenever the page's data does (a run's progress), so the estimate follows it. */
export function StartRunForm({
  projectId,
  promptVersion,
  disabled,
  refreshed,
}: {
  projectId: string;
  promptVersion: { id: string; number: number } | null;
  disabled: boolean;
  refreshed?: string;
}) {
  const [kind, setKind] = useState("MISSING");
  const [message, setMessage] = useState<string>();
  const [pending, setPending] = useState(false);
  const [estimate, setEstimate] = useState<{ value: RunEstimate | null; loading: boolean; error?: string }>({ value: null, loading: false });
  const form = useRef<HTMLFormElement>(null);
  const router = useRouter();
  const toast = useToast();
  const versionId = promptVersion?.id;

  const selectionOf = useCallback(
    (f: FormData) => (kind === "FILTER" ? { kind, status: f.get("status") || undefined, q: f.get("q") || undefined } : { kind }),
    [kind],
  );

  // The estimate follows the form: recomputed (debounced) whenever the selection or mode changes.
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    if (!versionId || !form.current) return;
    const f = new FormData(form.current);
    let current = true;
    const timer = setTimeout(async () => {
      setEstimate((e) => ({ ...e, loading: true }));
      const res = await estimateRunAction(projectId, { promptVersionId: versionId, selection: selectionOf(f), mode: f.get("mode") });
      if (current) setEstimate(res.ok ? { value: res.data, loading: false } : { value: null, loading: false, error: res.message });
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `refreshed`: the page's data changed (a run ended): the estimate is computed again.
  }, [projectId, versionId, selectionOf, changes, refreshed]);

  if (!promptVersion) return <p className="text-sm text-slate-600">Save a prompt first; runs use the current prompt version.</p>;

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const selection = selectionOf(f);
    setPending(true);
    const res = await startRunAction(projectId, { promptVersionId: promptVersion!.id, selection, mode: f.get("mode"), concurrency: f.get("concurrency") });
    setPending(false);
    if (!res.ok) return setMessage(res.message);
    setMessage(undefined);
    toast(`Run started on ${res.data.totalItems.toLocaleString("en-US")} items.`);
    router.refresh();
  }

  return (
    <JsForm ref={form} onSubmit={submit} onChange={() => setChanges((n) => n + 1)} className="space-y-4">
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
      <RunEstimateView estimate={estimate.value} loading={estimate.loading} error={estimate.error} />
      <Button type="submit" disabled={pending || disabled || estimate.value?.items === 0}>
        {pending ? "Starting…" : "Start run"}
      </Button>
      {estimate.value?.items === 0 && (
        <p className="text-sm text-slate-600" data-testid="nothing-to-run">
          Nothing left to label in this selection: every item already has this version&apos;s answer. Review them, or choose another selection.
        </p>
      )}
    </JsForm>
  );
}
