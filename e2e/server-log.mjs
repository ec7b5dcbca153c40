// Where the e2e servers' output is kept for the run, so a spec can search it.
import os from "node:os";
import path from "node:path";

export const serverLogPath = (port) => path.join(os.tmpdir(), `goldset-e2e-server-${port}.log`);
