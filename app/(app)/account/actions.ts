"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userFormAction } from "@/lib/auth/action";
import { apiTokenInputSchema, createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { TOKEN_SCOPES } from "@/lib/auth/access";
import { changePassword, changePasswordSchema } from "@/lib/users/change-password";
import { startSession } from "@/lib/auth/start-session";
import { formList } from "@/lib/validation";

// The form sends checkboxes and a text field; the API token schema wants an array and a number.
const tokenForm = z.object({
  name: z.string(),
  scopes: formList(z.enum(TOKEN_SCOPES)),
  expiresInDays: z.preprocess((v) => (v === "" || v === undefined ? null : Number(v)), z.number().nullable()),
});

export const createTokenAction = userFormAction(tokenForm, async (caller, form) => {
  const created = await createApiToken(caller, apiTokenInputSchema.parse(form));
  revalidatePath("/account");
  return { token: created.token, name: created.name };
});

export const revokeTokenAction = userFormAction(z.object({ tokenId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }), async (caller, input) => {
  await revokeApiToken(caller, input.tokenId);
  revalidatePath("/account");
});

/** Changing the password ends every other session and revokes the API tokens; this session continues with a fresh cookie. */
export const changePasswordAction = userFormAction(changePasswordSchema, async (caller, input) => {
  const user = await changePassword(caller, input);
  await startSession(user);
  revalidatePath("/account");
  return { changed: true, tokensRevoked: user.tokensRevoked };
});
