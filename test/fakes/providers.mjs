/**
 * Local fake providers for tests, `npm start` and benches: one node:http server on 127.0.0.1
 * that speaks Resend's e-mail API, Verimor's SMS API, and receives webhooks, with a control API
 * to inject failures. Plain Node ESM without dependencies.
 *
 *   POST /emails                Resend: Bearer key check, Idempotency-Key semantics (same key and
 *                               body → the stored answer, no second e-mail; another body → 409)
 *   POST /v2/send.json          Verimor: credentials check; every call sends again (no dedupe)
 *   GET  /v2/status?custom_id=  Verimor: what was sent with that custom_id (a JSON array)
 *   POST /hooks/:name           a webhook receiver: records headers and body, answers 200
 *   POST /_control              { failRate?, seed?, lose?, status?, delayMs? } (see `control`)
 *   GET  /_inspect              every request, and the accepted e-mails, SMS and webhooks
 *   POST /_reset                forgets everything and clears the control settings
 */
import { createHash, randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { prng } from '../../scripts/lib/prng.mjs'

export const FAKE_RESEND_KEY = 're_test_key'
export const FAKE_VERIMOR_USER = 'leadline'
export const FAKE_VERIMOR_PASSWORD = 'secret'
/** A Svix-style signing secret for Resend's event webhooks (`whsec_` + base64 of 32 bytes). */
export const FAKE_RESEND_WEBHOOK_SECRET = `whsec_${Buffer.from('leadline-fake-resend-webhooks-32b').toString('base64')}`
/** The token in the Verimor report URL the tests use. */
export const FAKE_VERIMOR_REPORT_TOKEN = 'verimor-report-token-0123456789'

function freshState() {
  return {
    control: { failRate: 0, lose: 0, delayMs: 0, seed: 1, rules: [] },
    random: prng(1),
    requests: [],
    emails: [],
    idempotency: new Map(),
    sms: new Map(),
    campaigns: 0,
    webhooks: [],
  }
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex')

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

const json = (status, body, headers = {}) => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
})
const text = (status, body) => ({ status, headers: { 'Content-Type': 'text/plain' }, body })
const parse = (raw) => {
  try {
    return JSON.parse(raw)
  } catch {
    return undefined
  }
}

function resendEmail(state, req, raw) {
  const auth = req.headers.authorization ?? ''
  if (!auth.startsWith('Bearer ')) {
    return json(401, { statusCode: 401, name: 'missing_api_key', message: 'Missing API key' })
  }
  if (auth !== `Bearer ${FAKE_RESEND_KEY}`) {
    return json(403, { statusCode: 403, name: 'invalid_api_key', message: 'API key is invalid' })
  }
  const body = parse(raw)
  if (!body || typeof body.from !== 'string' || !body.to || typeof body.subject !== 'string') {
    return json(422, { statusCode: 422, name: 'validation_error', message: 'from, to, subject' })
  }
  const key = req.headers['idempotency-key']
  const hash = sha256(raw)
  if (key) {
    const seen = state.idempotency.get(key)
    if (seen && seen.hash !== hash) {
      return json(409, {
        statusCode: 409,
        name: 'invalid_idempotent_request',
        message: 'Same idempotency key used with a different request payload.',
      })
    }
    if (seen) return json(200, seen.answer)
  }
  const id = randomUUID()
  state.emails.push({ id, idempotencyKey: key ?? null, headers: req.headers, ...body })
  if (key) state.idempotency.set(key, { hash, answer: { id } })
  return json(200, { id })
}

function verimorCredentials(body) {
  return body?.username === FAKE_VERIMOR_USER && body?.password === FAKE_VERIMOR_PASSWORD
}

function verimorSend(state, raw) {
  const body = parse(raw)
  if (!body) return text(400, 'INVALID_JSON')
  if (!verimorCredentials(body)) return text(400, 'INVALID_USERNAME_OR_PASSWORD')
  if (!body.source_addr) return text(400, 'INVALID_SOURCE_ADDRESS')
  if (!Array.isArray(body.messages) || body.messages.length === 0) return text(400, 'NO_MESSAGES')
  for (const m of body.messages) {
    if (typeof m.msg !== 'string' || !/^\d{10,15}$/.test(String(m.dest))) {
      return text(400, 'INVALID_DESTINATION_ADDRESS')
    }
  }
  const campaignId = ++state.campaigns
  const customId = body.custom_id ?? `campaign-${campaignId}`
  const entry = state.sms.get(customId) ?? { customId, count: 0, campaigns: [], body }
  entry.count += 1
  entry.campaigns.push(campaignId)
  entry.body = body
  state.sms.set(customId, entry)
  return text(200, String(campaignId))
}

function verimorStatus(state, url) {
  const q = url.searchParams
  if (!verimorCredentials({ username: q.get('username'), password: q.get('password') })) {
    return text(400, 'INVALID_USERNAME_OR_PASSWORD')
  }
  const entry = state.sms.get(q.get('custom_id') ?? '')
  if (!entry) return json(200, [])
  return json(
    200,
    entry.body.messages.map((m, i) => ({
      message_id: `${entry.campaigns[0]}-${i}`,
      campaign_id: entry.campaigns[0],
      campaign_custom_id: entry.customId,
      dest: m.dest,
      status: 'DELIVERED',
      done_at: new Date().toISOString(),
    })),
  )
}

