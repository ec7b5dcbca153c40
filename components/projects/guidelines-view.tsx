// Guidelines are Markdown written by leads, shown to annotators. Raw HTML in them is dropped
// (skipHtml), and react-markdown's URL filter removes javascript: links.
import Markdown from "react-markdown";

export function GuidelinesView({ markdown }: { markdown: string }) {
  if (!markdown.trim()) return <p className="text-sm text-slate-500">No guidelines yet.</p>;
  return (
    <div className="prose-guidelines text-sm leading-relaxed text-slate-800">
      <Markdown skipHtml>{markdown}</Markdown>
    </div>
  );
}
