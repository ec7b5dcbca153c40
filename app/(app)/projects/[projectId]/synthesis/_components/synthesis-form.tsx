"use client";
// The generation form: a label (the rare ones first, with their gold counts), how many texts, the
// attributes to vary, the near-duplicate threshold and the model.
import { useActionState } from "react";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { LANGUAGES, LENGTHS, DEFAULT_MAX_SIMILARITY } from "@/lib/synthesis/schemas";
import { startSynthesisAction } from "../actions";

export function SynthesisForm({
  projectId,
  labels,
  models,
  defaultModel,
}: {
  projectId: string;
  labels: { name: string; realGold: number }[];
  models: string[];
  defaultModel: string;
}) {
  const [state, action] = useActionState(startSynthesisAction.bind(null, projectId), null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const rare = [...labels].sort((a, b) => a.realGold - b.realGold);
  return (
    <form action={action} className="grid gap-4 md:grid-cols-2" aria-label="Generate examples">
      <div className="md:col-span-2">
        <FormError message={state && !state.ok ? state.message : undefined} />
        {state?.ok && (
          <p role="status" className="text-sm text-green-700">
            Started: the texts appear below as they are written and checked.
          </p>
        )}
      </div>
      <Field id="label" label="Label" error={errors.label} hint="Labels with the fewest gold examples first.">
        <Select id="label" name="label" defaultValue={rare[0]?.name} error={errors.label}>
          {rare.map((l) => (
            <option key={l.name} value={l.name}>
              {l.name} ({l.realGold.toLocaleString()} gold)
            </option>
          ))}
        </Select>
      </Field>
      <Field id="count" label="How many texts" error={errors.count}>
        <Input id="count" name="count" type="number" min={1} max={5000} defaultValue={20} required error={errors.count} />
      </Field>
      <Field id="length" label="Length" error={errors.length}>
        <Select id="length" name="length" defaultValue="">
          <option value="">Any</option>
          {Object.entries(LENGTHS).map(([k, v]) => (
            <option key={k} value={k}>
              {k}: {v}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="language" label="Language" error={errors.language} hint="Texts in another language are dropped.">
        <Select id="language" name="language" defaultValue="">
          <option value="">Any</option>
          {Object.entries(LANGUAGES).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="tone" label="Tone" error={errors.tone}>
        <Input id="tone" name="tone" maxLength={60} placeholder="formal, angry, casual…" error={errors.tone} />
      </Field>
      <Field id="topics" label="Topics to vary" error={errors.topics} hint="Comma-separated; each request takes the next one.">
        <Input id="topics" name="topics" placeholder="shipping, billing, returns" error={errors.topics} />
      </Field>
      <Field
        id="maxSimilarity"
        label="Near-duplicate threshold"
        error={errors.maxSimilarity}
        hint="Texts at least this similar (5-gram Jaccard) to an item or to each other are dropped. A light edit scores 0.75 to 0.95."
      >
        <Input
          id="maxSimilarity"
          name="maxSimilarity"
          type="number"
          min={0.3}
          max={1}
          step={0.05}
          defaultValue={DEFAULT_MAX_SIMILARITY}
          error={errors.maxSimilarity}
        />
      </Field>
      <Field id="modelId" label="Model" error={errors.modelId}>
        <Select id="modelId" name="modelId" defaultValue={defaultModel}>
          {models.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </Select>
      </Field>
      <label className="flex items-center gap-2 text-sm md:col-span-2">
        <input type="checkbox" name="mode" value="BATCH" /> Use Message Batches: half the price, answered within 24 hours (for large jobs)
      </label>
      <div className="md:col-span-2">
        <SubmitButton pendingLabel="Starting…">Generate</SubmitButton>
      </div>
    </form>
  );
}
