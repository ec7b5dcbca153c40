// Requests as a browser or a script would send them, for tests that call route handlers directly.
import { encodeSession, sessionCookieName } from "@/lib/auth/session-cookie";

export const APP_ORIGIN = "http://localhost:3000";

export async function sessionCookie(user: { id: string; sessionVersion?: number }): Promise<string> {
  return `${sessionCookieName()}=${await encodeSession({ uid: user.id, sv: user.sessionVersion ?? 0 })}`;
}

export type RequestOptions = {
  cookie?: string;
  bearer?: string;
  json?: unknown;
  body?: BodyInit | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
  /** The page the request comes from: the app itself unless said otherwise; null: none (a script). */
  origin?: string | null;
};

export function apiRequest(method: string, path: string, opts: RequestOptions = {}): Request {
  const headers = new Headers({ host: "localhost:3000" });
  if (opts.cookie) headers.set("cookie", opts.cookie);
  if (opts.bearer) headers.set("authorization", `Bearer ${opts.bearer}`);
  const origin = opts.origin === undefined ? APP_ORIGIN : opts.origin;
  if (method !== "GET" && origin) {
    headers.set("origin", origin);
    headers.set("sec-fetch-site", origin === APP_ORIGIN ? "same-origin" : "same-site");
  }
  let body = opts.body;
  if (opts.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(opts.json);
  }
  for (const [k, v] of Object.entries(opts.headers ?? {})) headers.set(k, v);
  return new Request(`${APP_ORIGIN}${path}`, { method, headers, body, duplex: "half" } as RequestInit);
}

/** The second argument Next passes a route handler. */
export const routeContext = (params: Record<string, string>) => ({ params: Promise.resolve(params) });
