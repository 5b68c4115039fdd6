/** Leadline worker entry: exports the handlers and nothing else. */
import { createApp } from './app'
import type { Env } from './env'
import { DAILY_CRON, runEveryMinute, runMaintenance } from './maintenance'

const app = createApp()

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    const now = new Date(controller.scheduledTime)
    ctx.waitUntil(
      controller.cron === DAILY_CRON ? runMaintenance(env.DB, now) : runEveryMinute(env, now),
    )
  },
} satisfies ExportedHandler<Env>
