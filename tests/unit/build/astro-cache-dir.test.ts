import { resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { astroCacheDir } from "../../../src/lib/content-dir.ts";

afterEach(() => vi.unstubAllEnvs());

describe("Astro's content cache", () => {
  it("is node_modules/.astro for content/", () => {
    vi.stubEnv("STEP_CACHE_DIR", undefined);
    vi.stubEnv("STEP_CONTENT_DIR", undefined);
    expect(astroCacheDir()).toBe(resolve("node_modules/.astro"));
    vi.stubEnv("STEP_CONTENT_DIR", "./content");
    expect(astroCacheDir()).toBe(resolve("node_modules/.astro"));
  });

  it("is never content/'s for another folder, whose files may be gone by the next npm run build", () => {
    vi.stubEnv("STEP_CACHE_DIR", undefined);
    vi.stubEnv("STEP_CONTENT_DIR", "/tmp/step-content-fixture");
    expect(astroCacheDir()).not.toBe(resolve("node_modules/.astro"));
  });

  it("is the build's own when STEP_CACHE_DIR names one", () => {
    vi.stubEnv("STEP_CACHE_DIR", ".tmp/site-1.cache");
    vi.stubEnv("STEP_CONTENT_DIR", "/tmp/step-content-fixture");
    expect(astroCacheDir()).toBe(resolve(".tmp/site-1.cache"));
  });
});
