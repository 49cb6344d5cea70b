// Lone UTF-16 surrogates: a JavaScript string may hold one, UTF-8 cannot. PostgreSQL turns a
// bound one into U+FFFD and SQLite would store invalid UTF-8. The request guard refuses them
// (plugins/security.ts); text that reaches the database another way (an uploaded file) has them
// replaced (db/bulk.ts). The cheap test comes first: nearly every text has no surrogate.

const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function hasLoneSurrogate(text: string): boolean {
  if (!SURROGATE.test(text)) return false;
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(text);
}

/** The text with each lone surrogate replaced by U+FFFD. */
export function wellFormedText(text: string): string {
  return SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\ufffd') : text;
}
