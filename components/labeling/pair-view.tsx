"use client";
// A pairwise item: the prompt, then the two responses side by side (stacked on phones), each
// scrolling on its own so long answers can be compared paragraph by paragraph. The sides are
// named as shown: "A" is whichever response this reviewer sees on the left (lib/pairwise/order.ts
// decides, per item and person); the label panel maps the choice back to canonical order.

export type ShownPair = { a: string; b: string; swapped: boolean };

/** The panel's labels for a pair as shown: the left slot ("A", key a) carries the canonical label of the left response. */
export function shownPairLabels<L extends { name: string }>(labels: L[], swapped: boolean): (L & { title: string })[] {
  const titles: Record<string, string> = { A: "A is better", B: "B is better", tie: "Tie: equally good", both_bad: "Both are bad" };
  return labels.map((l) => {
    const title = titles[l.name] ?? l.name;
    if (!swapped || (l.name !== "A" && l.name !== "B")) return { ...l, title };
    return { ...l, name: l.name === "A" ? "B" : "A", title };
  });
}

export function PairView({ prompt, pair, externalId }: { prompt: string; pair: ShownPair; externalId: string }) {
  const [left, right] = pair.swapped ? [pair.b, pair.a] : [pair.a, pair.b];
  return (
    <div className="space-y-3">
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <p className="mb-2 font-mono text-xs break-all text-slate-500" data-testid="review-item-id">
          {externalId}
        </p>
        <h2 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Prompt</h2>
        <div data-testid="review-text" className="max-h-48 overflow-y-auto text-base leading-relaxed break-words whitespace-pre-wrap">
          {prompt}
        </div>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <Response name="A" text={left} />
        <Response name="B" text={right} />
      </div>
    </div>
  );
}

function Response({ name, text }: { name: string; text: string }) {
  return (
    <section className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white shadow-sm" aria-label={`Response ${name}`}>
      <h3 className="border-b border-slate-100 px-4 py-2 text-sm font-semibold">
        Response {name} <kbd className="ml-1 font-mono text-xs text-slate-500">{name}</kbd>
      </h3>
      {/* Focusable, so a keyboard user can scroll it with the arrow keys. */}
      <div
        tabIndex={0}
        data-testid={`response-${name}`}
        className="max-h-[28rem] overflow-y-auto px-4 py-3 text-sm leading-relaxed break-words whitespace-pre-wrap focus:outline-2 focus:outline-indigo-500"
      >
        {text}
      </div>
    </section>
  );
}
