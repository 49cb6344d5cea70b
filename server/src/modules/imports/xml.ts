// A small streaming XML tokenizer for the parts of an xlsx file: start and end tags with their
// raw attribute text, and text with the five XML entities and character references decoded.
// Comments, processing instructions and declarations are skipped; CDATA sections are skipped
// too (as exceljs, whose cell values this reader reproduces, ignored them). Not a validating
// parser: a part that stops inside a tag is refused.

export interface XmlHandler {
  open(name: string, attributes: string, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with its entities decoded; an unknown entity is left as it is. */
export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name] ?? whole;
  });
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** The value of one attribute in a tag's raw attribute text, decoded; undefined when absent. */
export function attribute(attributes: string, name: string): string | undefined {
  for (let from = 0; ; ) {
    const at = attributes.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + 1;
    if (at > 0 && !isSpace(attributes.charCodeAt(at - 1))) continue;
    let i = at + name.length;
    while (isSpace(attributes.charCodeAt(i))) i++;
    if (attributes.charCodeAt(i) !== 0x3d /* = */) continue;
    i++;
    while (isSpace(attributes.charCodeAt(i))) i++;
    const quote = attributes[i];
    if (quote !== '"' && quote !== "'") continue;
    const end = attributes.indexOf(quote, i + 1);
    if (end < 0) return undefined;
    return decodeXml(attributes.slice(i + 1, end));
  }
}

/** Feeds decoded text in pieces; calls the handler for every complete token. */
export class XmlScanner {
  private buffer = '';

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string) {
    this.buffer = this.buffer ? this.buffer + chunk : chunk;
    const consumed = this.scan();
    this.buffer = this.buffer.slice(consumed);
  }

  end() {
    if (this.buffer.includes('<')) throw new XmlError('the XML ends inside a tag');
    if (this.buffer) this.handler.text(decodeXml(this.buffer));
    this.buffer = '';
  }

  /** Handles what the buffer holds completely; returns how much of it that was. */
  private scan(): number {
    const s = this.buffer;
    const h = this.handler;
    let pos = 0;
    for (;;) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        // Text may continue in the next chunk (and an entity may be cut): keep it for then.
        return pos;
      }
      if (lt > pos) h.text(decodeXml(s.slice(pos, lt)));
      pos = lt;
      const next = s.charCodeAt(lt + 1);
      if (Number.isNaN(next)) return pos;
      if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
        const end = s.startsWith('<!--', lt) ? s.indexOf('-->', lt + 4) : s.startsWith('<![CDATA[', lt) ? s.indexOf(']]>', lt + 9) : s.indexOf('>', lt);
        if (end < 0) return pos;
        pos = end + (s[end] === '>' ? 1 : 3);
        continue;
      }
      if (next === 0x2f /* / */) {
        const end = s.indexOf('>', lt);
        if (end < 0) return pos;
        h.close(s.slice(lt + 2, end).trim());
        pos = end + 1;
        continue;
      }
      // A start tag: its end is the first '>' outside a quoted attribute value.
      let i = lt + 1;
      for (let quote = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e) break;
      }
      if (i >= s.length) return pos;
      const selfClosing = s.charCodeAt(i - 1) === 0x2f;
      const end = selfClosing ? i - 1 : i;
      let nameEnd = lt + 1;
      while (nameEnd < end && !isSpace(s.charCodeAt(nameEnd))) nameEnd++;
      const name = s.slice(lt + 1, nameEnd);
      h.open(name, s.slice(nameEnd, end), selfClosing);
      if (selfClosing) h.close(name);
      pos = i + 1;
    }
  }
}
