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
import { defineConfig, type Plugin, type UserConfig } from 'vite'
import { minifyTemplates } from './minify-templates.ts'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '..')
const src = (p: string) => resolve(here, 'src', p)
/**
 * What goes in the shared chunk (see `codeSplitting` below): Lit's core, vite's preload helper (one
 * line, see `plainDynamicImport`), and the widget modules the form uses besides its own element
 * (the quiz and the booking reuse the information notice view). Paths with `/`; ids are
 * normalised.
 */
const SHARED = [
  '/node_modules/lit/index.js',
  '/node_modules/lit-html/lit-html.js',
  '/node_modules/lit-element/lit-element.js',
  '/node_modules/@lit/reactive-element/css-tag.js',
  '/node_modules/@lit/reactive-element/reactive-element.js',
  'vite/preload-helper',
  '/src/internal/api.ts',
  '/src/internal/base.ts',
  '/src/internal/controllers.ts',
  '/src/internal/consent-view.ts',
  '/src/internal/form-helpers.ts',
  '/src/internal/localize.ts',
  '/src/internal/submit.ts',
  '/src/i18n/en.ts',
  '/src/i18n/tr.ts',
  '/src/styles/tokens.ts',
  '/src/components/form/styles.ts',
]
const isShared = (id: string) => SHARED.some((p) => id.replace(/\\/g, '/').includes(p))
/**
 * What `<leadline-invoice>` reuses of `<leadline-quote>` (tables, formatting, styles, strings):
 * one chunk the two import, so the invoice adds only its own element on top of the quote.
 */
const QUOTE_SHARED = [
  '/src/components/quote/format.ts',
  '/src/components/quote/lines.ts',
  '/src/components/quote/styles.ts',
  '/src/i18n/quote.ts',
]
const isQuoteShared = (id: string) => QUOTE_SHARED.some((p) => id.replace(/\\/g, '/').includes(p))
/**
 * Modules two component chunks use and the form does not: the writes a visitor starts from a
 * link, and the month and weekday names (the booking's and the quote's). In the shared chunk
 * every form visitor would download them; in a chunk of their own, or in the quote's shared
 * chunk, they would be one more request for the booking and the quote.
 * Each component that imports one gets its own copy, under an id of its own
 * (`…/writes.ts?in=booking`), so the source is written once and each chunk carries what it
 * carried before.
 */
const PER_COMPONENT = /\/src\/internal\/(?:writes|names)\.ts$/
const perComponentCopies: Plugin = {
  name: 'leadline:per-component-copies',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    const component = importer?.replace(/\\/g, '/').match(/\/src\/components\/(\w+)\//)?.[1]
    if (!component || !/\/(?:writes|names)$/.test(source)) return null
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
    if (!resolved || !PER_COMPONENT.test(resolved.id.replace(/\\/g, '/'))) return null
    return `${resolved.id}?in=${component}`
  },
}
const version = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version as string

/**
 * Vite wraps each dynamic `import()` in its preload helper (~0.6 KB brotli in the shared chunk)
 * to add `<link rel=modulepreload>` for the imported chunk's dependencies and, when the import
 * fails, to dispatch `vite:preloadError` on the host page's `window`. The widget preloads nothing
 * (`modulePreload: false`, the lazy validation chunk's only import is the shared chunk already
 * loaded), and the event is the store's, not ours: a store page built with Vite that reloads on
 * `vite:preloadError`, as Vite's guide suggests, would reload when our validation chunk is lost
 * offline and lose what the visitor typed. The helper becomes a plain call; the form and the
 * quiz handle a failed import themselves (retried on the next focus or submit).
 */
const plainDynamicImport: Plugin = {
  name: 'leadline:plain-dynamic-import',
  enforce: 'pre',
  load: {
    filter: { id: /^\0vite\/preload-helper\.js$/ },
    handler: () => 'export const __vitePreload = (load) => load()',
  },
}

/**
 * Lit's css tag throws two long English sentences (~90 B brotli in the chunk every visitor
 * downloads) for misuse that only a developer meets: building a `CSSResult` by hand, or putting a
 * non-`css` value into css``. Our styles do neither; the short messages still name the mistake.
 * When Lit's text changes the plugin changes nothing, and the size budget says so.
 */
