/**
 * `embed.js`, the script-tag entry: `<script src="https://…/embed.js" data-site="pk_…" async>`.
 * A classic script (built as an IIFE) that imports each component's chunk, with an absolute URL
 * beside its own, only when that component's tag is on the page. It holds no Lit and no styles,
 * injects nothing into the document, and uses no eval, so it runs under a strict CSP.
 */
import { boot, findScript } from './internal/autoloader'

// Only while the script runs synchronously does `currentScript` point at it; read it first.
const script = findScript(document.currentScript)
const chunks = (script?.src && new URL('chunks/', script.src).href) || '/chunks/'

boot({
  script,
  version: __LEADLINE_VERSION__,
  load: (chunk) => import(/* @vite-ignore */ chunks + chunk + '.js'),
})
