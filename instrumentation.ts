// Runs once when the Next.js server starts. The work lives in lib/startup.ts, loaded only in the
// Node.js runtime (this file is also compiled for the edge runtime, which has no process.exit).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/startup");
    await startServer();
  }
}
