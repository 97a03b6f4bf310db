import type { Failure } from "../lib/failure.ts";
import type { ItemFailure, NodeReport, RunListener } from "./execute.ts";
import type { FeedPost } from "./feed-entries.ts";
import type { Action } from "./plan.ts";
import type { PublishedFeed } from "./target.ts";

/** Everything the CLI prints goes through one of these: lines for people, or one JSON document for machines. */
export interface Reporter extends RunListener {
  start(dryRun: boolean): void;
  finish(stanzasSent: number): void;
  fail(failure: Failure, stanzasSent: number | undefined): void;
}

type Kind = Action<FeedPost>["kind"];
const KINDS: readonly Kind[] = ["publish", "update", "retract", "skip"];
const PAST = { publish: "published", update: "updated", retract: "retracted", skip: "skipped" } as const;

interface ActionRecord {
  action: Kind;
  itemId: string;
  atomId?: string;
  title?: string;
  reason: string;
}

const record = (action: Action<FeedPost>): ActionRecord => ({
  action: action.kind,
  itemId: action.itemId,
  ...("post" in action && action.post && { atomId: action.post.atomId, title: action.post.title }),
  reason: action.reason,
});

function counts(actions: readonly ActionRecord[], failures: readonly ItemFailure[]): Record<Kind | "failed", number> {
  const tally = { publish: 0, update: 0, retract: 0, skip: 0, failed: failures.length };
  for (const { action } of actions) tally[action] += 1;
  return tally;
}

const cutoff = (feed: PublishedFeed) => feed.target.since?.toISOString() ?? "none";

/** One line per action as it happens, a summary per feed; errors as one line on stderr. */
export function textReporter(write: (line: string) => void, writeError: (line: string) => void): Reporter {
  let done: ActionRecord[] = [];
  let failures: ItemFailure[] = [];
  let dryRun = false;
  return {
    start(isDryRun) {
      dryRun = isDryRun;
    },
    feed(feed, posts) {
      done = [];
      failures = [];
      const { node, service } = feed.target;
      const mode = dryRun ? "; dry run: nothing will be changed" : "";
      write(`pubsub: ${posts} posts in ${feed.path}, node ${node} on ${service}, cutoff ${cutoff(feed)}${mode}`);
    },
    node(report) {
      write(`node: ${describeNode(report)}`);
    },
    warning(text) {
      write(`warning: ${text}`);
    },
    action(action) {
      const entry = record(action);
      done.push(entry);
      const title = entry.title ? ` "${entry.title}"` : "";
      write(`${entry.action.padEnd(7)} ${entry.itemId}${title} (${entry.reason})`);
    },
    failed(failure) {
      failures.push(failure);
      const title = failure.title ? ` "${failure.title}"` : "";
      write(`failed  ${failure.itemId}${title} (${failure.message})`);
    },
    feedDone() {
      const tally = counts(done, failures);
      const parts = KINDS.map((kind) => (dryRun ? `${tally[kind]} to ${kind}` : `${tally[kind]} ${PAST[kind]}`));
      const mode = dryRun ? " (dry run, nothing changed)" : "";
      write(`summary${mode}: ${parts.join(", ")}, ${tally.failed} failed`);
    },
    finish(stanzasSent) {
      write(`done: ${stanzasSent} stanzas sent`);
    },
    fail(failure) {
      writeError(`pubsub: error: ${failure.message}`);
    },
  };
}

function describeNode({ existed, created, maxItems }: NodeReport): string {
  const keeps =
    maxItems === undefined ? "an unknown number of" : maxItems === "max" ? "the server's maximum of" : maxItems;
  if (created) return `created, keeps ${keeps} items`;
  if (!existed) return "missing; a real run creates it";
  return `exists, keeps ${keeps} items`;
}

interface FeedDocument {
  path: string;
  service: string;
  node: string;
  since: string | null;
  posts: number;
  nodeState?: NodeReport;
  warnings: string[];
  actions: ActionRecord[];
  failures: ItemFailure[];
  summary?: Record<Kind | "failed", number>;
}

/** The same run as one JSON document on stdout (also on failure, with `error`); the error line still goes to stderr. */
export function jsonReporter(write: (text: string) => void, writeError: (line: string) => void): Reporter {
  let dryRun = false;
  const feeds: FeedDocument[] = [];
  const current = () => feeds.at(-1);
  const emit = (stanzasSent: number | undefined, error?: Failure) => {
    const problem = error && { error: { kind: error.kind, message: error.message } };
    write(JSON.stringify({ dryRun, feeds, stanzasSent, ...problem }, null, 2));
  };
  return {
    start(isDryRun) {
      dryRun = isDryRun;
    },
    feed(feed, posts) {
      const { service, node, since } = feed.target;
      feeds.push({
        path: feed.path,
        service,
        node,
        since: since?.toISOString() ?? null,
        posts,
        warnings: [],
        actions: [],
        failures: [],
      });
    },
    node(report) {
      const feed = current();
      if (feed) feed.nodeState = report;
    },
    warning(text) {
      current()?.warnings.push(text);
    },
    action(action) {
      current()?.actions.push(record(action));
    },
    failed(failure) {
      current()?.failures.push(failure);
    },
    feedDone() {
      const feed = current();
      if (feed) feed.summary = counts(feed.actions, feed.failures);
    },
    finish: (stanzasSent) => emit(stanzasSent),
    fail(failure, stanzasSent) {
      emit(stanzasSent, failure);
      writeError(`pubsub: error: ${failure.message}`);
    },
  };
}
