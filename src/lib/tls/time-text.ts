import { twoDigits } from "../dates/jst.ts";

/** `9時45分` from the `HH:MM` a schedule states. */
export function clockText(hhmm: string): string {
  const [hour, minute] = hhmm.split(":").map(Number);
  return `${hour}時${twoDigits(minute ?? 0)}分`;
}

/** `2027年1月1日 23:45`, the UTC time a CA's logs and certificates use. */
export function utcDateTimeText(date: Date): string {
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日 ${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}`;
}

/** `2016年1月` from `2016-01`. */
export function yearMonthText(yyyymm: string): string {
  const [year, month] = yyyymm.split("-").map(Number);
  return `${year}年${month}月`;
}
