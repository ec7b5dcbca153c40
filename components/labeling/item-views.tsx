"use client";
// What the review screen shows of an item, one view per kind of content (TaskTypeDef.content):
// a text (or, for spans, a text to select in), a prompt with two responses, or a picture. A new
// kind of content is a new entry here; the screen never lists task types.
import type { ReactElement } from "react";
import { SpanText, type Span } from "@/components/labeling/span-text";
import { PairView } from "@/components/labeling/pair-view";
import { ImageView } from "@/components/labeling/image-view";
import type { ReviewTask } from "@/lib/reviews/types";
import type { TaskTypeDef } from "@/lib/task-types";

export type ItemViewProps = {
  projectId: string;
  task: ReviewTask;
  type: TaskTypeDef;
  /** Spans: the spans chosen so far, their colours, and how a selection or a removal is reported. */
  spans: Span[];
  colors: Record<string, string>;
  onSelect: (s: { start: number; end: number } | null) => void;
  onRemove: (i: number) => void;
};

function Card({ externalId, children }: { externalId: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <p className="mb-3 font-mono text-xs break-all text-slate-500" data-testid="review-item-id">
        {externalId}
      </p>
      {children}
    </div>
  );
}

function TextItem(p: ItemViewProps) {
  const { item } = p.task;
  return (
    <Card externalId={item.externalId}>
      {p.type.field === "spans" ? (
        <SpanText text={item.text} spans={p.spans} colors={p.colors} onSelect={p.onSelect} onRemove={p.onRemove} />
      ) : (
        <div data-testid="review-text" className="text-base leading-relaxed break-words whitespace-pre-wrap">
          {item.text}
        </div>
      )}
    </Card>
  );
}

function PairItem({ task }: ItemViewProps) {
  return <PairView prompt={task.item.text} pair={task.item.pair ?? { a: "", b: "", swapped: false }} externalId={task.item.externalId} />;
}

function ImageItem({ task, projectId }: ItemViewProps) {
  const { item } = task;
  if (!item.image) return <Card externalId={item.externalId}>This item has no picture.</Card>;
  return (
    <Card externalId={item.externalId}>
      <ImageView
        src={`/api/v1/projects/${projectId}/media/${item.image.sha256}`}
        width={item.image.width}
        height={item.image.height}
        alt={`The item to label: ${item.text}`}
      />
    </Card>
  );
}

export const ITEM_VIEWS: Record<TaskTypeDef["content"], (p: ItemViewProps) => ReactElement> = { text: TextItem, pair: PairItem, image: ImageItem };
