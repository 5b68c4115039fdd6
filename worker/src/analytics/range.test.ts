import { describe, expect, it } from 'vitest'
import { resolveRange } from './range'

const now = new Date('2026-03-15T22:30:00Z')

describe('resolveRange', () => {
  it('defaults to the last 90 UTC days including today', () => {
    expect(resolveRange({}, now)).toEqual({
      ok: true,
      range: {
        from: '2025-12-16',
        to: '2026-03-15',
        fromIso: '2025-12-16T00:00:00.000Z',
        toIso: '2026-03-16T00:00:00.000Z',
      },
    })
  })

  it('takes `to` as today when only `from` is given, and 90 days back from `to` alone', () => {
    const a = resolveRange({ from: '2026-03-01' }, now)
    expect(a.ok && a.range.to).toBe('2026-03-15')
    const b = resolveRange({ to: '2026-01-31' }, now)
    expect(b.ok && b.range.from).toBe('2025-11-03')
  })

  it('accepts a single day', () => {
    const r = resolveRange({ from: '2026-02-28', to: '2026-02-28' }, now)
    expect(r.ok && [r.range.fromIso, r.range.toIso]).toEqual([
      '2026-02-28T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
    ])
  })

  it('refuses a reversed range', () => {
    const r = resolveRange({ from: '2026-03-02', to: '2026-03-01' }, now)
    expect(r).toEqual({
      ok: false,
      issues: [{ path: 'from', message: 'from (2026-03-02) is after to (2026-03-01)' }],
    })
  })

  it('accepts 731 days and refuses 732', () => {
    expect(resolveRange({ from: '2024-01-01', to: '2025-12-31' }, now).ok).toBe(true)
    const r = resolveRange({ from: '2023-12-31', to: '2025-12-31' }, now)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.issues[0]!.path).toBe('to')
  })
})
