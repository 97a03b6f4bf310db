import { formatJstDateTime, jstParts, twoDigits } from "../dates/jst.ts";
import type { StatusKind } from "./frontmatter.ts";

/** What the status logic needs of an entry; pages pass their collection entries. */
export interface StatusTimes {
  kind: StatusKind;
  date: Date;
  resolved?: Date | undefined;
  updated: Date;
}

/**
 * Where an entry stands at `now` (the build's one "now"): announced but not begun, going on, or over.
 * A `resolved` still in the future (the planned end of maintenance) counts from that moment on.
 */
export type StatusPhase = "upcoming" | "open" | "resolved";

export function statusPhase(entry: StatusTimes, now: Date): StatusPhase {
  if (entry.resolved && entry.resolved.getTime() <= now.getTime()) return "resolved";
  if (entry.date.getTime() > now.getTime()) return "upcoming";
  return "open";
}

interface WithTimes<T extends StatusTimes> {
  data: T;
}

const byStartNewestFirst = <E extends WithTimes<StatusTimes>>(a: E, b: E) =>
  b.data.date.getTime() - a.data.date.getTime();

/** Entries going on at `now`, the latest begun first: the header of /status/ and the notice on every page. */
export function openEntries<E extends WithTimes<StatusTimes>>(entries: readonly E[], now: Date): E[] {
  return entries.filter((entry) => statusPhase(entry.data, now) === "open").sort(byStartNewestFirst);
}

/** Entries announced for later, the soonest first. */
export function upcomingEntries<E extends WithTimes<StatusTimes>>(entries: readonly E[], now: Date): E[] {
  return entries
    .filter((entry) => statusPhase(entry.data, now) === "upcoming")
    .sort((a, b) => a.data.date.getTime() - b.data.date.getTime());
}

export interface StatusMonth<E> {
  /** `2026-12`, the month in Japan of the start. */
  month: string;
  /** `2026年12月`. */
  label: string;
  entries: E[];
}

/** Entries that are over, by the month (in Japan) they began, newest month and entry first. */
export function historyByMonth<E extends WithTimes<StatusTimes>>(entries: readonly E[], now: Date): StatusMonth<E>[] {
  const over = entries.filter((entry) => statusPhase(entry.data, now) === "resolved").sort(byStartNewestFirst);
  const months = new Map<string, StatusMonth<E>>();
  for (const entry of over) {
    const { year, month } = jstParts(entry.data.date);
    const key = `${year}-${twoDigits(month)}`;
    const group = months.get(key) ?? { month: key, label: `${year}年${month}月`, entries: [] };
    group.entries.push(entry);
    months.set(key, group);
  }
  return [...months.values()];
}

/**
 * The entry's Atom `updated`: its latest change that has happened by `now`. A resolution counts even
 * when the editor did not touch `updated`, so closing an incident always reaches subscribers again.
 */
export function statusEntryUpdated(entry: StatusTimes, now: Date): Date {
  const times = [entry.date, entry.updated, entry.resolved]
    .filter((time): time is Date => time !== undefined && time.getTime() <= now.getTime())
    .map((time) => time.getTime());
  return new Date(Math.max(entry.date.getTime(), ...times));
}

/** The one-line state of the service, as the home page and the header of /status/ say it. */
export const ALL_RUNNING = "すべて正常に稼働しています";

export function statusHeadline(open: readonly WithTimes<StatusTimes>[]): string {
  if (open.length === 0) return ALL_RUNNING;
  const incidents = open.filter((entry) => entry.data.kind === "障害").length;
  const maintenance = open.length - incidents;
  return [
    incidents > 0 && `障害が${incidents}件発生しています`,
    maintenance > 0 && `メンテナンス中です (${maintenance}件)`,
  ]
    .filter(Boolean)
    .join("。");
}

/** `障害 (クライアントからの接続、談話室 (MUC))` with labels from server.yaml, for lists and feed summaries. */
export function statusServicesText(serviceKeys: readonly string[], labels: Readonly<Record<string, string>>): string {
  return serviceKeys.map((key) => labels[key] ?? key).join("、");
}

/** The feed's summary of an entry: what, which services, when it began and (if so) ended. */
export function statusSummary(
  entry: StatusTimes & { services: readonly string[] },
  labels: Readonly<Record<string, string>>,
  now: Date,
): string {
  const phase = statusPhase(entry, now);
  const lead = `${entry.kind} (${statusServicesText(entry.services, labels)})`;
  const start = `${phase === "upcoming" ? "予定" : "開始"}: ${formatJstDateTime(entry.date)}`;
  const end =
    phase === "resolved" && entry.resolved
      ? ` — ${entry.kind === "障害" ? "復旧" : "終了"}: ${formatJstDateTime(entry.resolved)}`
      : "";
  return `${lead} ${start}${end}`;
}
