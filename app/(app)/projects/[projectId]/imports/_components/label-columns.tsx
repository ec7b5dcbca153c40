"use client";
// The optional part of the upload form for labels a team already has: a column of existing labels
// (kept as a reference, or made gold) and a column of another model's predictions. For a Label
// Studio export the columns are its annotations and predictions, so only their roles are asked.
import { Field, Input, Select } from "@/components/ui/field";

export type LabelColumnChoice = {
  labelField: string;
  labelMode: "REFERENCE" | "GOLD";
  predictionField: string;
  predictionSource: string;
  predictionScoreField: string;
  unknownLabels: "SKIP" | "ADD";
};
export const NO_LABEL_COLUMNS: LabelColumnChoice = {
  labelField: "",
  labelMode: "REFERENCE",
  predictionField: "",
  predictionSource: "",
  predictionScoreField: "",
  unknownLabels: "SKIP",
};

const MODE_HINT = {
  REFERENCE: "Kept beside each item: Quality shows how people and the model agree with them. Items are still reviewed.",
  GOLD: "They become gold (source “imported”) and those items leave the review queue. Items people already reviewed keep their gold.",
};

export function LabelColumns(props: {
  labelStudio: boolean;
  fields: string[];
  value: LabelColumnChoice;
  onChange: (v: LabelColumnChoice) => void;
  disabled: boolean;
}) {
  const { labelStudio, fields, value, onChange, disabled } = props;
  const set = (patch: Partial<LabelColumnChoice>) => onChange({ ...value, ...patch });
  const columnSelect = (id: keyof LabelColumnChoice, none: string) => (
    <Select id={id} value={value[id]} disabled={disabled} onChange={(e) => set({ [id]: e.target.value })}>
      <option value="">{none}</option>
      {fields.map((f) => (
        <option key={f}>{f}</option>
      ))}
    </Select>
  );
  const hasLabels = labelStudio || !!value.labelField;
  const hasPredictions = labelStudio || !!value.predictionField;
  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-medium text-slate-700">Labels you already have (optional)</legend>
      {!labelStudio && (
        <Field id="labelField" label="Existing labels column" hint="A label name, a list for multi-label (a|b or JSON), or JSON spans.">
          {columnSelect("labelField", "(none)")}
        </Field>
      )}
      {hasLabels && (
        <Field id="labelMode" label={labelStudio ? "Use the annotations as" : "Use these labels as"} hint={MODE_HINT[value.labelMode]}>
          <Select
            id="labelMode"
            value={value.labelMode}
            disabled={disabled}
            onChange={(e) => set({ labelMode: e.target.value as LabelColumnChoice["labelMode"] })}
          >
            <option value="REFERENCE">A reference to measure against</option>
            <option value="GOLD">Gold labels</option>
          </Select>
        </Field>
      )}
      {labelStudio && (
        <Field
          id="unknownLabels"
          label="Labels the project does not have"
          hint="Every task comes in either way: with “leave them out”, an annotation or prediction naming such a label is skipped and listed after the import."
        >
          <Select
            id="unknownLabels"
            value={value.unknownLabels}
            disabled={disabled}
            onChange={(e) => set({ unknownLabels: e.target.value as LabelColumnChoice["unknownLabels"] })}
          >
            <option value="SKIP">Leave them out, and list them</option>
            <option value="ADD">Add them to the project</option>
          </Select>
        </Field>
      )}
      {!labelStudio && (
        <Field
          id="predictionField"
          label="Another model's predictions column"
          hint="Stored as that model's suggestions, so Quality and Compare score it beside Claude."
        >
          {columnSelect("predictionField", "(none)")}
        </Field>
      )}
      {hasPredictions && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="predictionSource"
            label="Model name"
            hint={labelStudio ? "Optional: the predictions' model_version is used otherwise." : "How Quality and Compare name it."}
          >
            <Input
              id="predictionSource"
              value={value.predictionSource}
              maxLength={80}
              disabled={disabled}
              placeholder="current production model"
              onChange={(e) => set({ predictionSource: e.target.value })}
            />
          </Field>
          {!labelStudio && (
            <Field id="predictionScoreField" label="Confidence column" hint="Optional, from 0 to 1.">
              {columnSelect("predictionScoreField", "(none)")}
            </Field>
          )}
        </div>
      )}
    </fieldset>
  );
}
