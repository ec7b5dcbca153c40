// Bradley-Terry scores for the models that wrote the responses: P(i beats j) = p_i / (p_i + p_j).
// Fitted by Hunter's MM algorithm (2004), a tie counting as half a win for each side. Scores are
// log-strengths centred on zero, shown on the Elo scale (400 / ln 10 per unit, 1000 at the mean).
// Intervals are percentile bootstraps over the games (seeded, so the page does not flicker).
// A model that won or lost every game has no finite maximum-likelihood score; `prior` adds that
// many virtual games (half won, half lost) between each pair of models that met, which keeps every
// score finite and pulls the ones from few games toward the mean.

export type Game = { a: string; b: string; /** 1: a won, 0: b won, 0.5: tie */ score: number };
export type Standing = { model: string; games: number; wins: number; ties: number; winRate: number; elo: number; low: number; high: number };

const ELO = 400 / Math.LN10;

/** Log-strengths by model, centred on zero. */
export function fitBradleyTerry(games: Game[], opts: { prior?: number; iterations?: number } = {}): Map<string, number> {
  const prior = opts.prior ?? 0.5;
  const models = [...new Set(games.flatMap((g) => [g.a, g.b]))].sort();
  const index = new Map(models.map((m, i) => [m, i]));
  const n = models.length;
  const wins = new Float64Array(n);
  const met = new Float64Array(n * n); // games between i and j, counted both ways
  for (const g of games) {
    const i = index.get(g.a)!;
    const j = index.get(g.b)!;
    if (i === j) continue;
    wins[i] += g.score;
    wins[j] += 1 - g.score;
    met[i * n + j]++;
    met[j * n + i]++;
  }
  if (prior > 0) {
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        if (i !== j && met[i * n + j] > 0) {
          met[i * n + j] += prior;
          wins[i] += prior / 2;
        }
  }
  let p = new Float64Array(n).fill(1);
  for (let it = 0; it < (opts.iterations ?? 500); it++) {
    const next = new Float64Array(n);
    let change = 0;
    for (let i = 0; i < n; i++) {
      let denominator = 0;
      for (let j = 0; j < n; j++) if (j !== i && met[i * n + j] > 0) denominator += met[i * n + j] / (p[i] + p[j]);
      next[i] = denominator > 0 ? wins[i] / denominator : p[i];
    }
    // Normalise (geometric mean 1): BT is defined up to a common factor.
    const logMean = next.reduce((s, v) => s + Math.log(Math.max(v, 1e-300)), 0) / n;
    for (let i = 0; i < n; i++) {
      next[i] = Math.max(next[i], 1e-300) / Math.exp(logMean);
      change = Math.max(change, Math.abs(Math.log(next[i]) - Math.log(p[i])));
    }
    p = next;
    if (change < 1e-10) break;
  }
  return new Map(models.map((m, i) => [m, Math.log(p[i])]));
}

/** Deterministic uniform numbers for the bootstrap (mulberry32). */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];

/** The leaderboard: win rates, Elo-scale scores and their 95% bootstrap intervals, best first. */
export function leaderboard(games: Game[], opts: { resamples?: number; seed?: number; prior?: number } = {}): Standing[] {
  if (!games.length) return [];
  const fit = fitBradleyTerry(games, { prior: opts.prior });
  const draws = new Map<string, number[]>([...fit.keys()].map((m) => [m, []]));
  const random = seeded(opts.seed ?? 1);
  for (let r = 0; r < (opts.resamples ?? 200); r++) {
    const sample = games.map(() => games[Math.floor(random() * games.length)]);
    const f = fitBradleyTerry(sample, { prior: opts.prior, iterations: 200 });
    // A model missing from a resample has no score there; its interval comes from the others.
    for (const [m, v] of f) draws.get(m)!.push(v);
  }
  return [...fit.entries()]
    .map(([model, score]) => {
      const mine = games.filter((g) => g.a === model || g.b === model);
      const wins = mine.filter((g) => (g.a === model ? g.score === 1 : g.score === 0)).length;
      const ties = mine.filter((g) => g.score === 0.5).length;
      const d = draws.get(model)!.sort((x, y) => x - y);
      return {
        model,
        games: mine.length,
        wins,
        ties,
        winRate: (wins + ties / 2) / mine.length,
        elo: 1000 + ELO * score,
        low: 1000 + ELO * (d.length ? quantile(d, 0.025) : score),
        high: 1000 + ELO * (d.length ? quantile(d, 0.975) : score),
      };
    })
    .sort((x, y) => y.elo - x.elo);
}
