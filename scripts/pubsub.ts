/**
 * `npm run pubsub`: announces the built site's new and changed posts on the
 * XMPP PubSub node the old WordPress "Jabber Feed" plugin fed, and retracts
 * the items of deleted posts. Usage and environment: see USAGE below and the
 * README.
 */
import { parseArgs } from "node:util";
import { contentDir } from "../src/lib/content-dir.ts";
import { serverFacts } from "../src/lib/server-facts/load.ts";
import { exitCodeFor, Failure } from "./lib/failure.ts";
import { buildSource, type FeedOutcome, publishFeed } from "./pubsub/execute.ts";
import { PUBLISHER_RESOURCE, requireLock } from "./pubsub/lock.ts";
import { jsonReporter, type Reporter, textReporter } from "./pubsub/report.ts";
import { readBuiltSite } from "./pubsub/site.ts";
import { publishedFeeds } from "./pubsub/target.ts";
import { accountFromEnv } from "./xmpp/config.ts";
import { openSession, type XmppSession } from "./xmpp/connect.ts";
import { Secret } from "./xmpp/secret.ts";

const USAGE = `usage: npm run pubsub -- [--site DIR] [--dry-run] [--json] [--allow-mass-retract]
                         [--allow-mass-publish] [--allow-older-build] [--timeout SECONDS]

  --site DIR             the built site to read (default: $STEP_OUT_DIR or dist)
  --dry-run              connect, read the node, print the plan; change nothing
  --json                 print one JSON document instead of lines
  --allow-mass-retract   run even if the feed is empty or more than 2 items would be retracted
  --allow-mass-publish   run even if more than 10 posts would be announced for the first time
  --allow-older-build    run a build older than what was published (it still retracts nothing)
  --timeout SECONDS      give up after this long (default 120)

environment: XMPP_JID, XMPP_PASSWORD (required); XMPP_SERVICE (xmpp://host:port or
xmpps://host:port); PUBSUB_SERVICE, PUBSUB_NODE, PUBSUB_SINCE override content/server.yaml;
NODE_EXTRA_CA_CERTS trusts an extra CA.`;

interface CliOptions {
  site: string;
  dryRun: boolean;
  json: boolean;
  allowMassRetract: boolean;
  allowMassPublish: boolean;
  allowOlderBuild: boolean;
  timeoutSeconds: number;
  help: boolean;
}

function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new Failure("usage", `${(error as Error).message} (see --help)`);
  }
  const timeoutSeconds = Number(values.timeout ?? 120);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new Failure("usage", `--timeout "${values.timeout}" is not a positive number of seconds`);
  }
  return {
    site: values.site ?? env.STEP_OUT_DIR ?? "dist",
    dryRun: values["dry-run"] ?? false,
    json: values.json ?? false,
    allowMassRetract: values["allow-mass-retract"] ?? false,
    allowMassPublish: values["allow-mass-publish"] ?? false,
    allowOlderBuild: values["allow-older-build"] ?? false,
    timeoutSeconds,
    help: values.help ?? false,
  };
}

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      site: { type: "string" },
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
      "allow-mass-retract": { type: "boolean" },
      "allow-mass-publish": { type: "boolean" },
      "allow-older-build": { type: "boolean" },
      timeout: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });

/**
 * What the feeds' outcomes add up to: a guard's refusal (exit 3) or items the
 * server refused (exit 1), in one line; undefined when everything went out.
 */
function outcomeFailure(outcomes: readonly FeedOutcome[]): Failure | undefined {
  const refusals = outcomes.flatMap((outcome) => (outcome.refusal ? [outcome.refusal] : []));
  const failures = outcomes.flatMap((outcome) => outcome.failures);
  const items = failures.map(
    (failure) => `${failure.itemId}${failure.title ? ` "${failure.title}"` : ""}: ${failure.message}`,
  );
  const itemText =
    items.length > 0 ? `${items.length} item(s) not published, retried on the next run: ${items.join("; ")}` : "";
  if (refusals.length > 0) return new Failure("refused", [...refusals, itemText].filter(Boolean).join("; "));
  if (items.length > 0) return new Failure("server", itemText);
  return undefined;
}

/** Whatever went wrong, as a Failure whose message cannot contain the password. */
function asFailure(error: unknown, password: Secret): Failure {
  if (error instanceof Failure) return new Failure(error.kind, password.redact(error.message));
  const message = error instanceof Error ? error.message : String(error);
  const kind = error instanceof Error && error.name === "ContentError" ? "config" : "server";
  return new Failure(kind, password.redact(message));
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const password = new Secret(env.XMPP_PASSWORD ?? "");
  const json = argv.includes("--json");
  const stdout = (line: string) => process.stdout.write(`${line}\n`);
  const stderr = (line: string) => process.stderr.write(`${line}\n`);
  const reporter: Reporter = json ? jsonReporter(stdout, stderr) : textReporter(stdout, stderr);
  let session: XmppSession | undefined;
  try {
    const options = parseCli(argv, env);
    if (options.help) {
      stdout(USAGE);
      return 0;
    }
    const site = readBuiltSite(options.site, contentDir(), publishedFeeds(serverFacts(), env));
    const account = accountFromEnv(env);
    reporter.start(options.dryRun);
    session = await openSession(account, {
      signal: AbortSignal.timeout(options.timeoutSeconds * 1000),
      ...(!options.dryRun && { resource: PUBLISHER_RESOURCE }),
    });
    if (!options.dryRun) requireLock(session);
    const outcomes: FeedOutcome[] = [];
    for (const { built, ...feed } of site.feeds) {
      outcomes.push(
        await publishFeed(
          session,
          feed,
          built,
          buildSource(site.info),
          { ...options, now: () => new Date() },
          reporter,
        ),
      );
    }
    const problem = outcomeFailure(outcomes);
    if (problem) throw problem;
    reporter.finish(session.stanzasSent);
    return 0;
  } catch (error) {
    const failure = asFailure(error, password);
    reporter.fail(failure, session?.stanzasSent);
    return exitCodeFor(failure);
  } finally {
    await session?.close();
  }
}

process.exitCode = await main(process.argv.slice(2), process.env);
// Every socket is closed by now; should a library still hold a timer, do not let it keep CI waiting.
setTimeout(() => process.exit(), 2_000).unref();
