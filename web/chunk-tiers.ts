// Chunking along the way every user takes: login page → app shell and home page → customer screen.
//
// Left to itself, the bundler cuts the shared code into some sixty small chunks (one per antd
// component, one per icon…). Each file is gzipped on its own, so small files compress badly and
// each carries import/export glue: on the way from login to the customer screen that cost tens
// of kB. Here every module goes with the first step of that way that statically needs it:
//   entry     — main.tsx's imports: React, the router, react-query, antd's core, the i18n
//   login     — what the login page adds (form, input, card…)
//   shell     — what the app shell and the home page add (layout, menu, badge…)
//   customers — what the customer screen adds (table, select, descriptions…)
// So antd is not one chunk with every component: what no step needs (date pickers, upload,
// drawer, ECharts, the other pages, the dialogs and tabs) is still split automatically and
// loaded when used. Misplacing a module costs bytes, never correctness: the bundler still
// loads whatever a chunk needs.
import { dirname, resolve } from 'node:path';

const src = resolve(import.meta.dirname, 'src');
const tiers: [name: string, roots: string[]][] = [
  ['entry', ['main.tsx']],
  ['login', ['features/auth/login-page.tsx']],
  ['shell', ['layout/app-shell.tsx', 'features/dashboard/dashboard-page.tsx']],
  ['customers', ['features/customers/customers-page.tsx']],
];

interface Info {
  code: string | null;
  importedIds: readonly string[];
}
interface Graph {
  getModuleInfo(id: string): Info | null;
}

// A package's index that re-exports its parts (antd, @ant-design/icons, @rc-component/util…).
// Following all of its imports would put every antd component in the entry chunk; only the
// parts an importer names are followed.
const isBarrel = (id: string) => /\/node_modules\/(@[^/]+\/)?[^/]+\/(es\/|dist\/)?(icons\/)?index\.m?js$/.test(id);

/** The names `code` imports from the package `pkg`, or null for "all" (namespace, unknown). */
function namesFrom(code: string, barrelId: string): Set<string> | null {
  const names = new Set<string>();
  let seen = false;
  for (const m of code.matchAll(/import\s*([^'"]*?)\s*from\s*["']([^."'][^"']*)["']/g)) {
    if (!barrelId.includes(`/node_modules/${m[2]}/`)) continue;
    seen = true;
    const clause = m[1] ?? '';
    if (clause.includes('*')) return null;
    const braces = /\{([^}]*)\}/.exec(clause);
    if (braces) for (const part of (braces[1] ?? '').split(',')) names.add(part.trim().split(/\s+as\s+/)[0] ?? '');
    if (/^[\w$]+/.test(clause)) names.add('default');
  }
  return seen ? names : null;
}

const parts = (list: string) => list.split(',').map((p) => p.trim().split(/\s+as\s+/));

/** The modules of a barrel that provide `names`: `export { x } from`, `export *`, `import x; export { x }`. */
function barrelTargets(graph: Graph, barrelId: string, names: Set<string>, out: string[]): void {
  const code = graph.getModuleInfo(barrelId)?.code ?? '';
  const ids = graph.getModuleInfo(barrelId)?.importedIds ?? [];
  const idOf = (spec: string) => {
    const base = resolve(dirname(barrelId), spec);
    return ids.find((i) => i === base || i.startsWith(`${base}.`) || i.startsWith(`${base}/index.`));
  };
  const provide = (exported: string, spec: string) => {
    const target = idOf(spec);
    if (target && names.has(exported)) out.push(target);
  };
  for (const m of code.matchAll(/export\s*\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)) for (const [local, as] of parts(m[1] ?? '')) provide(as ?? local ?? '', m[2] ?? '');
  // Imported, then exported: `import Tree from './Tree'; … export default Tree;`
  const localSpec = new Map<string, string>();
  for (const m of code.matchAll(/import\s+([\w$]+)\s+from\s*["']([^"']+)["']/g)) localSpec.set(m[1] ?? '', m[2] ?? '');
  for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)) for (const [local, as] of parts(m[1] ?? '')) localSpec.set(as ?? local ?? '', m[2] ?? '');
  for (const m of code.matchAll(/export\s*\{([^}]*)\}\s*(?!\s*from)(?=;|\n|$)/g))
    for (const [local, as] of parts(m[1] ?? '')) if (localSpec.has(local ?? '')) provide(as ?? local ?? '', localSpec.get(local ?? '') ?? '');
  const def = /export\s+default\s+([\w$]+)\s*;/.exec(code);
  if (def && localSpec.has(def[1] ?? '')) provide('default', localSpec.get(def[1] ?? '') ?? '');
  for (const m of code.matchAll(/export\s*\*\s*from\s*["']([^"']+)["']/g)) {
    const target = idOf(m[1] ?? '');
    if (target && isBarrel(target)) barrelTargets(graph, target, names, out);
    else if (target) out.push(target);
  }
  // Anything else the barrel itself uses is left out: at worst it lands in a small chunk of its own.
}

/** Each module's step, read once from the module graph (static imports only). */
function readTiers(graph: Graph): Map<string, string> {
  const found = new Map<string, string>();
  for (const [name, roots] of tiers) {
    const stack = roots.map((r) => resolve(src, r));
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (found.has(id)) continue;
      found.set(id, name);
      const info = graph.getModuleInfo(id);
      for (const dep of info?.importedIds ?? []) {
        const names = isBarrel(dep) && info?.code ? namesFrom(info.code, dep) : null;
        if (names) barrelTargets(graph, dep, names, stack);
        // (A barrel itself stays out of `found`, so a later importer's names are followed too.)
        else stack.push(dep);
      }
    }
  }
  return found;
}

/**
 * The code-splitting groups, one per step. An earlier step has the higher priority, so a
 * module (and the dependencies it brings along) lands in the first step that needs it.
 */
export function tierGroups() {
  let tierOf: Map<string, string> | null = null;
  return tiers.map(([name], i) => ({
    debugName: name,
    name: (id: string, graph: Graph) => {
      tierOf ??= readTiers(graph);
      return tierOf.get(id) === name ? name : null;
    },
    priority: tiers.length - i,
  }));
}
