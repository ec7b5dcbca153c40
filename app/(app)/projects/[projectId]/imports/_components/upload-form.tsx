"use client";
// Picks a file, sends its first 64 KB to the server's preview (the import's own parser: the
// delimiter it detects, the columns, the first rows as they will be read, which column is the
// text), then uploads the raw file with XMLHttpRequest (fetch cannot report upload progress) to
// the streaming import route. Nothing is uploaded before the lead has seen how it will be read.
import { JsForm } from "@/components/ui/js-form";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select } from "@/components/ui/field";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useToast } from "@/components/ui/toast";
import { LabelColumns, NO_LABEL_COLUMNS, type LabelColumnChoice } from "./label-columns";
import { ImportPreviewTable, type Preview } from "./import-preview";

type Format = "CSV" | "JSONL" | "JSON" | "LABEL_STUDIO";
const SAMPLE_BYTES = 64 * 1024;
const DELIMITERS = [
  ["comma", "Comma ,"],
  ["semicolon", "Semicolon ;"],
  ["tab", "Tab"],
  ["pipe", "Pipe |"],
] as const;

function detectFormat(name: string): Format | null {
  const n = name.toLowerCase();
  if (n.endsWith(".csv") || n.endsWith(".tsv")) return "CSV";
  if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) return "JSONL";
  if (n.endsWith(".json")) return "JSON";
  return null;
}

