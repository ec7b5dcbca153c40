"use client";
// An image project's upload: a .zip of pictures (PNG, JPEG, WebP, GIF), optionally with one table
// (CSV, TSV, JSONL or JSON) whose rows name their picture and bring ids, captions, metadata and
// labels. The zip is read on the server (lib/imports/parse-zip.ts); every picture it refuses is a
// rejected row with its reason, listed with the import.
import { JsForm } from "@/components/ui/js-form";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useToast } from "@/components/ui/toast";

export function ZipUploadForm({ projectId, maxFileBytes }: { projectId: string; maxFileBytes: number }) {
  const router = useRouter();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState({ imageField: "", idField: "", labelField: "" });
  const [error, setError] = useState<string>();
  const [uploaded, setUploaded] = useState<number | null>(null);

  function upload(e: React.FormEvent) {
    e.preventDefault();
    if (!file) return setError("Choose a .zip of images.");
    if (!file.name.toLowerCase().endsWith(".zip"))
      return setError("Image projects import a .zip of images (PNG, JPEG, WebP or GIF), optionally with one CSV or JSONL naming each row's image.");
    if (file.size > maxFileBytes) return setError("This file is larger than the import limit.");
    const params = new URLSearchParams({ fileName: file.name, format: "ZIP", ...columns, ...(columns.labelField ? { labelMode: "REFERENCE" } : {}) });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/projects/${projectId}/items?${params}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (ev) => ev.lengthComputable && setUploaded(ev.loaded / ev.total);
    xhr.onload = () => {
      setUploaded(null);
      if (xhr.status !== 202) {
        let message = `Upload failed (HTTP ${xhr.status}).`;
        try {
          message = JSON.parse(xhr.responseText).error.message ?? message;
        } catch {}
        return setError(message);
      }
      toast(`Uploaded ${file.name}; importing its images in the background.`);
      setFile(null);
      if (input.current) input.current.value = "";
      router.refresh();
    };
    xhr.onerror = () => {
      setUploaded(null);
      setError("The upload was interrupted. Check your connection and try again.");
    };
    setError(undefined);
    setUploaded(0);
    xhr.send(file);
  }

  const busy = uploaded !== null;
  const column = (key: keyof typeof columns, label: string, hint: string) => (
    <Field id={key} label={label} hint={hint}>
      <Input id={key} value={columns[key]} disabled={busy} onChange={(e) => setColumns((c) => ({ ...c, [key]: e.target.value }))} placeholder="(optional)" />
    </Field>
  );
  return (
    <JsForm onSubmit={upload} className="space-y-4">
      <FormError message={error} />
      <Field
        id="file"
        label="Images (.zip)"
        hint="PNG, JPEG, WebP or GIF files. Optionally one CSV or JSONL in the zip naming each row's image (a column image, file or path) with ids, captions and metadata; without it, every image is an item."
      >
        <input
          ref={input}
          id="file"
          type="file"
          accept=".zip,application/zip"
          disabled={busy}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-indigo-700 hover:file:bg-indigo-100"
        />
      </Field>
      {file && (
        <details className="rounded-md border border-slate-200 p-3 text-sm">
          <summary className="cursor-pointer font-medium text-slate-700">Columns of the table in the zip (if it has one)</summary>
          <div className="mt-3 space-y-3">
            {column("imageField", "Image column", "Default: the first of image, file, path, file_name the row has.")}
            {column("idField", "ID column", "Default: the image's path and a hash of its bytes.")}
            {column("labelField", "Reference label column", "Labels you already have, kept beside each image to measure people and the model against.")}
          </div>
        </details>
      )}
      {busy && <ProgressBar value={uploaded ?? 0} label="Uploading" />}
      <Button type="submit" disabled={!file || busy}>
        {busy ? "Uploading…" : "Upload and import"}
      </Button>
    </JsForm>
  );
}
