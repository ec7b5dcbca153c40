// The origin of links Goldset hands out (invitations, password resets): the configured public
// URL, else the host the person is using.
import { headers } from "next/headers";
import { env } from "@/lib/env";

export async function publicOrigin(): Promise<string> {
  const configured = env().publicUrl;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("host") ?? "localhost:3000";
  return `${host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https"}://${host}`;
}

/**
 * The same for a route handler, from its request: the configured public URL, else the host the
 * client asked for (behind trusted proxies, the one they forwarded), never the address the server
 * listens on (the OpenAPI document's server must work from wherever the API is reached).
 */
export function publicOriginOf(req: Request): string {
  const configured = env().publicUrl;
  if (configured) return new URL(configured).origin;
  const own = new URL(req.url);
  const proxied = env().trustedProxyHops > 0;
  const host = (proxied && req.headers.get("x-forwarded-host")?.split(",")[0].trim()) || req.headers.get("host") || own.host;
  const proto = (proxied && req.headers.get("x-forwarded-proto")?.split(",")[0].trim()) || own.protocol.replace(":", "");
  return `${proto}://${host}`;
}
