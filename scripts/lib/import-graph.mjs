/**
 * The import graph of the TypeScript sources, and the layering it must keep: which folder may
 * import which, and no import circles. `scripts/lib/layers.test.ts` (the `unit` project) fails
 * on any breach; run this file to print the figures:
 *
 * @example
 *   node scripts/lib/import-graph.mjs          # circles and forbidden imports, one per line
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

export const ROOT = join(import.meta.dirname, '..', '..')

/** Every `.ts` file under `dir` (relative to the repository, with `/`), sorted. */
export function sourceFiles(dir) {
  const out = []
  const walk = (abs) => {
    for (const name of readdirSync(abs)) {
      const path = join(abs, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path)
    }
  }
  walk(join(ROOT, dir))
  return out.map((path) => relative(ROOT, path).split(sep).join('/')).sort()
}

/**
 * The module specifiers a file names: static imports and re-exports (type-only ones too: they
 * couple the layers as much as value imports do), `import()` calls and `import('…')` types; and
 * the names it imports by name (`import { ApiError as E }` gives `ApiError`).
 */
export function imports(file) {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false)
  const found = []
  const names = new Set()
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text)
      const named = node.importClause?.namedBindings
      if (named && ts.isNamedImports(named)) {
        for (const el of named.elements) names.add((el.propertyName ?? el.name).text)
      }
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text)
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push(node.argument.literal.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return { specifiers: found, names: [...names].sort(), usesD1: D1_TYPES.test(text) }
}

/** A relative specifier resolved the way the bundler does (`x`, `x.ts`, `x/index.ts`), or null. */
function resolveRelative(from, spec) {
  const base = resolve(ROOT, dirname(from), spec)
  const candidates = [base, `${base}.ts`, join(base, 'index.ts')]
  if (base.endsWith('.js')) candidates.push(base.replace(/\.js$/, '.ts'))
  for (const path of candidates) {
    try {
      if (statSync(path).isFile()) return relative(ROOT, path).split(sep).join('/')
    } catch {
      // not this candidate
    }
  }
  return null
}

/**
 * The graph over `dirs`: for each file, what it imports — `files` (resolved relative imports,
 * wherever they point), `packages` (bare specifiers such as `hono` or `hono/cookie`), `names`
 * (what it imports by name) and `usesD1`, whether it names a D1 type (`D1Database`, …).
 */
export function importGraph(dirs) {
  const graph = new Map()
  for (const file of dirs.flatMap(sourceFiles)) {
    const files = []
    const packages = []
    const found = imports(file)
    for (const spec of found.specifiers) {
      if (spec.startsWith('.')) {
        const target = resolveRelative(file, spec)
        if (target) files.push(target)
      } else packages.push(spec)
    }
    graph.set(file, {
      files: [...new Set(files)],
      packages: [...new Set(packages)],
      names: found.names,
      usesD1: found.usesD1,
    })
  }
  return graph
}

/** The D1 binding's types: a file that names one works with storage. */
const D1_TYPES = /\bD1(Database|PreparedStatement|Result|DatabaseSession)\b/

/**
 * The import circles: each strongly connected group of two or more files (or a file importing
 * itself), as a list of its files, sorted. One group may hold several loops; it counts once,
 * and it is gone only when every loop in it is broken.
 */
export function circles(graph) {
  // Tarjan's algorithm, iterative so a deep chain cannot overflow the stack.
  let counter = 0
  const index = new Map()
  const low = new Map()
  const onStack = new Set()
  const stack = []
  const groups = []
  const edges = (file) => (graph.get(file)?.files ?? []).filter((f) => graph.has(f))
  for (const start of graph.keys()) {
    if (index.has(start)) continue
    const work = [[start, 0]]
    index.set(start, counter)
    low.set(start, counter++)
    stack.push(start)
    onStack.add(start)
    while (work.length) {
      const frame = work[work.length - 1]
      const [file, i] = frame
      const next = edges(file)[i]
      if (next !== undefined) {
        frame[1]++
        if (!index.has(next)) {
          index.set(next, counter)
          low.set(next, counter++)
          stack.push(next)
          onStack.add(next)
          work.push([next, 0])
        } else if (onStack.has(next)) low.set(file, Math.min(low.get(file), index.get(next)))
        continue
      }
      work.pop()
      if (work.length) {
        const parent = work[work.length - 1][0]
        low.set(parent, Math.min(low.get(parent), low.get(file)))
      }
      if (low.get(file) === index.get(file)) {
        const group = []
        let member
        do {
          member = stack.pop()
          onStack.delete(member)
          group.push(member)
        } while (member !== file)
        if (group.length > 1 || edges(file).includes(file)) groups.push(group.sort())
      }
    }
  }
  return groups.sort((a, b) => a[0].localeCompare(b[0]))
}

/**
 * One loop inside a circle, as `a → b → … → a`, found by a breadth-first walk back to `start`
 * within the group: what to read when the test names a circle.
 */
export function loopThrough(graph, group, start = group[0]) {
  const members = new Set(group)
  const previous = new Map([[start, null]])
  const queue = [start]
  while (queue.length) {
    const file = queue.shift()
    for (const next of graph.get(file)?.files ?? []) {
      if (!members.has(next)) continue
      if (next === start) {
        const path = [start]
        for (let at = file; at !== null && at !== start; at = previous.get(at))
          path.splice(1, 0, at)
        return [...path, start].join(' → ')
      }
      if (!previous.has(next)) {
        previous.set(next, file)
        queue.push(next)
      }
    }
  }
  return group.join(' ↔ ')
}

