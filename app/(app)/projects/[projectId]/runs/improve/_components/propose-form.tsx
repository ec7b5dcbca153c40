"use client";
// Asks for a revision of the current version from its corrections, with the proposer the lead picks.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { JsForm } from "@/components/ui/js-form";
import { Field, FormError, Select } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { proposeAction } from "../actions";

export function ProposeForm({
  projectId,
  versionId,
  versionNumber,
  models,
  defaultModel,
  disabled,
}: {
  projectId: string;
  versionId: string;
  versionNumber: number;
  models: string[];
  defaultModel: string;
  disabled: boolean;
}) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  const toast = useToast();
  return (
    <JsForm
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const proposerModel = String(new FormData(e.currentTarget).get("proposerModel") ?? "");
        setBusy(true);
        const res = await proposeAction(projectId, { versionId, proposerModel });
        setBusy(false);
        if (!res.ok) return setError(res.fieldErrors?.proposerModel ?? res.message);
        setError(undefined);
        toast(`Round ${res.data.number} proposed: read it, edit it if you like, then test it.`);
        router.refresh();
      }}
    >
      <Field
        id="proposerModel"
        label="Proposer model"
        hint="A stronger model than the annotator often writes better instructions; the request counts against the budget."
      >
        <Select id="proposerModel" name="proposerModel" defaultValue={defaultModel}>
          {models.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </Select>
      </Field>
      <FormError message={error} />
      <Button type="submit" disabled={disabled || busy}>
        {busy ? "Asking the proposer…" : `Improve version ${versionNumber} from corrections`}
      </Button>
    </JsForm>
  );
}
