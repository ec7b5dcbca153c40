// Prometheus metrics for instance admins (lib/observability/scrape.ts says what is in them).
import { metricsResponse } from "@/lib/observability/scrape";

export const dynamic = "force-dynamic";

export const GET = (req: Request) => metricsResponse(req);
