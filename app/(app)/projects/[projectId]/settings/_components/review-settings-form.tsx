"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { JsForm } from "@/components/ui/js-form";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { updateReviewSettingsAction } from "../actions";

type Values = { reviewersPerItem: number; blindPercent: number; queueOrder: string };

/** `learner`: the project's task type has a task learner (not spans or pairs), so its orders are offered. */
export function ReviewSettingsForm({ projectId, initial, learner = true }: { projectId: string; initial: Values; learner?: boolean }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const router = useRouter();
  const toast = useToast();
  return (
    <JsForm
      className="space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const res = await updateReviewSettingsAction(projectId, {
          reviewersPerItem: f.get("reviewersPerItem"),
          blindPercent: f.get("blindPercent"),
          queueOrder: f.get("queueOrder"),
        });
        if (!res.ok) {
          setErrors(res.fieldErrors ?? {});
          setMessage(res.message);
          return;
        }
        setErrors({});
        setMessage(undefined);
        toast("Review settings saved.");
        router.refresh();
      }}
    >
      <FormError message={message} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field
          id="reviewersPerItem"
          label="Reviewers per item"
          hint="Agreeing reviews become gold; disagreements go to adjudication."
          error={errors.reviewersPerItem}
        >
          <Input
            id="reviewersPerItem"
            name="reviewersPerItem"
            type="number"
            min={1}
            max={10}
            defaultValue={initial.reviewersPerItem}
            error={errors.reviewersPerItem}
          />
        </Field>
        <Field
          id="blindPercent"
          label="Blind slice (%)"
          hint="Reviewed without the suggestion, to measure the model free of anchoring."
          error={errors.blindPercent}
        >
          <Input
            id="blindPercent"
            name="blindPercent"
            type="number"
            min={0}
            max={100}
            step="0.1"
            defaultValue={initial.blindPercent}
            error={errors.blindPercent}
          />
        </Field>
        <Field
          id="queueOrder"
          label="Queue order"
          hint={
            "Whatever the order, the blind slice is served at random beside it, so blind figures and auto-accept certificates stay unbiased." +
            (learner ? " The learner's orders need a trained task learner (Quality page) and follow each training." : "")
          }
        >
          <Select id="queueOrder" name="queueOrder" defaultValue={initial.queueOrder === "LEARNER_MIXED" ? "LEARNER_DISAGREEMENT" : initial.queueOrder}>
            <option value="RANDOM">Random</option>
            <option value="LOW_CONFIDENCE">Lowest confidence first</option>
            <option value="IMPORT_ORDER">Import order</option>
            {learner && (
              <>
                <option value="LEARNER_DISAGREEMENT">Learner and LLM disagree first</option>
                <option value="LEARNER_UNCERTAIN">Learner least certain first</option>
              </>
            )}
          </Select>
        </Field>
      </div>
      <Button type="submit" variant="secondary">
        Save review settings
      </Button>
    </JsForm>
  );
}
