import { jstParts, parseJstDateTime, twoDigits } from "../dates/jst.ts";
import { shownPath } from "../files/shown-path.ts";
import { serverFactsFile } from "../server-facts/load.ts";
import type { ServerFacts } from "../server-facts/schema.ts";
import { ContentError } from "../validation/content-error.ts";

export type RenewalSchedule = ServerFacts["tls"]["renewal"];

/** One scheduled certificate renewal. */
export interface Renewal {
  /** When the server is expected to start presenting the new certificate. */
  renewedAt: Date;
  /** When the CA is expected to have issued it: the last `issuedAtUtc` at or before `renewedAt`. */
  issuedAt: Date;
}

function scheduleError(field: keyof RenewalSchedule, message: string, hint: string): ContentError {
  return new ContentError([
    {
      file: shownPath(serverFactsFile()),
      field: `tls.renewal.${field}`,
      message,
      hint,
    },
  ]);
}

/**
 * The months (1–12) in which the certificate is renewed, e.g. 1, 3, 5, 7, 9, 11
 * for every two months in odd months. The step must keep the parity the
 * schedule names and repeat every year, or "odd months" would be a lie.
 */
export function renewalMonths(schedule: RenewalSchedule): number[] {
  const { everyMonths, months } = schedule;
  if (everyMonths % 2 !== 0 || 12 % everyMonths !== 0) {
    throw scheduleError(
      "everyMonths",
      `${everyMonths}か月ごとでは毎年同じ${months === "odd" ? "奇数" : "偶数"}月になりません (the interval must be 2, 4, 6 or 12 months to stay in ${months} months)`,
      "2, 4, 6, 12 のどれかにしてください。",
    );
  }
  const first = months === "odd" ? 1 : 2;
  const result: number[] = [];
  for (let month = first; month <= 12; month += everyMonths) result.push(month);
  return result;
}

function renewalIn(schedule: RenewalSchedule, year: number, month: number): Renewal {
  const renewedAt = parseJstDateTime(
    `${year}-${twoDigits(month)}-${twoDigits(schedule.dayOfMonth)}T${schedule.renewedAtJst}:00+09:00`,
  );
  if (renewedAt === undefined) {
    throw scheduleError(
      "renewedAtJst",
      `「${schedule.renewedAtJst}」は時刻として読めません (not a time of day)`,
      "09:45 のように 00:00–23:59 で書いてください。",
    );
  }
  const sameUtcDay = parseJstDateTime(`${renewedAt.toISOString().slice(0, 10)}T${schedule.issuedAtUtc}:00Z`);
  if (sameUtcDay === undefined) {
    throw scheduleError(
      "issuedAtUtc",
      `「${schedule.issuedAtUtc}」は時刻として読めません (not a time of day)`,
      "23:45 のように 00:00–23:59 で書いてください。",
    );
  }
  // Issuance precedes the switch: a UTC time of day later than the renewal belongs to the day before.
  const issuedAt = sameUtcDay > renewedAt ? new Date(sameUtcDay.getTime() - 24 * 60 * 60 * 1000) : sameUtcDay;
  return { renewedAt, issuedAt };
}

/** Every renewal in the JST calendar year of `around` and the years either side, oldest first. */
function renewalsNear(schedule: RenewalSchedule, around: Date): Renewal[] {
  const { year } = jstParts(around);
  const months = renewalMonths(schedule);
  return [year - 1, year, year + 1].flatMap((y) => months.map((month) => renewalIn(schedule, y, month)));
}

/** The first scheduled renewal strictly after `after`. */
export function nextRenewal(schedule: RenewalSchedule, after: Date): Renewal {
  const found = renewalsNear(schedule, after).find((renewal) => renewal.renewedAt > after);
  // Unreachable for a valid schedule: every year has at least one renewal month.
  if (found === undefined) throw new Error(`no renewal after ${after.toISOString()}`);
  return found;
}

/** The latest scheduled renewal at or before `at`. */
export function previousRenewal(schedule: RenewalSchedule, at: Date): Renewal {
  const found = renewalsNear(schedule, at).findLast((renewal) => renewal.renewedAt <= at);
  if (found === undefined) throw new Error(`no renewal before ${at.toISOString()}`);
  return found;
}
