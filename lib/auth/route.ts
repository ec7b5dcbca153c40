// The boundary for /api/v1 route handlers (convention 11): one wrapper resolves the caller (token
// or session), refuses cross-site cookie writes, checks the project membership, role and token
// scope, then parses path, query and a size-limited JSON body with zod, all before the handler
// runs. Every route declares what it does (`description`) and what it needs, which the security
// tests read to probe every route with every kind of caller.
import { clientAddress } from "@/lib/auth/client-address";
import { limitAddress, limitPerson, rateLimitHeaders, tighter, type RateDecision } from "@/lib/auth/api-rate-limit";
import { z, type ZodType } from "zod";
import { env } from "@/lib/env";
import { AppError, validationError } from "@/lib/errors";
import { errorResponse, withNoStore } from "@/lib/http";
import { readJsonBody } from "@/lib/read-json-body";
import { resolveProjectAccess, type Caller, type ProjectAccess, type TokenScope } from "@/lib/auth/access";
import { callerFromRequest } from "@/lib/auth/session";
import { idempotent, spoolForFingerprint, wantsIdempotency } from "@/lib/auth/idempotency";
import type { ProjectRole } from "@/lib/generated/prisma/enums";
import { withLogContext } from "@/lib/observability/log";
import { metrics } from "@/lib/observability/metrics";

export const ROUTE_SPEC = Symbol.for("goldset.routeSpec");

type Schema<T> = ZodType<T>;

export type RouteSpec<B = undefined, Q = undefined, P = undefined> = {
  /** What the route does, for the API reference. */
  description: string;
  /** The project role needed; SIGNED_IN: a route about the caller, outside any project (callerRoute). */
  role: ProjectRole | "SIGNED_IN";
  /** The scope an API token needs: read (GET), review (claim and decide), lead (changes only leads make). */
  scope: TokenScope;
  /** The route changes the project: refused while it is archived. */
  writes?: boolean;
  /** A JSON body, read (at most API_MAX_JSON_BYTES) only after the caller is known to be allowed. */
  body?: Schema<B>;
  query?: Schema<Q>;
  /** Path parameters besides projectId. */
  params?: Schema<P>;
  /** The handler reads a non-JSON body itself (an uploaded file). */
  rawBody?: boolean;
  /** The status of a successful answer when it is not 200: 201 (created) or 202 (accepted, runs in the background). */
  successStatus?: 201 | 202;
  /** The successful answer's body (lib/api/responses.ts), for the document; the contract test holds answers to it. */
  response?: Schema<unknown>;
  /** The answer is a file download of this media type, or one of these (an export, a model file), instead of a JSON body. */
  file?: string | readonly string[];
};

export type RouteContext<B, Q, P> = { access: ProjectAccess; caller: Caller; body: B; query: Q; params: P; req: Request };
export type CallerRouteContext<B, Q> = { caller: Caller; body: B; query: Q; req: Request };
type NextCtx = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = ((req: Request, ctx: NextCtx) => Promise<Response>) & { [ROUTE_SPEC]: RouteSpec<unknown, unknown, unknown> };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function withRateHeaders(res: Response, rate: RateDecision): Response {
  for (const [k, v] of Object.entries(rateLimitHeaders(rate))) res.headers.set(k, v);
  return res;
}

export function projectRoute<B = undefined, Q = undefined, P = undefined>(
  spec: RouteSpec<B, Q, P> & { role: ProjectRole },
  handler: (ctx: RouteContext<B, Q, P>) => Promise<Response>,
): RouteHandler {
  return apiRoute(spec, async (caller, req, ctx, read) => {
    const rawParams = await ctx.params;
    const access = await resolveProjectAccess(caller, String(rawParams.projectId ?? ""), { role: spec.role, writes: spec.writes });
    const params = parse(spec.params, rawParams, "Check the path");
    const { query, body } = await queryAndBody(spec, req, read);
    const upload = spec.rawBody && wantsIdempotency(req) ? await spoolForFingerprint(req, env().import.maxFileBytes) : null;
    if (upload) read.body = true;
    try {
      const request = upload?.req ?? req;
      const fingerprint = { projectId: access.projectId, params, query, body, file: upload?.sha256 };
      return await idempotent(request, caller.userId, fingerprint, () => handler({ access, caller, body, query, params, req: request }));
    } finally {
      upload?.dispose();
    }
  });
}

/** A route about the caller, outside any project (the projects they belong to, a new project). */
export function callerRoute<B = undefined, Q = undefined>(
  spec: Omit<RouteSpec<B, Q, undefined>, "role" | "params" | "writes"> & { role: "SIGNED_IN" },
  handler: (ctx: CallerRouteContext<B, Q>) => Promise<Response>,
): RouteHandler {
  return apiRoute(spec, async (caller, req, _ctx, read) => {
    const { query, body } = await queryAndBody(spec, req, read);
    return idempotent(req, caller.userId, { query, body }, () => handler({ caller, body, query, req }));
  });
}

