import { twoDigits } from "../dates/jst.ts";

/** `9時45分` from the `HH:MM` a schedule states. */
export function clockText(hhmm: string): string {
  const [hour, minute] = hhmm.split(":").map(Number);
  return `${hour}時${twoDigits(minute ?? 0)}分`;
}

/** `2016年1月` from `2016-01`. */
export function yearMonthText(yyyymm: string): string {
  const [year, month] = yyyymm.split("-").map(Number);
  return `${year}年${month}月`;
}
