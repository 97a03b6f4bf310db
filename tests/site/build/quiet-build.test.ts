import { stripVTControlCharacters } from "node:util";
import { describe, expect, inject, it } from "vitest";

/** Astro's `[WARN]`, Node's `(node:123) Warning:`, Vite's and Rolldown's warnings all say so; deprecation notices say that instead. */
const WARNING = /\bwarn(ing)?s?\b|\bdeprecat/i;

describe("npm run build on the real content", () => {
  const lines = stripVTControlCharacters(inject("realSiteBuildOutput")).split("\n");

  it("prints no warning", () => {
    expect(lines.some((line) => line.includes("build sealed (build-info.json)"))).toBe(true);
    expect(lines.filter((line) => WARNING.test(line))).toEqual([]);
  });
});
