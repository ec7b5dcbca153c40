// Reads a tar archive (an exported Hugging Face folder) into its entries' names and contents, for tests.
import { Readable } from "node:stream";
import tar from "tar-stream";

/** Every entry's bytes (pictures), by name. */
export async function untarBuffers(archive: Buffer): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on("entry", (header, stream, next) => {
      const parts: Buffer[] = [];
      stream.on("data", (c: unknown) => parts.push(c as Buffer));
      stream.on("end", () => {
        entries.set(header.name, Buffer.concat(parts));
        next();
      });
    });
    extract.on("finish", resolve);
    extract.on("error", reject);
  });
  Readable.from(archive).pipe(extract);
  await done;
  return entries;
}

/** Every entry as UTF-8 text, by name. */
export async function untar(archive: Buffer): Promise<Map<string, string>> {
  return new Map([...(await untarBuffers(archive))].map(([name, bytes]) => [name, bytes.toString("utf8")]));
}
