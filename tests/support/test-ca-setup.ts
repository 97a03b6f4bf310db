import { rmSync } from "node:fs";
import { createTestCa, TEST_CA_DIR_VARIABLE } from "../../scripts/harness/test-ca.ts";

/**
 * One throwaway CA for every tier that starts TLS servers. Node reads NODE_EXTRA_CA_CERTS only
 * at start-up; test workers are forked after this runs, so they all trust the test CA.
 */
export default function setup() {
  if (process.env[TEST_CA_DIR_VARIABLE]) return;
  const ca = createTestCa();
  process.env[TEST_CA_DIR_VARIABLE] = ca.dir;
  process.env.NODE_EXTRA_CA_CERTS = ca.certFile;
  return () => {
    rmSync(ca.dir, { recursive: true, force: true });
    delete process.env[TEST_CA_DIR_VARIABLE];
    delete process.env.NODE_EXTRA_CA_CERTS;
  };
}
