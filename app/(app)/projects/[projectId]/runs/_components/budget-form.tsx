"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { JsForm } from "@/components/ui/js-form";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { setBudgetAction } from "../actions";

const usd = (n: number) => `$${n.toFixed(n < 1 ? 4 : 2)}`;

export function BudgetForm({ projectId, budgetUsd, spentUsd }: { projectId: string; budgetUsd: number | null; spentUsd: number }) {
  const [error, setError] = useState<string>();
  const router = useRouter();
  const toast = useToast();
  return (
    <JsForm
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await setBudgetAction(projectId, { budgetUsd: String(new FormData(e.currentTarget).get("budget") ?? "") });
        if (!res.ok) return setError(res.fieldErrors?.budgetUsd ?? res.message);
        setError(undefined);
        toast("Budget saved.");
        router.refresh();
      }}
    >
      <p className="text-sm text-slate-700">
        Spent so far: <strong>{usd(spentUsd)}</strong>
        {budgetUsd !== null && <> of {usd(budgetUsd)}</>}
      </p>
      <Field id="budget" label="Budget in US dollars" hint="Runs stop before a request would go over it. Empty: no limit." error={error}>
        <Input id="budget" name="budget" inputMode="decimal" defaultValue={budgetUsd ?? ""} error={error} />
      </Field>
      <Button type="submit" variant="secondary" size="sm">
        Save budget
      </Button>
    </JsForm>
  );
}
