// The item routes' path: a positive integer item id that fits PostgreSQL's int4 (2147483648 is a 400, not a 500).
import { z } from "zod";
import { positiveInt } from "@/lib/validation";

export const itemParams = z.object({ itemId: positiveInt });
