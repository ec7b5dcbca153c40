// A pair's two responses in canonical order (A as imported), side by side and scrolling on their
// own; for leads' pages (the item page, adjudication), where A and B mean what the labels mean.
// Reviewers see the pair in their own order instead (pair-view.tsx).
export function PairResponses({ a, b, modelA, modelB }: { a: string; b: string; modelA?: string | null; modelB?: string | null }) {
  return (
    <div className="grid gap-3 md:grid-cols-2" data-testid="pair-responses">
      {[
        { name: "A", text: a, model: modelA },
        { name: "B", text: b, model: modelB },
      ].map((r) => (
        <section key={r.name} className="min-w-0 rounded-md border border-slate-200" aria-label={`Response ${r.name}`}>
          <h3 className="border-b border-slate-100 px-3 py-1.5 text-sm font-semibold">
            Response {r.name}
            {r.model && <span className="ml-2 text-xs font-normal break-all text-slate-500">{r.model}</span>}
          </h3>
          <div tabIndex={0} className="max-h-96 overflow-y-auto px-3 py-2 text-sm leading-relaxed break-words whitespace-pre-wrap">
            {r.text}
          </div>
        </section>
      ))}
    </div>
  );
}
