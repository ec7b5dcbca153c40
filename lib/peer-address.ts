// Stamps every incoming request with the address of the socket it came from (PEER_HEADER),
// overwriting whatever the client sent under that name. Next.js does not expose the socket to
// route handlers or server actions, and only fills in X-Forwarded-For when a request has none,
// so without this a client could claim any address and walk around per-address rate limits.
import { addRequestHook } from "@/lib/request-hook";
import { PEER_HEADER } from "@/lib/request-headers";

type Holder = { installed?: boolean };
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetPeerAddress ??= {}) as Holder;

export function installPeerAddressHeader(): void {
  if (holder.installed) return;
  holder.installed = true;
  addRequestHook((req) => {
    req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    return false;
  });
}
