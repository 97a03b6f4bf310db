import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import { WELL_KNOWN_FILES } from "../../../src/lib/well-known/files.ts";
import { NGINX_SNIPPET_COMMAND, NGINX_SNIPPET_FILE, nginxSnippet } from "../../../src/lib/well-known/nginx-snippet.ts";
import { securityHeaders } from "../../../src/lib/well-known/security-headers.ts";
import { type NginxSite, serveWithNginx } from "../../support/nginx.ts";
import { siteFile } from "../../support/site-files.ts";

const siteDir = inject("realSiteDir");
const facts = loadServerFacts();
const snippetFile = join(PROJECT_ROOT, NGINX_SNIPPET_FILE);

describe(NGINX_SNIPPET_FILE, () => {
  it(`is what the facts and headers generate (regenerate with: ${NGINX_SNIPPET_COMMAND})`, () => {
    expect(readFileSync(snippetFile, "utf8")).toBe(nginxSnippet(facts));
  });

  it("has a CSP without unsafe-inline or unsafe-eval, and the other security headers", () => {
    const headers = securityHeaders(facts);
    expect(headers["Content-Security-Policy"]).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}/);
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBeTruthy();
  });
});

describe("the built site served by nginx with the snippet", () => {
  let nginx: NginxSite;
  beforeAll(async () => {
    nginx = await serveWithNginx(siteDir, snippetFile);
  });
  afterAll(() => nginx?.close());

  const get = (path: string) => fetch(new URL(path, nginx.origin), { redirect: "manual" });

  function expectSecurityHeaders(response: Response) {
    for (const [name, value] of Object.entries(securityHeaders(facts))) {
      expect(response.headers.get(name), name).toBe(value);
    }
  }

  it.each(Object.values(WELL_KNOWN_FILES))("serves $path with its media type, to any origin", async (file) => {
    const response = await get(file.path);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(file.contentType);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expectSecurityHeaders(response);
    expect(await response.text()).toBe(siteFile(siteDir, file.path));
  });

  it.each(["/", "/privacy/", "/404-nowhere/"])("sends the security headers with %s", async (path) => {
    const response = await get(path);
    expect(response.status).toBe(path.includes("nowhere") ? 404 : 200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expectSecurityHeaders(response);
  });
});
