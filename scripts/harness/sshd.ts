import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { freePorts } from "./free-ports.ts";

/** A private OpenSSH server on loopback: the web host of the deploy test and the publish-path benchmark. */
export interface TestSshServer {
  port: number;
  user: string;
  /** The web root rsync writes into. */
  webRoot: string;
  /** The client's private key (text), as the DEPLOY_SSH_KEY secret holds it. */
  clientKey: string;
  /** The pinned known_hosts line, as the DEPLOY_KNOWN_HOSTS secret holds it. */
  knownHostsLine: string;
  /** A known_hosts line for the same address with another key: what a spoofed host would present. */
  wrongKnownHostsLine: string;
  stop(): Promise<void>;
}

function newKey(dir: string, name: string): { privateKey: string; publicKey: string } {
  const file = join(dir, name);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", file]);
  return { privateKey: readFileSync(file, "utf8"), publicKey: readFileSync(`${file}.pub`, "utf8").trim() };
}

async function waitForPort(port: number, deadline: number): Promise<void> {
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`sshd did not listen on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts Debian's sshd (`/usr/sbin/sshd -D`) with its own keys and config in a temp dir. */
export async function startSshServer(): Promise<TestSshServer> {
  const dir = mkdtempSync(join(tmpdir(), "step-sshd-"));
  const webRoot = join(dir, "www");
  mkdirSync(webRoot);
  const hostKey = newKey(dir, "host_key");
  const otherHostKey = newKey(dir, "other_host_key");
  const clientKey = newKey(dir, "client_key");
  writeFileSync(join(dir, "authorized_keys"), `${clientKey.publicKey}\n`);
  const port = (await freePorts(1))[0] as number;
  const user = userInfo().username;
  writeFileSync(
    join(dir, "sshd_config"),
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${join(dir, "host_key")}`,
      `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
      `AllowUsers ${user}`,
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "StrictModes no",
      "PidFile none",
      "Subsystem sftp internal-sftp",
    ].join("\n"),
  );
  // sshd run as root refuses to start without its privilege separation directory (made by the service we do not run).
  if (process.getuid?.() === 0) mkdirSync("/run/sshd", { recursive: true });
  const server = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", join(dir, "sshd_config")], { stdio: "ignore" });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  const stop = async () => {
    if (server.exitCode === null) server.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, Date.now() + 15_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const hostPattern = `[127.0.0.1]:${port}`;
  return {
    port,
    user,
    webRoot,
    clientKey: clientKey.privateKey,
    knownHostsLine: `${hostPattern} ${hostKey.publicKey.split(" ").slice(0, 2).join(" ")}`,
    wrongKnownHostsLine: `${hostPattern} ${otherHostKey.publicKey.split(" ").slice(0, 2).join(" ")}`,
    stop,
  };
}

/** What `npm run deploy` needs to send `siteDir` to this server (and nothing else of the caller's). */
export function deployVariables(sshd: TestSshServer, siteDir: string): Record<string, string> {
  return {
    DEPLOY_HOST: "127.0.0.1",
    DEPLOY_PORT: String(sshd.port),
    DEPLOY_USER: sshd.user,
    DEPLOY_PATH: sshd.webRoot,
    DEPLOY_SSH_KEY: sshd.clientKey,
    DEPLOY_KNOWN_HOSTS: sshd.knownHostsLine,
    STEP_OUT_DIR: siteDir,
  };
}
