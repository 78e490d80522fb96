import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The analyst's workspace (docs/workspace.md). Built into dist/web by `npm run build`, served by the API:
 * index.html at `/` and `/app/*`, hashed assets under `/app/assets/` (base `/app/`, so no client route or asset
 * shares a path with the API). Everything is bundled: no CDN, no fonts, nothing fetched at run time.
 */
export default defineConfig({
  root: here('.'),
  base: '/app/',
  // JSX is compiled by Vite itself (Oxc, automatic runtime): the React plugin adds only dev-server fast refresh.
  oxc: { jsx: { runtime: 'automatic' } },
  css: {
    preprocessorOptions: {
      // nhsuk-frontend's Sass warns about its own deprecations at every build; they are not ours to fix.
      scss: { quietDeps: true, silenceDeprecations: ['import'] },
    },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    // The charts are a chunk of their own, loaded by the pages that draw one: the first page stays small.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      onLog(level, log, handler) {
        // react-router marks its module "use client" for React Server Components; a browser bundle has no use for it.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
});
