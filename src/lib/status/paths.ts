/** Where the status feed is served; the PubSub publisher pairs it with `xmpp.pubsub.statusNode`. */
export const STATUS_FEED_PATH = "/status/atom.xml";

export const statusFeedTitle = (siteName: string): string => `${siteName} 障害情報`;
