// Secrets sent once by e-mail (an invitation, a password reset): random, and kept only as their
// hash, so a copy of the database cannot be used to accept or reset.
import crypto from "node:crypto";

export const newOneTimeToken = () => crypto.randomBytes(32).toString("base64url");
/** Only this hash is stored: a database leak does not leak usable links. */
export const hashOneTimeToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
