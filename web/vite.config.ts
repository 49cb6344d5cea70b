import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { tierGroups } from './chunk-tiers.ts';

const root = import.meta.dirname;

export default defineConfig(({ command }) => {
  // A build is always a production build, even when started from a process whose NODE_ENV is
  // "test" or "development" (React and antd would otherwise ship their development code).
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root,
    plugins: [react()],
    build: {
      outDir: resolve(root, '../dist/web'),
      emptyOutDir: true,
      // No inline module-preload polyfill: the server's CSP forbids inline scripts.
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 800,
      // Four chunks on the way from login to the customer screen (see chunk-tiers.ts).
      rolldownOptions: {
        output: { codeSplitting: { groups: tierGroups() } },
      },
    },
    server: {
      proxy: { '/api': 'http://127.0.0.1:3000' },
    },
  };
});
