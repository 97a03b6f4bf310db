/**
 * Dates on STEP.im are Japan Standard Time. Japan has no daylight saving time,
 * so a fixed +09:00 offset is exact and needs no time-zone database.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export interface JstParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The earliest year a date may have: nothing on STEP.im predates it, and
 * `Date.UTC` would read the years 0–99 as 1900–1999.
 */
export const EARLIEST_YEAR = 1970;

/** Offsets in use on Earth run from -12:00 to +14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * Reads `2018-08-10` as 00:00 JST, `2018-08-10T12:00` as 12:00 JST, and a
 * value with an explicit offset (`Z`, `+09:00`) as that instant. Returns
 * undefined for anything that is not a real calendar date and time, so that
 * `2018-13-40` is refused instead of rolling over into another month, and
 * likewise a year before EARLIEST_YEAR and an offset such as `+99:99`.
 */
export function parseJstDateTime(text: string): Date | undefined {
  const match = DATE_TIME_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (year < EARLIEST_YEAR) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const shift = offsetMs(offset);
  if (shift === undefined) return undefined;
  const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return new Date(wallClockAsUtc - shift);
}

/** The offset in milliseconds, or undefined for one that no clock shows (`+99:99`, `+15:00`). */
function offsetMs(offset: string | undefined): number | undefined {
  if (offset === undefined) return JST_OFFSET_MS;
  if (offset === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (minutes > 59 || hours * 60 + minutes > MAX_OFFSET_MINUTES) return undefined;
  return sign * (hours * 60 + minutes) * 60 * 1000;
}

export function jstParts(date: Date): JstParts {
  const shifted = new Date(date.getTime() + JST_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** `09`: dates and times in paths and ISO strings are zero-padded. */
export const twoDigits = (n: number) => String(n).padStart(2, "0");

/** `2018年8月10日`, the way Japanese readers write a date. */
export function formatJstDate(date: Date): string {
  const { year, month, day } = jstParts(date);
  return `${year}年${month}月${day}日`;
}

/** `2027年1月2日 9時45分`: certificate times matter to the minute, unlike post dates. */
export function formatJstDateTime(date: Date): string {
  const { hour, minute } = jstParts(date);
  return `${formatJstDate(date)} ${hour}時${twoDigits(minute)}分`;
}

/** `2018-08-10T00:00:00+09:00`, for `<time datetime>`: keeps the reader's day unambiguous. */
export function toJstIsoString(date: Date): string {
  const { year, month, day, hour, minute, second } = jstParts(date);
  return `${year}-${twoDigits(month)}-${twoDigits(day)}T${twoDigits(hour)}:${twoDigits(minute)}:${twoDigits(second)}+09:00`;
}

/** `2018-08-10`, the calendar day in Japan. */
export function toJstDateString(date: Date): string {
  const { year, month, day } = jstParts(date);
  return `${year}-${twoDigits(month)}-${twoDigits(day)}`;
}
