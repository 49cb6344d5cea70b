import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/app-error.js';

/** Deeper than any body this API takes; checks that walk a body may recurse this far. */
export const MAX_JSON_DEPTH = 64;

const tooDeep = {
  zh: `JSON 嵌套超过 ${MAX_JSON_DEPTH} 层`,
  en: `the JSON is nested more than ${MAX_JSON_DEPTH} levels deep`,
};
const notUtf8 = { zh: '请求内容的 UTF-8 编码无效', en: 'the body is not valid UTF-8' };

// `fatal`: a byte that is not UTF-8 is an error, not a U+FFFD stored in its place.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether the JSON text nests arrays and objects deeper than `max`, in one pass without
 * recursion. Brackets inside strings do not count. Bytes, not characters: every byte of a
 * multi-byte UTF-8 sequence is ≥ 0x80, so none is mistaken for a quote or a bracket.
 */
export function nestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c) i++; // a backslash escapes the byte after it
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) {
      if (++depth > max) return true;
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
  return false;
}

/**
 * JSON bodies are read as bytes and refused with 400 before they are parsed when they nest
 * too deep (every recursive walk after the parser is then bounded) or are not UTF-8 (the
 * default parser would store U+FFFD in place of each bad byte). The rest is Fastify's own
 * parser, which also refuses `__proto__` and `constructor` keys.
 */
export function registerJsonBodyParser(app: FastifyInstance) {
  const parseText = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(new AppError('malformed_request', { fields: { '': tooDeep } }), undefined);
      return;
    }
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(new AppError('malformed_request', { fields: { '': notUtf8 } }), undefined);
      return;
    }
    parseText(request, text, done);
  });
}
