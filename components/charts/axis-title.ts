// Axis titles, drawn the same way on every chart: a reader should never have to guess what a
// number on an axis counts. Recharts draws them through the axes' `label` prop; the margins give
// them room.
export const xTitle = (value: string) => ({ value, position: "insideBottom" as const, offset: -12, fontSize: 11, fill: "#475569" });
export const yTitle = (value: string) => ({
  value,
  angle: -90,
  position: "insideLeft" as const,
  style: { textAnchor: "middle" as const },
  offset: 12,
  fontSize: 11,
  fill: "#475569",
});
/** Room for both titles (and the legend under the x title). */
export const TITLED_MARGIN = { top: 8, right: 16, bottom: 20, left: 8 };
