interface ImportMetaEnv {
  /** Set by src/integrations/preview-mode.ts: true where drafts and scheduled posts are shown. */
  readonly STEP_PREVIEW: boolean;
}
