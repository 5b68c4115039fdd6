export const CHROMIUM: string
export const CHROMIUM_ARGS: string[]
export function ensureDependencies(root: string): void
export function ensureChromium(): boolean
export function declaredNode(
  root: string,
  platform?: string,
  arch?: string,
): { version: string; exact: boolean }
export function compareVersions(a: string, b: string): number
export function ensureNode(root: string): Promise<void>
