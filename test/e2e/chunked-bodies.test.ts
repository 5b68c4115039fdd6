/**
 * Oversized bodies sent in chunks (`Transfer-Encoding: chunked`, no Content-Length) to the real
 * `wrangler dev`: each is answered 413 `payload_too_large`, never 503 "Your worker restarted
 * mid-request" or a reset, and the captures between them are stored (cloudflare/workerd#1741:
 * an answer sent while such a body was still arriving broke the request after it).
 */
import { request as httpRequest, Agent } from 'node:http'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { captureLead, d1 } from './helpers'

const BODY_BYTES = 2 * 1024 * 1024
const PIECE = Buffer.alloc(16 * 1024, 'a')

/** One connection reused for every oversized request, as a browser would. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 })
afterAll(() => agent.destroy())

/** POSTs `BODY_BYTES` in 16 KB chunks; resolves with the status and body, or the socket error. */
function postChunked(path: string, headers: Record<string, string>) {
  const base = new URL(inject('baseUrl'))
  return new Promise<{ status?: number; body?: string; error?: string }>((resolve) => {
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        path,
        method: 'POST',
        agent,
        timeout: 20_000,
        headers: {
          'Content-Type': 'application/json',
          'Transfer-Encoding': 'chunked',
          Origin: base.origin,
          ...headers,
        },
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (body += d))
        res.on('end', () => resolve({ status: res.statusCode, body }))
        res.on('error', (err) => resolve({ error: err.message }))
      },
    )
    req.on('timeout', () => req.destroy(new Error('no answer within 20 s')))
    req.on('error', (err) => resolve({ error: err.message }))
    let sent = 0
    const write = () => {
      while (sent < BODY_BYTES) {
        sent += PIECE.length
        if (!req.write(PIECE)) return void req.once('drain', write)
      }
      req.end()
    }
    write()
  })
}

describe('oversized chunked bodies against wrangler dev', () => {
  it('answers 20 chunked 2 MB bodies 413, and the 20 captures between them 201', async () => {
    const leadId = await captureLead('Parça Gövde', 'chunked-first')
    const routes: { path: string; headers: Record<string, string> }[] = [
      { path: '/v1/leads', headers: { 'Idempotency-Key': `chunked-${Date.now()}` } },
      { path: '/v1/bookings', headers: { 'Idempotency-Key': `chunked-b-${Date.now()}` } },
      {
        path: `/admin/api/leads/${leadId}/activities`,
        headers: { Authorization: `Bearer ${inject('ownerKey')}` },
      },
    ]
    const oversized: unknown[] = []
    for (let round = 0; round < 20; round++) {
      const route = routes[round % routes.length]!
      const answer = await postChunked(route.path, route.headers)
      oversized.push(answer.error ?? [answer.status, JSON.parse(answer.body!).error.code])
      // captureLead throws unless the capture is answered 201.
      await captureLead(`Parça ${round}`, 'chunked')
    }
    expect(oversized).toEqual(Array(20).fill([413, 'payload_too_large']))
    const [stored] = await d1<{ n: number }>(
      "SELECT count(*) AS n FROM contacts WHERE email LIKE 'chunked.%'",
    )
    expect(stored!.n).toBe(20)
  })
})
