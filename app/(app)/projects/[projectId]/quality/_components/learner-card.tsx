// The task learner on the Quality page: people's gold trains a small text classifier; it is scored
// beside the LLM and beside a learner distilled from the LLM's labels, on the same blind items.
import type { TrainingSummary } from "@/lib/learner/service";
import type { Score } from "@/lib/learner/evaluate";
import { Card } from "@/components/ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { LearningCurveChart } from "@/components/charts/learning-curve-chart";
import { TrainLearnerButton } from "./train-learner-button";
import { hasTaskLearner } from "@/lib/learner/task-types";

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)}%`);

function ScoreRow({ name, hint, s }: { name: string; hint: string; s: Score | null }) {
  return (
    <Tr>
      <Td>
        <span className="font-medium">{name}</span>
        <span className="block text-xs text-slate-500">{hint}</span>
      </Td>
      <Td>
        {s ? (
          <>
            <strong>{pct(s.accuracy)}</strong>
            {s.interval && <span className="block text-xs text-slate-500">{`${pct(s.interval.low)}–${pct(s.interval.high)}`}</span>}
          </>
        ) : (
          "–"
        )}
      </Td>
      <Td>{pct(s?.macroF1)}</Td>
      <Td>{s?.ece === null || s?.ece === undefined ? "–" : `${(s.ece * 100).toFixed(1)} pts`}</Td>
    </Tr>
  );
}

/** People: how often one reviewer's answer matches another's on items reviewed twice or more (leave-one-out). */
export type PeopleAgreement = { agreement: number | null; decisions: number };

export function LearnerCard({
  projectId,
  taskType,
  latest,
  ready,
  people,
}: {
  projectId: string;
  taskType: string;
  latest: TrainingSummary | null;
  ready: TrainingSummary | null;
  people: PeopleAgreement;
}) {
  if (!hasTaskLearner(taskType)) return null;
  const busy = latest?.status === "QUEUED" || latest?.status === "RUNNING";
  const s = ready?.scores;
  return (
    <Card
      title="Task learner"
      actions={<TrainLearnerButton projectId={projectId} busy={busy} again={Boolean(ready)} finishedId={latest && !busy ? latest.id : null} />}
    >
      <div className="space-y-3 text-sm" data-testid="learner-card">
        {latest?.status === "FAILED" && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-2 text-red-800">
            The last training failed: {latest.error}
          </p>
        )}
        {!s ? (
          <p className="text-slate-600">
            A small text classifier (hashed word and character n-grams, logistic regression) trained on your labels. It is scored beside the LLM on the blind
            slice, and can be downloaded and run anywhere. It needs at least 20 human gold labels.
          </p>
        ) : (
          <>
            <p className="text-slate-600">
              Trained {new Date(ready!.finishedAt ?? ready!.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC on {ready!.goldItems.toLocaleString()}{" "}
              human gold labels and {ready!.llmItems.toLocaleString()} LLM labels. All three are scored on the same{" "}
              <strong>{s.blindItems.toLocaleString()} blind items</strong>; the gold learner is cross-fitted, so no item is scored by a model that saw its
              label.
            </p>
            <Table>
              <THead>
                <Tr>
                  <Th>Annotator</Th>
                  <Th>Accuracy (95% interval)</Th>
                  <Th>Macro F1</Th>
                  <Th>Calibration error</Th>
                </Tr>
              </THead>
              <TBody>
                <Tr>
                  <Td>
                    <span className="font-medium">People</span>
                    <span className="block text-xs text-slate-500">
                      Agreement with another reviewer of the same item ({people.decisions.toLocaleString()} decisions on items reviewed twice or more); gold is
                      made of their answers, so it cannot score them
                    </span>
                  </Td>
                  <Td>{people.decisions ? <strong>{pct(people.agreement)}</strong> : "–"}</Td>
                  <Td>–</Td>
                  <Td>–</Td>
                </Tr>
                <ScoreRow name="LLM" hint="Its latest suggestion on each item" s={s.llm} />
                <ScoreRow name="Learner on human gold" hint="Out of fold (5 folds)" s={s.gold} />
                <ScoreRow name="Learner distilled from the LLM" hint="Trained on the LLM's labels of items without gold" s={s.distilled} />
              </TBody>
            </Table>
            {s.curve.length > 1 && (
              <figure>
                <figcaption className="text-xs text-slate-600">
                  Learning curve: accuracy on {s.curveTestItems.toLocaleString()} held-out blind items against the number of gold labels trained on. Where it
                  still climbs, more gold helps.
                </figcaption>
                <LearningCurveChart points={s.curve} llmAccuracy={s.llm?.accuracy ?? null} />
              </figure>
            )}
            <p className="text-xs text-slate-500">
              Download the learner{" "}
              <a className="text-indigo-700 underline" href={`/api/v1/projects/${projectId}/learner/model?which=gold`}>
                trained on gold
              </a>{" "}
              or{" "}
              <a className="text-indigo-700 underline" href={`/api/v1/projects/${projectId}/learner/model?which=distilled`}>
                distilled from the LLM
              </a>{" "}
              as JSON; <code>lib/learner/predict.mjs</code> loads it with no dependencies, and{" "}
              <code className="break-all">POST /api/v1/projects/{projectId}/learner/predict</code> labels texts with it.
            </p>
          </>
        )}
      </div>
    </Card>
  );
}
