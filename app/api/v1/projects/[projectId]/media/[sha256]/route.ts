// An image item's picture, for members of the project only. Its name is its content's hash, so it
// never changes: the browser may keep it (privately) for good.
import { z } from "zod";
import { projectRoute } from "@/lib/auth/route";
import { projectImage } from "@/lib/media/serve";
import { IMAGE_TYPES } from "@/lib/media/image";

export const GET = projectRoute(
  {
    file: Object.values(IMAGE_TYPES),
    description: "An image item's picture by its SHA-256 (the task's item.image.sha256), for members of a project that has an item with it.",
    role: "ANNOTATOR",
    scope: "read",
    params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, "A SHA-256 in lowercase hex") }),
  },
  async ({ access, params }) => {
    const image = await projectImage(access, params.sha256);
    return new Response(new Uint8Array(image.bytes), {
      headers: {
        "content-type": image.contentType,
        "content-length": String(image.bytes.length),
        "cache-control": "private, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
        "content-disposition": "inline",
      },
    });
  },
);
