// A zip of images as import records. With one table inside (CSV, TSV, JSONL or JSON), each of its
// rows names its picture by path (the image column) and brings its id, caption, metadata and
// label columns, as any table import does; without one, every image is an item whose id is its
// path without the extension. Each picture is read with a size cap, checked (lib/media/image.ts:
// type sniffed from the bytes, pixel limit against decompression bombs, decodable) and kept in the
// media store under its hash; a row whose picture is missing or refused is a bad row with its line
// and the reason. Entries are read from the zip's central directory, never by trusting a local
// header, and yauzl checks each entry's real size against the size the directory declares.
import path from "node:path";
import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { AppError } from "@/lib/errors";
import { parseFile } from "@/lib/imports/parse-file";
import type { ByteCounter, ParsedRecord, StoredImage } from "@/lib/imports/row-types";
import type { CsvDelimiter, ImportFormatName } from "@/lib/imports/schemas";
import { probeImage, type ImageLimits } from "@/lib/media/image";
import { sha256Of, type MediaStore } from "@/lib/media/store";

/** The field a zip record carries its stored picture in (read by lib/imports/read-row.ts, never metadata). */
export const ZIP_IMAGE = "\u0000image";

const IMAGE_EXTENSIONS = new Set([".png", ".jpg", ".jpeg", ".webp", ".gif"]);
const TABLE_FORMATS: Record<string, ImportFormatName> = { ".csv": "CSV", ".tsv": "CSV", ".jsonl": "JSONL", ".ndjson": "JSONL", ".json": "JSON" };
const IMAGE_COLUMNS = ["image", "file", "path", "file_name", "filename"];

export type ZipOptions = {
  store: MediaStore;
  limits: ImageLimits & { maxEntries: number; maxTextChars: number };
  textField: string;
  imageField: string;
  delimiter: CsvDelimiter;
};

const open = (file: string) =>
  new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) =>
      err ? reject(err) : resolve(zip!),
    ),
  );

/** Every entry of the central directory, in order (a zip with more than the limit is refused). */
async function entriesOf(zip: ZipFile, maxEntries: number): Promise<Entry[]> {
  if (zip.entryCount > maxEntries)
    throw new AppError(
      "VALIDATION",
      `The zip holds ${zip.entryCount.toLocaleString("en-US")} entries, more than the limit of ${maxEntries.toLocaleString("en-US")}.`,
    );
  const entries: Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (e: Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.once("end", resolve);
    zip.once("error", reject);
    zip.readEntry();
  });
  return entries;
}

const streamOf = (zip: ZipFile, entry: Entry) =>
  new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s!))));

/** An entry's bytes, stopping past `max` (the real size, not the declared one). */
async function bytesOf(zip: ZipFile, entry: Entry, max: number): Promise<Buffer | "too large"> {
  if (entry.uncompressedSize > max) return "too large";
  const stream = await streamOf(zip, entry);
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    n += chunk.length;
    if (n > max) {
      stream.destroy();
      return "too large";
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/** A name as written in a table: forward slashes, no leading ./ or /. */
const normalName = (name: string) => path.posix.normalize(name.replaceAll("\\", "/")).replace(/^(\.\/|\/)+/, "");
const ignored = (name: string) => name.endsWith("/") || name.startsWith("__MACOSX/") || path.posix.basename(name).startsWith(".");
const extensionOf = (name: string) => path.posix.extname(name).toLowerCase();

export async function* parseZip(file: string, counter: ByteCounter, opts: ZipOptions): AsyncGenerator<ParsedRecord> {
  const zip = await open(file);
  try {
    const entries = (await entriesOf(zip, opts.limits.maxEntries)).filter((e) => !ignored(e.fileName));
    const images = new Map(entries.filter((e) => IMAGE_EXTENSIONS.has(extensionOf(e.fileName))).map((e) => [normalName(e.fileName), e]));
    const tables = entries.filter((e) => TABLE_FORMATS[extensionOf(e.fileName)]);
    if (tables.length > 1)
      throw new AppError(
        "VALIDATION",
        `The zip holds ${tables.length} tables (${tables.map((t) => t.fileName).join(", ")}): keep one, whose rows name the images.`,
      );
    if (!tables.length && !images.size) throw new AppError("VALIDATION", "The zip holds no PNG, JPEG, WebP or GIF images.");

    /** The picture stored, or why it is refused. */
    const store = async (name: string, entry: Entry): Promise<StoredImage | { error: string }> => {
      const bytes = await bytesOf(zip, entry, opts.limits.maxImageBytes);
      counter.bytes = Math.max(counter.bytes, entry.relativeOffsetOfLocalHeader + entry.compressedSize);
      if (bytes === "too large") return { error: `"${name}" is larger than the limit of ${Math.round(opts.limits.maxImageBytes / 1024 / 1024)} MB` };
      const probed = await probeImage(bytes, opts.limits);
      if ("error" in probed) return { error: `"${name}": ${probed.error}` };
      const sha256 = sha256Of(bytes);
      await opts.store.put(sha256, bytes, probed.contentType);
      return { sha256, ...probed, path: name };
    };

    if (!tables.length) {
      let n = 0;
      for (const [name, entry] of images) {
        n++;
        const stored = await store(name, entry);
        if ("error" in stored) yield { kind: "bad", line: n, reason: stored.error, field: "image", excerpt: name };
        else yield { kind: "record", line: n, endLine: n, fields: { [opts.textField]: name, [ZIP_IMAGE]: stored } };
      }
      return;
    }

    const table = tables[0];
    const format = TABLE_FORMATS[extensionOf(table.fileName)];
    const delimiter = extensionOf(table.fileName) === ".tsv" ? "\t" : opts.delimiter;
    const dir = path.posix.dirname(normalName(table.fileName));
    const tableCounter = { bytes: 0 };
    const source = (await streamOf(zip, table)) as AsyncIterable<Buffer>;
    for await (const rec of parseFile(format, source, tableCounter, opts.limits.maxTextChars, delimiter)) {
      if (rec.kind === "bad") {
        yield rec;
        continue;
      }
      const column = opts.imageField || IMAGE_COLUMNS.find((c) => typeof rec.fields[c] === "string" && rec.fields[c]) || "";
      const named = typeof rec.fields[column] === "string" ? normalName(rec.fields[column] as string) : "";
      if (!named) {
        yield {
          kind: "bad",
          line: rec.line,
          field: column || "image",
          reason: `the row names no image (a column ${opts.imageField || IMAGE_COLUMNS.join(", ")})`,
        };
        continue;
      }
      // A path is looked up as written, then beside the table.
      const entry = images.get(named) ?? images.get(normalName(path.posix.join(dir, named)));
      if (!entry) {
        yield { kind: "bad", line: rec.line, field: column, reason: `no image "${named}" in the zip`, excerpt: named };
        continue;
      }
      const stored = await store(named, entry);
      if ("error" in stored) {
        yield { kind: "bad", line: rec.line, field: column, reason: stored.error, excerpt: named };
        continue;
      }
      const fields = { ...rec.fields };
      delete fields[column]; // the image's path is the item's picture, not metadata
      // A row without a caption is captioned by its file name.
      const caption = typeof fields[opts.textField] === "string" && (fields[opts.textField] as string).trim() ? fields[opts.textField] : named;
      yield { ...rec, fields: { ...fields, [opts.textField]: caption, [ZIP_IMAGE]: stored } };
    }
  } finally {
    zip.close();
  }
}
