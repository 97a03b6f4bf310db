import type { ServerFacts } from "../server-facts/schema.ts";

/** The renewal promise of server.yaml: how much validity the presented certificate always has left. */
export type RenewalMargin = ServerFacts["tls"]["renewal"]["before"];

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The validity a certificate from `notBefore` to `notAfter` must keep, by the promise. */
export function marginMs(margin: RenewalMargin, notBefore: Date, notAfter: Date): number {
  if (margin.days !== undefined) return margin.days * DAY_MS;
  const [part = 0, whole = 1] = (margin.lifetimeShare ?? "0/1").split("/").map(Number);
  return ((notAfter.getTime() - notBefore.getTime()) * part) / whole;
}

/** Whole days, rounded down: "5 days left" means at least five. */
export const wholeDays = (ms: number) => Math.floor(ms / DAY_MS);

/**
 * Why a certificate breaks the promise at `now`, or undefined when it keeps it.
 * The same words day after day while it stays broken: the daily record changes only when the verdict does.
 */
export function marginBreach(margin: RenewalMargin, notBefore: Date, notAfter: Date, now: Date): string | undefined {
  if (now < notBefore) return "not valid yet";
  const left = notAfter.getTime() - now.getTime();
  if (left <= 0) return "expired";
  const promised = marginMs(margin, notBefore, notAfter);
  if (left < promised) return `less than the promised ${(promised / DAY_MS).toFixed(1)} days left, not renewed`;
  return undefined;
}

/** The promise in Japanese, e.g. `有効期間の残りが 1/3 を切る前` or `有効期限の 30 日前まで`. */
export function marginText(margin: RenewalMargin): string {
  return margin.days !== undefined
    ? `有効期限の ${margin.days} 日前まで`
    : `有効期間の残りが ${margin.lifetimeShare} を切る前`;
}
