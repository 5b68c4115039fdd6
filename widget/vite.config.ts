/**
 * The widget's three vite builds, chosen by `LEADLINE_BUILD` (see build.mjs; not vite's `mode`,
 * because any mode but `production` resolves Lit's development build):
 * - `chunks`: one ES module per component (`dist/public/chunks/form.js`, `quiz.js`); what two
 *   components share (Lit, the outbox, base element, translations, tokens) lands in one shared
 *   chunk both import, so a page with a form and a quiz downloads Lit once;
 * - `loader`: `dist/public/embed.js`, a classic-script IIFE, because store owners paste
 *   `<script src=… async>` without `type=module`; it imports the chunks with absolute URLs;
 * - `npm`: `dist/npm/`, ES modules for bundlers with lit, @lit/task and valibot left external.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type UserConfig } from 'vite'
import { minifyTemplates } from './minify-templates.ts'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '..')
const src = (p: string) => resolve(here, 'src', p)
const version = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version as string

export default defineConfig((): UserConfig => {
  const target = process.env.LEADLINE_BUILD ?? 'chunks'
  const shared: UserConfig = {
    mode: 'production',
    root: here,
    publicDir: false,
    logLevel: 'warn',
    plugins: [minifyTemplates()],
    define: { __LEADLINE_VERSION__: JSON.stringify(version) },
  }
  if (target === 'loader') {
    return {
      ...shared,
      build: {
        outDir: resolve(root, 'dist/public'),
        emptyOutDir: false,
        copyPublicDir: false,
        lib: {
          entry: src('loader.ts'),
          formats: ['iife'],
          name: 'leadlineLoader',
          fileName: () => 'embed.js',
        },
      },
    }
  }
  if (target === 'npm') {
    return {
      ...shared,
      build: {
        outDir: resolve(root, 'dist/npm'),
        emptyOutDir: true,
        minify: false,
        lib: {
          entry: {
            index: src('index.ts'),
            'define-form': src('components/form/define.ts'),
            'define-quiz': src('components/quiz/define.ts'),
          },
          formats: ['es'],
        },
        rolldownOptions: { external: [/^lit(\/|$)/, /^@lit\//, /^valibot$/] },
      },
    }
  }
  return {
    ...shared,
    build: {
      outDir: resolve(root, 'dist/public'),
      emptyOutDir: false,
      copyPublicDir: false,
      modulePreload: false,
      rolldownOptions: {
        input: {
          form: src('components/form/define.ts'),
          quiz: src('components/quiz/define.ts'),
        },
        preserveEntrySignatures: 'allow-extension',
        output: {
          format: 'es',
          entryFileNames: 'chunks/[name].js',
          // The chunk the components share is named after what matters in it (it would be named
          // after vite's preload helper, its first module).
          chunkFileNames: (chunk) =>
            chunk.moduleIds.some((id) => /[\\/]node_modules[\\/]lit-html[\\/]/.test(id))
              ? 'chunks/lit-[hash].js'
              : 'chunks/[name]-[hash].js',
        },
      },
    },
  }
})
