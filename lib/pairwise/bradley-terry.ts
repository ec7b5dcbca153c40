// Bradley-Terry scores for the models that wrote the responses: P(i beats j) = p_i / (p_i + p_j).
// Fitted by Hunter's MM algorithm (2004) on the games counted per pair of models, a tie counting as
// half a win for each side. Scores are log-strengths centred on zero, shown on the Elo scale
// (400 / ln 10 per unit, 1000 at the mean). Intervals are 95% Wald intervals from the model's
// standard errors: the observed information matrix at the fit, whose pseudo-inverse (scores are
// only defined up to a shared constant) is the covariance of the centred scores. Counting per
// pair keeps this fast at any number of games (a bootstrap refits once per resample: seconds at
// 100,000 pairs, on the page's request path).
// A model that won or lost every game has no finite maximum-likelihood score; `prior` adds that
// many virtual games (half won, half lost) between each pair of models that met, which keeps every
// score finite and pulls the ones from few games toward the mean.

export type Game = { a: string; b: string; /** 1: a won, 0: b won, 0.5: tie */ score: number };
/** low/high: the score's 95% interval, null when it cannot be told (models that never met the others). */
export type Standing = { model: string; games: number; wins: number; ties: number; winRate: number; elo: number; low: number | null; high: number | null };

const ELO = 400 / Math.LN10;
const Z95 = 1.959964;

/** The games counted per pair: wins[i] (ties as halves), met[i * n + j] games between i and j. */
function tally(games: Game[], prior: number) {
  const models = [...new Set(games.flatMap((g) => [g.a, g.b]))].sort();
  const index = new Map(models.map((m, i) => [m, i]));
  const n = models.length;
  const wins = new Float64Array(n);
  const met = new Float64Array(n * n);
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
  return { models, n, wins, met };
}

/** Log-strengths (centred on zero) by MM iterations over the pair counts. */
function mm(t: ReturnType<typeof tally>, iterations: number): Float64Array {
  const { n, wins, met } = t;
  let p = new Float64Array(n).fill(1);
  for (let it = 0; it < iterations; it++) {
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let denominator = 0;
      for (let j = 0; j < n; j++) if (j !== i && met[i * n + j] > 0) denominator += met[i * n + j] / (p[i] + p[j]);
      next[i] = Math.max(denominator > 0 ? wins[i] / denominator : p[i], 1e-300);
    }
    // Normalise (geometric mean 1): BT is defined up to a common factor.
    const logMean = next.reduce((s, v) => s + Math.log(v), 0) / n;
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] /= Math.exp(logMean);
      change = Math.max(change, Math.abs(Math.log(next[i]) - Math.log(p[i])));
    }
    p = next;
    if (change < 1e-10) break;
  }
  return p.map((v) => Math.log(v));
}

/** Log-strengths by model, centred on zero. */
export function fitBradleyTerry(games: Game[], opts: { prior?: number; iterations?: number } = {}): Map<string, number> {
  const t = tally(games, opts.prior ?? 0.5);
  const theta = mm(t, opts.iterations ?? 500);
  return new Map(t.models.map((m, i) => [m, theta[i]]));
}

/**
 * Standard errors of the centred log-strengths: the diagonal of the pseudo-inverse of the observed
 * information I (I_ii = Σ_j n_ij p_ij (1 - p_ij), I_ij = -n_ij p_ij (1 - p_ij)), computed as
 * (I + J/n)^-1 - J/n with J all ones. Null entries when I is singular beyond the shared constant
 * (groups of models that never met each other).
 */
export function standardErrors(theta: Float64Array, met: Float64Array, n: number): (number | null)[] {
  const a = Array.from({ length: n }, () => new Float64Array(2 * n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const p = 1 / (1 + Math.exp(theta[j] - theta[i]));
      const w = met[i * n + j] * p * (1 - p);
      a[i][i] += w;
      a[i][j] -= w;
    }
    for (let j = 0; j < n; j++) a[i][j] += 1 / n;
    a[i][n + i] = 1;
  }
  // Gauss-Jordan with partial pivoting on [I + J/n | identity].
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    if (Math.abs(a[pivot][c]) < 1e-12) return Array(n).fill(null);
    [a[c], a[pivot]] = [a[pivot], a[c]];
    const d = a[c][c];
    for (let k = 0; k < 2 * n; k++) a[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c || a[r][c] === 0) continue;
      const f = a[r][c];
      for (let k = 0; k < 2 * n; k++) a[r][k] -= f * a[c][k];
    }
  }
  return Array.from({ length: n }, (_, i) => {
    const variance = a[i][n + i] - 1 / n;
    return variance > 0 ? Math.sqrt(variance) : null;
  });
}

/** The leaderboard: win rates, Elo-scale scores and their 95% intervals, best first. */
export function leaderboard(games: Game[], opts: { prior?: number } = {}): Standing[] {
  if (!games.length) return [];
  const t = tally(games, opts.prior ?? 0.5);
  const theta = mm(t, 500);
  const se = standardErrors(theta, t.met, t.n);
  const index = new Map(t.models.map((m, i) => [m, i]));
  const record = t.models.map(() => ({ games: 0, wins: 0, ties: 0 }));
  for (const g of games) {
    if (g.a === g.b) continue;
    const [a, b] = [record[index.get(g.a)!], record[index.get(g.b)!]];
    a.games++;
    b.games++;
    if (g.score === 0.5) {
      a.ties++;
      b.ties++;
    } else if (g.score === 1) a.wins++;
    else b.wins++;
  }
  return t.models
    .map((model, i) => {
      const r = record[i];
      const half = se[i] === null ? null : Z95 * se[i]!;
      return {
        model,
        ...r,
        winRate: r.games ? (r.wins + r.ties / 2) / r.games : 0,
        elo: 1000 + ELO * theta[i],
        low: half === null ? null : 1000 + ELO * (theta[i] - half),
        high: half === null ? null : 1000 + ELO * (theta[i] + half),
      };
    })
    .sort((x, y) => y.elo - x.elo);
}
