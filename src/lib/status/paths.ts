export const statusFeedTitle = (siteName: string): string => `${siteName} 障害情報`;
