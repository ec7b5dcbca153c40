import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/safe-redirect";

describe("where sign-in may send someone", () => {
  it.each([
    "/\\example.org",
    "/%5Cexample.org",
    "//example.org",
    "/\t/example.org",
    "/%09/example.org",
    "/\n/example.org",
    "/%0A/example.org",
    "/%0D%0A/example.org",
    "https://example.org/projects",
    "javascript:alert(1)",
    "example.org",
    "/\\/example.org",
    "/api/v1/projects",
  ])("never off this app: %j", (target) => {
    expect(safeNextPath(target)).toBe("/projects");
  });

  it("keeps a path of this app, with its query and fragment", () => {
    expect(safeNextPath("/projects/abc/review?x=1#top")).toBe("/projects/abc/review?x=1#top");
    expect(safeNextPath(undefined)).toBe("/projects");
  });
});
