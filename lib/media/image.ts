// Images in and out: what an upload's bytes are (sniffed, never trusted from a file name), refused
// with a reason when they are not a picture Goldset keeps, and the same picture made ready for the
// model within the vision limits Anthropic documents (docs.claude.com, "Vision").
import sharp, { type Metadata } from "sharp";

/** The formats the API takes, by sharp's name for them. */
export const IMAGE_TYPES: Record<string, string> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp", gif: "image/gif" };

/**
 * The documented limits: an image over 8000 px on a side is refused, over 5 MB refused, and one
 * whose long edge passes 1568 px or whose area passes about 1.15 megapixels is scaled down by the
 * API anyway (slower, no better): Goldset scales it first. Its cost is about width × height / 750
 * tokens.
 */
export const VISION = { maxSide: 8000, maxBytes: 5 * 1024 * 1024, longEdge: 1568, maxPixels: 1_150_000, pixelsPerToken: 750 } as const;

export const imageTokens = (width: number, height: number) => Math.ceil((width * height) / VISION.pixelsPerToken);

/** The size the model is sent: within the long edge and the area, aspect kept, never enlarged. */
export function sentSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, VISION.longEdge / Math.max(width, height), Math.sqrt(VISION.maxPixels / (width * height)));
  return scale >= 1 ? { width, height } : { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

export type ProbedImage = { contentType: string; width: number; height: number; bytes: number };
export type ImageLimits = { maxImageBytes: number; maxImagePixels: number };

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/**
 * What the bytes are, or why they are refused: too large, not PNG/JPEG/WebP/GIF, more pixels than
 * the limit (a decompression bomb: a few KB that would decode to gigabytes), or not decodable.
 */
export async function probeImage(bytes: Buffer, limits: ImageLimits): Promise<ProbedImage | { error: string }> {
  if (bytes.length > limits.maxImageBytes) return { error: `the image is ${mb(bytes.length)}, more than the limit of ${mb(limits.maxImageBytes)}` };
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    return { error: "not an image Goldset can read (PNG, JPEG, WebP or GIF)" };
  }
  const contentType = meta.format ? IMAGE_TYPES[meta.format] : undefined;
  if (!contentType) return { error: `a ${meta.format ?? "unknown"} image: use PNG, JPEG, WebP or GIF` };
  const { width = 0, height = 0 } = meta;
  if (!width || !height) return { error: "the image has no size" };
  if (width * height > limits.maxImagePixels)
    return { error: `the image is ${width} × ${height} pixels, more than the limit of ${limits.maxImagePixels.toLocaleString("en-US")} pixels` };
  try {
    // Decoding a thumbnail proves the file is whole (a truncated file fails here, at import, with its line).
    await sharp(bytes, { limitInputPixels: limits.maxImagePixels }).resize({ width: 16, height: 16, fit: "inside" }).raw().toBuffer();
  } catch {
    return { error: "the image is damaged and cannot be decoded" };
  }
  return { contentType, width, height, bytes: bytes.length };
}

export type ModelImage = { mediaType: string; data: string; width: number; height: number };

/** The picture as the model is sent it: scaled within the limits, re-encoded only when it must be. */
export async function imageForModel(bytes: Buffer, contentType: string, width: number, height: number): Promise<ModelImage> {
  const size = sentSize(width, height);
  const resized = size.width !== width || size.height !== height;
  if (!resized && bytes.length <= VISION.maxBytes && contentType !== "image/gif") {
    return { mediaType: contentType, data: bytes.toString("base64"), ...size };
  }
  // A GIF is sent as its first frame in PNG; a photo stays JPEG; anything still over 5 MB becomes JPEG.
  let pipeline = sharp(bytes, { animated: false }).resize(size.width, size.height, { fit: "fill" });
  let mediaType = contentType === "image/jpeg" ? "image/jpeg" : "image/png";
  let out = await (mediaType === "image/jpeg" ? pipeline.jpeg({ quality: 85 }) : pipeline.png()).toBuffer();
  if (out.length > VISION.maxBytes) {
    pipeline = sharp(bytes, { animated: false }).resize(size.width, size.height, { fit: "fill" });
    mediaType = "image/jpeg";
    out = await pipeline.jpeg({ quality: 80 }).toBuffer();
  }
  return { mediaType, data: out.toString("base64"), ...size };
}
