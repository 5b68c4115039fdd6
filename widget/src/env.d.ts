/** Replaced at build time with the package version (vite `define`). */
declare const __LEADLINE_VERSION__: string
/**
 * Replaced in the loader's build with the chunks each component's chunk imports, all the way down
 * (`{ form: ['lit-x.js'] }`), read from the chunks build (widget/build.mjs).
 */
declare const __LEADLINE_DEPS__: Record<string, string[]>
