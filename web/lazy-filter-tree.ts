import type { Plugin } from 'vite';

// antd's Table imports Tree for one rarely used feature: column filters with `filterMode: 'tree'`.
// That Tree would ride along with every table, the customer list included,
// though no table of this app has such a filter. Here the table's filter dropdown gets a
// stand-in that loads the real Tree the first time one is shown, so the feature still works.
// Should antd move the import, this simply stops applying (and the budget test notices).
const filterDropdown = /[\\/]antd[\\/]es[\\/]table[\\/]hooks[\\/]useFilter[\\/]FilterDropdown\.js$/;
const virtualId = '\0kehu-lazy-antd-tree';

export function lazyFilterTree(): Plugin {
  let treePath = '';
  return {
    name: 'kehu-lazy-filter-tree',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source !== '../../../tree' || !importer || !filterDropdown.test(importer)) return null;
      const real = await this.resolve(source, importer, { skipSelf: true });
      if (!real) return null;
      treePath = real.id;
      return virtualId;
    },
    load(id) {
      if (id !== virtualId) return null;
      return [
        `import { createElement, lazy, Suspense } from 'react';`,
        `const Tree = lazy(() => import(${JSON.stringify(treePath)}));`,
        `export default function LazyTree(props) {`,
        `  return createElement(Suspense, { fallback: null }, createElement(Tree, props));`,
        `}`,
      ].join('\n');
    },
  };
}
