import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A throwaway certificate authority for tests and benchmarks: servers started
 * by the tests present certificates it issued, and clients verify them as
 * they would a real server's (TLS verification is never switched off).
 */
export interface TestCa {
  dir: string;
  certFile: string;
  keyFile: string;
}

export interface ServerCert {
  certFile: string;
  keyFile: string;
  /** Certificate then key in one file, the form ejabberd's `certfiles` reads. */
  bundleFile: string;
}

/** Set by the tests' global setup; workers inherit it (see tests/support/test-ca-setup.ts). */
export const TEST_CA_DIR_VARIABLE = "STEP_TEST_CA_DIR";

const openssl = (args: string[]) => execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });

/** openssl req: a new unencrypted P-256 key (quick to make, accepted by every server here). */
const NEW_P256_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];

const caAt = (dir: string): TestCa => ({ dir, certFile: join(dir, "ca.crt"), keyFile: join(dir, "ca.key") });

/** A new CA in its own temporary folder. */
export function createTestCa(name = "STEP.im test CA"): TestCa {
  const ca = caAt(mkdtempSync(join(tmpdir(), "step-test-ca-")));
  openssl([
    "req",
    "-x509",
    ...NEW_P256_KEY,
    "-keyout",
    ca.keyFile,
    "-out",
    ca.certFile,
    "-days",
    "2",
    "-subj",
    `/CN=${name}`,
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  return ca;
}

/** The CA the global setup made for this test run. */
export function sharedTestCa(): TestCa {
  const dir = process.env[TEST_CA_DIR_VARIABLE];
  if (!dir) throw new Error(`${TEST_CA_DIR_VARIABLE} is not set: run the tests through vitest (global setup)`);
  return caAt(dir);
}

/** The test run's shared CA under Vitest (its workers trust it), a new one outside it. */
export function defaultTestCa(): TestCa {
  return process.env[TEST_CA_DIR_VARIABLE] ? sharedTestCa() : createTestCa();
}

/**
 * A server certificate for `hostNames` (the first is the subject; all go in
 * subjectAltName, which is what clients check), written into `dir`, valid for
 * `days` from `startedDaysAgo` days ago (a back-dated certificate stands in for
 * one close to expiry, so no test waits for time to pass).
 */
export function issueServerCert(
  ca: TestCa,
  hostNames: readonly string[],
  dir: string,
  days = 2,
  startedDaysAgo = 0,
): ServerCert {
  const [first] = hostNames;
  if (first === undefined) throw new Error("issueServerCert needs at least one host name");
  const base = join(dir, first);
  const cert: ServerCert = { certFile: `${base}.crt`, keyFile: `${base}.key`, bundleFile: `${base}.pem` };
  const request = `${base}.csr`;
  const extensions = `${base}.ext`;
  writeFileSync(
    extensions,
    [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth,clientAuth",
      `subjectAltName=${hostNames.map((host) => `DNS:${host}`).join(",")}`,
      "",
    ].join("\n"),
  );
  openssl(["req", "-new", ...NEW_P256_KEY, "-keyout", cert.keyFile, "-out", request, "-subj", `/CN=${first}`]);
  if (startedDaysAgo > 0) signBackDated(ca, request, extensions, cert.certFile, days, startedDaysAgo);
  else {
    // A random serial rather than -CAcreateserial: test workers issue at the same time from one CA.
    const serial = `0x${randomBytes(16).toString("hex")}`;
    openssl([
      "x509",
      "-req",
      "-in",
      request,
      "-CA",
      ca.certFile,
      "-CAkey",
      ca.keyFile,
      "-set_serial",
      serial,
      "-days",
      String(days),
      "-out",
      cert.certFile,
      "-extfile",
      extensions,
    ]);
  }
  writeFileSync(cert.bundleFile, readFileSync(cert.certFile, "utf8") + readFileSync(cert.keyFile, "utf8"));
  return cert;
}

/** `20261023054034Z`, the form `openssl ca -startdate` takes. */
const opensslTime = (date: Date) => `${date.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;

/**
 * Signs with a start date in the past. OpenSSL 3.0's `x509 -req` always starts
 * now; `openssl ca` takes both dates, with a database of its own in a folder of its own.
 */
function signBackDated(
  ca: TestCa,
  request: string,
  extensions: string,
  certFile: string,
  days: number,
  startedDaysAgo: number,
): void {
  const work = mkdtempSync(join(tmpdir(), "step-test-ca-sign-"));
  try {
    const config = join(work, "ca.cnf");
    writeFileSync(join(work, "index.txt"), "");
    writeFileSync(
      config,
      [
        "[ca]",
        "default_ca = test",
        "[test]",
        `database = ${join(work, "index.txt")}`,
        `serial = ${join(work, "serial")}`,
        `new_certs_dir = ${work}`,
        "default_md = sha256",
        "policy = any",
        "unique_subject = no",
        "[any]",
        "commonName = supplied",
        "",
      ].join("\n"),
    );
    const day = 24 * 60 * 60 * 1000;
    const start = new Date(Date.now() - startedDaysAgo * day);
    openssl([
      "ca",
      "-batch",
      "-config",
      config,
      "-cert",
      ca.certFile,
      "-keyfile",
      ca.keyFile,
      "-in",
      request,
      "-out",
      certFile,
      "-startdate",
      opensslTime(start),
      "-enddate",
      opensslTime(new Date(start.getTime() + days * day)),
      "-extfile",
      extensions,
      "-notext",
      "-rand_serial",
    ]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
