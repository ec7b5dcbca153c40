// The page loader: pages check access themselves (never only a layout or the proxy), through this
// one cache()d function, so a page and the components it renders share one membership check.
import { cache } from "react";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { makeCaller, resolveProjectAccess, type Caller, type ProjectAccess } from "@/lib/auth/access";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import type { ProjectRole } from "@/lib/generated/prisma/enums";
import { PATH_HEADER } from "@/lib/request-headers";

/** The signed-in user, or the sign-in page with a way back here. */
export const requirePageCaller = cache(async (): Promise<{ user: SessionUser; caller: Caller }> => {
  const user = await getSessionUser();
  if (!user) {
    const here = (await headers()).get(PATH_HEADER);
    redirect(here && here !== "/" ? `/sign-in?callbackUrl=${encodeURIComponent(here)}` : "/sign-in");
  }
  return { user, caller: makeCaller(user) };
});

export const requirePageProjectAccess = cache(
  async (projectId: string, needed: ProjectRole = "ANNOTATOR"): Promise<{ user: SessionUser; access: ProjectAccess }> => {
    const { user, caller } = await requirePageCaller();
    try {
      return { user, access: await resolveProjectAccess(caller, projectId, { role: needed }) };
    } catch (err) {
      if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
      // A member without the role lands on the project's overview instead of an error page.
      if (err instanceof AppError && err.code === "FORBIDDEN") redirect(`/projects/${projectId}`);
      throw err;
    }
  },
);
