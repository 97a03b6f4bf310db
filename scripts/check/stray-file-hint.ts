const IMAGE = /\.(png|jpe?g|gif|webp|avif|svg)$/i;

/** The problem for a file the site never reads, so an editor does not wonder where it went. */
export function strayFileHint(file: string): string {
  return IMAGE.test(file)
    ? "画像は public/images/年/ に置き、本文から /images/年/ファイル名 で参照します (docs/editing.md)。"
    : "拡張子を .md (部品を使うなら .mdx) にするか、このフォルダーの外へ移してください。";
}
