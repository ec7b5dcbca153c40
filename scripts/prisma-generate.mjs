#!/usr/bin/env node
// `prisma generate` without a network: the Prisma CLI wants to download its native schema engine
// even though generate never runs it. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// executable (node itself) stops the download. On a machine where the engine is present this is harmless.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
