import { describe, expect, it } from "vitest";
import { formatJstDate, parseJstDateTime, toJstDateString, toJstIsoString } from "../../src/lib/dates/jst.ts";

describe("parseJstDateTime", () => {
  it("reads a bare date as midnight in Japan", () => {
    expect(parseJstDateTime("2018-08-10")?.toISOString()).toBe("2018-08-09T15:00:00.000Z");
  });

  it("reads a date-time without offset as Japan time", () => {
    expect(parseJstDateTime("2016-01-02T09:45")?.toISOString()).toBe("2016-01-02T00:45:00.000Z");
  });

  it("honours an explicit offset", () => {
    expect(parseJstDateTime("2016-01-01T23:45:00Z")?.toISOString()).toBe("2016-01-01T23:45:00.000Z");
    expect(parseJstDateTime("2016-01-02T08:45:00+09:00")?.toISOString()).toBe("2016-01-01T23:45:00.000Z");
    expect(parseJstDateTime("2016-01-01T18:45:00-05:00")?.toISOString()).toBe("2016-01-01T23:45:00.000Z");
  });

  it.each(["2018-13-40", "2018-02-30", "2019-02-29", "2018-04-14T24:00", "18-04-14", "2018/04/14", "", "昨日"])(
    "refuses %j instead of rolling it over",
    (text) => {
      expect(parseJstDateTime(text)).toBeUndefined();
    },
  );

  it.each([
    "0000-01-01",
    "0099-12-31",
    "1969-12-31",
    "2018-04-14T09:00+99:99",
    "2018-04-14T09:00+15:00",
    "2018-04-14T09:00-12:60",
  ])("refuses %j: a year before 1970 or an offset no clock shows", (text) => {
    expect(parseJstDateTime(text)).toBeUndefined();
  });

  it("accepts the first day of 1970 and the extreme real offsets", () => {
    expect(parseJstDateTime("1970-01-01T09:00")?.toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(parseJstDateTime("2018-04-14T14:00+14:00")?.toISOString()).toBe("2018-04-14T00:00:00.000Z");
    expect(parseJstDateTime("2018-04-13T12:00-12:00")?.toISOString()).toBe("2018-04-14T00:00:00.000Z");
  });

  it("accepts the 29th of February in a leap year", () => {
    expect(parseJstDateTime("2020-02-29")).toBeInstanceOf(Date);
  });
});

describe("formatting in JST", () => {
  const lateUtc = new Date("2018-08-09T15:30:00Z"); // already 10 August in Japan

  it("writes dates the Japanese way, on the Japanese day", () => {
    expect(formatJstDate(lateUtc)).toBe("2018年8月10日");
    expect(toJstDateString(lateUtc)).toBe("2018-08-10");
  });

  it("gives <time datetime> an explicit +09:00 offset", () => {
    expect(toJstIsoString(lateUtc)).toBe("2018-08-10T00:30:00+09:00");
  });
});
