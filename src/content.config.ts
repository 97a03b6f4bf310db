import { defineCollection } from "astro:content";
import { join } from "node:path";
import { glob } from "astro/loaders";
import { contentDir } from "./lib/content-dir.ts";
import { guideFrontmatterSchema, pageFrontmatterSchema } from "./lib/guides/frontmatter.ts";
import { newsFrontmatterSchema } from "./lib/news/frontmatter.ts";
import { newsLoader } from "./lib/news/news-loader.ts";

const news = defineCollection({
  loader: newsLoader(contentDir()),
  schema: newsFrontmatterSchema,
});

const guides = defineCollection({
  loader: glob({ pattern: "*.{md,mdx}", base: join(contentDir(), "guides") }),
  schema: guideFrontmatterSchema,
});

const pages = defineCollection({
  loader: glob({ pattern: "*.{md,mdx}", base: join(contentDir(), "pages") }),
  schema: pageFrontmatterSchema,
});

export const collections = { news, guides, pages };
