// The boundary for server actions (convention 11). Each wrapper resolves the session (a bearer
// token is refused: tokens are for /api/v1), checks the project membership and role once, parses
// the input with zod, and hands the handler a ProjectAccess or a Caller. Errors come back as an
// ActionResult the form can show. Every exported action is built by one of these; the security
// tests import every actions.ts and fail on any export that is not.
import type { ZodType } from "zod";
import { runAction, type ActionResult } from "@/lib/action-result";
import { AppError, fieldErrorsFrom } from "@/lib/errors";
import { resolveProjectAccess, type Caller, type Need, type ProjectAccess } from "@/lib/auth/access";
import { requireActionCaller } from "@/lib/auth/session";
import { formDataToObject } from "@/lib/form-data";

export const ACTION_SPEC = Symbol.for("goldset.actionSpec");
export type ActionKind = "project" | "user" | "public";
/** How the action is called: `(projectId?, input)` from code, or `(projectId?, state, formData)` by a form. */
export type ActionShape = "object" | "form";
export type ActionSpec<I> = { input: ZodType<I>; shape: ActionShape } & (
  { kind: "project"; need: Need } | { kind: "user"; adminOnly?: boolean } | { kind: "public" }
);
type Marked<F> = F & { [ACTION_SPEC]: ActionSpec<unknown> };

function mark<F extends object, I>(fn: F, spec: ActionSpec<I>): Marked<F> {
  return Object.assign(fn, { [ACTION_SPEC]: spec as ActionSpec<unknown> });
}

function parseInput<I>(schema: ZodType<I>, raw: unknown): I {
  const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
  // Forms show each message beside its field; the summary only points at them.
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsFrom(parsed.error.issues));
  return parsed.data;
}

async function projectAccessFor(projectId: unknown, need: Need): Promise<ProjectAccess> {
  const caller = await requireActionCaller();
  if (typeof projectId !== "string") throw new AppError("NOT_FOUND", "Project not found.");
  return resolveProjectAccess(caller, projectId, need);
}

/** `action(projectId, input)` for project members with at least `need.role`. */
export function projectAction<I, T>(need: Need, input: ZodType<I>, handler: (access: ProjectAccess, input: I) => Promise<T>) {
  const action = (projectId: string, raw: unknown): Promise<ActionResult<T>> =>
    runAction(async () => handler(await projectAccessFor(projectId, need), parseInput(input, raw)));
  return mark(action, { kind: "project", need, input, shape: "object" });
}

/** The same for `<form action>` with useActionState: bind the project id, React passes (state, formData). */
export function projectFormAction<I, T>(need: Need, input: ZodType<I>, handler: (access: ProjectAccess, input: I) => Promise<T>) {
  const action = (projectId: string, _state: unknown, form: FormData): Promise<ActionResult<T>> =>
    runAction(async () => handler(await projectAccessFor(projectId, need), parseInput(input, form)), form);
  return mark(action, { kind: "project", need, input, shape: "form" });
}

async function userCaller(adminOnly?: boolean): Promise<Caller> {
  const caller = await requireActionCaller();
  if (adminOnly && !caller.isAdmin) throw new AppError("FORBIDDEN", "Only instance admins can do this.");
  return caller;
}

/** `action(input)` for any signed-in user (or admins only). Takes an object or a FormData. */
export function userAction<I, T>(input: ZodType<I>, handler: (caller: Caller, input: I) => Promise<T>, opts: { adminOnly?: boolean } = {}) {
  const action = (raw: unknown): Promise<ActionResult<T>> => runAction(async () => handler(await userCaller(opts.adminOnly), parseInput(input, raw)));
  return mark(action, { kind: "user", adminOnly: opts.adminOnly, input, shape: "object" });
}

/** For `<form action>` with useActionState. */
export function userFormAction<I, T>(input: ZodType<I>, handler: (caller: Caller, input: I) => Promise<T>, opts: { adminOnly?: boolean } = {}) {
  const action = (_state: unknown, form: FormData): Promise<ActionResult<T>> =>
    runAction(async () => handler(await userCaller(opts.adminOnly), parseInput(input, form)), form);
  return mark(action, { kind: "user", adminOnly: opts.adminOnly, input, shape: "form" });
}

/**
 * For the forms people use before they have a session (set-up, sign-in, invitation acceptance):
 * no caller, only validated input; the handler rate-limits by client address itself.
 */
export function publicFormAction<I, T>(input: ZodType<I>, handler: (input: I) => Promise<T>) {
  const action = (_state: unknown, form: FormData): Promise<ActionResult<T>> => runAction(async () => handler(parseInput(input, form)), form);
  return mark(action, { kind: "public", input, shape: "form" });
}
