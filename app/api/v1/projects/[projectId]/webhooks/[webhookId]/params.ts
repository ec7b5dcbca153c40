import { z } from "zod";

export const webhookParams = z.object({ webhookId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid webhook") });
