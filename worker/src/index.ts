/** Leadline worker entry: exports the handlers and nothing else. */
import { createApp } from './app'
import type { Env } from './env'
import { runMaintenance } from './maintenance'

const app = createApp()

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runMaintenance(env.DB, new Date(controller.scheduledTime)))
  },
} satisfies ExportedHandler<Env>
