import Fact from "./Fact.astro";
import NewsSubscribeLink from "./NewsSubscribeLink.astro";
import PublicRoomLink from "./PublicRoomLink.astro";
import StoredDataList from "./StoredDataList.astro";

/** Components editors may use in MDX without importing them (see docs/editing.md). */
export const mdxComponents = { Fact, NewsSubscribeLink, PublicRoomLink, StoredDataList };
