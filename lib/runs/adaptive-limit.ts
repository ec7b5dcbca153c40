// Concurrency that backs off on rate limits: halves after a burst of 429s, then creeps back up
// one step per run of successes (additive increase, multiplicative decrease, as TCP does).
export class AdaptiveLimit {
  value: number;
  private recent429: number[] = [];
  private successes = 0;

  constructor(private readonly max: number) {
    this.value = max;
  }

  onRateLimited(now = Date.now()) {
    this.recent429 = this.recent429.filter((t) => now - t < 10_000);
    this.recent429.push(now);
    this.successes = 0;
    // One 429 can be bad luck; three within ten seconds mean we are over the limit.
    if (this.recent429.length >= 3) {
      this.value = Math.max(1, Math.floor(this.value / 2));
      this.recent429 = [];
    }
  }

  onSuccess() {
    if (this.value >= this.max) return;
    if (++this.successes >= this.value * 4) {
      this.value++;
      this.successes = 0;
    }
  }
}
