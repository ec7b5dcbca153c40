// Auto-accept in words, where the lead sets it (Settings) and where its effect is read (Quality):
// the certificate in force, the audit, the assumption the promise rests on, and when a new
// certificate will be made.
import Link from "next/link";
import { pct } from "@/components/metrics/format";
import type { AuditState, AutoAcceptCertificate } from "@/lib/gold/auto-accept";
import { RECERTIFY_GROWTH } from "@/lib/gold/looks";
import { AuditSummary } from "./audit-summary";

/** The certificate in plain words: the threshold as the model states confidence, what it rests on, and its look. */
export function CertificateWords({ c }: { c: AutoAcceptCertificate }) {
  const look =
    c.look && c.delta
      ? ` This is certificate ${c.look} of version ${c.versionNumber}, made at ${pct(1 - c.delta, 2)} so that all of the version's certificates, and everything accepted under any of them, hold together at 95%.`
      : "";
  if (c.blindShare === 0) {
    return (
      <p role="alert" data-testid="certificate-words">
        The blind share is 0%: there is no blind slice, so nothing can be certified (a certificate needs items people reviewed without the suggestion, drawn at
        random). Set a blind share in Settings, Review.
      </p>
    );
  }
  if (c.perLabel)
    return (
      <p>
        Certified label by label from version {c.versionNumber} on {c.blindItems.toLocaleString()} blind items (table below).{look}
      </p>
    );
  if (c.threshold === null) {
    return (
      <p>
        Nothing certified yet on {c.blindItems.toLocaleString()} blind items of version {c.versionNumber}.{" "}
        {c.moreBlindNeeded === null
          ? "The most confident suggestions are already wrong more often than the budget allows."
          : `About ${c.moreBlindNeeded.toLocaleString()} more blind reviews would let the most confident suggestions pass.`}
      </p>
    );
  }
  const calibrated =
    c.calibratedThreshold === null ? "" : ` (on the blind slice, suggestions that confident were right ${pct(c.calibratedThreshold, 0)} of the time)`;
  return (
    <p data-testid="certificate-words">
      Certified from version {c.versionNumber}: suggestions the model gave with a confidence of <strong>{pct(c.threshold, 1)}</strong> or more{calibrated}. On{" "}
      {c.n.toLocaleString()} blind items that confident they were wrong {c.errors} times: at most {pct(c.upper ?? 1, 1)} wrong with 95% confidence.{look}
    </p>
  );
}

type Props = {
  projectId: string;
  certificate: AutoAcceptCertificate | null;
  budget: number | null;
  on: boolean;
  pausedReason: string | null;
  audit: AuditState | null;
};

/** The settings page's view of what the budget does now, linked to the curve and what-if on Quality. */
export function AutoAcceptNow(p: Props) {
  if (p.budget === null || !p.certificate) return null;
  const c = p.certificate;
  const next = Math.ceil(c.blindItems * RECERTIFY_GROWTH);
  return (
    <section className="mt-4 space-y-2 border-t border-slate-200 pt-4 text-sm" aria-label="Auto-accept now" data-testid="auto-accept-now">
      {p.pausedReason && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-2 text-red-800">
          <strong>Paused.</strong> {p.pausedReason}
        </p>
      )}
      <CertificateWords c={c} />
      {p.audit && <AuditSummary audit={p.audit} paused={Boolean(p.pausedReason)} />}
      <p className="text-slate-600">
        A new certificate is made when another version takes over, the budget changes, or the blind slice doubles (at about {next.toLocaleString()} blind
        items); until then this one is applied to new items. The promise assumes new items look like the reviewed ones; the audit is what catches a change.{" "}
        <Link className="text-indigo-700 underline" href={`/projects/${p.projectId}/quality#auto-accept`}>
          The curve and what other budgets would accept, on Quality
        </Link>
        .
      </p>
    </section>
  );
}
