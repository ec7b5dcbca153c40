// Test data for the e2e specs (lib/testing/seed.ts). Built only with GOLDSET_E2E_ROUTES=1 (the
// .e2e.ts name keeps it out of every other build: next.config.js). Even then it answers 404, as if
// it did not exist, unless the server was started with GOLDSET_E2E_SEED_TOKEN, the request comes
// from this machine, and it carries that token.
import crypto from "node:crypto";
import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { PEER_HEADER } from "@/lib/request-headers";
import { resetInstance, seed, seedSchema } from "@/lib/testing/seed";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const notFound = () => new NextResponse(null, { status: 404 });

export async function POST(req: Request) {
  const token = env().e2eSeedToken;
  const given = req.headers.get("x-goldset-seed-token") ?? "";
  if (!token || !LOOPBACK.has(req.headers.get(PEER_HEADER) ?? "")) return notFound();
  if (given.length !== token.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(token))) return notFound();
  const body = await req.json().catch(() => null);
  if (body?.resetInstance === true) return NextResponse.json(await resetInstance().then(() => ({ reset: true })));
  const parsed = seedSchema.safeParse(body);
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues }, { status: 400 });
  return NextResponse.json(await seed(parsed.data));
}
