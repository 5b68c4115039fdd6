import type { D1Migration } from '@cloudflare/vitest-plugin'
import type { Env as WorkerEnv } from '../../worker/src/env'

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[]
      /** The fake providers of this pool worker (test/fakes/providers.mjs). */
      FAKES_URL: string
      TEST_RESEND_KEY: string
      TEST_RESEND_WEBHOOK_SECRET: string
      TEST_VERIMOR_USER: string
      TEST_VERIMOR_PASSWORD: string
      TEST_VERIMOR_REPORT_TOKEN: string
    }
  }
}
