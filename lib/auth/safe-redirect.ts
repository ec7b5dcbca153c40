// Where sign-in may send someone afterwards: a path on this app, never another site. The target
// is resolved the way a browser resolves it (so "/\\example.org", "/\t/example.org" and
// "/%0A/example.org" are seen for what they are: other hosts) and must keep this app's origin.
const BASE = "http://goldset.invalid";

export function safeNextPath(candidate: string | null | undefined, fallback = "/projects"): string {
  if (!candidate || typeof candidate !== "string" || candidate.length > 2000) return fallback;
  // Decoded once more: a URL-encoded tab or newline would otherwise survive into the Location header.
  let decoded = candidate;
  try {
    decoded = decodeURIComponent(candidate);
  } catch {
    return fallback;
  }
  for (const c of [candidate, decoded]) {
    if (!c.startsWith("/")) return fallback;
    let url: URL;
    try {
      url = new URL(c, BASE);
    } catch {
      return fallback;
    }
    if (url.origin !== BASE) return fallback;
  }
  const url = new URL(candidate, BASE);
  // Pages only: sending someone to an API route or the sign-in page itself is never what they asked for.
  if (url.pathname.startsWith("/api/") || url.pathname === "/sign-in") return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
