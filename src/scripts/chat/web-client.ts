import { accountAddress } from "./account-address.ts";
import { logInWithConverse } from "./converse-client.ts";
import { readChatConfig } from "./read-config.ts";
import { WEB_CLIENT_TEXT } from "./web-client-text.ts";

function part<T extends HTMLElement>(form: HTMLElement, selector: string): T {
  const found = form.querySelector<T>(selector);
  if (!found) throw new Error(`web client form: no ${selector}`);
  return found;
}

/**
 * The login form of the web client page (the successor of Jappix), started by
 * the shared loader as the page loads (`data-lazy-now="web-client"`). The
 * form stays disabled until then, so it is never sent as a plain form.
 * Converse.js itself is loaded only once the reader logs in.
 */
export function activate(form: HTMLElement): void {
  const config = readChatConfig(form);
  const assetsPath = form.dataset.converseAssets;
  if (!assetsPath) throw new Error("web client form: no data-converse-assets");
  const fieldset = part<HTMLFieldSetElement>(form, "fieldset");
  const jidInput = part<HTMLInputElement>(form, "input[name=jid]");
  const passwordInput = part<HTMLInputElement>(form, "input[name=password]");
  const feedback = part(form, "[role=status]");

  const say = (text: string, field?: HTMLInputElement) => {
    feedback.textContent = text;
    feedback.dataset.error = String(field !== undefined);
    for (const input of [jidInput, passwordInput]) input.removeAttribute("aria-invalid");
    if (field) {
      field.setAttribute("aria-invalid", "true");
      field.focus();
    }
  };
  const retry = (text: string, field: HTMLInputElement) => {
    fieldset.disabled = false;
    say(text, field);
  };

  const events = {
    connected() {
      say("");
      // Converse.js takes the whole window (its background is see-through): the page steps aside.
      for (const child of document.body.children) {
        if (child instanceof HTMLElement && child.localName !== "converse-root") child.hidden = true;
      }
    },
    failed(reason: "auth" | "connection") {
      passwordInput.value = "";
      if (reason === "auth") retry(WEB_CLIENT_TEXT.authFailed, passwordInput);
      else retry(WEB_CLIENT_TEXT.cannotConnect, jidInput);
    },
    loggedOut() {
      // A fresh page is the cleanest way back to the login form.
      location.reload();
    },
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const address = accountAddress(jidInput.value, config.domain);
    if (!address.ok) {
      const text =
        address.problem === "other-domain"
          ? WEB_CLIENT_TEXT.otherDomain(address.domain, config.domain)
          : WEB_CLIENT_TEXT[address.problem];
      return say(text, jidInput);
    }
    fieldset.disabled = true;
    say(WEB_CLIENT_TEXT.connecting);
    logInWithConverse(config, assetsPath, address.jid, passwordInput.value, events).catch((error: unknown) => {
      console.error(error);
      retry(WEB_CLIENT_TEXT.loadFailed, jidInput);
    });
  });
  fieldset.disabled = false;
}
