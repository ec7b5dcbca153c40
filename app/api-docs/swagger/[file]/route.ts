// Swagger UI's two files, from the swagger-ui-dist package: the reference page works offline and
// on this app's content security policy (nothing loaded from elsewhere).
import fs from "node:fs/promises";
import path from "node:path";

const FILES: Record<string, string> = { "swagger-ui-bundle.js": "text/javascript; charset=utf-8", "swagger-ui.css": "text/css; charset=utf-8" };

export async function GET(_req: Request, ctx: { params: Promise<{ file: string }> }) {
  const { file } = await ctx.params;
  const type = FILES[file];
  if (!type) return new Response("Not found", { status: 404 });
  const body = await fs.readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "swagger-ui-dist", file));
  return new Response(new Uint8Array(body), { headers: { "content-type": type, "cache-control": "public, max-age=86400" } });
}
