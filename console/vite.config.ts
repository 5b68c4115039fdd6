/**
 * The admin console's build: `console/src/index.html` → `dist/public/admin/` with hashed assets
 * under `/admin/assets/`, served by the worker at `/admin` (worker/src/routes/console.ts).
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  mode: 'production',
  root: resolve(here, 'src'),
  base: '/admin/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: resolve(here, '../dist/public/admin'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // The console's CSP has no 'unsafe-inline': no inlined CSS or scripts, every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
})
