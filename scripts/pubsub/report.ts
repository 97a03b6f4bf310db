import type { Failure } from "../lib/failure.ts";
import type { NodeReport, RunListener } from "./execute.ts";
import type { FeedPost } from "./feed-entries.ts";
import type { Action } from "./plan.ts";
import type { PublishTarget } from "./target.ts";

export interface RunHeader {
  target: PublishTarget;
  posts: number;
  dryRun: boolean;
}

/** Everything the CLI prints goes through one of these: lines for people, or one JSON document for machines. */
export interface Reporter extends RunListener {
  start(header: RunHeader): void;
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

function counts(actions: readonly ActionRecord[]): Record<Kind, number> {
  const tally = { publish: 0, update: 0, retract: 0, skip: 0 };
  for (const { action } of actions) tally[action] += 1;
  return tally;
}

/** One line per action as it happens, then a summary; errors as one line on stderr. */
export function textReporter(write: (line: string) => void, writeError: (line: string) => void): Reporter {
  const done: ActionRecord[] = [];
  let dryRun = false;
  return {
    start(header) {
      dryRun = header.dryRun;
      const { node, service, since } = header.target;
      const mode = dryRun ? "; dry run: nothing will be changed" : "";
      write(
        `pubsub: ${header.posts} posts in the feed, node ${node} on ${service}, cutoff ${since.toISOString()}${mode}`,
      );
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
    finish(stanzasSent) {
      const tally = counts(done);
      const parts = KINDS.map((kind) => (dryRun ? `${tally[kind]} to ${kind}` : `${tally[kind]} ${PAST[kind]}`));
      const mode = dryRun ? " (dry run, nothing changed)" : "";
      write(`summary${mode}: ${parts.join(", ")}; ${stanzasSent} stanzas sent`);
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

/** The same run as one JSON document on stdout (also on failure, with `error`); the error line still goes to stderr. */
export function jsonReporter(write: (text: string) => void, writeError: (line: string) => void): Reporter {
  const document: Record<string, unknown> = {};
  const actions: ActionRecord[] = [];
  const warnings: string[] = [];
  const emit = (stanzasSent: number | undefined) => {
    write(JSON.stringify({ ...document, warnings, actions, summary: counts(actions), stanzasSent }, null, 2));
  };
  return {
    start({ target, posts, dryRun }) {
      Object.assign(document, {
        dryRun,
        service: target.service,
        node: target.node,
        since: target.since.toISOString(),
        posts,
      });
    },
    node(report) {
      document.nodeState = report;
    },
    warning(text) {
      warnings.push(text);
    },
    action(action) {
      actions.push(record(action));
    },
    finish: emit,
    fail(failure, stanzasSent) {
      document.error = { kind: failure.kind, message: failure.message };
      emit(stanzasSent);
      writeError(`pubsub: error: ${failure.message}`);
    },
  };
}
