// Writes lib/testing/api-client/schema.gen.ts: the TypeScript types openapi-typescript generates
// from the API's OpenAPI document, as any client of the API would generate them. The generated-
// client test fails while the committed file differs from a fresh one (the document changed: run
// `npm run gen:client`), and compiles a whole journey against it under --strict.
import fs from "node:fs";
import { generatedClientTypes, GENERATED_TYPES_FILE } from "@/lib/testing/api-client/generate";

fs.writeFileSync(GENERATED_TYPES_FILE, await generatedClientTypes());
console.log(`wrote ${GENERATED_TYPES_FILE}`);
