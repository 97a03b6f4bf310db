/**
 * The files under `/.well-known/` that XMPP software and security tools
 * fetch, with the media type each must be served with. The build, the nginx
 * snippet and the tests' web server all read this list, so the three agree.
 * Every one of them is sent with `Access-Control-Allow-Origin: *`: web
 * clients on other origins read host-meta (XEP-0156) and the provider file.
 */
export const WELL_KNOWN_FILES = {
  providerFile: { path: "/.well-known/xmpp-provider-v2.json", contentType: "application/json" },
  hostMeta: { path: "/.well-known/host-meta", contentType: "application/xrd+xml; charset=utf-8" },
  hostMetaJson: { path: "/.well-known/host-meta.json", contentType: "application/json" },
  securityTxt: { path: "/.well-known/security.txt", contentType: "text/plain; charset=utf-8" },
} as const;

export type WellKnownFile = (typeof WELL_KNOWN_FILES)[keyof typeof WELL_KNOWN_FILES];

/** The response an endpoint returns; in a static build only its body is kept. */
export function wellKnownResponse(file: WellKnownFile, body: string): Response {
  return new Response(body, {
    headers: { "Content-Type": file.contentType, "Access-Control-Allow-Origin": "*" },
  });
}
