import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { tierCheck, tierGroups } from './chunk-tiers.ts';
import { lazyFilterTree } from './lazy-filter-tree.ts';
import { precompress } from './precompress.ts';

const root = import.meta.dirname;

export default defineConfig(({ command }) => {
  // A build is always a production build, even when started from a process whose NODE_ENV is
  // "test" or "development" (React and antd would otherwise ship their development code).
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root,
    plugins: [react(), lazyFilterTree(), tierCheck(), precompress()],
    build: {
      outDir: resolve(root, '../dist/web'),
      emptyOutDir: true,
      // No inline module-preload polyfill: the server's CSP forbids inline scripts.
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 800,
      // Four chunks on the way from login to the customer screen (see chunk-tiers.ts).
      rolldownOptions: {
        output: { codeSplitting: { groups: tierGroups() } },
        // antd's parts (@rc-component/*, @ant-design/*) are free of import side effects but most do
        // not say so: declared here, a package index is skipped when only some of its parts are
        // used (antd's config provider needs the form context of @rc-component/form, not the form).
        treeshake: { moduleSideEffects: [{ test: /node_modules[\\/](@rc-component|@ant-design)[\\/]/, sideEffects: false }] },
      },
    },
    server: {
      proxy: { '/api': 'http://127.0.0.1:3000' },
    },
  };
});
