"use client";
// Reliability diagram: observed accuracy per confidence bin against the diagonal of perfect calibration.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TITLED_MARGIN, xTitle, yTitle } from "@/components/charts/axis-title";

export type ReliabilityBin = { from: number; to: number; n: number; meanConfidence: number; accuracy: number };

export function ReliabilityChart({ bins }: { bins: ReliabilityBin[] }) {
  const data = bins.map((b) => ({ bin: `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`, accuracy: b.accuracy, confidence: b.meanConfidence, n: b.n }));
  return (
    <div className="h-64 w-full" data-testid="calibration-chart" role="img" aria-label="Reliability diagram: accuracy by confidence bin">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={TITLED_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="bin" tick={{ fontSize: 11 }} label={xTitle("Model confidence")} />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} label={yTitle("Share right")} />
          <Tooltip formatter={(v, name) => (name === "n" ? v : `${(Number(v) * 100).toFixed(1)}%`)} />
          <Legend verticalAlign="top" height={24} />
          <Bar dataKey="accuracy" name="observed accuracy" fill="#6366f1" isAnimationActive={false} />
          <Line dataKey="confidence" name="mean confidence" stroke="#f59e0b" strokeWidth={2} dot isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
