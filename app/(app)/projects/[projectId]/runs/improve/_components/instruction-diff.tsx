// The proposal against its parent, line by line: removed lines struck through in red, added in green.
import { diffLines } from "diff";

export function InstructionDiff({ before, after }: { before: string; after: string }) {
  const parts = diffLines(before.endsWith("\n") ? before : `${before}\n`, after.endsWith("\n") ? after : `${after}\n`);
  return (
    <pre
      tabIndex={0}
      className="max-h-72 overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-3 text-xs"
      aria-label="Changes to the instructions"
      data-testid="proposal-diff"
    >
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i} className="block bg-green-100 text-green-900 no-underline">
            <span aria-hidden="true">+ </span>
            {p.value}
          </ins>
        ) : p.removed ? (
          <del key={i} className="block bg-red-100 text-red-900">
            <span aria-hidden="true">- </span>
            {p.value}
          </del>
        ) : (
          <span key={i} className="block text-slate-600">
            {p.value}
          </span>
        ),
      )}
    </pre>
  );
}
