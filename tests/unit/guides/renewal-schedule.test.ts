import { describe, expect, it } from "vitest";
import { toJstIsoString } from "../../../src/lib/dates/jst.ts";
import {
  nextRenewal,
  previousRenewal,
  type RenewalSchedule,
  renewalMonths,
} from "../../../src/lib/tls/renewal-schedule.ts";
import { ContentError } from "../../../src/lib/validation/content-error.ts";

// A schedule of the shape content/server.yaml states; the tests pin the maths, not the site's facts.
const oddMonths: RenewalSchedule = {
  everyMonths: 2,
  months: "odd",
  dayOfMonth: 2,
  renewedAtJst: "09:45",
  issuedAtUtc: "23:45",
};

const next = (after: string, schedule = oddMonths) => {
  const { renewedAt, issuedAt } = nextRenewal(schedule, new Date(after));
  return { renewedAt: toJstIsoString(renewedAt), issuedAt: issuedAt.toISOString() };
};

describe("renewalMonths", () => {
  it("lists the odd months for every two months", () => {
    expect(renewalMonths(oddMonths)).toEqual([1, 3, 5, 7, 9, 11]);
  });

  it("lists even months, and longer intervals that keep the parity", () => {
    expect(renewalMonths({ ...oddMonths, months: "even" })).toEqual([2, 4, 6, 8, 10, 12]);
    expect(renewalMonths({ ...oddMonths, everyMonths: 4 })).toEqual([1, 5, 9]);
    expect(renewalMonths({ ...oddMonths, everyMonths: 12, months: "even" })).toEqual([2]);
  });

  it.each([1, 3, 5, 8])("refuses an interval of %i months, naming the file and the field", (everyMonths) => {
    const attempt = () => renewalMonths({ ...oddMonths, everyMonths });
    expect(attempt).toThrow(ContentError);
    expect(attempt).toThrow(/server\.yaml: tls\.renewal\.everyMonths: /);
  });
});

describe("nextRenewal", () => {
  it("finds the renewal later the same day in JST", () => {
    expect(next("2026-03-02T09:44:59+09:00")).toEqual({
      renewedAt: "2026-03-02T09:45:00+09:00",
      issuedAt: "2026-03-01T23:45:00.000Z",
    });
  });

  it("moves on to the next odd month once the renewal instant has come", () => {
    expect(next("2026-03-02T09:45:00+09:00").renewedAt).toBe("2026-05-02T09:45:00+09:00");
    expect(next("2026-03-02T00:45:00.001Z").renewedAt).toBe("2026-05-02T09:45:00+09:00");
  });

  it("skips an even month", () => {
    expect(next("2026-04-15T12:00:00+09:00").renewedAt).toBe("2026-05-02T09:45:00+09:00");
  });

  it("counts the day in Japan, not in UTC", () => {
    // 23:50 UTC on 1 May is already 08:50 on 2 May in Japan: the renewal is less than an hour away.
    expect(next("2026-05-01T23:50:00Z").renewedAt).toBe("2026-05-02T09:45:00+09:00");
    // 01:00 UTC on 2 May is 10:00 JST, after the renewal: the next one is in July.
    expect(next("2026-05-02T01:00:00Z").renewedAt).toBe("2026-07-02T09:45:00+09:00");
  });

  it("rolls over into January of the next year", () => {
    expect(next("2026-11-27T00:00:00+09:00")).toEqual({
      renewedAt: "2027-01-02T09:45:00+09:00",
      issuedAt: "2027-01-01T23:45:00.000Z",
    });
    expect(next("2026-12-31T23:59:59+09:00").renewedAt).toBe("2027-01-02T09:45:00+09:00");
  });

  it("rolls over when the JST new year is still the old year in UTC", () => {
    // 2026-12-31T20:00Z is 05:00 on 1 January 2027 in Japan.
    expect(next("2026-12-31T20:00:00Z").renewedAt).toBe("2027-01-02T09:45:00+09:00");
  });

  it("puts the issuance on the same UTC day when its time comes before the renewal", () => {
    const early = { ...oddMonths, issuedAtUtc: "00:15" };
    expect(next("2026-06-10T00:00:00+09:00", early)).toEqual({
      renewedAt: "2026-07-02T09:45:00+09:00",
      issuedAt: "2026-07-02T00:15:00.000Z",
    });
  });

  it("follows an even-month schedule across the year end", () => {
    const even = { ...oddMonths, months: "even" as const, dayOfMonth: 28, renewedAtJst: "23:30" };
    expect(next("2026-12-28T23:30:00+09:00", even).renewedAt).toBe("2027-02-28T23:30:00+09:00");
  });

  it("refuses a time of day that does not exist, naming the field", () => {
    expect(() => nextRenewal({ ...oddMonths, renewedAtJst: "24:10" }, new Date())).toThrow(
      /tls\.renewal\.renewedAtJst: /,
    );
    expect(() => nextRenewal({ ...oddMonths, issuedAtUtc: "23:60" }, new Date())).toThrow(
      /tls\.renewal\.issuedAtUtc: /,
    );
  });
});

describe("previousRenewal", () => {
  it("includes a renewal at exactly the given instant", () => {
    const at = new Date("2026-05-02T09:45:00+09:00");
    expect(toJstIsoString(previousRenewal(oddMonths, at).renewedAt)).toBe("2026-05-02T09:45:00+09:00");
  });

  it("reaches back into November of the previous year", () => {
    const at = new Date("2027-01-02T09:44:00+09:00");
    expect(toJstIsoString(previousRenewal(oddMonths, at).renewedAt)).toBe("2026-11-02T09:45:00+09:00");
  });

  it("is always the renewal just before the next one", () => {
    for (let day = 0; day < 400; day += 7) {
      const at = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000);
      const before = previousRenewal(oddMonths, at).renewedAt;
      const after = nextRenewal(oddMonths, at).renewedAt;
      expect(before <= at && at < after).toBe(true);
      expect(nextRenewal(oddMonths, before).renewedAt).toEqual(after);
    }
  });
});
