import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dashboard build: `npm run build:dashboard` writes dist/dashboard, which the API serves
 * (api/routes/dashboard-static.ts). Preact JSX through Vite's built-in Oxc transform. ECharts
 * is only reached through dynamic imports of the chart pages, so it never lands in the first
 * chunk the browser loads.
 */
export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // The chart chunk (ECharts core + bar, line, heatmap, SVG) is lazy; the budget that matters is
    // the first script, measured by bench/dashboard/bundle-size.ts.
    chunkSizeWarningLimit: 700,
    // Fonts stay files (cacheable, loaded only for the unicode ranges a page uses).
    assetsInlineLimit: 0,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
