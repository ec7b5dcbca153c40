// Undoes my last decision in the project (once, within the undo window) and returns that item to
// review again, with the answer that was undone (the screen shows it selected).
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { undoLastDecision } from "@/lib/reviews/change-decision";
import { undoResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: undoResponse,
    description: "Undoes the caller's last decision (once, within REVIEW_UNDO_WINDOW_SECONDS) and leases that item back to them.",
    role: "ANNOTATOR",
    scope: "review",
    writes: true,
  },
  async ({ access }) => {
    const { previous, ...task } = await undoLastDecision(access);
    return NextResponse.json({ task, previous });
  },
);
