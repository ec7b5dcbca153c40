import crypto from "node:crypto";

export const INVITATION_TTL_DAYS = 7;

export const newInvitationToken = () => crypto.randomBytes(32).toString("base64url");
/** Only this hash is stored: a database leak does not leak usable links. */
export const hashInvitationToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
