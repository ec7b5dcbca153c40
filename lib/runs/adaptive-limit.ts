// Concurrency that backs off when rate limits are the rule rather than the exception: over the
// last 50 outcomes, if more than 30% were 429s the limit drops by a quarter; it creeps back up
// by one after as many successes in a row as the limit. A few scattered 429s (retried after their
// retry-after) change nothing, so throughput does not collapse on occasional limits.
const WINDOW = 50;
const BACKOFF_SHARE = 0.3;

export class AdaptiveLimit {
  value: number;
  private outcomes: boolean[] = []; // true = rate-limited
  private streak = 0;

  constructor(private readonly max: number) {
    this.value = max;
  }

  private record(limited: boolean) {
    this.outcomes.push(limited);
    if (this.outcomes.length > WINDOW) this.outcomes.shift();
  }

  onRateLimited() {
    this.record(true);
    this.streak = 0;
    const limited = this.outcomes.filter(Boolean).length;
    if (this.outcomes.length >= 10 && limited / this.outcomes.length > BACKOFF_SHARE) {
      this.value = Math.max(1, Math.floor(this.value * 0.75));
      this.outcomes = []; // judge the new level on fresh evidence
    }
  }

  onSuccess() {
    this.record(false);
    if (this.value >= this.max) return;
    if (++this.streak >= this.value) {
      this.value++;
      this.streak = 0;
    }
  }
}
