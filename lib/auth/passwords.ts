import bcrypt from "bcryptjs";

// bcrypt cost 11: ~150 ms per hash here, slow enough to make guessing expensive.
const COST = 11;

export const hashPassword = (password: string) => bcrypt.hash(password, COST);
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);

// A hash of a random password, compared against when the email is unknown, so the response time
// does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= bcrypt.hash(crypto.randomUUID(), COST);
  return dummyHash;
}
