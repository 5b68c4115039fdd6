/**
 * `npm run bench:console`: how fast the admin console's board opens on a cold cache with about
 * BENCH_OPEN_LEADS open leads (default 1,000).
 *
 * Fresh `--persist-to` directory, migrations, `seedBig()` (a realistic pipeline history; the
 * number of leads generated is raised until at least BENCH_OPEN_LEADS are open), then
 * `wrangler dev` and Debian's Chromium through playwright-core. Each of BENCH_RUNS runs opens
 * the board in a new browser context (empty cache), signed in with the store owner's key, and
 * reads:
 * - bytes transferred (what the network carried, as `wrangler dev` serves it: the console's
 *   HTML, JS and CSS, and the API's JSON), and the brotli size of the console's files;
 * - time from navigation start to the first cards on the board (the performance mark
 *   `leadline:board-first-cards`, set when the first page of leads is shown) and to the whole
 *   board (`leadline:board-all-cards`), and the cards counted on the page.
 * Prints the figures (medians over the runs) and writes dist/bench-console.json.
 */
/* global sessionStorage, document -- used only in functions that run inside the page */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, constants } from 'node:zlib'
import { chromium } from 'playwright-core'
import { build } from './build.mjs'
import { applyMigrations, freePort, queryLocal, ROOT, startDevServer } from './lib/dev-server.mjs'
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium, ensureNode } from './lib/setup.mjs'
import { lit } from './lib/store.mjs'
import { seedBig } from './seed-big.mjs'

await ensureNode(ROOT)

const OPEN = Number(process.env.BENCH_OPEN_LEADS ?? 1_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const MARKS = ['leadline:board-first-cards', 'leadline:board-all-cards']

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const brotli = (buf) =>
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length

/** Open leads of the store, as the board's list counts them. */
async function openLeads(siteId, persistTo) {
  const [{ n }] = await queryLocal(
    `SELECT count(*) AS n FROM leads WHERE site_id = ${lit(siteId)} AND stage NOT IN ('won', 'lost')`,
    { persistTo },
  )
  return n
}

/** Seeds until at least OPEN leads are open; returns the owner's key and the open count. */
async function seed(persistTo) {
  let total = 0
  let open = 0
  let first
  // A bit under half of a generated half-year history is still open; add until the board is full.
  for (let batch = Math.ceil(OPEN * 2.2); open < OPEN; batch = Math.ceil((OPEN - open) * 2.3)) {
    const result = await seedBig({ leads: batch, persistTo, months: 6 })
    first ??= result // only the run that created the store knows the keys
    total += batch
    open = await openLeads(result.siteId, persistTo)
  }
  const key = first.users.find((u) => u.role === 'owner').key
  return { key, open, total }
}

/** One cold-cache visit of the board; what it transferred and when the cards appeared. */
async function visit(browser, base, key) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  const kinds = new Map()
  const bytes = { console: 0, api: 0 }
  cdp.on('Network.responseReceived', (e) =>
    kinds.set(e.requestId, new URL(e.response.url).pathname),
  )
  cdp.on('Network.loadingFinished', (e) => {
    const path = kinds.get(e.requestId) ?? ''
    bytes[path.startsWith('/admin/api/') ? 'api' : 'console'] += e.encodedDataLength
  })
  await page.addInitScript((k) => sessionStorage.setItem('leadline:console:key', k), key)
  await page.goto(`${base}/admin/`)
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, MARKS[1], {
    timeout: 120_000,
  })
  const times = await page.evaluate(
    (names) => names.map((n) => performance.getEntriesByName(n)[0].startTime),
    MARKS,
  )
  const cards = await page.evaluate(() => {
    const board = document
      .querySelector('leadline-console')
      .shadowRoot.querySelector('leadline-board')
    return board.shadowRoot.querySelectorAll('[data-lead]').length
  })
  await context.close()
  return { firstCardsMs: times[0], allCardsMs: times[1], cards, bytes }
}

/** Brotli sizes of the console's files: the page, the entry chunk and its CSS. */
function consoleSizes() {
  const dir = join(ROOT, 'dist/public/admin')
  const html = readFileSync(join(dir, 'index.html'))
  const assets = readdirSync(join(dir, 'assets'))
  const entry = assets.filter((f) => /^index-.*\.(js|css)$/.test(f))
  const files = [html, ...entry.map((f) => readFileSync(join(dir, 'assets', f)))]
  const all = assets.map((f) => readFileSync(join(dir, 'assets', f)))
  return {
    boardRaw: files.reduce((s, b) => s + b.length, 0),
    boardBrotli: files.reduce((s, b) => s + brotli(b), 0),
    allScreensBrotli: [html, ...all].reduce((s, b) => s + brotli(b), 0),
  }
}

async function main() {
  ensureChromium()
  build()
  const persistTo = mkdtempSync(join(tmpdir(), 'leadline-bench-console-'))
  let server
  let browser
  try {
    await applyMigrations({ persistTo })
    console.log(`Seeding until ${OPEN} leads are open …`)
    const { key, open, total } = await seed(persistTo)
    console.log(`  ${total} leads generated, ${open} open`)
    const port = await freePort()
    server = await startDevServer({ port, persistTo, log: join(persistTo, 'wrangler.log') })
    const base = `http://127.0.0.1:${port}`
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    await visit(browser, base, key) // warm-up: wrangler dev bundles and D1 opens on first use
    const runs = []
    for (let i = 0; i < RUNS; i++) runs.push(await visit(browser, base, key))
    const sizes = consoleSizes()
    const result = {
      machine: `${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
      openLeads: open,
      cardsShown: median(runs.map((r) => r.cards)),
      firstCardsMs: median(runs.map((r) => r.firstCardsMs)),
      allCardsMs: median(runs.map((r) => r.allCardsMs)),
      transferred: {
        console: median(runs.map((r) => r.bytes.console)),
        api: median(runs.map((r) => r.bytes.api)),
      },
      sizes,
      runs,
    }
    console.log(
      `\nBoard with ${open} open leads (${result.cardsShown} cards shown), ${RUNS} cold runs:`,
    )
    console.log(`  first cards        ${result.firstCardsMs.toFixed(0)} ms (median)`)
    console.log(`  whole board        ${result.allCardsMs.toFixed(0)} ms (median)`)
    console.log(
      `  transferred        console ${kb(result.transferred.console)}, API ${kb(result.transferred.api)}`,
    )
    console.log(
      `  console, brotli    board page ${kb(sizes.boardBrotli)} (raw ${kb(sizes.boardRaw)}); every screen ${kb(sizes.allScreensBrotli)}`,
    )
    console.log(`  machine            ${result.machine}`)
    mkdirSync(join(ROOT, 'dist'), { recursive: true })
    writeFileSync(join(ROOT, 'dist/bench-console.json'), JSON.stringify(result, null, 2))
  } finally {
    await browser?.close()
    await server?.stop()
    rmSync(persistTo, { recursive: true, force: true })
  }
}

await main()
