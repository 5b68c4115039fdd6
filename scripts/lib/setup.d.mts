export const CHROMIUM: string
export const CHROMIUM_ARGS: string[]
export function ensureDependencies(root: string): void
export function ensureChromium(): boolean
