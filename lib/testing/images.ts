// Small pictures and zips of them for tests, benchmarks and the demo: a coloured shape on white,
// drawn with sharp from SVG (every byte made here, so no licence question).
import sharp from "sharp";
import { zipSync } from "fflate";

export const SHAPE_COLOURS: Record<string, string> = { red: "#dc2626", green: "#16a34a", blue: "#2563eb", yellow: "#eab308" };
export type Shape = "circle" | "square" | "triangle";

const SHAPES: Record<Shape, (fill: string, s: number) => string> = {
  circle: (fill, s) => `<circle cx="${s / 2}" cy="${s / 2}" r="${s * 0.35}" fill="${fill}"/>`,
  square: (fill, s) => `<rect x="${s * 0.18}" y="${s * 0.18}" width="${s * 0.64}" height="${s * 0.64}" fill="${fill}"/>`,
  triangle: (fill, s) => `<polygon points="${s / 2},${s * 0.12} ${s * 0.88},${s * 0.85} ${s * 0.12},${s * 0.85}" fill="${fill}"/>`,
};

/** A PNG (or JPEG) of one shape in one colour, `size` pixels square (wider when `width` says so). */
export async function shapeImage(colour: string, shape: Shape, size = 96, format: "png" | "jpeg" = "png", width = size): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${size}"><rect width="100%" height="100%" fill="#ffffff"/>${SHAPES[shape](SHAPE_COLOURS[colour] ?? colour, size)}</svg>`;
  const img = sharp(Buffer.from(svg));
  return format === "png" ? img.png().toBuffer() : img.jpeg({ quality: 90 }).toBuffer();
}

/** A zip of named files (paths inside the zip → bytes or text). */
export function zipOf(files: Record<string, Buffer | string>): Buffer {
  return Buffer.from(
    zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === "string" ? new TextEncoder().encode(v) : new Uint8Array(v)]))),
  );
}
