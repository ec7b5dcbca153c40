// Synthetic data on the Quality page, as its own slice: the model's figures above are on real
// items only. Per label, real gold beside synthetic items (and how many people kept); per job, what
// reviewers did with its texts; and how alike the synthetic texts are compared with real ones.
import Link from "next/link";
import type { Diversity, JobOutcome, LabelCounts } from "@/lib/synthesis/stats";
import { Card } from "@/components/ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";

const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(0)}%` : "–");
const sim = (x: number | null) => (x === null ? "–" : x.toFixed(3));

/** Labels worth generating for: few real gold examples, or a low F1 for the model. */
const FEW_GOLD = 20;
const LOW_F1 = 0.6;

function ThinLabels({ projectId, labels, f1 }: { projectId: string; labels: LabelCounts[]; f1: Record<string, number | null> }) {
  const thin = labels.filter((l) => l.realGold < FEW_GOLD || (f1[l.label] ?? 1) < LOW_F1).sort((a, b) => a.realGold - b.realGold);
  if (!thin.length) return null;
  return (
    <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-slate-800" data-testid="thin-labels">
      Thin labels:{" "}
      {thin.map((l, i) => (
        <span key={l.label}>
          {i > 0 && ", "}
          <strong>{l.label}</strong> ({l.realGold.toLocaleString()} gold
          {f1[l.label] !== undefined && f1[l.label] !== null ? `, F1 ${(f1[l.label]! * 100).toFixed(0)}%` : ""})
        </span>
      ))}
      .{" "}
      <Link className="text-indigo-700 underline" href={`/projects/${projectId}/synthesis`}>
        Generate examples
      </Link>{" "}
      for them; people validate each one before it counts.
    </p>
  );
}

/** `f1`: the model's F1 per label on this page's version (absent when not measured). */
export function SynthesisCard({
  projectId,
  labels,
  jobs,
  diversity,
  f1 = {},
}: {
  projectId: string;
  labels: LabelCounts[];
  jobs: JobOutcome[];
  diversity: Diversity[];
  f1?: Record<string, number | null>;
}) {
  if (!jobs.length) return <ThinLabels projectId={projectId} labels={labels} f1={f1} />;
  return (
    <Card title="Synthetic data">
      <div className="space-y-4 text-sm" data-testid="synthesis-card">
        <ThinLabels projectId={projectId} labels={labels} f1={f1} />
        <p className="text-slate-600">
          The model&apos;s figures on this page are computed on real items only. Here: synthetic items per label, what reviewers did with each job&apos;s texts,
          and how alike they are.{" "}
          <Link className="text-indigo-700 underline" href={`/projects/${projectId}/synthesis`}>
            Generate more
          </Link>
        </p>
        <Table aria-label="Real and synthetic per label">
          <THead>
            <Tr>
              <Th>Label</Th>
              <Th className="text-right">Real gold</Th>
              <Th className="text-right">Synthetic, generated for it</Th>
              <Th className="text-right">Synthetic gold</Th>
            </Tr>
          </THead>
          <TBody>
            {labels.map((l) => (
              <Tr key={l.label}>
                <Td>{l.label}</Td>
                <Td className="text-right tabular-nums">{l.realGold.toLocaleString()}</Td>
                <Td className="text-right tabular-nums">{l.synthetic.toLocaleString()}</Td>
                <Td className="text-right tabular-nums">{l.syntheticGold.toLocaleString()}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <Table aria-label="Synthesis jobs reviewed">
          <THead>
            <Tr>
              <Th>Job</Th>
              <Th className="text-right">Reviewed</Th>
              <Th className="text-right">Kept the label</Th>
              <Th className="text-right">Relabeled</Th>
              <Th className="text-right">Rejected</Th>
            </Tr>
          </THead>
          <TBody>
            {jobs.map((j) => (
              <Tr key={j.jobId}>
                <Td>
                  {j.items.toLocaleString()} × {j.label}
                  <span className="block text-xs text-slate-500">{j.createdAt.toISOString().slice(0, 10)}</span>
                </Td>
                <Td className="text-right tabular-nums">{`${j.reviewed} of ${j.items}`}</Td>
                <Td className="text-right tabular-nums">{pct(j.kept, j.reviewed)}</Td>
                <Td className="text-right tabular-nums">{pct(j.relabeled, j.reviewed)}</Td>
                <Td className="text-right tabular-nums">{pct(j.rejected, j.reviewed)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <Table aria-label="Diversity">
          <THead>
            <Tr>
              <Th>Label</Th>
              <Th className="text-right">Mean similarity, synthetic</Th>
              <Th className="text-right">Mean similarity, real</Th>
            </Tr>
          </THead>
          <TBody>
            {diversity.map((d) => (
              <Tr key={d.label}>
                <Td>{d.label}</Td>
                <Td className="text-right tabular-nums">{`${sim(d.synthetic)} (${d.syntheticItems})`}</Td>
                <Td className="text-right tabular-nums">{`${sim(d.real)} (${d.realItems})`}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <p className="text-xs text-slate-500">
          Similarity: mean 5-gram Jaccard over all pairs of up to 60 texts of the label (0: nothing shared, 1: identical). Synthetic texts more alike than real
          ones add less than their number suggests.
        </p>
      </div>
    </Card>
  );
}
