import { z } from "zod";

export const jobParams = z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid job") });
