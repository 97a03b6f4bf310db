import type { ServerFacts } from "../server-facts/schema.ts";

/** A fixed renewal calendar of the past (2016–2026: every 2 months, in odd months). */
export type PastSchedule = ServerFacts["tls"]["history"][number];

/**
 * The months (1–12) in which a past schedule renewed, e.g. 1, 3, 5, 7, 9, 11
 * for every two months in odd months. The schema allows only intervals that
 * keep the parity year after year.
 */
export function renewalMonths(schedule: Pick<PastSchedule, "everyMonths" | "months">): number[] {
  const first = schedule.months === "odd" ? 1 : 2;
  const months: number[] = [];
  for (let month = first; month <= 12; month += schedule.everyMonths) months.push(month);
  return months;
}
