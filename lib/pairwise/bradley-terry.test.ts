import { describe, expect, it } from "vitest";
import { fitBradleyTerry, leaderboard, standardErrors, tallyGames, tieParameter, type Game } from "@/lib/pairwise/bradley-terry";
import { seededRandom } from "@/lib/random";

const games = (a: string, b: string, aWins: number, bWins: number, ties = 0): Game[] => [
  ...Array.from({ length: aWins }, () => ({ a, b, score: 1 })),
  ...Array.from({ length: bWins }, () => ({ a, b, score: 0 })),
  ...Array.from({ length: ties }, () => ({ a, b, score: 0.5 })),
];

describe("Bradley-Terry", () => {
  it("two models, 3 wins to 1: strengths 3:1 (log-strengths ln 3 apart, centred on zero)", () => {
    const fit = fitBradleyTerry(games("x", "y", 3, 1), { prior: 0 });
    expect(fit.get("x")! - fit.get("y")!).toBeCloseTo(Math.log(3), 8);
    expect(fit.get("x")! + fit.get("y")!).toBeCloseTo(0, 8);
  });

  it("a hand-checked tournament with ties: at the fit each model's wins minus losses, and the ties, equal what the Davidson model expects", () => {
    // x beats y 2-1 and z 3-1; y and z split 2-2 and tie twice.
    const all = [...games("x", "y", 2, 1), ...games("x", "z", 3, 1), ...games("y", "z", 2, 2), ...games("y", "z", 0, 0, 2)];
    const fit = fitBradleyTerry(all, { prior: 0 });
    const nu = tieParameter(all, { prior: 0 });
    const p = (m: string) => Math.exp(fit.get(m)!);
    // Davidson: P(a wins) = p_a / D, P(tie) = nu sqrt(p_a p_b) / D, D = p_a + p_b + nu sqrt(p_a p_b).
    const chances = (a: string, b: string) => {
      const d = p(a) + p(b) + nu * Math.sqrt(p(a) * p(b));
      return { win: p(a) / d, lose: p(b) / d, tie: (nu * Math.sqrt(p(a) * p(b))) / d };
    };
    for (const m of ["x", "y", "z"]) {
      const net = all.reduce((s, g) => s + (g.score === 0.5 ? 0 : (g.a === m ? 1 : g.b === m ? -1 : 0) * (g.score === 1 ? 1 : -1)), 0);
      const expected = all.reduce((s, g) => {
        if (g.a !== m && g.b !== m) return s;
        const c = chances(m, g.a === m ? g.b : g.a);
        return s + c.win - c.lose;
      }, 0);
      expect(expected).toBeCloseTo(net, 6);
    }
    const expectedTies = all.reduce((s, g) => s + chances(g.a, g.b).tie, 0);
    expect(expectedTies).toBeCloseTo(2, 6);
    expect([...fit.entries()].sort((a, b) => b[1] - a[1]).map(([m]) => m)).toEqual(["x", "y", "z"]);
  });

  it("gives the standard errors of the information matrix: two models, 3-1, each score +-1/sqrt(3) (hand-computed)", () => {
    // d = ln 3, p = 3/4, information of the difference 4 * p(1-p) = 0.75; each centred score is d/2, variance 1/(4 * 0.75) = 1/3.
    const theta = Float64Array.from([Math.log(3) / 2, -Math.log(3) / 2]);
    const se = standardErrors(tallyGames(games("x", "y", 3, 1), 0), theta, null);
    expect(se[0]).toBeCloseTo(1 / Math.sqrt(3), 9);
    expect(se[1]).toBeCloseTo(1 / Math.sqrt(3), 9);
    // Models that never met each other: their scores cannot be compared, and no interval is claimed.
    const apart = tallyGames([...games("a", "b", 1, 1), ...games("c", "d", 2, 1)], 0);
    expect(standardErrors(apart, new Float64Array(4), null)).toEqual([null, null, null, null]);
  });

  it("keeps an undefeated model's score finite with the prior, with a 95% interval around every score that narrows with more games", () => {
    const all = [...games("x", "y", 5, 0), ...games("y", "z", 3, 2), ...games("x", "z", 4, 0)];
    const board = leaderboard(all);
    expect(board.map((s) => s.model)).toEqual(["x", "y", "z"]);
    for (const s of board) {
      expect(Number.isFinite(s.elo)).toBe(true);
      expect(s.low!).toBeLessThan(s.elo);
      expect(s.high!).toBeGreaterThan(s.elo);
    }
    expect(board[0]).toMatchObject({ model: "x", games: 9, wins: 9, ties: 0, winRate: 1 });
    // A record with no undefeated model, then the same record 100 times over: the same order, and
    // intervals about ten times narrower. (Counting per pair makes 100,000 games a matter of
    // milliseconds; the bootstrap this replaced took 14 s.)
    const mixed = [...games("x", "y", 4, 1), ...games("y", "z", 3, 2), ...games("x", "z", 3, 1)];
    const small = leaderboard(mixed);
    const big = leaderboard(Array.from({ length: 100 }, () => mixed).flat());
    expect(big.map((s) => s.model)).toEqual(small.map((s) => s.model));
    const width = (b: typeof board) => b[1].high! - b[1].low!;
    expect(width(big)).toBeLessThan(width(small) / 5);
    expect(width(big)).toBeGreaterThan(width(small) / 20);
  });

  it("covers the true scores at about the stated 95% when ties are common (Davidson ties, 3,000 games), where ties as half wins did not", () => {
    const truth = [0.6, 0.2, -0.2, -0.6]; // centred log-strengths
    const names = ["m0", "m1", "m2", "m3"];
    const nu = 1.2; // ties between equals: 1.2 / 3.2, about 38% of games
    const r = seededRandom(42);
    let covered = 0;
    let coveredHalfWins = 0;
    let intervals = 0;
    for (let sim = 0; sim < 60; sim++) {
      const all: Game[] = [];
      for (let g = 0; g < 3000; g++) {
        const i = Math.floor(r() * 4);
        const j = (i + 1 + Math.floor(r() * 3)) % 4;
        const [pi, pj] = [Math.exp(truth[i]), Math.exp(truth[j])];
        const tie = nu * Math.sqrt(pi * pj);
        const u = r() * (pi + pj + tie);
        all.push({ a: names[i], b: names[j], score: u < pi ? 1 : u < pi + pj ? 0 : 0.5 });
      }
      for (const s of leaderboard(all)) {
        const k = names.indexOf(s.model);
        const elo = 1000 + (400 / Math.LN10) * truth[k];
        intervals++;
        if (s.low! <= elo && elo <= s.high!) covered++;
        // The old estimate: ties as half a win each, plain Bradley-Terry on those scores.
        const asHalf = halfWinInterval(all, s.model);
        if (asHalf.low <= elo && elo <= asHalf.high) coveredHalfWins++;
      }
    }
    expect(covered / intervals).toBeGreaterThan(0.9);
    expect(covered / intervals).toBeLessThan(0.995);
    expect(coveredHalfWins / intervals).toBeLessThan(0.8);
  });
});

/** The interval the leaderboard gave before ties were modelled: a tie half a win for each, BT information at the fit. */
function halfWinInterval(all: Game[], model: string) {
  // Half a win each is the same as one win and one loss at half weight: duplicate ties as a win and a loss.
  const asWins = all.flatMap((g) =>
    g.score === 0.5
      ? [
          { ...g, score: 1 },
          { ...g, score: 0 },
        ]
      : [g, g],
  );
  const t = tallyGames(asWins, 0);
  const theta = Float64Array.from(t.models.map((m) => fitBradleyTerry(asWins, { prior: 0 }).get(m)!));
  // Doubling every game doubled the information: the half-weight standard errors are sqrt(2) larger.
  const se = standardErrors(t, theta, null).map((s) => s! * Math.SQRT2);
  const i = t.models.indexOf(model);
  const elo = (x: number) => 1000 + (400 / Math.LN10) * x;
  return { low: elo(theta[i] - 1.959964 * se[i]), high: elo(theta[i] + 1.959964 * se[i]) };
}
