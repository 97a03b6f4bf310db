/**
 * The site's feeds and the media type each is served with. The endpoints, the
 * nginx snippet, the discovery links and the tests read this, so they cannot
 * disagree; Debian's `mime.types` alone would send both as `text/xml`.
 */
export const FEED_FILES = {
  /** Every post; the PubSub publisher reads it. */
  atom: feedFile("/atom.xml", "application/atom+xml"),
  /** Posts since the migration only: what the old WordPress feed addresses serve. */
  rss: feedFile("/rss.xml", "application/rss+xml"),
  /** Every status entry; the publisher pairs it with `xmpp.pubsub.statusNode`. */
  statusAtom: feedFile("/status/atom.xml", "application/atom+xml"),
};

export type FeedFile = ReturnType<typeof feedFile>;

function feedFile(path: string, mediaType: string) {
  return { path, mediaType, contentType: `${mediaType}; charset=utf-8` };
}
