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
        const preview = previewWanted(command);
        updateConfig({ vite: { define: { "import.meta.env.STEP_PREVIEW": JSON.stringify(preview) } } });
      },
    },
  };
}

/** Whether Astro's `command` (with the environment) shows drafts and scheduled posts. */
export function previewWanted(command: string): boolean {
  return command === "dev" || process.env.STEP_PREVIEW === "1";
}
