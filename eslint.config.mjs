import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Convention 12: SQL written by hand goes through the `sql` tagged template (lib/db/sql.ts), so a
// value can only ever be a bind parameter. Prisma's string-taking escape hatches are forbidden.
const UNSAFE_SQL = [
  { property: "$queryRawUnsafe", message: "Use $queryRaw(sql`...`) from lib/db/sql.ts: values must be parameters." },
  { property: "$executeRawUnsafe", message: "Use $executeRaw(sql`...`) from lib/db/sql.ts: values must be parameters." },
  // Issue 29: one kind of transaction. Writes that belong together run on the driver session
  // (getDatabase().rawTransaction), where lib/gold's statements and the audit writer live too.
  { property: "$transaction", message: "Use getDatabase().rawTransaction(tx => ...) with sql`...` statements: one kind of transaction (lib/db.ts)." },
];

// Issue 30: what a task type means lives in its module (lib/task-types/<type>); elsewhere code asks
// the registry (taskType(name).singleValued, .content, .capabilities...) instead of naming types.
const TASK_TYPE_LITERAL = "/^(SINGLE_LABEL|MULTI_LABEL|SPANS|PAIRWISE)$/";
const TASK_TYPE_RULES = [
  {
    selector: `BinaryExpression > Literal[value=${TASK_TYPE_LITERAL}]`,
    message: "Ask the task type's module (taskType(name) from lib/task-types) instead of comparing with a task type's name.",
  },
  { selector: `SwitchCase > Literal[value=${TASK_TYPE_LITERAL}]`, message: "Ask the task type's module (lib/task-types) instead of switching on its name." },
  { selector: `TSLiteralType > Literal[value=${TASK_TYPE_LITERAL}]`, message: "Use the TaskType union from lib/task-types." },
];
const PRISMA_RAW = {
  selector: "MemberExpression[object.name='Prisma'][property.name='raw']",
  message: "Prisma.raw skips parameters: use trusted() or identifier() from lib/db/sql.ts for constants only.",
};

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { ignores: ["lib/generated/**", ".next/**", ".next-e2e-dev/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      "no-restricted-properties": ["error", ...UNSAFE_SQL],
      "no-restricted-syntax": ["error", PRISMA_RAW, ...TASK_TYPE_RULES],
    },
  },
  {
    // The task types' own modules, tests (fixtures name their types) and generated code.
    files: ["lib/task-types/**", "**/*.test.ts", "e2e/**", "scripts/**", "lib/testing/api-client/**"],
    rules: { "no-restricted-syntax": ["error", PRISMA_RAW] },
  },
  {
    files: ["lib/db/sql.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
];

export default config;
