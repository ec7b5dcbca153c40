// Structured logs: one JSON object per line on stdout (pino), each carrying the context it was
// written in (the API request's id, the background job's id, queue and project), so a self-hoster
// can follow one request or one job through the log. LOG_LEVEL sets the floor (default info).
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";

export type LogContext = { requestId?: string; jobId?: string; queue?: string; projectId?: string };

type Holder = { context: AsyncLocalStorage<LogContext>; logger?: pino.Logger };
// On globalThis: Next's dev reloads must not make a second context (lines would lose theirs).
const holder: Holder = ((globalThis as Record<string, unknown>).__goldsetLog ??= { context: new AsyncLocalStorage<LogContext>() }) as Holder;

const options = (): pino.LoggerOptions => ({
  level: process.env.LOG_LEVEL ?? "info",
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  mixin: () => ({ ...holder.context.getStore() }),
});

function logger(): pino.Logger {
  holder.logger ??= pino(options());
  return holder.logger;
}

/** Sends the log to `destination` instead of stdout (tests read what was written); undefined goes back. */
export function logTo(destination: pino.DestinationStream | undefined) {
  holder.logger = destination ? pino(options(), destination) : undefined;
}

type Fields = Record<string, unknown> & { err?: unknown };

/** `log.error("the run stopped", { err, runId })`: a message first, then what explains it. */
export const log = {
  info: (msg: string, fields: Fields = {}) => logger().info(fields, msg),
  warn: (msg: string, fields: Fields = {}) => logger().warn(fields, msg),
  error: (msg: string, fields: Fields = {}) => logger().error(fields, msg),
};

/** Runs `fn` with `context` added to every line it (and what it awaits) logs. */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return holder.context.run({ ...holder.context.getStore(), ...context }, fn);
}
