import type { TestCa } from "./test-ca.ts";

export interface TestAccount {
  username: string;
  password: string;
}

/** What every XMPP server the tests start offers, whichever software it runs. */
export interface TestXmppServer {
  domain: string;
  hosts: { pubsub?: string };
  /** `xmpp://127.0.0.1:<port>`: STARTTLS; the certificate is checked against `domain`. */
  service: string;
  ca: TestCa;
  dir: string;
  logFile: string;
  register(account: TestAccount): Promise<void>;
  /** Stops the process and keeps its data, so `start()` brings back the same server. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its folder. */
  dispose(): Promise<void>;
}
