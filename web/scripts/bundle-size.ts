// Measures the gzip size of the JS + CSS a page loads: the entry chunk, the CSS/preloads of
// index.html, and the static-import closure of the route chunks named on the command line.
// Usage: node --import tsx web/scripts/bundle-size.ts [routeChunkPrefix ...]   (after `npm run build`)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', '..', 'dist', 'web');
const assets = readdirSync(join(dist, 'assets'));
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const seen = new Set<string>();

function visit(file: string): void {
  if (seen.has(file)) return;
  seen.add(file);
  if (!file.endsWith('.js')) return;
  const code = readFileSync(join(dist, 'assets', file), 'utf8');
  // Static imports only (`import{..}from"./x.js"` / `import"./x.js"`); dynamic import() is lazy.
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^"'();]*?from\s*)?["']\.\/([^"']+)["']/g)) visit(m[1] as string);
  for (const m of code.matchAll(/\bfrom\s*["']\.\/([^"']+)["']/g)) visit(m[1] as string);
}

for (const m of html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)) visit(m[1] as string);
for (const prefix of process.argv.slice(2)) {
  const file = assets.find((a) => a.startsWith(`${prefix}-`) && a.endsWith('.js'));
  if (!file) throw new Error(`no chunk ${prefix}`);
  visit(file);
}
let total = 0;
for (const f of [...seen].sort()) {
  const size = gzipSync(readFileSync(join(dist, 'assets', f))).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(8)} KB  ${f}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(8)} KB  total gzip (${process.argv.slice(2).join(', ') || 'entry only'})`);