/** What every route does first and last: the caller, cross-site writes, the token's scope; errors in one shape. */
function apiRoute<B, Q, P>(
  spec: RouteSpec<B, Q, P>,
  run: (caller: Caller, req: Request, ctx: NextCtx, read: { body: boolean }) => Promise<Response>,
): RouteHandler {
  const route = (req: Request, ctx: NextCtx): Promise<Response> => observed(req, spec, () => answer(req, ctx));
  const answer = async (req: Request, ctx: NextCtx): Promise<Response> => {
    const read = { body: false };
    let rate: RateDecision | null = null;
    try {
      // The address's bucket first (a flood of bad tokens costs no token lookups), then the person's.
      rate = limitAddress(clientAddress(req.headers));
      if (rate.allowed) {
        const { caller, via } = await callerFromRequest(req);
        rate = tighter(rate, limitPerson(caller.userId));
        if (rate.allowed) {
          if (via === "session" && !SAFE_METHODS.has(req.method)) refuseCrossSite(req, Boolean(spec.body));
          if (caller.tokenScopes && !caller.tokenScopes.includes(spec.scope)) {
            throw new AppError("FORBIDDEN", `This API token lacks the "${spec.scope}" scope. Make a token with it on the Account page.`);
          }
          return withRateHeaders(withNoStore(await run(caller, req, ctx, read)), rate);
        }
      }
      throw new AppError(
        "RATE_LIMITED",
        `Too many requests: at most ${rate.limit} a minute. Try again in ${rate.retryAfterSeconds} s.`,
        undefined,
        rate.retryAfterSeconds,
      );
    } catch (err) {
      const res = errorResponse(err);
      if (rate) withRateHeaders(res, rate);
      // A refused request whose body was not read to the end: close the connection rather than
      // let the server read and throw away the rest (a 100 MB upload would otherwise still flow in).
      if (hasBody(req) && (!read.body || res.status === 413)) res.headers.set("connection", "close");
      return res;
    }
  };
  return Object.assign(route, { [ROUTE_SPEC]: spec as RouteSpec<unknown, unknown, unknown> });
}

/**
 * Every API request under a request id (the caller's X-Request-Id if it is a plausible one, else a
 * new one), echoed in the answer and carried by every log line written while answering; its
 * latency goes to the metrics under the route's description, not its path (no ids in labels).
 */
async function observed(req: Request, spec: { description: string }, answer: () => Promise<Response>): Promise<Response> {
  const given = req.headers.get("x-request-id");
  const requestId = given && /^[\w.:-]{1,100}$/.test(given) ? given : crypto.randomUUID();
  const stop = metrics().httpDuration.startTimer({ method: req.method, route: spec.description });
  const res = await withLogContext({ requestId }, answer);
  stop({ status: String(res.status) });
  res.headers.set("x-request-id", requestId);
  return res;
}

/**
 * The query, then the body (read only now, once the caller is known to be allowed). A NUL in a
 * query value is refused here for every route: PostgreSQL cannot hold one in text, and no filter
 * means anything with it.
 */
async function queryAndBody<B, Q>(spec: { query?: Schema<Q>; body?: Schema<B>; rawBody?: boolean }, req: Request, read: { body: boolean }) {
  const raw = Object.fromEntries(new URL(req.url).searchParams);
  const withNul = Object.keys(raw).find((k) => raw[k].includes("\u0000") || k.includes("\u0000"));
  if (withNul !== undefined)
    throw new AppError("VALIDATION", "Check the query parameters.", { [withNul.replace(/\u0000/g, "")]: "Must not contain NUL characters" });
  const query = parse(spec.query, raw, "Check the query parameters");
  read.body = Boolean(spec.body) || Boolean(spec.rawBody);
  const body = spec.body ? parse(spec.body, (await readJsonBody(req, env().apiMaxJsonBytes)) ?? {}, "Check the request body") : (undefined as B);
  return { query, body };
}

const hasBody = (req: Request) => !SAFE_METHODS.has(req.method) && (req.headers.has("transfer-encoding") || Number(req.headers.get("content-length") ?? 0) > 0);

function parse<T>(schema: Schema<T> | undefined, value: unknown, what: string): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, what);
  return parsed.data;
}

/**
 * A write with a session cookie must come from the app's own pages: a page on another origin
 * (even a sibling subdomain, which browsers treat as same-site and send the cookie to) could
 * otherwise make the victim's browser record decisions. Browsers send Sec-Fetch-Site and Origin
 * on every POST; JSON routes also need a JSON content type, which a cross-site form cannot send.
 */
function refuseCrossSite(req: Request, jsonBody: boolean) {
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  const host = req.headers.get("host");
  const sameOrigin = origin !== null && origin !== "null" && host !== null && hostOf(origin) === host.toLowerCase();
  if (site !== null && site !== "same-origin") throw crossSite();
  if (!sameOrigin) throw crossSite();
  if (jsonBody && !/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).");
  }
}

const hostOf = (origin: string) => {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return "";
  }
};

const crossSite = () => new AppError("FORBIDDEN", "Cross-site request refused. Use the app's own pages, or an API token from a script.");

/** zod for path ids: cuids and the like, short and plain, so nothing odd reaches a query. */
export const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid id");
