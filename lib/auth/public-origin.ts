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

/** The same for a route handler, from its request (route handlers have the request at hand). */
export function publicOriginOf(req: Request): string {
  const configured = env().publicUrl;
  return configured ? new URL(configured).origin : new URL(req.url).origin;
}
