import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadServerFacts, serverFactsFile } from "../../../src/lib/server-facts/load.ts";
import { DAY_MS, marginBreach, marginMs, marginText } from "../../../src/lib/tls/renewal-margin.ts";
import { renewalMonths } from "../../../src/lib/tls/renewal-schedule.ts";
import { ContentError } from "../../../src/lib/validation/content-error.ts";

const realYaml = readFileSync(serverFactsFile(), "utf8");
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The problems (`file:line: field: message`) the schema finds in server.yaml changed by `edit`. */
function problemsAfter(edit: (yaml: string) => string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "step-tls-facts-"));
  dirs.push(dir);
  const file = join(dir, "server.yaml");
  const yaml = edit(realYaml);
  expect(yaml).not.toBe(realYaml);
  writeFileSync(file, yaml);
  try {
    loadServerFacts(file);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).problems.map(
      (problem) => `${problem.file}:${problem.line}: ${problem.field}: ${problem.message}`,
    );
  }
}

const lineOf = (text: string) => realYaml.split("\n").findIndex((line) => line.includes(text)) + 1;

describe("the tls facts of server.yaml", () => {
  it("state the issuer, automatic renewal, a margin, and the 2016–2026 schedule as history", () => {
    const { tls } = loadServerFacts();
    expect(tls.renewal).toEqual({ automatic: true, before: { lifetimeShare: "1/4" } });
    expect(tls.history).toEqual([
      {
        from: "2016-01",
        until: "2026-12",
        everyMonths: 2,
        months: "odd",
        dayOfMonth: 2,
        renewedAtJst: "09:45",
        issuedAtUtc: "23:45",
      },
    ]);
  });

  it.each([
    ['renewedAtJst: "09:45"', 'renewedAtJst: "24:10"', "tls.history.0.renewedAtJst", "00:00 から 23:59"],
    ['issuedAtUtc: "23:45"', 'issuedAtUtc: "23:60"', "tls.history.0.issuedAtUtc", "00:00 から 23:59"],
    ["everyMonths: 2", "everyMonths: 3", "tls.history.0.everyMonths", "2, 4, 6, 12"],
    ["dayOfMonth: 2", "dayOfMonth: 31", "tls.history.0.dayOfMonth", ""],
    ["until: 2026-12", "until: 2015-12", "tls.history.0.until", "from は until 以前"],
    ["from: 2016-01", "from: 2016-13", "tls.history.0.from", "YYYY-MM"],
    ["lifetimeShare: 1/4", "lifetimeShare: 3/3", "tls.renewal.before.lifetimeShare", "1 より小さい"],
    ["lifetimeShare: 1/4", "lifetimeShare: a third", "tls.renewal.before.lifetimeShare", "分数"],
    ["{ lifetimeShare: 1/4 }", "{ lifetimeShare: 1/3, days: 20 }", "tls.renewal.before", "どちらか一方"],
    ["{ lifetimeShare: 1/4 }", "{}", "tls.renewal.before", "どちらか一方"],
    ["{ lifetimeShare: 1/4 }", "{ days: 0 }", "tls.renewal.before.days", ""],
  ])("refuses %s changed to %s as file:line: %s, in Japanese", (from, to, field, japanese) => {
    const problems = problemsAfter((yaml) => yaml.replace(from, to));
    expect(problems).toHaveLength(1);
    const line = field.startsWith("tls.renewal.before") ? lineOf("before:") : lineOf(from);
    expect(problems[0]).toMatch(new RegExp(`server\\.yaml:${line}: ${field.replaceAll(".", "\\.")}: `));
    expect(problems[0]).toContain(japanese);
  });

  it("accepts a margin in days", () => {
    expect(problemsAfter((yaml) => yaml.replace("{ lifetimeShare: 1/4 }", "{ days: 20 }"))).toEqual([]);
  });
});

describe("renewalMonths of a past schedule", () => {
  const schedule = { everyMonths: 2, months: "odd" } as const;

  it("lists the odd months for every two months", () => {
    expect(renewalMonths(schedule)).toEqual([1, 3, 5, 7, 9, 11]);
  });

  it("lists even months, and longer intervals that keep the parity", () => {
    expect(renewalMonths({ ...schedule, months: "even" })).toEqual([2, 4, 6, 8, 10, 12]);
    expect(renewalMonths({ ...schedule, everyMonths: 4 })).toEqual([1, 5, 9]);
    expect(renewalMonths({ everyMonths: 12, months: "even" })).toEqual([2]);
  });
});

describe("the renewal margin", () => {
  const start = new Date("2027-03-01T00:00:00Z");
  const plusDays = (days: number) => new Date(start.getTime() + days * DAY_MS);
  const third = { lifetimeShare: "1/3" };

  it("is a share of the certificate's own lifetime: 30, 21⅓ and 15 days for 90, 64 and 45", () => {
    expect(marginMs(third, start, plusDays(90)) / DAY_MS).toBe(30);
    expect(marginMs(third, start, plusDays(64)) / DAY_MS).toBeCloseTo(64 / 3);
    expect(marginMs(third, start, plusDays(45)) / DAY_MS).toBe(15);
  });

  it("or a number of days, whatever the lifetime", () => {
    expect(marginMs({ days: 10 }, start, plusDays(45)) / DAY_MS).toBe(10);
    expect(marginMs({ days: 10 }, start, plusDays(90)) / DAY_MS).toBe(10);
  });

  it("is broken by a certificate with less than the margin left, and kept at exactly the margin", () => {
    expect(marginBreach(third, start, plusDays(45), plusDays(30))).toBeUndefined();
    expect(marginBreach(third, start, plusDays(45), new Date(plusDays(30).getTime() + 1))).toBe(
      "less than the promised 15.0 days left, not renewed",
    );
    // The same words on every day it stays broken.
    expect(marginBreach(third, start, plusDays(45), plusDays(40))).toBe(
      marginBreach(third, start, plusDays(45), plusDays(44)),
    );
    expect(marginBreach(third, start, plusDays(45), plusDays(45))).toBe("expired");
    expect(marginBreach(third, start, plusDays(45), plusDays(-1))).toBe("not valid yet");
  });

  it("reads in Japanese for the guide", () => {
    expect(marginText(third)).toBe("有効期間の残りが 1/3 を切る前");
    expect(marginText({ days: 30 })).toBe("有効期限の 30 日前まで");
  });
});
