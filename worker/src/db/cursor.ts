/** Opaque keyset-pagination cursors: base64url of `[sortValue, id]`. */
import { DomainError } from '../lib/errors'

export type CursorValue = [string | number, string]

export function encodeCursor(value: CursorValue): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function decodeCursor(cursor: string): CursorValue {
  try {
    const parsed: unknown = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')))
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      typeof parsed[1] === 'string'
    ) {
      return parsed as CursorValue
    }
  } catch {
    // falls through to the error below
  }
  throw new DomainError('bad_request', 'The cursor is not one this API returned.')
}
