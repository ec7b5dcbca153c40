// Writes the demo image set, lib/demo/shapes/shapes.zip: 24 pictures of a coloured shape on white
// (4 colours × 3 shapes × 2 sizes) and a table naming them with an id and the shape. Every byte is
// drawn here from SVG with sharp, so the set is ours to give away (CC0, lib/demo/shapes/README.md).
// Run with: npx tsx scripts/make-demo-images.ts
import fs from "node:fs";
import path from "node:path";
import { SHAPE_COLOURS, shapeImage, zipOf, type Shape } from "@/lib/testing/images";

async function main() {
  const files: Record<string, Buffer | string> = {};
  const rows = ["id,image,shape"];
  let n = 0;
  for (const size of [96, 160]) {
    for (const colour of Object.keys(SHAPE_COLOURS)) {
      for (const shape of ["circle", "square", "triangle"] as Shape[]) {
        n++;
        const name = `images/shape-${String(n).padStart(2, "0")}.png`;
        files[name] = await shapeImage(colour, shape, size);
        rows.push(`shape-${String(n).padStart(2, "0")},${name},${shape}`);
      }
    }
  }
  files["items.csv"] = rows.join("\n") + "\n";
  const out = path.join("lib", "demo", "shapes", "shapes.zip");
  fs.writeFileSync(out, zipOf(files));
  console.log(`wrote ${out} (${n} images, ${fs.statSync(out).size} bytes)`);
}

void main();
