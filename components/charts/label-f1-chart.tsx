"use client";
// Per-label precision, recall and F1 as grouped bars.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TITLED_MARGIN, xTitle, yTitle } from "@/components/charts/axis-title";

export function LabelF1Chart({ rows }: { rows: { label: string; precision: number | null; recall: number | null; f1: number | null }[] }) {
  return (
    <div className="h-56 w-full" data-testid="label-f1-chart" role="img" aria-label="Precision, recall and F1 per label">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows.map((r) => ({ ...r, precision: r.precision ?? 0, recall: r.recall ?? 0, f1: r.f1 ?? 0 }))} margin={TITLED_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} label={xTitle("Label")} />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} label={yTitle("Score")} />
          <Tooltip formatter={(v) => `${(Number(v) * 100).toFixed(1)}%`} />
          <Legend verticalAlign="top" height={24} />
          <Bar dataKey="precision" name="Precision" fill="#0ea5e9" isAnimationActive={false} />
          <Bar dataKey="recall" name="Recall" fill="#f59e0b" isAnimationActive={false} />
          <Bar dataKey="f1" name="F1" fill="#4338ca" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
