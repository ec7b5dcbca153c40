"use client";
// Coverage against accuracy for auto-accept: each tested threshold's items above it (x) and the
// blind accuracy there with its certified lower bound (the band), the budget's line, and the
// certified threshold marked.
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TITLED_MARGIN, xTitle, yTitle } from "@/components/charts/axis-title";

export type CoveragePoint = { threshold: number; calibrated: number | null; candidates: number; accuracy: number; lower: number; passed: boolean };

export function CoverageChart({ points, budget, certified }: { points: CoveragePoint[]; budget: number; certified: number | null }) {
  const data = [...points].sort((a, b) => a.candidates - b.candidates).map((p) => ({ ...p, band: [p.lower, p.accuracy] as [number, number] }));
  const mark = data.find((p) => p.threshold === certified);
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    <div
      className="h-64 w-full"
      data-testid="coverage-chart"
      role="img"
      aria-label="Items auto-accepted against blind accuracy, with the certified lower bound"
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={TITLED_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="candidates"
            type="number"
            tick={{ fontSize: 11 }}
            tickFormatter={(v: number) => v.toLocaleString()}
            name="items auto-accepted"
            label={xTitle("Items auto-accepted")}
          />
          <YAxis
            domain={[Math.max(0, Math.min(...data.map((d) => d.lower)) - 0.05), 1]}
            tickFormatter={pct}
            tick={{ fontSize: 11 }}
            label={yTitle("Blind accuracy")}
          />
          <Tooltip
            formatter={(v, name) => (Array.isArray(v) ? `${pct(Number(v[0]))}–${pct(Number(v[1]))}` : name === "threshold" ? String(v) : pct(Number(v)))}
            labelFormatter={(v) => `${Number(v).toLocaleString()} items`}
          />
          <Legend verticalAlign="top" height={24} />
          <Area dataKey="band" name="certified range (95%)" fill="#c7d2fe" stroke="none" isAnimationActive={false} />
          <Line dataKey="accuracy" name="blind accuracy" stroke="#4338ca" strokeWidth={2} dot isAnimationActive={false} />
          <ReferenceLine
            y={1 - budget}
            stroke="#dc2626"
            strokeDasharray="4 4"
            label={{ value: `budget: ${pct(1 - budget)} right`, fontSize: 11, fill: "#dc2626", position: "insideBottomRight" }}
          />
          {mark && (
            <ReferenceDot
              x={mark.candidates}
              y={mark.accuracy}
              r={6}
              fill="#16a34a"
              stroke="white"
              label={{ value: "certified", fontSize: 11, position: "top" }}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
