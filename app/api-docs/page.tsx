// The API reference, rendered on the server from the same OpenAPI document /api/v1/openapi.json
// serves (so it cannot drift from what the routes accept). A page of our own rather than Swagger
// UI: it meets the app's accessibility bar (Swagger UI's had 1 critical and 112 serious axe
// findings), works without JavaScript, and its examples name the origin the page was opened from,
// so they work behind a proxy.
import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { publicOrigin, publicOriginOf } from "@/lib/auth/public-origin";
import { openApiDocument } from "@/lib/api/openapi";
import { apiRoutes } from "@/app/api/v1/openapi.json/api-routes";
import { groupByTag, type ApiDocument } from "./_components/api-document";
import { OperationCard } from "./_components/operation-card";

export const metadata: Metadata = { title: "API reference" };
export const dynamic = "force-dynamic";

export default async function ApiReferencePage() {
  // The configured public URL, else the host asked for (or, behind trusted proxies, forwarded).
  const origin = publicOriginOf(new Request(`${await publicOrigin()}/api-docs`, { headers: await headers() }));
  const doc = openApiDocument(apiRoutes(), origin) as ApiDocument;
  const groups = groupByTag(doc);
  return (
    <main className="mx-auto max-w-5xl p-4">
      <header className="border-b border-slate-200 pb-3">
        <h1 className="text-xl font-semibold">Goldset API reference</h1>
        <p className="mt-1 text-sm text-slate-700">{doc.info.description}</p>
        <p className="mt-2 text-sm text-slate-700">
          Base address: <code className="break-all rounded bg-slate-100 px-1">{origin}</code>. The same document as OpenAPI 3.1 JSON, for client generators:{" "}
          <a className="text-indigo-700 underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>
          . Make an API token on your{" "}
          <Link className="text-indigo-700 underline" href="/account">
            Account
          </Link>{" "}
          page and put it in <code className="rounded bg-slate-100 px-1">$GOLDSET_TOKEN</code> to run the examples.
        </p>
      </header>
      <nav aria-label="Operations" className="mt-4">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {groups.map(([tag, ops]) => (
            <li key={tag}>
              <a className="text-indigo-700 underline" href={`#tag-${tag}`}>
                {tag}
              </a>{" "}
              <span className="text-slate-600">({ops.length})</span>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map(([tag, ops]) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="mt-6">
          <h2 id={`tag-${tag}`} className="scroll-mt-4 text-lg font-semibold capitalize">
            {tag}
          </h2>
          <div className="mt-2 space-y-3" data-testid="api-reference">
            {ops.map((o) => (
              <OperationCard key={`${o.method} ${o.path}`} {...o} origin={origin} />
            ))}
          </div>
        </section>
      ))}
    </main>
  );
}
