// Server actions read their whole body before Next.js checks its size: four unauthenticated
// 200 MB posts were read in full (and answered 500) while every other request slowed down. This
// hook answers such a request before a byte of its body is read: a server action (a POST carrying
// Next's Next-Action header) must declare its length, and at most ACTION_MAX_BODY_BYTES. Browsers
// always send a Content-Length for an action's body; a chunked one (no length) is refused too,
// since its size cannot be known without reading it. Uploads go to the API's own routes, which
// limit what they read as they read it.
import type http from "node:http";
import { addRequestHook } from "@/lib/request-hook";

/** Next's own limit for server actions is 1 MB of payload; a form's multipart framing adds a little. */
export const ACTION_MAX_BODY_BYTES = 1024 * 1024 + 64 * 1024;

type Holder = { installed?: boolean };
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetActionBodyLimit ??= {}) as Holder;

/** Why this request must not reach Next, or null: an action without a length, or over the limit. */
export function actionBodyProblem(headers: http.IncomingHttpHeaders, method: string | undefined): { status: number; message: string } | null {
  if (method !== "POST" || !headers["next-action"]) return null;
  if (headers["transfer-encoding"]) return { status: 411, message: "A form's body must say its length." };
  const length = Number(headers["content-length"] ?? 0);
  if (!Number.isFinite(length) || length > ACTION_MAX_BODY_BYTES)
    return { status: 413, message: `A form's body may be at most ${Math.round(ACTION_MAX_BODY_BYTES / 1024)} KB.` };
  return null;
}

export function installActionBodyLimit(): void {
  if (holder.installed) return;
  holder.installed = true;
  addRequestHook((req, res) => {
    const problem = actionBodyProblem(req.headers, req.method);
    if (!problem) return false;
    res.writeHead(problem.status, { "content-type": "text/plain; charset=utf-8", connection: "close" });
    res.end(problem.message, () => req.socket?.destroy());
    return true;
  });
}