function webhookReceive(state, req, raw, name) {
  state.webhooks.push({
    name,
    id: req.headers['webhook-id'] ?? null,
    headers: req.headers,
    body: raw,
  })
  return text(200, 'ok')
}

/** The deduplicated views: e-mails by idempotency key, SMS by custom_id, webhooks by id. */
function inspect(state) {
  const byId = new Map()
  for (const w of state.webhooks) {
    const seen = byId.get(w.id) ?? {
      id: w.id,
      name: w.name,
      count: 0,
      headers: w.headers,
      body: w.body,
    }
    seen.count += 1
    byId.set(w.id, seen)
  }
  return {
    control: state.control,
    requests: state.requests,
    emails: state.emails,
    sms: [...state.sms.values()],
    webhooks: state.webhooks,
    webhooksById: [...byId.values()],
  }
}

/** The first status rule for this path that still has times left (it uses one up). */
function takeRule(state, path) {
  const rule = state.control.rules.find(
    (r) =>
      r.times > 0 &&
      (r.path === path || (r.path.endsWith('*') && path.startsWith(r.path.slice(0, -1)))),
  )
  if (!rule) return null
  rule.times -= 1
  const headers = rule.retryAfter === undefined ? {} : { 'Retry-After': String(rule.retryAfter) }
  return json(rule.code, { name: 'injected', statusCode: rule.code }, headers)
}

/**
 * Applies `POST /_control`: `failRate` (0..1) answers 500 before doing anything; `lose` (0..1)
 * is the share of successes whose answer is dropped after the work is done (the socket is
 * destroyed); `status` ({ path, code, times, retryAfter? } or a list) answers that code the next
 * `times` requests to `path` (a trailing `*` matches a prefix); `delayMs` delays every answer;
 * `seed` restarts the PRNG.
 */
function control(state, body) {
  const c = state.control
  if (typeof body.failRate === 'number') c.failRate = Math.min(1, Math.max(0, body.failRate))
  if (typeof body.lose === 'number') c.lose = Math.min(1, Math.max(0, body.lose))
  if (typeof body.delayMs === 'number') c.delayMs = Math.max(0, body.delayMs)
  if (typeof body.seed === 'number') {
    c.seed = body.seed
    state.random = prng(body.seed)
  }
  if (body.status) {
    const rules = Array.isArray(body.status) ? body.status : [body.status]
    c.rules.push(
      ...rules.map((r) => ({
        path: String(r.path),
        code: Number(r.code),
        times: Number(r.times ?? 1),
        retryAfter: r.retryAfter,
      })),
    )
  }
  return json(200, c)
}

async function route(state, req, res, url, raw) {
  const path = url.pathname
  if (path === '/_control' && req.method === 'POST')
    return { answer: control(state, parse(raw) ?? {}) }
  if (path === '/_inspect' && req.method === 'GET') return { answer: json(200, inspect(state)) }
  if (path === '/_reset' && req.method === 'POST') {
    Object.assign(state, freshState())
    return { answer: json(200, { reset: true }) }
  }
  state.requests.push({
    method: req.method,
    path,
    query: url.search,
    headers: req.headers,
    body: raw,
  })
  if (state.control.delayMs) await new Promise((r) => setTimeout(r, state.control.delayMs))
  const injected = takeRule(state, path)
  if (injected) return { answer: injected }
  const known =
    (req.method === 'POST' &&
      (path === '/emails' || path === '/v2/send.json' || /^\/hooks\/[^/]+$/.test(path))) ||
    (req.method === 'GET' && path === '/v2/status')
  if (!known) return { answer: json(404, { name: 'not_found' }) }
  if (state.control.failRate > 0 && state.random() < state.control.failRate) {
    return { answer: json(500, { statusCode: 500, name: 'internal_server_error' }) }
  }
  let answer
  if (path === '/emails') answer = resendEmail(state, req, raw)
  else if (path === '/v2/send.json') answer = verimorSend(state, raw)
  else if (path === '/v2/status') answer = verimorStatus(state, url)
  else answer = webhookReceive(state, req, raw, decodeURIComponent(path.slice('/hooks/'.length)))
  const lose = answer.status < 300 && state.control.lose > 0 && state.random() < state.control.lose
  return { answer, lose }
}

/**
 * Starts the fakes on 127.0.0.1 (`port` 0 picks a free one).
 *
 * @param {{ port?: number, unref?: boolean }} [options] `unref`: do not keep the process alive
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startFakes({ port = 0, unref = false } = {}) {
  const state = freshState()
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    readBody(req)
      .then((raw) => route(state, req, res, url, raw))
      .then(({ answer, lose }) => {
        if (lose) {
          req.socket.destroy()
          return
        }
        res.writeHead(answer.status, answer.headers)
        res.end(answer.body)
      })
      .catch((err) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' })
        res.end(String(err?.stack ?? err))
      })
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  if (unref) server.unref()
  const actual = server.address().port
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.()
        server.close(() => resolve())
      }),
  }
}
