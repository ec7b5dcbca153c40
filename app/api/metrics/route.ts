// Prometheus metrics for instance admins (lib/instance/metrics-endpoint.ts says who may read them).
import { metricsResponse } from "@/lib/instance/metrics-endpoint";

export const dynamic = "force-dynamic";

export const GET = (req: Request) => metricsResponse(req);
