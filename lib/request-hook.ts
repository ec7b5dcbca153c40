// One place where every incoming HTTP request passes before Next.js sees it: Next does not expose
// the socket or let the app refuse a body before reading it. http.Server's emit is patched once;
// hooks run in the order added, and a hook that answers the request itself returns true.
import http from "node:http";

export type RequestHook = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

type Holder = { hooks?: RequestHook[] };
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetRequestHooks ??= {}) as Holder;

export function addRequestHook(hook: RequestHook): void {
  if (!holder.hooks) {
    holder.hooks = [];
    const hooks = holder.hooks;
    const emit = http.Server.prototype.emit;
    http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
        if (hooks.some((h) => h(req, res))) return true;
      }
      return (emit as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
    } as typeof http.Server.prototype.emit;
  }
  holder.hooks.push(hook);
}
