/** Per-store, per-client-address rate limiting with the Workers rate-limit binding. */
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../lib/errors'

export async function rateLimit(c: Context<AppEnv>, siteId: string): Promise<void> {
  const limiter = c.env.CAPTURE_LIMITER
  if (!limiter) return
  const ip = c.req.header('CF-Connecting-IP') ?? 'unknown'
  const { success } = await limiter.limit({ key: `${siteId}:${ip}` })
  if (!success) {
    throw new ApiError('rate_limited', 'Too many submissions; please wait a minute.', undefined, {
      'Retry-After': '60',
    })
  }
}
