import { z } from "astro/zod";
import { jstDateTime, notBeforeDate } from "../validation/fields.ts";

export const TAG_PATTERN = /^[^\s<>&"'/\\?#%]+$/u;

/** The front matter of a news post, as editors write it (see docs/editing.md). */
export const newsFrontmatterSchema = z
  .object({
    title: z
      .string({ error: "タイトルがありません。title: 記事の題名 を書いてください (title is required)" })
      .trim()
      .min(1, "タイトルが空です (title is empty)"),
    date: jstDateTime("date"),
    updated: jstDateTime("updated").optional(),
    description: z
      .string({ error: "説明は文字列で書いてください (description must be text)" })
      .trim()
      .min(1)
      .optional(),
    tags: z
      .array(
        z
          .string({
            error:
              'タグは文字で書いてください。数字だけのタグは "2018" のように引用符で囲みます (each tag must be text)',
          })
          .trim()
          .regex(TAG_PATTERN, "タグに空白や記号 < > & \" ' / ? # % は使えません (tag has a forbidden character)"),
        { error: "tags は [お知らせ, IRC] のようなリストで書いてください (tags must be a list)" },
      )
      .default([]),
    draft: z.boolean({ error: "draft は true か false です (draft must be true or false)" }).default(false),
  })
  .strict()
  .superRefine(notBeforeDate("updated"));

export type NewsFrontmatter = z.output<typeof newsFrontmatterSchema>;