const WORKER = 'worker/src/'
const isTest = (file) => /\.(test|bench|test-helper)\.ts$/.test(file)
const isHono = (pkg) => pkg === 'hono' || pkg.startsWith('hono/') || pkg.startsWith('@hono/')

/**
 * The worker's domain folders: rules and calculations over plain values (time, ids and randomness
 * passed in), no I/O.
 */
export const DOMAIN = [
  'analytics',
  'booking',
  'contacts',
  'deals',
  'delivery',
  'leads',
  'nurture',
  'pipeline',
  'quotes',
  'scoring',
  'sites',
]

/**
 * The worker's layers, each a set of entries of `worker/src` (folders, or files at its top),
 * from the bottom up, and the layers each may import. Only `http` and `entry` may import `hono`;
 * `shared` and `domain` may not name a D1 type. An entry in no layer is itself a breach: a new
 * folder has to be placed.
 */
export const LAYERS = {
  /** Helpers everyone may use: errors without HTTP, ids, HTML escaping, the worker's texts. */
  shared: { entries: ['lib', 'i18n'], may: ['shared'] },
  domain: { entries: DOMAIN, may: ['shared', 'domain'] },
  /** D1 access: functions that take the binding and return domain objects. */
  storage: { entries: ['db'], may: ['shared', 'domain', 'storage'] },
  /**
   * What happens when something happens: the messages a change queues (`notices/`), what the
   * cron and queue run (`jobs/`, `maintenance.ts`), the bindings (`env.ts`), use cases.
   */
  orchestration: {
    entries: ['notices', 'jobs', 'usecases', 'maintenance.ts', 'env.ts'],
    may: ['shared', 'domain', 'storage', 'orchestration'],
  },
  /** Hono: the app, its routes, middleware and the OpenAPI document. */
  http: {
    entries: ['routes', 'middleware', 'openapi', 'app.ts'],
    may: ['shared', 'domain', 'storage', 'orchestration', 'http'],
  },
  entry: { entries: ['index.ts'], may: ['orchestration', 'http'] },
}

const layerOf = (file) => {
  const entry = file.slice(WORKER.length).split('/')[0]
  return Object.keys(LAYERS).find((name) => LAYERS[name].entries.includes(entry)) ?? null
}

/** Which packages of the repository may import which (never widget ↔ worker). */
const PACKAGES = {
  'contract/': ['contract/'],
  'widget/src/': ['widget/src/', 'contract/'],
  'console/src/': ['console/src/', 'contract/'],
  'worker/src/': ['worker/src/', 'contract/'],
}

/**
 * Imports that break the layering, each as `file → what it imports (rule)`. Tests, benchmarks
 * and test helpers are left out: they may set up any layer they exercise.
 *
 * - across packages: `contract/` imports only itself (and valibot); the widget, the console and
 *   the worker import themselves and `contract/`, never one another;
 * - inside the worker, each layer imports only the layers `LAYERS` lets it: storage imports no
 *   HTTP, the domain neither storage nor HTTP nor orchestration;
 * - only the HTTP layer (and the entry) imports `hono` or `ApiError` (the error that may set
 *   headers); the others throw `DomainError`; the domain and `lib/` name no D1 type.
 */
export function forbiddenImports(graph) {
  const found = []
  for (const [file, { files, packages, names = [], usesD1 }] of graph) {
    if (isTest(file)) continue
    const breach = (what, rule) => found.push(`${file} → ${what} (${rule})`)
    const home = Object.keys(PACKAGES).find((root) => file.startsWith(root))
    if (home) {
      for (const target of files) {
        const there = Object.keys(PACKAGES).find((root) => target.startsWith(root))
        if (there && !PACKAGES[home].includes(there)) {
          breach(target, `${home.split('/')[0]} imports ${there.split('/')[0]}`)
        }
      }
    }
    if (home === 'contract/') {
      for (const pkg of packages.filter((p) => p !== 'valibot'))
        breach(pkg, 'contract imports a package')
    }
    if (home !== 'worker/src/') continue
    const layer = layerOf(file)
    if (!layer) {
      breach(file.slice(WORKER.length).split('/')[0], 'in no layer: add it to LAYERS')
      continue
    }
    if (!['http', 'entry'].includes(layer)) {
      for (const pkg of packages.filter(isHono)) breach(pkg, `${layer} imports HTTP`)
    }
    if ((layer === 'domain' || layer === 'shared') && usesD1) breach('D1', `${layer} uses storage`)
    if (!['http', 'entry'].includes(layer) && names.includes('ApiError')) {
      breach('ApiError', `${layer} throws an HTTP error: throw DomainError`)
    }
    for (const target of files.filter((f) => f.startsWith(WORKER))) {
      const to = layerOf(target)
      if (to && !LAYERS[layer].may.includes(to)) {
        breach(target, `${layer} imports ${to === 'http' ? 'HTTP' : to}`)
      }
    }
  }
  return found.sort()
}

/** The directories the check reads, and those that must hold no import circle. */
export const CHECKED = ['worker/src', 'widget/src', 'console/src', 'contract']
export const CIRCLE_FREE = ['worker/src/', 'widget/src/', 'console/src/', 'contract/']

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const graph = importGraph(CHECKED)
  const groups = circles(graph).filter((g) => CIRCLE_FREE.some((dir) => g[0].startsWith(dir)))
  console.log(`files: ${graph.size}`)
  console.log(`import circles: ${groups.length}`)
  for (const group of groups) console.log(`  ${loopThrough(graph, group)}  [${group.length} files]`)
  const forbidden = forbiddenImports(graph)
  console.log(`forbidden imports: ${forbidden.length}`)
  for (const line of forbidden) console.log(`  ${line}`)
}
