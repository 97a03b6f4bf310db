import type { AstroIntegration } from "astro";

/**
 * Drafts and scheduled posts are shown by the dev server (`npm run dev`) and
 * by a build asked for them with STEP_PREVIEW=1 (the link check of
 * `npm run check`), never otherwise. Deciding from Astro's command rather than
 * from NODE_ENV or DEV means a stray variable in a CI shell cannot put drafts
 * on the public site.
 */
export function previewMode(): AstroIntegration {
  return {
    name: "step-im:preview-mode",
    hooks: {
      "astro:config:setup": ({ command, updateConfig }) => {
        const preview = command === "dev" || process.env.STEP_PREVIEW === "1";
        updateConfig({ vite: { define: { "import.meta.env.STEP_PREVIEW": JSON.stringify(preview) } } });
      },
    },
  };
}
