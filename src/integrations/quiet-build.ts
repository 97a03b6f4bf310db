import type { AstroIntegration } from "astro";
import type { Plugin } from "vite";

/**
 * Keeps `npm run build` free of warnings, so that a new one stands out
 * (tests/site/build/quiet-build.test.ts fails on any). One warning had a cause
 * here and is fixed; one comes from Astro itself and is silenced alone.
 */
export function quietBuild(): AstroIntegration {
  return {
    name: "step-im:quiet-build",
    hooks: {
      "astro:config:setup": ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [xmppResolveWithoutDns(), astroHeadInjectMarker()] } });
      },
    },
  };
}

const NO_DNS_MODULE = "\0step-im:xmpp-resolve-no-dns";

/**
 * The chat tab's `@xmpp/client` 0.14 always loads `@xmpp/resolve`, whose DNS
 * lookup imports `node:dns`. The package's `browser` field means to leave that
 * module out, but maps `./lib/dns` while the import says `./lib/dns.js`, so no
 * bundler matches it (xmppjs/xmpp.js#1093, fixed after 0.14.0). We apply the
 * mapping the package intended: `resolve.js` skips DNS when the module has no
 * `resolve`, and the chat tab connects to a WebSocket URL, never to a bare domain.
 */
function xmppResolveWithoutDns(): Plugin {
  return {
    name: "step-im:xmpp-resolve-without-dns",
    enforce: "pre",
    applyToEnvironment: (environment) => environment.config.consumer === "client",
    resolveId(source, importer) {
      if (source === "./lib/dns.js" && importer && /[\\/]@xmpp[\\/]resolve[\\/]resolve\.js$/.test(importer)) {
        return NO_DNS_MODULE;
      }
      return null;
    },
    load(id) {
      return id === NO_DNS_MODULE ? "export const resolve = undefined;" : null;
    },
  };
}

/**
 * Astro 7.3 marks each MDX entry with the directive "use astro:head-inject",
 * which its own plugins read before bundling; Rolldown then warns, once per
 * MDX file, that it will not keep the directive, which nothing needs any more
 * (withastro/astro#18087, open). Only that warning is dropped.
 */
function astroHeadInjectMarker(): Plugin {
  return {
    name: "step-im:astro-head-inject-marker",
    onLog(_level, log) {
      return !(log.code === "MODULE_LEVEL_DIRECTIVE" && log.message.includes('"use astro:head-inject"'));
    },
  };
}
