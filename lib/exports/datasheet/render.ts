// The datasheet of one export, as JSON (for tools) and Markdown (for people and the Hugging Face
// card), after "Datasheets for Datasets" (Gebru et al.): composition, collection, labeling, uses.
// Its counts are the export's rows (SourceTally); everything else comes from DatasheetFacts.
import type { DatasheetFacts, Measured } from "@/lib/exports/datasheet/facts";
import { SOURCES, type Source, type SourceTally } from "@/lib/exports/datasheet/sources";
import { FORMAT_INFO, type ExportOptions } from "@/lib/exports/options";

export type Datasheet = ReturnType<typeof buildDatasheet>;

/** No clock inside: the same options over the same data give the same datasheet (a Hugging Face folder's sha256 stays put). */
export function buildDatasheet(facts: DatasheetFacts, tally: SourceTally, exported: { format: ExportOptions["format"]; scope: string }) {
  const sources = (Object.keys(SOURCES) as Source[]).map((source) => ({
    source,
    description: SOURCES[source],
    rows: tally.counts[source],
    error: facts.errors[source].measured,
    note: facts.errors[source].note,
  }));
  return {
    datasheet_version: 1,
    dataset: facts.project.name,
    description: facts.project.description,
    exported: { format: exported.format, scope: exported.scope, rows: tally.rows },
    task: { type: facts.project.taskType, labels: facts.project.labels },
    motivation: facts.lead.motivation,
    intended_use: facts.lead.intendedUse,
    out_of_scope: facts.lead.outOfScope,
    licence: facts.lead.licence,
    contact: facts.lead.contact,
    sources,
    prompt_versions: facts.versions.map((v) => ({ ...v, rows_in_export: tally.versions.get(v.number) ?? 0 })),
    guidelines: facts.project.guidelines,
    weak_slices: facts.weakSlices,
    blind_slice: facts.blind,
    reviewers: facts.reviewers,
    dates: facts.dates,
  };
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)}%`);
const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");
const error = (m: Measured | null) => (m ? `${pct(m.rate)} (95% ${pct(m.interval?.low)}–${pct(m.interval?.high)})` : "not measured");
const day = (iso: string | null) => iso?.slice(0, 10) ?? "—";
const section = (title: string, body: string) => (body.trim() ? `\n## ${title}\n\n${body.trim()}\n` : "");

/** `heading`: the title's level ("##" inside a Hugging Face card); the sections go one below it. */
export function datasheetMarkdown(d: Datasheet, heading = "#"): string {
  const body = datasheetBody(d);
  return heading === "#" ? body : body.replace(/^## /gm, `${heading}# `).replace(/^# /, `${heading} `);
}

function datasheetBody(d: Datasheet): string {
  const rowsBySource = d.sources.filter((s) => s.rows > 0 || s.error);
  return `# Datasheet: ${d.dataset.replaceAll("\n", " ")}

Exported from Goldset as ${FORMAT_INFO[d.exported.format].label} (${d.exported.scope.toLowerCase()} items): ${d.exported.rows.toLocaleString("en")} rows.
${d.description ? `\n${d.description}\n` : ""}${section("Motivation", d.motivation)}${section("Intended use", d.intended_use)}${section("Not suited to", d.out_of_scope)}
## Where the labels came from

| Source | Rows | Measured error | Measured on |
|---|---|---|---|
${rowsBySource.map((s) => `| ${cell(s.description)} | ${s.rows.toLocaleString("en")} | ${error(s.error)} | ${cell(s.error?.on ?? s.note)} |`).join("\n")}

${d.sources
  .filter((s) => s.error && s.note)
  .map((s) => `- ${s.description}: ${s.note}`)
  .join("\n")}

## The LLM behind the suggestions

${
  d.prompt_versions.length
    ? `| Version | Model | Strategy | Items labeled | Cost (USD) | In this export | Error on blind gold |
|---|---|---|---|---|---|---|
${d.prompt_versions.map((v) => `| ${v.number} | ${cell(v.model)} | ${v.strategy.toLowerCase().replaceAll("_", " ")} | ${v.items.toLocaleString("en")} | ${v.costUsd.toFixed(4)} | ${v.rows_in_export.toLocaleString("en")} | ${v.blind ? `${error(v.blind)} on ${v.blind.n}` : "not measured"} |`).join("\n")}`
    : "No LLM labeled this project."
}

## Known weak slices

${
  d.weak_slices.slices.length
    ? d.weak_slices.slices
        .map(
          (w) =>
            `- ${w.field} = ${w.slice}: the model was right on ${pct(w.accuracy)} of ${w.n} (95% ${pct(w.interval?.low)}–${pct(w.interval?.high)}) against ${pct(w.restAccuracy)} elsewhere`,
        )
        .join("\n")
    : d.weak_slices.fieldsChecked.length
      ? "None found."
      : "Not checked: no version's suggestions on gold items yet."
}
${d.weak_slices.fieldsChecked.length ? `\nChecked: ${d.weak_slices.fieldsChecked.join(", ")}; each slice against the rest (Fisher's exact test), Holm-corrected over the slices of a field at 5%.\n` : ""}
## Measurement

- Blind slice: ${d.blind_slice.items.toLocaleString("en")} gold items reviewed without seeing the model's suggestion (${pct(d.blind_slice.share)} of items are drawn into it). The model's figures above are measured there.
- Reviewers: ${d.reviewers.count} ${d.reviewers.count === 1 ? "person" : "people"}, ${d.reviewers.decisions.toLocaleString("en")} decisions${d.reviewers.names ? `: ${d.reviewers.names.join(", ")}` : " (not named)"}.
- Items added ${day(d.dates.firstItem)} to ${day(d.dates.lastItem)}; reviewed ${day(d.dates.firstReview)} to ${day(d.dates.lastReview)}.
${d.licence ? `\n## Licence\n\n${d.licence}\n` : ""}${d.contact ? `\n## Contact\n\n${d.contact}\n` : ""}
## Labels and guidelines

${d.task.labels.map((l) => `- **${l.name}**${l.description ? `: ${l.description}` : ""}`).join("\n")}

${d.guidelines.trim() ? d.guidelines.trim() : "(No guidelines were written.)"}
`;
}
