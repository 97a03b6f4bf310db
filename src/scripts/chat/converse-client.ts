import type { ChatConfig } from "../../chat/chat-config.ts";
import { addStylesheet } from "../stylesheet.ts";
import siteStyleUrl from "./converse-site.css?url";

/** The little of Converse.js's API this page uses (its own types would drag its sources into the type check). */
interface ConnectionFeedback {
  get(attribute: "connection_status"): number;
}

interface ConverseApi {
  listen: { on(event: string, handler: (feedback: ConnectionFeedback) => void): void };
  user: { login(jid: string, password: string): Promise<void> };
}

interface ConverseInternals {
  api: ConverseApi;
}

interface Converse {
  initialize(settings: Record<string, unknown>): Promise<void>;
  plugins: { add(name: string, plugin: { initialize(this: { _converse: ConverseInternals }): void }): void };
  env: { Strophe: { Status: { AUTHFAIL: number } } };
}

export interface LoginEvents {
  connected(): void;
  failed(reason: "auth" | "connection"): void;
  loggedOut(): void;
}

const PLUGIN = "step-im-web-client";

/**
 * Converse.js as this site runs it: Japanese, full screen, for accounts of
 * this server only, without registration (the guide explains how to
 * register), and keeping nothing in the browser once the tab is closed
 * (sessionStorage, emptied on logout), since people may log in on shared
 * computers. Nothing is fetched from other sites (no provider list, no link
 * previews), and there is no OMEMO: its crypto code is not shipped, and it
 * needs a browser the user marked as trusted, which this setup never is.
 */
function settings(config: ChatConfig, assetsPath: string, jid: string, password: string): Record<string, unknown> {
  return {
    assets_path: assetsPath,
    i18n: "ja",
    locales: ["ja"],
    view_mode: "fullscreen",
    // The page inserts <converse-root> itself once the login has succeeded.
    auto_insert: false,
    authentication: "login",
    auto_login: true,
    jid,
    password,
    websocket_url: config.websocketUrl,
    discover_connection_methods: false,
    locked_domain: config.domain,
    muc_nickname_from_jid: true,
    muc_domain: config.mucService,
    allow_registration: false,
    xmpp_providers_url: "",
    persistent_store: "sessionStorage",
    clear_cache_on_logout: true,
    allow_user_trust_override: false,
    show_client_info: false,
    show_background: false,
    fetch_url_headers: false,
    embed_3rd_party_media_players: false,
    play_sounds: false,
    whitelisted_plugins: [PLUGIN],
    blacklisted_plugins: ["converse-register", "converse-omemo", "converse-omemo-views"],
    loglevel: "warn",
  };
}

let api: ConverseApi | undefined;
/** The login being tried: its outcome is told once, to its own callbacks. */
let attempt: { events: LoginEvents; refused: boolean } | undefined;

/**
 * Logs in with Converse.js, loading it from the site on the first call. The
 * outcome arrives through `events`; after a failure, call again with new
 * credentials.
 */
export async function logInWithConverse(
  config: ChatConfig,
  assetsPath: string,
  jid: string,
  password: string,
  events: LoginEvents,
): Promise<void> {
  attempt = { events, refused: false };
  if (api) return api.user.login(jid, password);
  const [converse] = await Promise.all([
    import(/* @vite-ignore */ `${assetsPath}converse.min.js`).then((module: { default: Converse }) => module.default),
    addStylesheet(`${assetsPath}converse.min.css`),
    addStylesheet(siteStyleUrl),
  ]);
  const { AUTHFAIL } = converse.env.Strophe.Status;
  converse.plugins.add(PLUGIN, {
    initialize() {
      api = this._converse.api;
      // By the time "disconnected" fires, the status says only that: remember whether the password was refused.
      api.listen.on("connfeedback", (feedback) => {
        if (attempt && feedback.get("connection_status") === AUTHFAIL) attempt.refused = true;
      });
      api.listen.on("connected", () => {
        if (!document.querySelector("converse-root")) document.body.append(document.createElement("converse-root"));
        attempt?.events.connected();
        // From now on Converse.js deals with lost connections itself.
        attempt = undefined;
      });
      api.listen.on("disconnected", () => {
        if (!attempt) return;
        const { events: failed, refused } = attempt;
        attempt = undefined;
        failed.failed(refused ? "auth" : "connection");
      });
      api.listen.on("logout", () => events.loggedOut());
    },
  });
  await converse.initialize(settings(config, assetsPath, jid, password));
}
