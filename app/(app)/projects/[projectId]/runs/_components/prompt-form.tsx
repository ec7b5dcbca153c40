"use client";
// Every save creates the next immutable prompt version.
import { JsForm } from "@/components/ui/js-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { savePromptAction } from "../actions";

type Values = {
  modelId: string;
  strategy: string;
  instructions: string;
  settings: { temperature: number; maxTokens: number; samples: number; fewShotK: number; inconsistent?: "TIE" | "LOW_CONFIDENCE" };
};

export function PromptForm({
  projectId,
  models,
  strategies,
  initial,
  pairwise = false,
}: {
  projectId: string;
  models: string[];
  strategies: Record<string, string>;
  initial: Values;
  pairwise?: boolean;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [pending, setPending] = useState(false);
  const [strategy, setStrategy] = useState(initial.strategy);
  const router = useRouter();
  const toast = useToast();

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setPending(true);
    const res = await savePromptAction(projectId, {
      modelId: f.get("modelId"),
      strategy: f.get("strategy"),
      instructions: f.get("instructions"),
      settings: {
        temperature: f.get("temperature"),
        maxTokens: f.get("maxTokens"),
        samples: f.get("samples"),
        fewShotK: f.get("fewShotK") ?? 4,
        ...(pairwise ? { inconsistent: f.get("inconsistent") ?? "TIE" } : {}),
      },
    });
    setPending(false);
    if (!res.ok) {
      setErrors(res.fieldErrors ?? {});
      setMessage(res.message);
      return;
    }
    setErrors({});
    setMessage(undefined);
    toast(`Saved as prompt version ${res.data.number}.`);
    router.refresh();
  }

  return (
    <JsForm onSubmit={submit} className="space-y-4">
      <FormError message={message} />
      <div className="grid grid-cols-2 gap-3">
        <Field id="modelId" label="Model" error={errors.modelId}>
          <Select id="modelId" name="modelId" defaultValue={initial.modelId}>
            {models.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </Select>
        </Field>
        <Field id="strategy" label="Strategy">
          <Select id="strategy" name="strategy" value={strategy} onChange={(e) => setStrategy(e.target.value)}>
            {Object.entries(strategies).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field id="instructions" label="Instructions" hint="The labels, their descriptions and the guidelines are added for you." error={errors.instructions}>
        <Textarea id="instructions" name="instructions" rows={5} defaultValue={initial.instructions} error={errors.instructions} />
      </Field>
      <div className="grid grid-cols-3 gap-3">
        <Field id="temperature" label="Temperature" error={errors["settings.temperature"]}>
          <Input
            id="temperature"
            name="temperature"
            type="number"
            step="0.1"
            min={0}
            max={1}
            defaultValue={initial.settings.temperature}
            error={errors["settings.temperature"]}
          />
        </Field>
        <Field id="maxTokens" label="Max tokens" error={errors["settings.maxTokens"]}>
          <Input
            id="maxTokens"
            name="maxTokens"
            type="number"
            min={64}
            max={8192}
            defaultValue={initial.settings.maxTokens}
            error={errors["settings.maxTokens"]}
          />
        </Field>
        <Field
          id="samples"
          label="Samples"
          hint={pairwise ? "Each sample asks twice, A first then B first" : "k > 1: confidence = share of votes"}
          error={errors["settings.samples"]}
        >
          <Input id="samples" name="samples" type="number" min={1} max={9} defaultValue={initial.settings.samples} error={errors["settings.samples"]} />
        </Field>
      </div>
      {pairwise && (
        <Field
          id="inconsistent"
          label="When the two orders disagree"
          hint="A judge that changes its answer when the responses swap places is guessing from position, not preferring a response."
        >
          <Select id="inconsistent" name="inconsistent" defaultValue={initial.settings.inconsistent ?? "TIE"}>
            <option value="TIE">Call it a tie</option>
            <option value="LOW_CONFIDENCE">Keep the better-supported side, with low confidence</option>
          </Select>
        </Field>
      )}
      {strategy === "FEW_SHOT" && (
        <Field
          id="fewShotK"
          label="Examples per item"
          hint="Label-stratified, most similar first, from the gold set. A project without reviewed items has none yet, and its prompts carry no examples."
        >
          <Input id="fewShotK" name="fewShotK" type="number" min={1} max={20} defaultValue={initial.settings.fewShotK} />
        </Field>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save as new version"}
      </Button>
    </JsForm>
  );
}