const shortLitMessages: Plugin = {
  name: 'leadline:short-lit-messages',
  transform: {
    filter: { id: /[\\/]@lit[\\/]reactive-element[\\/]css-tag\.js$/ },
    handler: (code) =>
      code
        .replace(
          '"CSSResult is not constructable. Use `unsafeCSS` or `css` instead."',
          '"Lit: use css or unsafeCSS"',
        )
        .replace(
          `"Value passed to 'css' function must be a 'css' function result: "+t+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security."`,
          '"Lit: not a css value: "+t',
        ),
  },
}

/**
 * What Lit carries for features no Leadline element uses, cut from the chunk every visitor
 * downloads (~440 B brotli): decorator metadata (`Symbol.metadata`, which Lit also sets on the
 * host page's `Symbol`) and `addInitializer` (our elements declare `static properties`), a
 * reactive controller's `hostUpdated` and `removeController` (ours, in internal/controllers.ts,
 * stay for the element's life and use `hostConnected`, `hostDisconnected` and `hostUpdate`),
 * and the hooks of Lit's polyfill-support and SSR hydrate-support scripts (for browsers without
 * shadow DOM, and for server-rendered elements; ours render in the browser, and a host page's
 * hooks meant for its own Lit no longer reach ours), svg`` and mathml`` templates (inline SVG in
 * html`` is parsed as HTML parses it), properties reflected to attributes and the typed
 * attribute converters (every attribute we declare is a string, or has a converter of its own),
 * and lit-html's and lit-element's entries in the page's version lists (read by Lit's
 * development build alone; `reactiveElementVersions` stays, so the shared chunk still says which
 * Lit it holds). Each cut names Lit's minified text exactly: when Lit changes, the build fails
 * here rather than shipping half a cut. A widget module that needs one of them (a decorator,
 * `@lit/task`, `hostUpdated`, `reflect: true`, `type: Boolean`) fails the build too.
 */
const LIT_CUTS: Record<string, (string | [string | RegExp, string])[]> = {
  '@lit/reactive-element/reactive-element.js': [
    'Symbol.metadata??=Symbol("metadata"),a.litPropertyMetadata??=new WeakMap;',
    'const t=this[Symbol.metadata];if(null!==t){const s=litPropertyMetadata.get(t);if(void 0!==s)for(const[t,i]of s)this.elementProperties.set(t,i)}',
    'static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}',
    ',void 0!==t.l&&(this.l=[...t.l])',
    ',this.constructor.l?.forEach(t=>t(this))',
    'removeController(t){this._$EO?.delete(t)}',
    // `reflect: true` and the typed attribute converters (`type: Boolean`, `Number`, `Object`).
    '_$ET(t,s){const i=this.constructor.elementProperties.get(t),e=this.constructor._$Eu(t,i);if(void 0!==e&&!0===i.reflect){const h=(void 0!==i.converter?.toAttribute?i.converter:u).toAttribute(s,i.type);this._$Em=t,null==h?this.removeAttribute(e):this.setAttribute(e,h),this._$Em=null}}',
    ',!0===e&&this._$Em!==t&&(this._$Eq??=new Set).add(t)',
    'this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),',
    'toAttribute(t,s){switch(s){case Boolean:t=t?l:null;break;case Object:case Array:t=null==t?t:JSON.stringify(t)}return t},',
    [
      'fromAttribute(t,s){let i=t;switch(s){case Boolean:i=null!==t;break;case Number:i=null===t?null:Number(t);break;case Object:case Array:try{i=JSON.parse(t)}catch(t){i=null}}return i}',
      'fromAttribute:t=>t',
    ],
    'c=a.trustedTypes,l=c?c.emptyScript:"",',
    'this._$EO?.forEach(t=>t.hostUpdated?.()),',
    ',p=a.reactiveElementPolyfillSupport',
    'p?.({ReactiveElement:y}),',
  ],
  'lit-html/lit-html.js': [
    ['B=t.litHtmlPolyfillSupport;B?.(S,k),(t.litHtmlVersions??=[]).push("3.3.3");', 'B=0;'],
    // svg`` and mathml`` templates (no element imports their tags).
    ['l=2===i?"<svg>":3===i?"<math>":""', 'l=""'],
    [',2===i||3===i){const t=this.el.content.firstChild;t.replaceWith(...t.childNodes)}', '){}'],
    '+(2===i?"</svg>":3===i?"</math>":"")',
  ],
  'lit-element/lit-element.js': [
    [
      ',s.litElementHydrateSupport?.({LitElement:i});const o=s.litElementPolyfillSupport;o?.({LitElement:i});',
      ';',
    ],
    [';(s.litElementVersions??=[]).push("4.2.2");', ';'],
  ],
}
const UNSUPPORTED =
  /[\\/](?:@lit[\\/]task|lit[\\/]decorators|@lit[\\/]reactive-element[\\/]decorators)[\\/]/
