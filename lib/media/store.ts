// The media store: image bytes kept under their SHA-256, so the same picture is stored once however
// many items or projects hold it, and a name can never point at other bytes. Local (the data
// folder) by default; an S3-compatible bucket when MEDIA_S3_BUCKET is set, so several web
// processes and workers share it. Who may read an image is decided by the caller (lib/media/serve.ts
// checks the project has an item with that hash); the store only keeps bytes.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { env } from "@/lib/env";

export interface MediaStore {
  /** Stores the bytes under their hash; storing the same bytes again does nothing. */
  put(sha256: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or null when the store has none under that hash. */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

export const sha256Of = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");
const SHA256 = /^[0-9a-f]{64}$/;

function checked(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error("Not a SHA-256 media name");
  return sha256;
}

/** Files under <dir>/ab/cd/<hash>, written to a temporary name and renamed: a reader never sees half a file. */
export class LocalMediaStore implements MediaStore {
  constructor(private readonly dir: string) {}

  private file(sha256: string) {
    const h = checked(sha256);
    return path.join(this.dir, h.slice(0, 2), h.slice(2, 4), h);
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    const file = this.file(sha256);
    if (fs.existsSync(file)) return;
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.partial`;
    await fs.promises.writeFile(tmp, bytes);
    await fs.promises.rename(tmp, file);
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await fs.promises.readFile(this.file(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return fs.existsSync(this.file(sha256));
  }
}

/** Objects <prefix><hash> in a bucket (path-style addressing when an endpoint is given: MinIO, s3rver, R2...). */
export class S3MediaStore implements MediaStore {
  private readonly client: S3Client;
  constructor(
    private readonly config: {
      bucket: string;
      endpoint?: string;
      region: string;
      prefix: string;
      credentials?: { accessKeyId: string; secretAccessKey: string };
    },
  ) {
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: true } : {}),
      ...(config.credentials ? { credentials: config.credentials } : {}),
    });
  }

  private key = (sha256: string) => `${this.config.prefix}${checked(sha256)}`;

  async put(sha256: string, bytes: Buffer, contentType: string): Promise<void> {
    if (await this.has(sha256)) return;
    await this.client.send(new PutObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256), Body: bytes, ContentType: contentType }));
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256) }));
      return Buffer.from(await out.Body!.transformToByteArray());
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(sha256) }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }
}

const isMissing = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
};

let cached: { key: string; store: MediaStore } | undefined;

/** The configured store (one per process and configuration). */
export function mediaStore(): MediaStore {
  const { dataDir, media } = env();
  const key = JSON.stringify([dataDir, media.s3]);
  if (cached?.key !== key) {
    const store = media.s3 ? new S3MediaStore(media.s3) : new LocalMediaStore(path.join(dataDir, "media"));
    cached = { key, store };
  }
  return cached.store;
}
