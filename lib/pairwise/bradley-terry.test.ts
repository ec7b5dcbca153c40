import { describe, expect, it } from "vitest";
import { fitBradleyTerry, leaderboard, type Game } from "@/lib/pairwise/bradley-terry";

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

  it("keeps an undefeated model's score finite with the prior, and gives every score a 95% interval around it", () => {
    const all = [...games("x", "y", 5, 0), ...games("y", "z", 3, 2), ...games("x", "z", 4, 0)];
    const board = leaderboard(all, { resamples: 100, seed: 7 });
    expect(board.map((s) => s.model)).toEqual(["x", "y", "z"]);
    for (const s of board) {
      expect(Number.isFinite(s.elo)).toBe(true);
      expect(s.low).toBeLessThanOrEqual(s.elo + 1e-9);
      expect(s.high).toBeGreaterThanOrEqual(s.elo - 1e-9);
    }
    expect(board[0]).toMatchObject({ model: "x", games: 9, wins: 9, ties: 0, winRate: 1 });
    // Same games, same seed: the same board.
    expect(leaderboard(all, { resamples: 100, seed: 7 })).toEqual(board);
  });
});