/** How the server's import will read the file's start (lib/imports/preview.ts). */
async function fetchPreview(projectId: string, file: File, format: Format, delimiter?: string): Promise<Preview> {
  const params = new URLSearchParams({ format, partial: String(file.size > SAMPLE_BYTES), ...(delimiter ? { delimiter } : {}) });
  const res = await fetch(`/api/v1/projects/${projectId}/imports/preview?${params}`, {
    method: "POST",
    headers: { "Content-Type": "application/octet-stream" },
    body: file.slice(0, SAMPLE_BYTES),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `The preview failed (HTTP ${res.status}).`);
  return body.preview as Preview;
}

/** A .json file whose first task has "data" and annotations or predictions is a Label Studio export. */
async function looksLikeLabelStudio(file: File): Promise<boolean> {
  const head = await file.slice(0, SAMPLE_BYTES).text();
  return /^\s*\[\s*\{/.test(head) && /"data"\s*:/.test(head) && /"(annotations|predictions|completions)"\s*:/.test(head);
}

const guess = (fields: string[], names: string[]) => fields.find((f) => names.includes(f.toLowerCase())) ?? "";

/** A pairwise import's columns: the two responses (required) and the models that wrote them (optional). */
type PairColumns = { aField: string; bField: string; aModelField: string; bModelField: string };
const PAIR_FIELDS: { key: keyof PairColumns; label: string; guesses: string[]; optional: boolean }[] = [
  { key: "aField", label: "Response A", guesses: ["response_a", "a", "chosen", "answer_a", "output_a", "completion_a"], optional: false },
  { key: "bField", label: "Response B", guesses: ["response_b", "b", "rejected", "answer_b", "output_b", "completion_b"], optional: false },
  { key: "aModelField", label: "Model of A", guesses: ["model_a", "a_model"], optional: true },
  { key: "bModelField", label: "Model of B", guesses: ["model_b", "b_model"], optional: true },
];

export function UploadForm({ projectId, maxFileBytes, pairwise = false }: { projectId: string; maxFileBytes: number; pairwise?: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format | "">("");
  const [fields, setFields] = useState<string[]>([]);
  const [textField, setTextField] = useState("");
  const [idField, setIdField] = useState("");
  const [labelColumns, setLabelColumns] = useState<LabelColumnChoice>(NO_LABEL_COLUMNS);
  const [pairColumns, setPairColumns] = useState<PairColumns>({ aField: "", bField: "", aModelField: "", bModelField: "" });
  const [error, setError] = useState<string>();
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  // A text column that looks like ids is only used once the lead says it is the text.
  const [confirmedText, setConfirmedText] = useState(false);
  const textLooksLikeIds = Boolean(preview?.columns.find((c) => c.name === textField)?.idLike);

  async function choose(f: File | null, fmt?: Format, delimiterName?: string) {
    setError(undefined);
    setFile(f);
    setPreview(null);
    setConfirmedText(false);
    if (!f) return;
    if (f.size > maxFileBytes) {
      setError(`This file is larger than the import limit.`);
      return;
    }
    let detected = fmt ?? detectFormat(f.name);
    if (!fmt && !pairwise && detected === "JSON" && (await looksLikeLabelStudio(f))) detected = "LABEL_STUDIO";
    setLabelColumns(NO_LABEL_COLUMNS);
    setFormat(detected ?? "");
    if (!detected) return;
    let p: Preview;
    try {
      p = await fetchPreview(projectId, f, detected, delimiterName);
    } catch (err) {
      setFields([]);
      setError((err as Error).message);
      return;
    }
    setPreview(p);
    const found = p.columns.map((c) => c.name);
    setFields(found);
    // Only a column that is clearly the text is chosen for the lead; otherwise they choose.
    setTextField(p.text ?? "");
    if (pairwise) setPairColumns(Object.fromEntries(PAIR_FIELDS.map((c) => [c.key, guess(found, c.guesses)])) as PairColumns);
    setIdField(detected === "LABEL_STUDIO" ? "" : (p.id ?? ""));
  }

  function upload(e: React.FormEvent) {
    e.preventDefault();
    if (!file || !format || !textField) {
      setError(!file ? "Choose a file." : !format ? "Choose the file format." : "Choose the text column: no column is clearly the text.");
      return;
    }
    if (textLooksLikeIds && !confirmedText) {
      setError(`"${textField}" looks like ids (short, unique, no spaces), not text. Choose the text column, or confirm that this is it.`);
      return;
    }
    if (pairwise && (!pairColumns.aField || !pairColumns.bField)) {
      setError("Choose the columns of response A and response B.");
      return;
    }
    const params = new URLSearchParams({
      fileName: file.name,
      format,
      textField,
      idField,
      ...(preview?.delimiter ? { delimiter: preview.delimiter } : {}),
      ...labelColumns,
      ...(pairwise ? pairColumns : {}),
    });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/projects/${projectId}/items?${params}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (ev) => ev.lengthComputable && setUploaded(ev.loaded / ev.total);
    xhr.onload = () => {
      setUploaded(null);
      if (xhr.status === 202) {
        toast(`Uploaded ${file.name}; importing in the background.`);
        setFile(null);
        setFields([]);
        setPreview(null);
        if (input.current) input.current.value = "";
        router.refresh();
      } else {
        let message = `Upload failed (HTTP ${xhr.status}).`;
        try {
          message = JSON.parse(xhr.responseText).error.message ?? message;
        } catch {}
        setError(message);
      }
    };
    xhr.onerror = () => {
      setUploaded(null);
      setError("The upload was interrupted. Check your connection and try again.");
    };
    setUploaded(0);
    xhr.send(file);
  }

  const busy = uploaded !== null;
  return (
    <JsForm onSubmit={upload} className="space-y-4">
      <FormError message={error} />
      <Field
        id="file"
        label="File (.csv, .jsonl, .json)"
        hint={
          pairwise
            ? "One row or object per pair: a prompt, two responses, and optionally the models that wrote them."
            : "A Label Studio JSON export works too: its annotations and predictions come in as labels."
        }
      >
        <input
          ref={input}
          id="file"
          type="file"
          accept=".csv,.tsv,.jsonl,.ndjson,.json"
          disabled={busy}
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-indigo-700 hover:file:bg-indigo-100"
        />
      </Field>
      {file && (
        <>
          <Field id="format" label="Format">
            <Select id="format" value={format} disabled={busy} onChange={(e) => choose(file, e.target.value as Format)}>
              <option value="" disabled>
                Choose…
              </option>
              <option value="CSV">CSV (header row)</option>
              <option value="JSONL">JSON Lines (one object per line)</option>
              <option value="JSON">JSON array of objects</option>
              {!pairwise && <option value="LABEL_STUDIO">Label Studio JSON export (tasks with annotations and predictions)</option>}
            </Select>
          </Field>
          {format === "CSV" && preview?.delimiter && (
            <Field id="delimiter" label="Delimiter" hint="Detected from the file; change it if the columns below look wrong.">
              <Select id="delimiter" value={preview.delimiter} disabled={busy} onChange={(e) => choose(file, "CSV", e.target.value)}>
                {DELIMITERS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <Field
            id="textField"
            label={pairwise ? "Prompt column" : format === "CSV" ? "Text column" : "Text field"}
            hint={pairwise ? "The prompt both responses answer." : "The text annotators and the model will label."}
          >
            {fields.length ? (
              <Select
                id="textField"
                value={textField}
                disabled={busy}
                onChange={(e) => {
                  setTextField(e.target.value);
                  setConfirmedText(false);
                }}
              >
                <option value="" disabled>
                  Choose the text column…
                </option>
                {fields.map((f) => (
                  <option key={f}>{f}</option>
                ))}
              </Select>
            ) : (
              <input
                id="textField"
                className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                value={textField}
                onChange={(e) => setTextField(e.target.value)}
                placeholder="text"
              />
            )}
          </Field>
          <Field
            id="idField"
            label={format === "CSV" ? "ID column" : "ID field"}
            hint={
              format === "LABEL_STUDIO" ? "Optional. Without one, each task's id names its item." : "Optional. Without one, ids are derived from the content."
            }
          >
            <Select id="idField" value={idField} disabled={busy} onChange={(e) => setIdField(e.target.value)}>
              <option value="">{format === "LABEL_STUDIO" ? "(none: the task id)" : "(none: derive from content)"}</option>
              {fields.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </Select>
          </Field>
          {pairwise &&
            PAIR_FIELDS.map((f) => (
              <Field key={f.key} id={f.key} label={`${f.label} column`} hint={f.optional ? "Optional: the leaderboard ranks the models it names." : undefined}>
                <Select id={f.key} value={pairColumns[f.key]} disabled={busy} onChange={(e) => setPairColumns((c) => ({ ...c, [f.key]: e.target.value }))}>
                  <option value="">{f.optional ? "(none)" : "(choose a column)"}</option>
                  {fields.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </Select>
              </Field>
            ))}
          {fields.length > 0 && !textField && (
            <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="choose-text">
              No column is clearly the text: choose the one annotators and the model should label.
            </p>
          )}
          {textLooksLikeIds && (
            <label
              className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
              data-testid="confirm-text"
            >
              <input type="checkbox" checked={confirmedText} onChange={(e) => setConfirmedText(e.target.checked)} className="mt-0.5" />
              <span>&ldquo;{textField}&rdquo; looks like ids (short, unique, no spaces), not text. Tick to confirm it is what should be labeled.</span>
            </label>
          )}
          {preview && <ImportPreviewTable preview={preview} textField={textField} idField={idField} />}
          {format && (
            <LabelColumns
              labelStudio={format === "LABEL_STUDIO"}
              fields={fields.filter((f) => f !== textField && f !== idField)}
              value={labelColumns}
              onChange={setLabelColumns}
              disabled={busy}
            />
          )}
        </>
      )}
      {busy && <ProgressBar value={uploaded ?? 0} label="Uploading" />}
      <Button type="submit" disabled={!file || busy || !textField || (textLooksLikeIds && !confirmedText)}>
        {busy ? "Uploading…" : "Upload and import"}
      </Button>
    </JsForm>
  );
}
