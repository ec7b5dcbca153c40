// "Load a demo project": a real labeled dataset, imported through the normal import path.
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { accessOfUser, type Caller } from "@/lib/auth/access";
import { createProject } from "@/lib/projects/create-project";
import { createImportFromFile } from "@/lib/imports/create-import";
import { sampleSpamAssassin } from "@/lib/demo/spam-assassin";

export const DEMO_SIZE = 300;

const GUIDELINES = `# Spam or ham

Decide whether each e-mail is **spam** (unsolicited bulk mail: ads, scams, phishing) or **ham**
(mail the recipient wanted: mailing-list posts, newsletters they subscribed to, personal mail).

- Judge the message as the recipient would. A commercial newsletter the person signed up for is *ham*.
- Mailing-list discussion about software is *ham*, even when it mentions products or prices.
- If the body is empty or unreadable, decide from the subject; skip only when there is nothing to go on.

The e-mails come from the public SpamAssassin corpus (2002).
`;

export async function loadDemoProject(caller: Caller) {
  const project = await createProject(caller, {
    name: "Spam or ham (demo)",
    description: `${DEMO_SIZE} e-mails from the SpamAssassin public corpus, to try Goldset end to end.`,
    taskType: "SINGLE_LABEL",
    guidelines: GUIDELINES,
    labels: [
      { name: "spam", description: "Unsolicited bulk mail: ads, scams, phishing.", color: "#dc2626", hotkey: "1" },
      { name: "ham", description: "Mail the recipient wanted.", color: "#16a34a", hotkey: "2" },
    ],
  });
  const dir = path.join(env().dataDir, "demo");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `spam-assassin-${project.id}.jsonl`);
  const lines: string[] = [];
  // Long messages are cut to fit the instance's text limit, so the whole sample always imports.
  for (const e of sampleSpamAssassin(DEMO_SIZE, env().import.maxTextChars)) lines.push(JSON.stringify({ id: e.id, text: e.text, ...e.metadata }));
  fs.writeFileSync(file, lines.join("\n") + "\n");
  try {
    const access = await accessOfUser(caller.userId, project.id, { role: "LEAD", writes: true });
    // The corpus's own labels become the reference: Quality shows how people and Claude agree with them.
    await createImportFromFile(access, {
      path: file,
      fileName: "spam-assassin-sample.jsonl",
      textField: "text",
      idField: "id",
      labelField: "original_label",
      labelMode: "REFERENCE",
    });
  } finally {
    fs.rmSync(file, { force: true });
  }
  return project;
}
