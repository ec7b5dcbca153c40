// The project's pre-labeling budget.
import { NextResponse } from "next/server";
import { z } from "zod";
import { projectRoute } from "@/lib/auth/route";
import { setProjectBudget } from "@/lib/runs/control-run";
import { getBudget } from "@/lib/runs/queries";
import { optionalAmount } from "@/lib/validation";
import { budgetResponse } from "@/lib/api/responses";

export const PUT = projectRoute(
  {
    response: budgetResponse,
    description:
      "Sets the project's pre-labeling budget in US dollars (null: none). A run stops before a request could take spending past it, and resumes once it is raised.",
    role: "LEAD",
    scope: "lead",
    writes: true,
    body: z.object({ budgetUsd: optionalAmount }),
  },
  async ({ access, body }) => {
    await setProjectBudget(access, body.budgetUsd);
    return NextResponse.json(await getBudget(access));
  },
);
