// The first rows of a file as the server's import will read them (lib/imports/preview.ts): the
// columns it found, the text and id columns marked, and any rows it could not read.
import { cn } from "@/components/ui/cn";

export type Preview = {
  format: string;
  delimiter: "comma" | "semicolon" | "tab" | "pipe" | null;
  columns: { name: string; meanLength: number; idLike: boolean }[];
  rows: { line: number; fields: Record<string, string> }[];
  bad: { line: number; reason: string }[];
  text: string | null;
  id: string | null;
  partial: boolean;
};

const cut = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);

export function ImportPreviewTable({ preview, textField, idField }: { preview: Preview; textField: string; idField: string }) {
  const { columns, rows, bad } = preview;
  return (
    <section aria-label="How the import will read this file" className="space-y-2" data-testid="import-preview">
      <p className="text-sm text-slate-700">
        Read as {preview.format === "CSV" ? `CSV split on ${preview.delimiter === "tab" ? "tabs" : `${preview.delimiter}s`}` : preview.format}: {columns.length}{" "}
        column
        {columns.length === 1 ? "" : "s"}; the first {rows.length} row{rows.length === 1 ? "" : "s"}
        {preview.partial ? " of the file" : ""} below, as they will be imported.
      </p>
      <div className="max-w-full overflow-x-auto rounded-md border border-slate-200" tabIndex={0} aria-label="Preview rows">
        <table className="min-w-full text-left text-xs">
          <thead className="bg-slate-50">
            <tr>
              <th className="px-2 py-1 font-medium text-slate-600">Line</th>
              {columns.map((c) => (
                <th key={c.name} className={cn("px-2 py-1 font-medium", c.name === textField ? "bg-indigo-100 text-indigo-900" : "text-slate-700")}>
                  {c.name}
                  {c.name === textField ? " (text)" : c.name === idField ? " (id)" : ""}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.line} className="border-t border-slate-100 align-top">
                <td className="px-2 py-1 text-slate-600">{r.line}</td>
                {columns.map((c) => (
                  <td key={c.name} className={cn("px-2 py-1 break-words", c.name === textField && "bg-indigo-50")}>
                    {cut(r.fields[c.name] ?? "")}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {bad.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-red-800">
          {bad.map((b) => (
            <li key={b.line}>
              Line {b.line}: {b.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
