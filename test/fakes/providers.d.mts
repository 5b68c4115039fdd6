export const FAKE_RESEND_KEY: string
export const FAKE_VERIMOR_USER: string
export const FAKE_VERIMOR_PASSWORD: string
export const FAKE_RESEND_WEBHOOK_SECRET: string
export const FAKE_VERIMOR_REPORT_TOKEN: string

export interface FakeRequest {
  method: string
  path: string
  query: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

export interface FakeEmail {
  id: string
  idempotencyKey: string | null
  headers: Record<string, string | string[] | undefined>
  from: string
  to: string[]
  subject: string
  html?: string
  text?: string
  [field: string]: unknown
}

export interface FakeSms {
  customId: string
  /** How many times Verimor was asked to send it. */
  count: number
  campaigns: number[]
  body: { messages: { msg: string; dest: string }[]; [field: string]: unknown }
}

export interface FakeWebhook {
  name: string
  id: string | null
  headers: Record<string, string | string[] | undefined>
  body: string
}

export interface FakeInspection {
  control: FakeControlState
  requests: FakeRequest[]
  emails: FakeEmail[]
  sms: FakeSms[]
  webhooks: FakeWebhook[]
  webhooksById: (FakeWebhook & { count: number })[]
}

export interface FakeStatusRule {
  path: string
  code: number
  times?: number
  /** Sent as `Retry-After` (seconds). */
  retryAfter?: number
}

export interface FakeControl {
  failRate?: number
  seed?: number
  lose?: number
  status?: FakeStatusRule | FakeStatusRule[]
  delayMs?: number
}

export interface FakeControlState {
  failRate: number
  lose: number
  delayMs: number
  seed: number
  rules: Required<Omit<FakeStatusRule, 'retryAfter'>>[]
}

export interface Fakes {
  url: string
  port: number
  close(): Promise<void>
}

export function startFakes(options?: { port?: number; unref?: boolean }): Promise<Fakes>
