// Chunking along the way every user takes: login page → app shell and home page → customer screen.
//
// Left to itself, the bundler cuts the shared code into some sixty small chunks (one per antd
// component, one per icon…). Each file is gzipped on its own, so small files compress badly and
// each carries import/export glue: on the way from login to the customer screen that cost tens
// of kB. Here every module goes with the first step of that way that statically needs it:
//   entry     — main.tsx's imports: React, the router, react-query, antd's core
//   login     — what the login page adds (input, segmented…)
//   shell     — what the app shell and the home page add (layout, menu, dropdown…)
//   customers — what the customer screen adds (table, select, tabs, descriptions…)
// So antd is not one chunk with every component: what no step needs (date pickers, forms, modals,
// drawers, ECharts, the other pages, the dialogs and tabs) is still split automatically and
// loaded when used.
//
// A step's chunk holds exactly the modules found for it here, not their dependencies too
// (`includeDependenciesRecursively: false`): else whatever a step's modules import, even for a
// lazily loaded page only, would be dragged in. The price: a module found for no step that a
// step's chunk needs would put that chunk in an import cycle with an automatic chunk, which can
// break at run time. `tierCheck` makes such a build fail instead.
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

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

/**
 * Pushes the modules of a barrel that provide `names` (`export { x } from`, `import x … export
 * { x }`, `export *`). Returns whether some name is the barrel's own code, so it is needed itself.
 */
function barrelTargets(graph: Graph, barrelId: string, names: Set<string>, out: string[], keep: (id: string) => void): boolean {
  const code = graph.getModuleInfo(barrelId)?.code ?? '';
  const ids = graph.getModuleInfo(barrelId)?.importedIds ?? [];
  const idOf = (spec: string) => {
    const base = resolve(dirname(barrelId), spec);
    return ids.find((i) => i === base || i.startsWith(`${base}.`) || i.startsWith(`${base}/index.`));
  };
  const rest = new Set(names);
  const provide = (exported: string, spec: string) => {
    const target = idOf(spec);
    if (!target || !rest.has(exported)) return;
    out.push(target);
    rest.delete(exported);
  };
  for (const m of code.matchAll(/export\s*\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)) for (const [local, as] of parts(m[1] ?? '')) provide(as ?? local ?? '', m[2] ?? '');
  // Imported, then exported: `import Tree from './Tree'; … export default Tree;`
  const localSpec = new Map<string, string>();
  for (const m of code.matchAll(/import\s+([\w$]+)\s+from\s*["']([^"']+)["']/g)) localSpec.set(m[1] ?? '', m[2] ?? '');
  for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)) for (const [local, as] of parts(m[1] ?? '')) localSpec.set(as ?? local ?? '', m[2] ?? '');
  for (const m of code.matchAll(/export\s*\{([^}]*)\}\s*(?!\s*from)(?=;|\n|$)/g))
    for (const [local, as] of parts(m[1] ?? '')) if (localSpec.has(local ?? '')) provide(as ?? local ?? '', localSpec.get(local ?? '') ?? '');
  const def = /export\s+default\s+([\w$]+)\s*;/.exec(code);
  if (def && localSpec.has(def[1] ?? '') && rest.has('default')) {
    provide('default', localSpec.get(def[1] ?? '') ?? '');
    // `export default X` makes a binding of the barrel's own: the barrel goes along (its other imports do not).
    keep(barrelId);
  }
  const stars = [...code.matchAll(/export\s*\*\s*from\s*["']([^"']+)["']/g)].map((m) => idOf(m[1] ?? ''));
  if (rest.size > 0 && stars.length > 0) {
    // The other names come from the `export *` targets.
    for (const target of stars) {
      if (!target) continue;
      if (!isBarrel(target) || barrelTargets(graph, target, rest, out, keep)) out.push(target);
    }
    return false;
  }
  return rest.size > 0;
}

/** Each module's step, read once from the module graph (static imports only). */
function readTiers(graph: Graph): Map<string, string> {
  const found = new Map<string, string>();
  // Barrels seen, by first step: kept apart so that a later full visit is not skipped.
  const barrels = new Map<string, string>();
  for (const [name, roots] of tiers) {
    const keep = (barrel: string) => void (barrels.has(barrel) || barrels.set(barrel, name));
    const stack = roots.map((r) => resolve(src, r));
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (found.has(id)) continue;
      found.set(id, name);
      const info = graph.getModuleInfo(id);
      for (const dep of info?.importedIds ?? []) {
        const names = isBarrel(dep) && info?.code ? namesFrom(info.code, dep) : null;
        // Of a barrel, only the parts named here are followed (a later importer may name others).
        if (!names || barrelTargets(graph, dep, names, stack, keep)) stack.push(dep);
      }
    }
  }
  for (const [barrel, name] of barrels) if (!found.has(barrel)) found.set(barrel, name);
  return found;
}

/** The code-splitting groups, one per step: a module lands in the first step that needs it. */
export function tierGroups() {
  let tierOf: Map<string, string> | null = null;
  return tiers.map(([name], i) => ({
    debugName: name,
    name: (id: string, graph: Graph) => {
      tierOf ??= readTiers(graph);
      return tierOf.get(id) === name ? name : null;
    },
    priority: tiers.length - i,
    includeDependenciesRecursively: false,
  }));
}

/** Fails the build if a step's chunk imports anything but an earlier step's chunk (see above). */
export function tierCheck(): Plugin {
  return {
    name: 'kehu-chunk-tier-check',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const tierIndex = (fileName: string) => tiers.findIndex(([name]) => new RegExp(`^assets/${name}-[\\w-]{8}\\.js$`).test(fileName));
      for (const chunk of chunks) {
        const own = tierIndex(chunk.fileName);
        if (own < 0) continue;
        for (const imported of chunk.imports) {
          const theirs = tierIndex(imported);
          if (imported.includes('rolldown-runtime') || (theirs >= 0 && theirs < own)) continue;
          const mods = Object.keys((bundle[imported] as { modules?: object }).modules ?? {}).slice(0, 5).join(', ');
          this.error(`chunk ${chunk.fileName} imports ${imported} (${mods}): a module it needs was not placed in a step (web/chunk-tiers.ts)`);
        }
      }
    },
  };
}
