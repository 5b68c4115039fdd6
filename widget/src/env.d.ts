/** Replaced at build time with the package version (vite `define`). */
declare const __LEADLINE_VERSION__: string
