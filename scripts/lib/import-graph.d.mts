/** Types of import-graph.mjs: the import graph and the layering it must keep. */
export interface Imports {
  /** Resolved relative imports, as repository paths with `/`. */
  files: string[]
  /** Bare specifiers: `hono`, `hono/cookie`, `valibot`, … */
  packages: string[]
  /** What the file imports by name (the exported name, before any `as`). */
  names?: string[]
  /** Whether the file names a D1 type. */
  usesD1: boolean
}
export type Graph = Map<string, Imports>
export interface Layer {
  entries: string[]
  may: string[]
}
export const ROOT: string
export const DOMAIN: string[]
export const LAYERS: Record<
  'shared' | 'domain' | 'storage' | 'orchestration' | 'http' | 'entry',
  Layer
>
export const CHECKED: string[]
export const CIRCLE_FREE: string[]
export function sourceFiles(dir: string): string[]
export function imports(file: string): {
  specifiers: string[]
  names: string[]
  usesD1: boolean
}
export function importGraph(dirs: string[]): Graph
export function circles(graph: Graph): string[][]
export function loopThrough(graph: Graph, group: string[], start?: string): string
export function forbiddenImports(graph: Graph): string[]
