// Takes back the caller's latest ruling.
import { NextResponse } from "next/server";
import { projectRoute } from "@/lib/auth/route";
import { undoLastRuling } from "@/lib/gold/adjudicate";
import { rulingUndoneResponse } from "@/lib/api/responses";

export const POST = projectRoute(
  {
    response: rulingUndoneResponse,
    description: "Undoes your latest ruling: the item goes back to the Adjudication list without gold.",
    role: "LEAD",
    scope: "lead",
    writes: true,
  },
  async ({ access }) => NextResponse.json(await undoLastRuling(access)),
);
