// Which key presses are the review screen's shortcuts. A key belongs to the focused element
// instead when that element would use it: every key in a text field or a select, and Enter or
// Space on a button or link (which they activate). So Tab to a label and Enter picks that label;
// Enter with nothing focused submits.
const CONTROL = "button, a[href], summary, [role=button], [role=link], [role=tab], [role=checkbox], [role=menuitem]";

export function keyBelongsToFocus(e: KeyboardEvent): boolean {
  if (e.metaKey || e.ctrlKey || e.altKey) return true;
  const t = e.target instanceof HTMLElement ? e.target : null;
  if (!t || t === document.body) return false;
  if (t.isContentEditable || t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  if (t.closest("dialog[open]")) return true; // a dialog's own keys (Escape, Tab, Enter on its buttons)
  return (e.key === "Enter" || e.key === " ") && t.closest(CONTROL) !== null;
}

export type ReviewCommand = { kind: "submit" | "skip" | "undo" | "help" | "guidelines" | "why" | "reject" } | { kind: "pick"; label: string };

/** The command a key stands for, if any: number keys and label hotkeys pick, the letters act. */
export function commandFor(key: string, labels: { name: string; hotkey: string | null }[]): ReviewCommand | null {
  const k = key.toLowerCase();
  const byHotkey = labels.find((l) => l.hotkey === k);
  if (byHotkey) return { kind: "pick", label: byHotkey.name };
  if (/^[1-9]$/.test(k) && labels[Number(k) - 1]) return { kind: "pick", label: labels[Number(k) - 1].name };
  // x: reject a synthetic item as unusable (a label whose hotkey is x keeps it).
  const letters: Record<string, ReviewCommand["kind"]> = { enter: "submit", s: "skip", u: "undo", "?": "help", g: "guidelines", r: "why", x: "reject" };
  return letters[k] ? ({ kind: letters[k] } as ReviewCommand) : null;
}
