// The only reader of process.env. Parsed lazily (on first use) so `next build` never needs
// run-time settings, and validated with zod so a bad value stops start-up with a clear message.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";

const SAMPLE_SECRETS = new Set(["change-me", "changeme", "secret", "replace-with-a-long-random-string"]);

const intFromEnv = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // Folder for the embedded database, uploads and the generated dev secret.
  GOLDSET_DATA_DIR: z.string().default(".data"),
  // "memory://" keeps the embedded database in memory (tests).
  PGLITE_DIR: z.string().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  // Run background jobs (imports, later pre-labeling) inside the web process. Set to "false" when
  // you run `npm run worker` separately (PostgreSQL only: PGlite is one process).
  GOLDSET_WORKER: z.enum(["true", "false"]).default("true"),
  IMPORT_MAX_FILE_BYTES: intFromEnv(2 * 1024 * 1024 * 1024),
  IMPORT_MAX_TEXT_CHARS: intFromEnv(100_000),
  IMPORT_MAX_REPORTED_ERRORS: intFromEnv(1_000),
  IMPORT_CHUNK_ROWS: intFromEnv(2_000),
  // Chunks written at once on PostgreSQL, each on its own connection. More than 1 is faster, but
  // items of one import are then no longer numbered (and listed) in file order.
  IMPORT_WRITERS: intFromEnv(1),
  // Images (lib/media): at most this many bytes and pixels each (a small file can decode to a huge
  // picture: a decompression bomb), and a zip upload may hold at most this many entries.
  MEDIA_MAX_IMAGE_BYTES: intFromEnv(20 * 1024 * 1024),
  MEDIA_MAX_IMAGE_PIXELS: intFromEnv(50_000_000),
  IMPORT_MAX_ZIP_ENTRIES: intFromEnv(200_000),
  // Where images are kept: the data folder by default; an S3-compatible bucket when set, so several
  // web processes share them (credentials from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).
  MEDIA_S3_BUCKET: z.string().optional(),
  MEDIA_S3_ENDPOINT: z.string().url().optional(),
  MEDIA_S3_REGION: z.string().default("us-east-1"),
  MEDIA_S3_PREFIX: z.string().default("media/"),
  ANTHROPIC_API_KEY: z.string().optional(),
  // Any Anthropic-compatible endpoint (a proxy, a gateway, or the project's fake server in tests).
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  LLM_TIMEOUT_MS: intFromEnv(60_000),
  // An item a worker took but did not answer within this time goes back to the queue.
  RUN_ITEM_LEASE_SECONDS: intFromEnv(300),
  // How often a batch-mode run asks whether its batch has ended.
  BATCH_POLL_MS: intFromEnv(30_000),
  // Background jobs run at once in one process (imports, run steps, exports), and at most this
  // many of them for one project, so no project can hold every slot.
  JOB_SLOTS: intFromEnv(4),
  JOB_SLOTS_PER_PROJECT: intFromEnv(2),
  // A direct run works in slices of this long, then gives its slot to the next job in line.
  RUN_SLICE_SECONDS: intFromEnv(60),
  // Export files and uploads are deleted this many days after their job finished.
  JOB_RETENTION_DAYS: intFromEnv(7),
  // Failed sign-ins: per (email, client address), and per client address across emails. The right
  // password from another address always works: failures elsewhere never lock an account.
  SIGNIN_MAX_ATTEMPTS_PER_EMAIL: intFromEnv(10),
  SIGNIN_MAX_ATTEMPTS_PER_IP: intFromEnv(50),
  SIGNIN_WINDOW_SECONDS: intFromEnv(15 * 60),
  // Reverse proxies in front of the app that append to X-Forwarded-For. 0: the client address is
  // the socket's, and X-Forwarded-For (which anyone can send) is ignored.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Money. Starting values of the instance settings (the admin page changes them later).
  GOLDSET_MONTHLY_SPEND_LIMIT_USD: z.coerce.number().min(0).default(100),
  GOLDSET_DEFAULT_PROJECT_BUDGET_USD: z.coerce.number().min(0).default(20),
  // Interactive limits.
  DB_STATEMENT_TIMEOUT_MS: intFromEnv(15_000),
  API_MAX_JSON_BYTES: intFromEnv(1024 * 1024),
  // Requests a minute per API token or signed-in user on /api/v1 (four times that per client address).
  API_RATE_PER_MINUTE: intFromEnv(600),
  // A direct run whose API has answered nothing but connection errors, timeouts or 5xx for this long pauses itself.
  RUN_OUTAGE_PAUSE_SECONDS: intFromEnv(60),
  REVIEW_UNDO_WINDOW_SECONDS: intFromEnv(600),
  // Webhooks may be delivered to loopback, link-local and private addresses (receivers on the
  // instance's own network). Off by default: a lead could otherwise reach internal services (SSRF).
  GOLDSET_WEBHOOKS_ALLOW_PRIVATE: z.enum(["true", "false"]).default("false"),
  // Tests only: enables POST /api/testing/seed for requests from this machine that carry it.
  // Never set it anywhere else.
  GOLDSET_E2E_SEED_TOKEN: z.string().min(32, "at least 32 characters").optional(),
});

