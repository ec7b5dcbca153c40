"use client";
// One disagreement at a time, keyboard first: the item's full text, each reviewer's answer and the
// model's suggestion side by side as numbered options (1-9), O for another label, N for a note,
// Enter rules, U takes the last ruling back. Options keep one order (the labels' order), so the
// same answer is always under the same key. Keys go to the focused control when it wants them.
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { useToast } from "@/components/ui/toast";
import { keyBelongsToFocus } from "@/components/labeling/review-keys";
import { adjudicateAction, undoRulingAction } from "../actions";
import { PairResponses } from "@/components/labeling/pair-responses";
import { ImageView } from "@/components/labeling/image-view";
import { rulingOptions, type Option, type WorkspaceItem } from "./ruling-options";
import { taskTypeDef, type TaskType } from "@/lib/task-types";

export function AdjudicationWorkspace(p: { projectId: string; taskType: TaskType; labels: string[]; items: WorkspaceItem[] }) {
  const router = useRouter();
  const toast = useToast();
  const item = p.items[0] ?? null;
  const [picked, setPicked] = useState<number | null>(null);
  const [other, setOther] = useState(false);
  const [note, setNote] = useState("");
  const [fullText, setFullText] = useState(false);
  const [seen, setSeen] = useState<number | null>(null);
  const busy = useRef(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  // The answers given keep their numbers; other labels, when asked for, come after them.
  const shown: Option[] = useMemo(() => {
    const options = item ? rulingOptions(item, p.taskType, p.labels) : [];
    const given = options.filter((o) => o.givenBy.length);
    return other ? [...given, ...options.filter((o) => !o.givenBy.length)] : given;
  }, [item, other, p.labels, p.taskType]);
  if (picked !== null && picked >= shown.length) setPicked(null);
  if (item && item.id !== seen) {
    setSeen(item.id);
    setPicked(null);
    setOther(false);
    setNote("");
    setFullText(false);
  }

  const rule = useCallback(async () => {
    if (!item || picked === null || busy.current) return;
    busy.current = true;
    const option = shown[picked];
    const res = await adjudicateAction(p.projectId, { itemId: item.id, value: option.value, note });
    busy.current = false;
    if (!res.ok) return toast(res.message, "error");
    toast(`${item.externalId}: gold is ${option.text}.`);
    router.refresh();
  }, [item, note, p.projectId, picked, router, shown, toast]);

  const undo = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    const res = await undoRulingAction(p.projectId, {});
    busy.current = false;
    if (!res.ok) return toast(res.message, "error");
    toast(`Ruling on ${res.data.externalId} taken back: it waits for a ruling again.`);
    router.refresh();
  }, [p.projectId, router, toast]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (keyBelongsToFocus(e)) return;
      const k = e.key.toLowerCase();
      if (/^[1-9]$/.test(k) && shown[Number(k) - 1]) setPicked(Number(k) - 1);
      else if (k === "o" && taskTypeDef(p.taskType).singleValued) setOther((o) => !o);
      else if (k === "n") noteRef.current?.focus();
      else if (k === "enter") void rule();
      else if (k === "u") void undo();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [p.taskType, rule, shown, undo]);

  if (!item) {
    return (
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
        <p>No disagreements wait for a ruling. When reviewers of the same item disagree, it comes here.</p>
        <Button variant="secondary" size="sm" onClick={() => void undo()}>
          Take back my last ruling
        </Button>
      </div>
    );
  }
  const long = item.text.length > 600;
  return (
    <div className="space-y-4" data-testid="adjudication-item">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link href={`/projects/${p.projectId}/items/${item.id}`} className="font-mono text-xs text-indigo-700 underline" data-testid="adjudication-item-id">
          {item.externalId}
        </Link>
        <span className="text-xs text-slate-500">{p.items.length === 1 ? "the last one" : `${p.items.length - 1} more after this one`}</span>
      </div>
      {item.image && (
        <ImageView
          src={`/api/v1/projects/${p.projectId}/media/${item.image.sha256}`}
          width={item.image.width}
          height={item.image.height}
          alt={`The item: ${item.text}`}
        />
      )}
      <div className={cn("text-sm break-words whitespace-pre-wrap", long && !fullText && "line-clamp-[12]")} data-testid="adjudication-text">
        {item.text}
      </div>
      {item.pair && <PairResponses a={item.pair.a} b={item.pair.b} />}
      {long && (
        <Button variant="ghost" size="sm" onClick={() => setFullText((f) => !f)} aria-expanded={fullText}>
          {fullText ? "Show less" : `Show all ${item.text.length.toLocaleString()} characters`}
        </Button>
      )}
      <fieldset>
        <legend className="mb-2 text-sm font-semibold">Gold for this item</legend>
        <ul className="grid gap-2 sm:grid-cols-2">
          {shown.map((o, i) => (
            <li key={o.key}>
              <button
                type="button"
                onClick={() => setPicked(i)}
                aria-pressed={picked === i}
                className={cn(
                  "w-full rounded-md border p-3 text-left text-sm",
                  picked === i ? "border-indigo-600 bg-indigo-50 ring-1 ring-indigo-600" : "border-slate-200 hover:bg-slate-50",
                )}
              >
                <span className="flex items-center justify-between gap-2">
                  <strong>{o.text}</strong>
                  {i < 9 && <kbd className="rounded border border-slate-300 px-1 font-mono text-xs pointer-coarse:hidden">{i + 1}</kbd>}
                </span>
                <span className="mt-1 flex flex-wrap gap-1">
                  {o.givenBy.map((g) => (
                    <Badge key={g} tone={g.startsWith("model") ? "indigo" : "slate"}>
                      {g}
                    </Badge>
                  ))}
                  {!o.givenBy.length && <span className="text-xs text-slate-500">nobody chose it</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {taskTypeDef(p.taskType).singleValued && (
          <Button variant="ghost" size="sm" className="mt-2" onClick={() => setOther((o) => !o)} aria-expanded={other}>
            {other ? "Only the answers given" : "Another label"} <kbd className="font-mono text-xs pointer-coarse:hidden">O</kbd>
          </Button>
        )}
      </fieldset>
      <label className="block text-sm">
        <span className="font-medium">
          Note <span className="font-normal text-slate-500">(optional, kept in the audit log)</span>{" "}
          <kbd className="font-mono text-xs pointer-coarse:hidden">N</kbd>
        </span>
        <textarea
          ref={noteRef}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={2000}
          className="mt-1 w-full rounded-md border border-slate-300 p-2"
        />
      </label>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => void rule()} disabled={picked === null} data-testid="rule">
          {picked === null ? "Choose the gold first" : `Rule: ${shown[picked].text}`}{" "}
          <kbd className="font-mono text-xs opacity-80 pointer-coarse:hidden">Enter</kbd>
        </Button>
        <Button variant="secondary" onClick={() => void undo()}>
          Take back my last ruling <kbd className="font-mono text-xs pointer-coarse:hidden">U</kbd>
        </Button>
      </div>
    </div>
  );
}
