// The client's network address, for rate limits. X-Forwarded-For is a header anyone can send, and
// Next only fills it in when it is missing, so it says nothing about who is calling unless a
// proxy we trust wrote it. instrumentation.ts stamps every request with the socket's address in
// PEER_HEADER (overwriting whatever the client sent); TRUSTED_PROXY_HOPS says how many proxies in
// front of the app append to X-Forwarded-For, so the client is that many entries from the right.
import { env } from "@/lib/env";

import { PEER_HEADER } from "@/lib/request-headers";

export { PEER_HEADER };

type HeaderSource = { get(name: string): string | null };

export function clientAddress(headers: HeaderSource): string {
  const peer = headers.get(PEER_HEADER)?.trim() || "unknown";
  const hops = env().trustedProxyHops;
  if (hops === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // [client, proxy1, ..., proxyN-1] as appended by the proxies, then the last proxy is the peer.
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - hops)];
}