export type Env = {
  nodeEnv: "development" | "production" | "test";
  databaseUrl: string | undefined;
  dataDir: string;
  pgliteDir: string;
  nextAuthSecret: string;
  runWorkerInWeb: boolean;
  import: { maxFileBytes: number; maxTextChars: number; maxReportedErrors: number; chunkRows: number; writers: number; maxZipEntries: number };
  media: { maxImageBytes: number; maxImagePixels: number; s3: { bucket: string; endpoint: string | undefined; region: string; prefix: string } | null };
  /** NEXTAUTH_URL: the app's public origin; required in production (secure cookies, redirects). */
  publicUrl: string | undefined;
  signIn: { maxPerEmail: number; maxPerIp: number; windowSeconds: number };
  trustedProxyHops: number;
  money: { monthlySpendLimitUsd: number; defaultProjectBudgetUsd: number };
  statementTimeoutMs: number;
  apiMaxJsonBytes: number;
  apiRatePerMinute: number;
  undoWindowSeconds: number;
  e2eSeedToken: string | undefined;
  webhooksAllowPrivate: boolean;
  llm: {
    apiKey: string | undefined;
    baseUrl: string | undefined;
    timeoutMs: number;
    itemLeaseSeconds: number;
    batchPollMs: number;
    outagePauseSeconds: number;
  };
  jobs: { slots: number; slotsPerProject: number; runSliceSeconds: number; retentionDays: number };
};

export class ConfigError extends Error {}

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}\nSee README.md, "Environment variables".`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.GOLDSET_DATA_DIR);
  const nextAuthSecret = resolveSecret(e.NEXTAUTH_SECRET, e.NODE_ENV, dataDir);
  if (e.NODE_ENV === "production" && !e.NEXTAUTH_URL) {
    throw new ConfigError(
      "NEXTAUTH_URL is not set. Production needs the app's public URL (for example https://goldset.example.com): it decides whether the session cookie is Secure and where sign-in may redirect.",
    );
  }
  cached = {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    pgliteDir: e.PGLITE_DIR ?? path.join(dataDir, "pglite"),
    nextAuthSecret,
    runWorkerInWeb: e.GOLDSET_WORKER === "true",
    import: {
      maxFileBytes: e.IMPORT_MAX_FILE_BYTES,
      maxTextChars: e.IMPORT_MAX_TEXT_CHARS,
      maxReportedErrors: e.IMPORT_MAX_REPORTED_ERRORS,
      chunkRows: e.IMPORT_CHUNK_ROWS,
      writers: e.IMPORT_WRITERS,
      maxZipEntries: e.IMPORT_MAX_ZIP_ENTRIES,
    },
    media: {
      maxImageBytes: e.MEDIA_MAX_IMAGE_BYTES,
      maxImagePixels: e.MEDIA_MAX_IMAGE_PIXELS,
      s3: e.MEDIA_S3_BUCKET ? { bucket: e.MEDIA_S3_BUCKET, endpoint: e.MEDIA_S3_ENDPOINT, region: e.MEDIA_S3_REGION, prefix: e.MEDIA_S3_PREFIX } : null,
    },
    llm: {
      apiKey: e.ANTHROPIC_API_KEY || undefined,
      baseUrl: e.ANTHROPIC_BASE_URL,
      timeoutMs: e.LLM_TIMEOUT_MS,
      itemLeaseSeconds: e.RUN_ITEM_LEASE_SECONDS,
      batchPollMs: e.BATCH_POLL_MS,
      outagePauseSeconds: e.RUN_OUTAGE_PAUSE_SECONDS,
    },
    jobs: {
      slots: e.JOB_SLOTS,
      slotsPerProject: Math.min(e.JOB_SLOTS_PER_PROJECT, e.JOB_SLOTS),
      runSliceSeconds: e.RUN_SLICE_SECONDS,
      retentionDays: e.JOB_RETENTION_DAYS,
    },
    publicUrl: e.NEXTAUTH_URL,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    money: { monthlySpendLimitUsd: e.GOLDSET_MONTHLY_SPEND_LIMIT_USD, defaultProjectBudgetUsd: e.GOLDSET_DEFAULT_PROJECT_BUDGET_USD },
    statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    apiMaxJsonBytes: e.API_MAX_JSON_BYTES,
    apiRatePerMinute: e.API_RATE_PER_MINUTE,
    undoWindowSeconds: e.REVIEW_UNDO_WINDOW_SECONDS,
    e2eSeedToken: e.GOLDSET_E2E_SEED_TOKEN,
    webhooksAllowPrivate: e.GOLDSET_WEBHOOKS_ALLOW_PRIVATE === "true",
    signIn: {
      maxPerEmail: e.SIGNIN_MAX_ATTEMPTS_PER_EMAIL,
      maxPerIp: e.SIGNIN_MAX_ATTEMPTS_PER_IP,
      windowSeconds: e.SIGNIN_WINDOW_SECONDS,
    },
  };
  return cached;
}

/** Test hook: forget the parsed environment so a test can change process.env. */
export function resetEnvForTests() {
  cached = undefined;
}

// Production must be given a real secret: a guessable one lets anyone forge session cookies.
// Development generates one on first run and keeps it in the data folder, so sessions survive restarts.
function resolveSecret(given: string | undefined, nodeEnv: string, dataDir: string): string {
  const usable = given && given.length >= 32 && !SAMPLE_SECRETS.has(given);
  if (usable) return given;
  if (nodeEnv === "production") {
    throw new ConfigError(
      given
        ? "NEXTAUTH_SECRET is a sample value or shorter than 32 characters. Generate one with `openssl rand -base64 32`."
        : "NEXTAUTH_SECRET is not set. Production needs it to sign sessions: generate one with `openssl rand -base64 32`.",
    );
  }
  if (given) return given; // short secrets are tolerated outside production
  const file = path.join(dataDir, "nextauth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
