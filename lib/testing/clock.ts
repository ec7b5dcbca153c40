// Time for the test doubles, injectable: the fake Anthropic server reads the time from a Clock, so
// a test moves it (a batch ends, a cache entry expires) instead of sleeping for it.
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };

/** Time that passes only when told to. */
export class ManualClock implements Clock {
  constructor(private time = Date.now()) {}
  now() {
    return this.time;
  }
  advance(ms: number) {
    this.time += ms;
  }
}
