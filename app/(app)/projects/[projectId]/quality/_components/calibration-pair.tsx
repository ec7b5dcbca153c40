// The reliability diagram before and after calibration, side by side: the model's raw confidence,
// then the calibrated confidence that thresholds use, each item calibrated by a map fitted on the
// other half of the blind slice (an honest "after", not the fit's own training data).
import type { BeforeAfter } from "@/lib/gold/reliability";
import { ReliabilityChart } from "@/components/charts/reliability-chart";

const ece = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)} points`);

export function CalibrationPair({ reliability, versionNumber }: { reliability: BeforeAfter; versionNumber: number }) {
  return (
    <div data-testid="calibration-pair">
      <h3 className="text-sm font-semibold">Calibration of version {versionNumber} on the blind slice</h3>
      <div className="mt-2 grid gap-4 md:grid-cols-2">
        <figure>
          <figcaption className="text-xs text-slate-600">Before: the model&apos;s own confidence. Calibration error {ece(reliability.before.ece)}.</figcaption>
          <ReliabilityChart bins={reliability.before.bins} />
        </figure>
        <figure>
          {reliability.after ? (
            <>
              <figcaption className="text-xs text-slate-600">
                After: calibrated, measured out of fold. Calibration error {ece(reliability.after.ece)}.
              </figcaption>
              <ReliabilityChart bins={reliability.after.bins} />
            </>
          ) : (
            <figcaption className="text-xs text-slate-600">After: needs blind items in both halves of the slice.</figcaption>
          )}
        </figure>
      </div>
    </div>
  );
}
