export interface StoreInput {
  name: string
  origins: string[]
  locale?: 'tr' | 'en'
  currency?: string
  timeZone?: string
  region?: string
  settings?: object
  publicKey?: string
  people: {
    name: string
    email: string
    role: 'owner' | 'rep'
    key?: string
    availability?: object
  }[]
}
export interface CreatedStore {
  siteId: string
  publicKey: string
  users: { id: string; name: string; email: string; role: 'owner' | 'rep'; key: string }[]
  sql: string
}
export function randomToken(length: number): string
export function sha256Hex(input: string): Promise<string>
export function storeSql(store: StoreInput): Promise<CreatedStore>
export function lit(value: unknown): string
