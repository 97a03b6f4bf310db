/**
 * Checks the address typed into the web client's login form. Only accounts of
 * this server may log in there: the page says so in Japanese, instead of
 * sending someone else's password to a server that cannot check it.
 */
export type AccountAddress =
  | { ok: true; jid: string }
  | { ok: false; problem: "empty" | "malformed" }
  | { ok: false; problem: "other-domain"; domain: string };

const FORBIDDEN_IN_LOCAL = /["&'/:<>@\s\p{Cc}]/u;

export function accountAddress(input: string, accountDomain: string): AccountAddress {
  // A resource ("alice@step.im/phone") names a device, not the account: the web client picks its own.
  const typed = input.normalize("NFC").trim().split("/")[0] ?? "";
  if (typed === "") return { ok: false, problem: "empty" };
  const at = typed.lastIndexOf("@");
  const local = at === -1 ? typed : typed.slice(0, at);
  const domain =
    at === -1
      ? accountDomain
      : typed
          .slice(at + 1)
          .toLowerCase()
          .replace(/\.$/, "");
  if (local === "" || domain === "" || FORBIDDEN_IN_LOCAL.test(local)) return { ok: false, problem: "malformed" };
  if (domain !== accountDomain.toLowerCase()) return { ok: false, problem: "other-domain", domain };
  return { ok: true, jid: `${local}@${accountDomain}` };
}
