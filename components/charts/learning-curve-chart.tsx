"use client";
// The learner's learning curve: accuracy on held-out blind items against the number of gold
// labels it was trained on, with the 95% interval as a band and the LLM's accuracy as a line.
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TITLED_MARGIN, xTitle, yTitle } from "@/components/charts/axis-title";

export type CurvePoint = { trainingItems: number; accuracy: number | null; interval: { low: number; high: number } | null };

export function LearningCurveChart({ points, llmAccuracy }: { points: CurvePoint[]; llmAccuracy: number | null }) {
  const data = points.map((p) => ({ n: p.trainingItems, accuracy: p.accuracy, band: p.interval ? [p.interval.low, p.interval.high] : null }));
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    <div className="h-56 w-full" data-testid="learning-curve" role="img" aria-label="Learner accuracy against the number of gold labels it was trained on">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={TITLED_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="n"
            type="number"
            scale="log"
            domain={["dataMin", "dataMax"]}
            tick={{ fontSize: 11 }}
            tickFormatter={(v: number) => v.toLocaleString()}
            label={xTitle("Gold labels trained on (log scale)")}
          />
          <YAxis domain={[0, 1]} tickFormatter={pct} tick={{ fontSize: 11 }} label={yTitle("Accuracy on held-out blind items")} />
          <Tooltip
            formatter={(v) => (Array.isArray(v) ? `${pct(Number(v[0]))}–${pct(Number(v[1]))}` : pct(Number(v)))}
            labelFormatter={(v) => `${Number(v).toLocaleString()} gold labels`}
          />
          <Legend verticalAlign="top" height={24} />
          <Area dataKey="band" name="95% interval" fill="#c7d2fe" stroke="none" isAnimationActive={false} />
          <Line dataKey="accuracy" name="learner accuracy" stroke="#4338ca" strokeWidth={2} dot isAnimationActive={false} />
          {llmAccuracy !== null && (
            <ReferenceLine
              y={llmAccuracy}
              stroke="#f59e0b"
              strokeDasharray="4 4"
              label={{ value: "LLM", fontSize: 11, fill: "#b45309", position: "insideTopRight" }}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
