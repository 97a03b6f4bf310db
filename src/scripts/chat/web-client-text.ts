/** Everything the web client's login says, in one place (Converse.js brings its own Japanese). */
export const WEB_CLIENT_TEXT = {
  empty: "アカウント(XMPP アドレス)を入力してください。",
  malformed: "アカウントの形ではありません。「なまえ@step.im」のように入力してください。",
  otherDomain: (domain: string, accountDomain: string) =>
    `このページで使えるのは ${accountDomain} のアカウントだけです。${domain} のアカウントは、そのサーバーのウェブクライアントか、お使いのアプリでご利用ください。`,
  loading: "ウェブチャットを読み込んでいます…",
  connecting: "ログインしています…",
  authFailed: "ログインできませんでした。アカウントとパスワードをお確かめください。",
  cannotConnect: "チャットサーバーに接続できませんでした。しばらくしてからもう一度お試しください。",
  loadFailed: "ウェブチャットを読み込めませんでした。ページを再読み込みしてください。",
} as const;
