// Reads a tar archive (an exported Hugging Face folder) into its entries' names and texts, for tests.
import { Readable } from "node:stream";
import tar from "tar-stream";

export async function untar(archive: Buffer): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on("entry", (header, stream, next) => {
      let body = "";
      stream.on("data", (c: unknown) => (body += String(c)));
      stream.on("end", () => {
        entries.set(header.name, body);
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
