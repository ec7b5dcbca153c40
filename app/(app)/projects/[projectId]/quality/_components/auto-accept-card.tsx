// Auto-accept on the Quality page: what the certificate covers, what it saves at this project's
// pace, the audit, and the way back when the audit says stop.
import Link from "next/link";
import type { AuditState, AutoAcceptCertificate } from "@/lib/gold/auto-accept";
import { Card } from "@/components/ui/card";
import { CoverageChart } from "@/components/charts/coverage-chart";
import { SendBackButton } from "./send-back-button";
import { WhatIfBudget } from "./what-if-budget";
import { CalibrationPair } from "./calibration-pair";
import { PerLabelTable } from "./per-label-table";
import { AuditSummary } from "./audit-summary";
import { CertificateWords } from "./auto-accept-now";
import type { ApplyProgress as ApplyProgressValue } from "@/lib/gold/apply-job";
import { ApplyProgress } from "../../settings/_components/apply-progress";

type Props = {
  projectId: string;
  certificate: AutoAcceptCertificate | null;
  budget: number | null;
  on: boolean;
  pausedReason: string | null;
  autoAccepted: number;
  /** Median seconds a person spends on an item here, for "what it saves". */
  secondsPerItem: number | null;
  /** The audit as it stands: audited items, errors, the interval. */
  audit: AuditState | null;
  /** The latest apply (a job): its progress while it runs, then its outcome. */
  apply: ApplyProgressValue | null;
};

const pct = (x: number, digits = 0) => `${(x * 100).toFixed(digits)}%`;

export function AutoAcceptCard(p: Props) {
  const settings = (
    <Link className="text-indigo-700 underline" href={`/projects/${p.projectId}/settings`}>
      Settings
    </Link>
  );
  if (p.budget === null || !p.certificate) {
    return (
      <Card id="auto-accept" title="Auto-accept">
        <div className="space-y-3 text-sm text-slate-600" data-testid="auto-accept-status">
          {p.budget !== null && p.apply ? (
            <ApplyProgress projectId={p.projectId} initial={p.apply} />
          ) : (
            <p>
              Off. Set an error budget in {settings} and Goldset proves, from the blind slice, which suggestions can become gold without a person, with the
              error stated.
            </p>
          )}
        </div>
      </Card>
    );
  }
  const c = p.certificate;
  const certifiedStep = c.curve.find((s) => s.threshold === c.threshold);
  const coverable = c.perLabel ? c.perLabel.reduce((a, l) => a + l.candidates, 0) : (certifiedStep?.candidates ?? 0);
  const covered = p.on ? p.autoAccepted : coverable;
  const certified = c.perLabel ? c.perLabel.some((l) => l.threshold !== null) : c.threshold !== null;
  const hours = p.secondsPerItem ? (covered * p.secondsPerItem) / 3600 : null;
  return (
    <Card id="auto-accept" title={`Auto-accept · budget ${pct(p.budget, 1)} wrong at most (95% confidence)`}>
      <div className="space-y-3 text-sm" data-testid="auto-accept-status">
        {p.apply && <ApplyProgress projectId={p.projectId} initial={p.apply} />}
        {p.pausedReason && (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-red-800">
            <p>
              <strong>Paused.</strong> {p.pausedReason}
            </p>
            <SendBackButton projectId={p.projectId} />
          </div>
        )}
        <CertificateWords c={c} />
        {c.perLabel && <PerLabelTable labels={c.perLabel} versionNumber={c.versionNumber} />}
        {certified && (
          <p className="font-medium" data-testid="auto-accept-savings">
            {covered.toLocaleString()} items {p.on ? "auto-accepted" : "could be auto-accepted"}: no person needs to see them
            {hours !== null ? `, about ${hours < 10 ? hours.toFixed(1) : Math.round(hours).toLocaleString()} reviewer hours at this project's pace` : ""}.
            {!p.on && <> Turn auto-accept on in {settings}.</>}
          </p>
        )}
        {p.audit && <AuditSummary audit={p.audit} paused={Boolean(p.pausedReason)} />}
        {c.perLabel && c.curve.length > 0 && (
          <p className="text-xs text-slate-500">The curve and the what-if below are for one threshold for all labels, for comparison.</p>
        )}
        {c.curve.length > 0 && <CoverageChart points={c.curve} budget={p.budget} certified={c.threshold} />}
        {c.whatIf && c.whatIf.length > 1 && <WhatIfBudget options={c.whatIf} budget={p.budget} secondsPerItem={p.secondsPerItem} />}
        {c.reliability && <CalibrationPair reliability={c.reliability} versionNumber={c.versionNumber} />}
        <p className="text-xs text-slate-500">
          Thresholds are tested from the most confident down and the first that fails ends the scan, so choosing one does not overfit the blind slice, which is
          a random sample of every item whatever the queue order. Auto-accepted labels are marked AUTO and never count as gold when the model is measured; a
          share of the candidates goes to people blind as an audit, which pauses auto-accept only on evidence of errors above the budget. The promise assumes
          new items look like the reviewed ones; the audit is what catches a change. Certified{" "}
          {new Date(c.certifiedAt).toISOString().slice(0, 16).replace("T", " ")} UTC.
        </p>
      </div>
    </Card>
  );
}
