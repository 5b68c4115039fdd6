/**
 * Defaults that cannot bite: what wrangler.toml deploys with makes no link to a guessed origin
 * and keeps the webhook guard on; local development passes its own values explicitly.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configuredPublicUrl, publicUrl, type Env } from '../../worker/src/env'
import { DomainError } from '../../worker/src/lib/errors'
import { localVars, ROOT } from './dev-server.mjs'

/** The `NAME = "value"` lines of wrangler.toml's top-level `[vars]` table. */
function deployedVars(): Record<string, string> {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')
  const section = toml.split(/^\[vars\]\s*$/m)[1]?.split(/^\[/m)[0] ?? ''
  return Object.fromEntries(
    [...section.matchAll(/^([A-Z_]+)\s*=\s*"([^"]*)"/gm)].map((m) => [m[1]!, m[2]!]),
  )
}

const env = (vars: Partial<Env>): Env => ({ DB: {} as D1Database, ...vars })

describe('the deployed defaults', () => {
  it('wrangler.toml sets no public URL, no development switch and no local webhooks', () => {
    const vars = deployedVars()
    expect(Object.keys(vars)).toContain('RESEND_API_URL')
    expect(vars).not.toHaveProperty('PUBLIC_URL')
    expect(vars).not.toHaveProperty('ALLOW_LOCAL_WEBHOOK_URLS')
    expect(vars).not.toHaveProperty('ENVIRONMENT')
    expect(JSON.stringify(vars)).not.toMatch(/127\.0\.0\.1|localhost/)
  })

  it('local development passes both explicitly', () => {
    expect(localVars('http://127.0.0.1:8787')).toEqual({
      PUBLIC_URL: 'http://127.0.0.1:8787',
      ALLOW_LOCAL_WEBHOOK_URLS: 'true',
    })
  })
})

describe('the public URL', () => {
  it('has no fallback: unset, empty or not an http(s) URL is no URL', () => {
    for (const value of [undefined, '', '   ', 'leadline.example', 'ftp://x.example', 'https://']) {
      expect(configuredPublicUrl(env({ PUBLIC_URL: value })), String(value)).toBeNull()
    }
  })

  it('is the origin, without a trailing slash', () => {
    expect(configuredPublicUrl(env({ PUBLIC_URL: 'https://leads.example.com/' }))).toBe(
      'https://leads.example.com',
    )
    expect(publicUrl(env({ PUBLIC_URL: ' https://leads.example.com ' }))).toBe(
      'https://leads.example.com',
    )
  })

  it('throws 503 not_configured where a route needs it', () => {
    const thrown = (() => {
      try {
        publicUrl(env({}))
      } catch (err) {
        return err
      }
    })()
    expect(thrown).toBeInstanceOf(DomainError)
    expect((thrown as DomainError).code).toBe('not_configured')
  })
})
