import { Failure } from "../lib/failure.ts";
import type { XmppSession } from "../xmpp/connect.ts";

/**
 * Runs are kept apart by the server, not by a file or a flag: every real run
 * binds this one resource, and when a second run binds it, the server ends
 * the first session (RFC 6120 §7.7.2.2; Prosody's default `kick_old`,
 * ejabberd's fixed behaviour) before the second can read anything. The run
 * that was ended stops with a stream conflict and writes nothing more, and
 * the new run finishes the job from the ledger and the node. A dry run, which
 * changes nothing, binds a random resource and never ends a real run.
 */
export const PUBLISHER_RESOURCE = "step-im-publisher";

/** A server set to rename a clashing resource (Prosody's `conflict_resolve = "random"`) would let runs overlap. */
export function requireLock(session: XmppSession): void {
  const resource = session.jid.slice(session.jid.indexOf("/") + 1);
  if (resource !== PUBLISHER_RESOURCE) {
    throw new Failure(
      "refused",
      `the server bound ${session.jid} instead of the resource ${PUBLISHER_RESOURCE}, so it cannot keep two runs apart; nothing was changed (set Prosody's conflict_resolve to "kick_old")`,
    );
  }
}
