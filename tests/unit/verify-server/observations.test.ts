import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeObservations } from "../../../scripts/verify-server/observed-file.ts";
import {
  claimState,
  loadObservations,
  type Observations,
  observationsFile,
} from "../../../src/lib/server-facts/observed-claims.ts";
import { ContentError } from "../../../src/lib/validation/content-error.ts";
import { sampleObservations } from "../../support/observations.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const contentDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "step-observed-"));
  dirs.push(dir);
  return dir;
};

const observedAt = "2027-03-20T10:30:00+09:00";
const observations = sampleObservations(observedAt);

describe("the observation file", () => {
  it("is read back as written, with observedAt first on a line of its own", () => {
    const file = observationsFile(contentDir());
    writeObservations(file, observations);
    expect(loadObservations(file)).toEqual(observations);
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines.find((line) => !line.startsWith("#"))).toBe(`observedAt: ${observedAt}`);
    expect(readdirSync(join(file, ".."))).toEqual(["verify-server.yaml"]);
  });

  it("is absent in a fresh clone, which is not an error", () => {
    expect(loadObservations(observationsFile(contentDir()))).toBeUndefined();
  });

  it("is never written when it would not pass the schema, and an old one stays", () => {
    const file = observationsFile(contentDir());
    writeObservations(file, observations);
    const broken = { ...observations, claims: [...observations.claims, observations.claims[0]] } as Observations;
    expect(() => writeObservations(file, broken)).toThrow();
    expect(loadObservations(file)).toEqual(observations);
  });

  it("names the file, line and field of a bad value when read", () => {
    const file = observationsFile(contentDir());
    writeObservations(file, observations);
    writeFileSync(file, readFileSync(file, "utf8").replace("status: ok", "status: fine"));
    try {
      loadObservations(file);
      throw new Error("accepted");
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      const [problem] = (error as ContentError).problems;
      expect(problem?.field).toBe("claims.0.status");
      expect(readFileSync(file, "utf8").split("\n")[(problem?.line ?? 0) - 1]).toContain("status: fine");
    }
  });
});

describe("claimState", () => {
  const withStatuses = (statuses: Record<string, "ok" | "drift" | "skipped" | "info">): Observations => ({
    ...observations,
    claims: observations.claims.map((claim) => ({ ...claim, status: statuses[claim.id] ?? "ok" })),
  });
  const at = new Date(observedAt);

  it("is unchecked without observations", () => {
    expect(claimState(undefined, ["mam"])).toEqual({ state: "unchecked" });
  });

  it("is verified only when every claim named was found as claimed", () => {
    expect(claimState(observations, ["upload-service", "upload-size"])).toEqual({ state: "verified", observedAt: at });
  });

  it("is drifted when any claim named drifted, whatever the others", () => {
    const drifted = withStatuses({ "upload-size": "drift", "upload-service": "skipped" });
    expect(claimState(drifted, ["upload-service", "upload-size"])).toEqual({ state: "drifted", observedAt: at });
  });

  it("is not verified when a claim was skipped on the run", () => {
    expect(claimState(withStatuses({ mam: "skipped" }), ["mam"])).toEqual({
      state: "not-checked-this-time",
      observedAt: at,
    });
  });
});
