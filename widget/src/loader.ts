/**
 * `embed.js`, the script-tag entry: `<script src="https://…/embed.js" data-site="pk_…" async>`.
 * A classic script (built as an IIFE) that imports each component's chunk, with an absolute URL
 * beside its own, only when that component's tag is on the page, with a `<link rel=modulepreload>`
 * in the head for each chunk that one imports, and starts the element's first requests. It holds
 * no Lit and no styles, adds nothing else to the document, and uses no eval, so it runs under a
 * strict CSP (the preloads are scripts from the loader's own origin, as the chunks are).
 */
import { boot, findScript } from './internal/autoloader'

// Only while the script runs synchronously does `currentScript` point at it; read it first.
const script = findScript(document.currentScript)
const chunks = (script?.src && new URL('chunks/', script.src).href) || '/chunks/'

boot({
  script,
  version: __LEADLINE_VERSION__,
  load: (chunk) => import(/* @vite-ignore */ chunks + chunk + '.js'),
  deps: __LEADLINE_DEPS__,
  base: chunks,
})
