import type { CreatedStore, StoreInput } from './store.mjs'

export interface LocalOptions {
  config?: string
  persistTo?: string
  cwd?: string
}
export interface DevServer {
  url: string
  port: number
  pid: number
  stop(): Promise<void>
  exited: Promise<number | null>
}
export const ROOT: string
export const DB_NAME: string
export const DEMO_SITE_KEY: string
export function demoStore(origins: string[]): StoreInput
export function loopbackOrigins(port: number): string[]
export function wranglerEnv(extra?: Record<string, string>): NodeJS.ProcessEnv
export function runWrangler(
  args: string[],
  options?: { cwd?: string; env?: Record<string, string> },
): Promise<string>
export function applyMigrations(options?: LocalOptions): Promise<string>
export function queryLocal<Row = Record<string, unknown>>(
  command: string,
  options?: LocalOptions,
): Promise<Row[]>
export function executeSql(sql: string, options?: LocalOptions): Promise<void>
export function seedStore(store: StoreInput, options?: LocalOptions): Promise<CreatedStore>
export function freePort(): Promise<number>
export function waitForHttp(
  url: string,
  options?: { timeoutMs?: number; isAlive?: () => boolean },
): Promise<void>
export function startDevServer(options: {
  port: number
  persistTo?: string
  config?: string
  cwd?: string
  env?: Record<string, string>
  inspectorPort?: number
  log?: string
  readyPath?: string
  timeoutMs?: number
  extraArgs?: string[]
}): Promise<DevServer>
/** A fresh local D1 with the demo store and `wrangler dev` serving it on a free port. */
export function startDemoStore(
  options: { persistTo: string; origins?: string[]; log?: string } & Omit<
    Parameters<typeof startDevServer>[0],
    'port' | 'persistTo' | 'log'
  >,
): Promise<{ server: DevServer; store: CreatedStore }>
export function localVars(publicUrl: string): {
  PUBLIC_URL: string
  ALLOW_LOCAL_WEBHOOK_URLS: 'true'
}
export function fakeProviderArgs(fakesUrl: string): string[]
export function runMinuteCron(url: string): Promise<void>
export function killGroup(pid: number, signal: NodeJS.Signals): void
export function exists(path: string): boolean
