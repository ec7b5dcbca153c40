"use client";
// Item text with labeled spans highlighted. Untrusted text is rendered as React text nodes only.
// Selecting text reports its character offsets in the original string (each segment carries its
// own start offset, so a selection across highlights still maps back exactly).
import { useRef } from "react";

export type Span = { label: string; start: number; end: number; text: string };

export function SpanText({
  text,
  spans,
  colors,
  onSelect,
  onRemove,
}: {
  text: string;
  spans: Span[];
  colors: Record<string, string>;
  onSelect?: (range: { start: number; end: number } | null) => void;
  onRemove?: (index: number) => void;
}) {
  const root = useRef<HTMLDivElement>(null);
  const sorted = spans.map((s, i) => ({ ...s, i })).sort((a, b) => a.start - b.start);
  const parts: { start: number; end: number; span?: (typeof sorted)[number] }[] = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue; // overlapping spans: the first one wins the highlight
    if (s.start > at) parts.push({ start: at, end: s.start });
    parts.push({ start: s.start, end: s.end, span: s });
    at = s.end;
  }
  if (at < text.length) parts.push({ start: at, end: text.length });

  const offsetOf = (node: Node, offset: number): number | null => {
    const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest("[data-start]") as HTMLElement | null;
    if (!el || !root.current?.contains(el)) return null;
    return Number(el.dataset.start) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
  };

  const reportSelection = () => {
    if (!onSelect) return;
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return onSelect(null);
    const r = sel.getRangeAt(0);
    const a = offsetOf(r.startContainer, r.startOffset);
    const b = offsetOf(r.endContainer, r.endOffset);
    if (a === null || b === null || b <= a) return onSelect(null);
    onSelect({ start: a, end: b });
  };

  return (
    <div
      ref={root}
      onMouseUp={reportSelection}
      onKeyUp={reportSelection}
      data-testid="review-text"
      className="text-base leading-relaxed break-words whitespace-pre-wrap"
    >
      {parts.map((p) =>
        p.span ? (
          <mark
            key={`s${p.start}`}
            data-start={p.start}
            title={`${p.span.label}${onRemove ? " (click to remove)" : ""}`}
            onClick={onRemove ? () => onRemove(p.span!.i) : undefined}
            className="rounded px-0.5 text-slate-900"
            style={{ backgroundColor: `${colors[p.span.label] ?? "#94a3b8"}33`, boxShadow: `inset 0 -2px 0 ${colors[p.span.label] ?? "#94a3b8"}` }}
          >
            {text.slice(p.start, p.end)}
            <sup className="ml-0.5 text-[10px] font-semibold" style={{ color: colors[p.span.label] }}>
              {p.span.label}
            </sup>
          </mark>
        ) : (
          <span key={`t${p.start}`} data-start={p.start}>
            {text.slice(p.start, p.end)}
          </span>
        ),
      )}
    </div>
  );
}
