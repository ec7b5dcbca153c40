// Tests wait for a condition, never for a length of time: the wait ends as soon as the condition
// holds (no second lost on a fast machine), and one that never holds fails saying what it waited
// for, rather than letting the next assertion fail on a state that simply had not come yet.
// For waits on the code's own clock (retries, rate windows), use lib/testing/clock.ts instead.

type Truthy<T> = Exclude<T, false | 0 | "" | null | undefined>;

export type WaitOptions = { timeoutMs?: number; everyMs?: number };

/** Polls `check` until it returns a truthy value, and returns that value. */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, { timeoutMs = 20_000, everyMs = 50 }: WaitOptions = {}): Promise<Truthy<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * A pause the test's subject is measured over: "nothing more is sent in the next 1.5 s", a job
 * that takes a while. Named so it is never mistaken for waiting on a condition.
 */
export const elapse = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
