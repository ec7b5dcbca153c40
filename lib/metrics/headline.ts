// The Quality page's first lines: what the measurements say, in words, and what to do next.
// Blind accuracy is the only figure free of anchoring, so the headline is built around it.
import type { GoldNeeded, SliceMetrics } from "@/lib/metrics/queries";

const points = (x: number) => Math.round(x * 100);

export type Headline = { sentences: string[]; next: string };

/** `subject`: whose answers are measured, in words ("Claude (claude-haiku-4-5), prompt v1"). */
export function qualityHeadline(input: {
  blind: SliceMetrics;
  assisted: SliceMetrics;
  blindNeeded: GoldNeeded;
  blindShare: number;
  subject?: string;
}): Headline {
  const { blind, assisted, blindNeeded, blindShare } = input;
  const subject = input.subject ?? "The model";
  const sentences: string[] = [];
  if (blind.n === 0 || blind.accuracy === null || !blind.interval) {
    sentences.push(
      assisted.n
        ? `Not measured blind yet: all ${assisted.n.toLocaleString()} gold items were reviewed with the suggestion shown, which can flatter the model.`
        : "Not measured yet: no gold item has a suggestion from this version.",
    );
    return {
      sentences,
      next:
        blindShare > 0
          ? `Keep reviewing: ${points(blindShare)}% of the queue is reviewed blind and measures the model.`
          : "Turn on a blind slice in Settings so some items are reviewed without the suggestion.",
    };
  }
  const half = (blind.interval.high - blind.interval.low) / 2;
  sentences.push(
    `${subject} is right ${points(blind.accuracy)}% of the time (give or take ${Math.max(1, points(half))} points), measured on ${blind.n.toLocaleString()} items people reviewed blind, without seeing its answer.`,
  );
  if (assisted.n && assisted.accuracy !== null) {
    const anchoring = assisted.accuracy > blind.interval.high;
    sentences.push(
      `When the suggestion is shown, people agree with it ${points(assisted.accuracy)}% of the time` +
        (anchoring ? ": more than blind review supports, so they may be anchoring." : ", in line with blind review."),
    );
  }
  let next: string;
  if (blindNeeded.more === 0) next = "That figure is known to within 3 points either way.";
  else if (blindNeeded.more <= blindNeeded.available)
    next = `Review about ${blindNeeded.more.toLocaleString()} more items blind to know it within 3 points either way.`;
  else if (blindNeeded.available === 0) next = `Every item has gold: import more items to know it better than within ${Math.max(1, points(half))} points.`;
  else
    next = `This project cannot pin it down to 3 points: reviewing all ${blindNeeded.available.toLocaleString()} items that would be blind leaves ${points(blindNeeded.bestHalfWidth ?? 1)} points either way.`;
  return { sentences, next };
}