/** What widget code may not use: Lit's support for it is cut above. */
const CUT_FEATURES =
  /\.(?:removeController|addInitializer)\(|\bhostUpdated\(|\b(?:svg|mathml)`|\breflect:|\btype: *(?:Boolean|Number|Object|Array)\b/
const trimLit: Plugin = {
  name: 'leadline:trim-lit',
  transform(code, id) {
    const path = id.replace(/\\/g, '/')
    if (UNSUPPORTED.test(id) || (/\/widget\/src\//.test(path) && CUT_FEATURES.test(code))) {
      this.error(
        `${id}: Lit's hostUpdated, removeController, initializers, decorators, reflect, typed attributes and svg\`\` are cut (trimLit, vite.config.ts)`,
      )
    }
    const file = Object.keys(LIT_CUTS).find((f) => path.endsWith('/node_modules/' + f))
    if (!file) return null
    for (const cut of LIT_CUTS[file]!) {
      const [from, to] = typeof cut === 'string' ? [cut, ''] : cut
      const next = code.replace(from, to)
      if (next === code) this.error(`${file} changed: Lit's text to cut is gone (trimLit)`)
      code = next
    }
    return { code, map: null }
  },
}

export default defineConfig((): UserConfig => {
  const target = process.env.LEADLINE_BUILD ?? 'chunks'
  const shared: UserConfig = {
    mode: 'production',
    root: here,
    publicDir: false,
    logLevel: 'warn',
    plugins: [minifyTemplates(), plainDynamicImport, shortLitMessages, trimLit],
    define: { __LEADLINE_VERSION__: JSON.stringify(version) },
  }
  if (target === 'loader') {
    return {
      ...shared,
      define: { ...shared.define, __LEADLINE_DEPS__: process.env.LEADLINE_DEPS ?? '{}' },
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
            'define-booking': src('components/booking/define.ts'),
            'define-quote': src('components/quote/define.ts'),
            'define-invoice': src('components/invoice/define.ts'),
          },
          formats: ['es'],
        },
        rolldownOptions: { external: [/^lit(\/|$)/, /^@lit\//, /^valibot$/] },
      },
    }
  }
  return {
    ...shared,
    plugins: [...shared.plugins!, perComponentCopies],
    build: {
      outDir: resolve(root, 'dist/public'),
      emptyOutDir: false,
      copyPublicDir: false,
      modulePreload: false,
      rolldownOptions: {
        input: {
          form: src('components/form/define.ts'),
          quiz: src('components/quiz/define.ts'),
          booking: src('components/booking/define.ts'),
          quote: src('components/quote/define.ts'),
          invoice: src('components/invoice/define.ts'),
        },
        preserveEntrySignatures: 'allow-extension',
        output: {
          format: 'es',
          // One shared chunk, whatever subset of it each component uses: left to itself, rolldown
          // splits shared code by the exact set of entries using it, so the booking (which needs
          // no form helpers) would cut the form's Lit chunk in two and cost every form visitor a
          // second request. What the form reaches besides its own element goes here.
          codeSplitting: {
            groups: [
              { name: 'lit', test: isShared },
              { name: 'quote-common', test: isQuoteShared },
            ],
          },
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
