"use client";
// "Let it run": up to N rounds of propose-and-test within a spend cap, stopping at the first round
// that brings no significant gain. The loop never promotes; the lead uses the best version.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { JsForm } from "@/components/ui/js-form";
import { useToast } from "@/components/ui/toast";
import { startLoopAction } from "../actions";

export function LoopForm({
  projectId,
  versionId,
  models,
  defaultModel,
  disabled,
}: {
  projectId: string;
  versionId: string;
  models: string[];
  defaultModel: string;
  disabled: boolean;
}) {
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  const toast = useToast();
  return (
    <JsForm
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        setBusy(true);
        const res = await startLoopAction(projectId, {
          versionId,
          proposerModel: String(f.get("loopModel")),
          maxRounds: String(f.get("maxRounds")),
          capUsd: String(f.get("capUsd")),
        });
        setBusy(false);
        if (!res.ok) return setErrors({ ...res.fieldErrors, form: res.fieldErrors ? undefined : res.message });
        setErrors({});
        toast("The loop started: its rounds appear below as they are proposed and tested.");
        router.refresh();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="maxRounds" label="Rounds, at most" error={errors.maxRounds}>
          <Input id="maxRounds" name="maxRounds" inputMode="numeric" defaultValue="3" error={errors.maxRounds} />
        </Field>
        <Field id="capUsd" label="Spend cap (US$)" error={errors.capUsd}>
          <Input id="capUsd" name="capUsd" inputMode="decimal" defaultValue="5" error={errors.capUsd} />
        </Field>
        <Field id="loopModel" label="Proposer">
          <Select id="loopModel" name="loopModel" defaultValue={defaultModel}>
            {models.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </Select>
        </Field>
      </div>
      <FormError message={errors.form} />
      <Button type="submit" variant="secondary" disabled={disabled || busy}>
        {busy ? "Starting…" : "Let it run"}
      </Button>
    </JsForm>
  );
}
