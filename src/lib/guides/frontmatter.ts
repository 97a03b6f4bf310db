import { z } from "astro/zod";

/** Standing pages such as the privacy policy. */
export const pageFrontmatterSchema = z
  .object({
    title: z.string({ error: "タイトルがありません (title is required)" }).trim().min(1),
    description: z.string({ error: "説明がありません (description is required)" }).trim().min(1),
  })
  .strict();

/** Guides describe what works today; `order` sorts them in the guide index. */
export const guideFrontmatterSchema = pageFrontmatterSchema
  .extend({ order: z.number({ error: "order は並び順の数字です (order must be a number)" }).int() })
  .strict();

export type GuideFrontmatter = z.output<typeof guideFrontmatterSchema>;
