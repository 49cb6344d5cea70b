import { SaxesParser } from 'saxes';

// The XML of an xlsx part as a stream of start tags (with their attributes decoded), end tags
// and text (entities decoded), read by saxes, the parser exceljs uses: its work grows linearly
// with the input whatever the shape of it, where a hand-written tokenizer had rescanned its
// buffer on every chunk. Comments, processing instructions and CDATA are not passed on (CDATA
// as exceljs ignored it). XML that is not well-formed is refused: `write` and `end` throw.

export interface XmlHandler {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text(text: string): void;
}

/** A text, tag or comment longer than the scanner accepts. */
export class XmlTokenTooLong extends Error {}
/** Elements nested deeper than any spreadsheet part nests them. */
export class XmlTooDeep extends Error {}

const MAX_DEPTH = 100;

/** Feeds decoded text in pieces; calls the handler for every complete token. */
export class XmlScanner {
  private readonly parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  /** Characters since the last '<': the text or tag being read. */
  private sinceTag = 0;
  private depth = 0;
  /** Start tags read so far. */
  elements = 0;

  /**
   * `maxTokenChars` bounds what saxes holds at once: the text of one element, comment or CDATA
   * section, and one tag with its attributes. Held as a string built piece by piece, these cost
   * up to tens of bytes per character; nesting costs an object per level.
   */
  constructor(
    handler: XmlHandler,
    private readonly maxTokenChars: number,
  ) {
    this.parser.on('opentag', (tag) => {
      this.elements += 1;
      if (++this.depth > MAX_DEPTH) throw new XmlTooDeep();
      handler.open(tag.name, tag.attributes);
    });
    this.parser.on('closetag', (tag) => {
      this.depth -= 1;
      handler.close(tag.name);
    });
    this.parser.on('text', (text) => handler.text(text));
  }

  write(chunk: string) {
    // A tag or a text ends at the next '<', so this bounds both before saxes sees the chunk.
    const first = chunk.indexOf('<');
    if (first >= 0 && this.sinceTag + first > this.maxTokenChars) throw new XmlTokenTooLong();
    this.sinceTag = first < 0 ? this.sinceTag + chunk.length : chunk.length - chunk.lastIndexOf('<') - 1;
    if (this.sinceTag > this.maxTokenChars) throw new XmlTokenTooLong();
    this.parser.write(chunk);
    // A comment, a CDATA section or a processing instruction may hold '<': saxes keeps its
    // text (a private field) until it ends, whatever handlers are set.
    if ((this.parser as unknown as { text: string }).text.length > this.maxTokenChars) throw new XmlTokenTooLong();
  }

  end() {
    this.parser.close();
  }
}
