// The API reference: Swagger UI (swagger-ui-dist, served by this app) reading
// /api/v1/openapi.json. Its scripts carry the request's nonce, as the content security policy asks.
import type { Metadata } from "next";
import Link from "next/link";
import Script from "next/script";
import { headers } from "next/headers";

export const metadata: Metadata = { title: "API reference" };
export const dynamic = "force-dynamic";

// Starts Swagger UI once its bundle has loaded (the bundle and this script both carry the nonce).
const START = `(function start() {
  if (!window.SwaggerUIBundle) return setTimeout(start, 50);
  window.SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger", deepLinking: true, tryItOutEnabled: false });
})();`;

export default async function ApiReferencePage() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <main className="mx-auto max-w-6xl p-4">
      {/* eslint-disable-next-line @next/next/no-css-tags -- Swagger UI's own stylesheet, served by this app */}
      <link rel="stylesheet" href="/api-docs/swagger/swagger-ui.css" />
      <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 pb-3">
        <h1 className="text-xl font-semibold">Goldset API reference</h1>
        <p className="text-sm text-slate-600">
          The same document as JSON: <a className="text-indigo-700 underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Make an API token on your{" "}
          <Link className="text-indigo-700 underline" href="/account">
            Account
          </Link>{" "}
          page.
        </p>
      </header>
      <div id="swagger" data-testid="api-reference" />
      <Script src="/api-docs/swagger/swagger-ui-bundle.js" nonce={nonce} strategy="afterInteractive" />
      <Script id="swagger-start" nonce={nonce} strategy="afterInteractive">
        {START}
      </Script>
    </main>
  );
}
