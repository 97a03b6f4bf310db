import { describe, expect, it } from "vitest";
import { jstDateTime } from "../../src/lib/validation/fields.ts";

describe("jstDateTime field", () => {
  const field = jstDateTime("date");
  const message = (value: string) => field.safeParse(value).error?.issues[0]?.message;

  it("says a year before 1970 is not accepted, rather than reading 0099 as 1999", () => {
    expect(message("0099-04-14")).toBe(
      "「0099-04-14」: 1970 年より前の日付は使えません (years before 1970 are not accepted)",
    );
  });

  it("refuses an offset no clock shows", () => {
    expect(message("2018-04-14T09:00+99:99")).toMatch(/は日付として読めません.*offsets run from -12:00 to \+14:00/);
  });

  it("reads a real date", () => {
    expect(field.parse("2018-04-14")).toEqual(new Date("2018-04-13T15:00:00Z"));
  });
});
