// Reads a JSON request body without trusting its size: bytes are counted as they stream in and
// reading stops (413) at the limit, so a 200 MB body costs the server at most the limit in memory.
// Content-Length, when sent, refuses an oversized body before a byte is read.
import { AppError } from "@/lib/errors";

/** The body's bytes, read up to `maxBytes` (413 beyond); empty for no body. */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } finally {
    // Stops the upload: the rest of an oversized body is never read into memory.
    await reader.cancel().catch(() => {});
  }
  return concat(chunks, size);
}

export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const bytes = await readBodyBytes(req, maxBytes);
  if (!bytes.byteLength) return undefined;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError("BAD_REQUEST", `The body is not valid JSON: ${(err as Error).message}`);
  }
}

function tooLarge(maxBytes: number) {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${maxBytes.toLocaleString("en-US")} bytes.`);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
