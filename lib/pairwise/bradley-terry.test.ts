import { describe, expect, it } from "vitest";
import { fitBradleyTerry, leaderboard, standardErrors, type Game } from "@/lib/pairwise/bradley-terry";

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

  it("a hand-checked tournament: each model's wins equal its expected wins at the fit (the likelihood's optimum)", () => {
    // x beats y 2-1 and z 3-1; y and z split 2-2 and tie twice (a tie is half a win each).
    const all = [...games("x", "y", 2, 1), ...games("x", "z", 3, 1), ...games("y", "z", 2, 2), ...games("y", "z", 0, 0, 2)];
    const fit = fitBradleyTerry(all, { prior: 0 });
    const p = (m: string) => Math.exp(fit.get(m)!);
    for (const m of ["x", "y", "z"]) {
      const won = all.reduce((s, g) => s + (g.a === m ? g.score : g.b === m ? 1 - g.score : 0), 0);
      const expected = all.reduce((s, g) => s + (g.a === m ? p(m) / (p(m) + p(g.b)) : g.b === m ? p(m) / (p(m) + p(g.a)) : 0), 0);
      expect(expected).toBeCloseTo(won, 6);
    }
    expect([...fit.entries()].sort((a, b) => b[1] - a[1]).map(([m]) => m)).toEqual(["x", "y", "z"]);
  });

  it("gives the standard errors of the information matrix: two models, 3-1, each score +-1/sqrt(3) (hand-computed)", () => {
    // d = ln 3, p = 3/4, information of the difference 4 * p(1-p) = 0.75; each centred score is d/2, variance 1/(4 * 0.75) = 1/3.
    const theta = Float64Array.from([Math.log(3) / 2, -Math.log(3) / 2]);
    const se = standardErrors(theta, Float64Array.from([0, 4, 4, 0]), 2);
    expect(se[0]).toBeCloseTo(1 / Math.sqrt(3), 9);
    expect(se[1]).toBeCloseTo(1 / Math.sqrt(3), 9);
    // Models that never met each other: their scores cannot be compared, and no interval is claimed.
    expect(standardErrors(new Float64Array(4), Float64Array.from([0, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0, 3, 0, 0, 3, 0]), 4)).toEqual([null, null, null, null]);
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
});
