// Is it working: database, migrations, worker, model key. Public (a load balancer has no account),
// and says nothing secret. 503 when the app cannot serve.
import { NextResponse } from "next/server";
import { health } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const h = await health();
  return NextResponse.json(h, { status: h.status === "down" ? 503 : 200, headers: { "cache-control": "no-store" } });
}
