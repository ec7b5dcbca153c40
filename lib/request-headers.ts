// Request headers Goldset sets itself (never trusted from the client: each is overwritten before use).
/** The socket's address, stamped by lib/peer-address.ts on every request. */
export const PEER_HEADER = "x-goldset-peer-address";
/** The page's path and query, set by proxy.ts: where sign-in returns to. */
export const PATH_HEADER = "x-goldset-path";
