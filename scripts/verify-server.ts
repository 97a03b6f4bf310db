import { parseArgs } from "node:util";
import { toJstIsoString } from "../src/lib/dates/jst.ts";
import { shownPath } from "../src/lib/files/shown-path.ts";
import { serverFacts } from "../src/lib/server-facts/load.ts";
import { observationsFile } from "../src/lib/server-facts/observed-claims.ts";
import { ContentError } from "../src/lib/validation/content-error.ts";
import { EXIT, exitCodeFor, Failure } from "./lib/failure.ts";
import { presentedCertificate } from "./verify-server/certificate.ts";
import { certificateRows, compareWithFacts } from "./verify-server/claims.ts";
import { observeServer } from "./verify-server/observe.ts";
import { writeObservations } from "./verify-server/observed-file.ts";
import { formatTable, hasDrift, summary } from "./verify-server/report.ts";
import { openTlsTo } from "./verify-server/starttls-probe.ts";
import { accountFromEnv, anonymousAccount } from "./xmpp/config.ts";
import { openSession } from "./xmpp/connect.ts";
import { candidateEndpoints } from "./xmpp/endpoints.ts";

const USAGE = `usage: npm run verify-server [-- --write-observed] [--json]

Compares content/server.yaml with what the XMPP server advertises and prints
claim / observed / status for each fact. Logs in with XMPP_JID and
XMPP_PASSWORD, or anonymously on the anonymous host when XMPP_JID is unset;
XMPP_SERVICE (xmpp://host:port or xmpps://host:port) overrides DNS, and
NODE_EXTRA_CA_CERTS adds a trusted CA.

  --write-observed  record every claim, its status and the certificate in
                    content/observed/verify-server.yaml (the privacy page and the TLS guide show it)
  --json            print the result as JSON

exit status: 0 no drift, 1 drift, 2 bad usage or configuration, 3 the server could not be
checked (unreachable, or its certificate does not verify: nothing is recorded then)`;

const TIMEOUT_MS = 15_000;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { "write-observed": { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean" } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const facts = serverFacts();
  const login = process.env.XMPP_JID ? accountFromEnv() : anonymousAccount(facts.xmpp.anonymousHost);

  // The certificate of the domain itself, over STARTTLS where offered: what the TLS guide tells readers to compare.
  const endpoints = await candidateEndpoints({ ...login, domain: facts.xmpp.domain });
  const probeEndpoint = endpoints.find((endpoint) => !endpoint.directTls) ?? endpoints[0];
  if (probeEndpoint === undefined) throw new Failure("unreachable", `no XMPP server found for ${facts.xmpp.domain}`);
  // The anonymous host is served by the domain's server and need not have DNS records of its own.
  const account = login.anonymous ? { ...login, endpoint: login.endpoint ?? probeEndpoint } : login;
  const tls = await openTlsTo(probeEndpoint, facts.xmpp.domain, TIMEOUT_MS);
  const now = new Date();
  const presented = presentedCertificate(tls, facts.xmpp.domain);
  tls.destroy();

  // No login over a connection that does not verify: show why, and record nothing (the last good record stays).
  if (presented.chainError !== undefined || presented.nameError !== undefined) {
    const rows = certificateRows(facts, presented, now);
    console.log(
      values.json
        ? JSON.stringify({ drift: true, rows, certificate: presented.certificate }, null, 2)
        : formatTable(rows),
    );
    throw new Failure(
      "certificate",
      `the certificate ${facts.xmpp.domain} presents is not trusted (${presented.chainError ?? presented.nameError}); a private CA can be trusted with NODE_EXTRA_CA_CERTS`,
    );
  }

  const session = await openSession(account, { connectTimeoutMs: TIMEOUT_MS, requestTimeoutMs: TIMEOUT_MS });
  const snapshot = await observeServer(session, facts, presented).finally(() => session.close());
  const rows = compareWithFacts(facts, snapshot, now);

  if (values.json) {
    console.log(
      JSON.stringify(
        { drift: hasDrift(rows), loggedInAs: session.jid, rows, certificate: presented.certificate },
        null,
        2,
      ),
    );
  } else {
    console.log(`${facts.xmpp.domain} (logged in as ${session.jid})\n`);
    console.log(formatTable(rows));
    console.log(`\n${summary(rows)}`);
  }
  if (values["write-observed"]) {
    const file = observationsFile();
    writeObservations(file, { observedAt: toJstIsoString(now), certificate: presented.certificate, claims: rows });
    if (!values.json) console.log(`wrote ${shownPath(file)}`);
  }
  return hasDrift(rows) ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const code = exitCodeFor(error, EXIT.refused);
  console.error(`verify-server: ${error instanceof Error ? error.message : String(error)}`);
  if (code === 2 && !(error instanceof ContentError)) console.error(`\n${USAGE}`);
  process.exitCode = code;
}
