// The fake model's eyes. Image blocks are checked as the API checks them (docs.claude.com, "Vision"):
// base64 only here, one of four media types, at most 5 MB decoded, at most 8000 px a side, at most
// 100 images a request, and the bytes must be the type they claim. An image costs about
// width × height / 750 input tokens. The fake "sees" the dominant colour of the picture's
// coloured pixels (white and grey background left out) and names it, so an image project whose
// labels are colours is answered by what is in the picture, deterministically.
import sharp from "sharp";
import { apiError, type ApiError } from "@/lib/testing/fake-anthropic/validate";
import type { Block, MessageParams } from "@/lib/testing/fake-anthropic/answer";

export type ImageBlock = Block & { source?: { type?: string; media_type?: string; data?: string } };
export type Seen = { tokens: number; colour: string; format: string };

export const VISION_LIMITS = { maxBytes: 5 * 1024 * 1024, maxSide: 8000, maxImages: 100, pixelsPerToken: 750 } as const;
const MEDIA_TYPES: Record<string, string> = { "image/png": "png", "image/jpeg": "jpeg", "image/webp": "webp", "image/gif": "gif" };
const PALETTE: [string, number, number, number][] = [
  ["red", 220, 38, 38],
  ["orange", 234, 88, 12],
  ["yellow", 234, 179, 8],
  ["green", 22, 163, 74],
  ["blue", 37, 99, 235],
  ["purple", 124, 58, 237],
  ["black", 20, 20, 20],
];

export const imageBlocksOf = (p: MessageParams): ImageBlock[] =>
  (p.messages ?? []).flatMap((m) => (typeof m.content === "string" ? [] : (m.content as ImageBlock[]).filter((b) => b.type === "image")));

/** The nearest palette colour to the mean of the picture's coloured pixels. */
async function dominantColour(bytes: Buffer): Promise<string> {
  const { data, info } = await sharp(bytes).resize(32, 32, { fit: "inside" }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let [r, g, b, n] = [0, 0, 0, 0];
  for (let i = 0; i < data.length; i += info.channels) {
    const [pr, pg, pb] = [data[i], data[i + 1], data[i + 2]];
    if (Math.max(pr, pg, pb) - Math.min(pr, pg, pb) < 40 && Math.min(pr, pg, pb) > 60) continue; // white or grey
    [r, g, b, n] = [r + pr, g + pg, b + pb, n + 1];
  }
  if (!n) return "white";
  const mean = [r / n, g / n, b / n];
  return PALETTE.map(([name, ...c]) => [name, c.reduce((s, x, k) => s + (x - mean[k]) ** 2, 0)] as const).sort((x, y) => x[1] - y[1])[0][0];
}

/**
 * Looks at every image of the request: what each shows, or the error the API would answer. `seen`
 * keeps each picture's reading by its data (a run sends the same prompt's images once per sample).
 */
export async function seeImages(p: MessageParams, seen: Map<string, Seen>): Promise<ApiError | null> {
  const bad = (message: string) => apiError(400, "invalid_request_error", message);
  const blocks = imageBlocksOf(p);
  if (blocks.length > VISION_LIMITS.maxImages) return bad(`Too many images: at most ${VISION_LIMITS.maxImages} images per request`);
  for (const [i, b] of blocks.entries()) {
    const where = `messages.content.${i}.image.source`;
    if (b.source?.type !== "base64") return bad(`${where}.type: only base64 image sources are supported here`);
    const format = MEDIA_TYPES[b.source.media_type ?? ""];
    if (!format) return bad(`${where}.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`);
    const data = b.source.data ?? "";
    const known = seen.get(data);
    if (known && known.format !== format) return bad(`${where}.base64.media_type: Image does not match the provided media type ${b.source.media_type}`);
    if (known) continue;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) return bad(`${where}.base64.data: Invalid base64 data`);
    const bytes = Buffer.from(data, "base64");
    if (bytes.length > VISION_LIMITS.maxBytes)
      return bad(`${where}.base64: image exceeds 5 MB maximum: ${bytes.length} bytes > ${VISION_LIMITS.maxBytes} bytes`);
    let meta;
    try {
      meta = await sharp(bytes).metadata();
    } catch {
      return bad(`${where}.base64.data: Could not process image`);
    }
    if (meta.format !== format) return bad(`${where}.base64.media_type: Image does not match the provided media type ${b.source.media_type}`);
    const [w, h] = [meta.width ?? 0, meta.height ?? 0];
    if (w > VISION_LIMITS.maxSide || h > VISION_LIMITS.maxSide)
      return bad(`${where}.base64.data: image dimensions exceed max allowed size: ${VISION_LIMITS.maxSide} pixels`);
    if (seen.size > 5000) seen.clear();
    seen.set(data, { tokens: Math.ceil((w * h) / VISION_LIMITS.pixelsPerToken), colour: await dominantColour(bytes), format });
  }
  return null;
}
