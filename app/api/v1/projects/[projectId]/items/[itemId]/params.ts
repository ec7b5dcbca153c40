// The item routes' path: a positive integer item id.
import { z } from "zod";

export const itemParams = z.object({ itemId: z.coerce.number().int().positive("Not a valid item id") });
