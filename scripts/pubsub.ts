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
import { runPublisher } from "./pubsub/execute.ts";
import { jsonReporter, type Reporter, textReporter } from "./pubsub/report.ts";
import { readBuiltSite } from "./pubsub/site.ts";
import { publishTarget } from "./pubsub/target.ts";
import { accountFromEnv } from "./xmpp/config.ts";
import { openSession, type XmppSession } from "./xmpp/connect.ts";
import { Secret } from "./xmpp/secret.ts";

const USAGE = `usage: npm run pubsub -- [--site DIR] [--dry-run] [--json] [--allow-mass-retract] [--timeout SECONDS]

  --site DIR             the built site to read (default: $STEP_OUT_DIR or dist)
  --dry-run              connect, read the node, print the plan; change nothing
  --json                 print one JSON document instead of lines
  --allow-mass-retract   run even if the feed is empty or many items would be retracted
  --timeout SECONDS      give up after this long (default 120)

environment: XMPP_JID, XMPP_PASSWORD (required); XMPP_SERVICE (xmpp://host:port or
xmpps://host:port); PUBSUB_SERVICE, PUBSUB_NODE, PUBSUB_SINCE override content/server.yaml;
NODE_EXTRA_CA_CERTS trusts an extra CA.`;

interface CliOptions {
  site: string;
  dryRun: boolean;
  json: boolean;
  allowMassRetract: boolean;
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
      timeout: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });

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
    const target = publishTarget(serverFacts().xmpp.pubsub, env);
    const feed = readBuiltSite(options.site, contentDir());
    const account = accountFromEnv(env);
    reporter.start({ target, posts: feed.posts.length, dryRun: options.dryRun });
    session = await openSession(account, { signal: AbortSignal.timeout(options.timeoutSeconds * 1000) });
    await runPublisher(session, target, feed, options, reporter);
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
