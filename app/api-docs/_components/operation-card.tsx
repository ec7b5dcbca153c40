// One API operation: what it does, who may call it, its parameters, body and answers, and a curl
// line to copy. Schemas sit in <details> so the list stays short; each <pre> can be focused and
// scrolled from the keyboard.
import { Badge } from "@/components/ui/badge";
import { curlExample, typeWords, type Content, type ListedOperation } from "./api-document";

const METHOD_TONE = { GET: "slate", POST: "indigo", PUT: "amber", PATCH: "amber", DELETE: "red" } as const;

function Code({ children, label }: { children: string; label: string }) {
  return (
    <pre
      tabIndex={0}
      aria-label={label}
      className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs leading-relaxed text-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
    >
      {children}
    </pre>
  );
}

function Schemas({ content, what }: { content: Content; what: string }) {
  return Object.entries(content).map(([type, { schema }]) => (
    <details key={type} className="mt-1">
      <summary className="cursor-pointer text-sm text-indigo-800">
        {what} <code className="text-xs">{type}</code>
      </summary>
      {schema && <Code label={`${what} schema, ${type}`}>{JSON.stringify(schema, null, 2)}</Code>}
    </details>
  ));
}

/** The description's inline `code` as <code>, its paragraphs as paragraphs. */
function Prose({ text }: { text: string }) {
  return text.split(/\n{2,}/).map((para, i) => (
    <p key={i} className="mt-1 text-sm text-slate-700">
      {para.split(/(`[^`]+`)/).map((part, j) =>
        part.startsWith("`") ? (
          <code key={j} className="rounded bg-slate-100 px-1 text-xs">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </p>
  ));
}

export function OperationCard({ method, path, op, origin }: ListedOperation & { origin: string }) {
  const params = op.parameters ?? [];
  return (
    <section
      id={op.operationId}
      aria-labelledby={`${op.operationId}-title`}
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="api-operation"
    >
      <h3 id={`${op.operationId}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <Badge tone={METHOD_TONE[method as keyof typeof METHOD_TONE] ?? "slate"}>{method}</Badge>
        <code className="min-w-0 break-all text-sm">{path}</code>
      </h3>
      <Prose text={op.description ?? op.summary} />
      {params.length > 0 && (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              Parameters of {method} {path}
            </caption>
            <thead className="text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Parameter
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  In
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Type
                </th>
                <th scope="col" className="py-1 font-medium">
                  Meaning
                </th>
              </tr>
            </thead>
            <tbody>
              {params.map((p) => (
                <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-3">
                    <code className="text-xs">{p.name}</code>
                    {p.required && <span className="ml-1 text-xs text-red-800">required</span>}
                  </td>
                  <td className="py-1 pr-3 text-slate-700">{p.in}</td>
                  <td className="py-1 pr-3 text-slate-700">{typeWords(p.schema)}</td>
                  <td className="py-1 text-slate-700">{p.description ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {op.requestBody && <Schemas content={op.requestBody.content} what="Request body" />}
      <h4 className="mt-3 text-sm font-medium">Answers</h4>
      <ul className="mt-1 space-y-1 text-sm">
        {Object.entries(op.responses).map(([status, r]) => (
          <li key={status}>
            <code className={`text-xs font-semibold ${status.startsWith("2") ? "text-green-800" : "text-slate-700"}`}>{status}</code>{" "}
            <span className="text-slate-700">{r.description}</span>
            {r.content && status.startsWith("2") && <Schemas content={r.content} what="Answer body" />}
          </li>
        ))}
      </ul>
      <h4 className="mt-3 text-sm font-medium">Try it</h4>
      <Code label={`curl for ${method} ${path}`}>{curlExample(origin, method, path, op)}</Code>
    </section>
  );
}
