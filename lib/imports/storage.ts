// Uploaded files wait on disk (never in memory) until the import job streams them.
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable, Transform } from "node:stream";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const uploadPath = (importId: string) => path.join(env().dataDir, "uploads", `${importId}.upload`);

/** Streams `body` to disk, stopping with PAYLOAD_TOO_LARGE past maxBytes. Returns the byte count. */
export async function saveUpload(body: ReadableStream<Uint8Array> | NodeJS.ReadableStream, dest: string, maxBytes: number): Promise<number> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.partial`;
  let bytes = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > maxBytes) cb(new AppError("PAYLOAD_TOO_LARGE", `The file is larger than the import limit of ${formatBytes(maxBytes)}.`));
      else cb(null, chunk);
    },
  });
  const source = "getReader" in body ? Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>) : (body as NodeJS.ReadableStream);
  try {
    await pipeline(source, limiter, fs.createWriteStream(tmp));
    fs.renameSync(tmp, dest);
    return bytes;
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

export function removeUpload(file: string) {
  fs.rmSync(file, { force: true });
}

export function formatBytes(n: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${v.toFixed(v >= 10 ? 0 : 1)} ${units[i]}`;
}
