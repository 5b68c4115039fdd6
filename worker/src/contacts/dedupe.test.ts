import { describe, expect, it } from 'vitest'
import { editDistance, findDuplicateGroups, mailboxKey, nameKey, nameSimilarity } from './dedupe'

describe('name keys', () => {
  it('folds Turkish letters and sorts words', () => {
    expect(nameKey('ŞÜKRÜ  Işık-Çağlar')).toBe('caglar isik sukru')
    expect(nameKey('Kaya, Zeynep')).toBe(nameKey('zeynep KAYA'))
    expect(nameKey(null)).toBe('')
  })
})

describe('nameSimilarity', () => {
  it('finds the same person despite Turkish letters, order and a typo', () => {
    expect(nameSimilarity('Zeynep Kaya', 'Kaya Zeynep')).toEqual({ similar: true, score: 1 })
    expect(nameSimilarity('Şükrü Öztürk', 'Sukru Ozturk').similar).toBe(true)
    expect(nameSimilarity('Zeynep Kaya', 'Zeynap Kaya').similar).toBe(true)
  })

  it('does not match different people or short names that differ', () => {
    expect(nameSimilarity('Zeynep Kaya', 'Mehmet Kaya').similar).toBe(false)
    expect(nameSimilarity('Ali', 'Alp').similar).toBe(false)
    expect(nameSimilarity(null, 'Ali').similar).toBe(false)
  })

  it('counts edits and stops early past the bound', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('kitten', 'sitting', 1)).toBe(2)
  })
})

describe('mailboxKey', () => {
  it('ignores +tags everywhere and dots for Gmail', () => {
    expect(mailboxKey('Zeynep.Kaya+shop@GMAIL.com')).toBe('zeynepkaya@gmail.com')
    expect(mailboxKey('zeynep.kaya+x@example.com')).toBe('zeynep.kaya@example.com')
  })
})

describe('findDuplicateGroups', () => {
  const c = (
    id: string,
    name: string | null,
    email: string | null,
    phone: string | null,
    company: string | null = null,
  ) => ({ id, name, email, phone, company })

  it('groups by mailbox, phone and similar names, with the reason', () => {
    const groups = findDuplicateGroups([
      c('a', 'Zeynep Kaya', 'zeynep.kaya@gmail.com', null),
      c('b', 'Z. Kaya', 'zeynepkaya+1@gmail.com', null),
      c('d', 'Ahmet Yılmaz', null, '+905321234567'),
      c('e', 'Ali Veli', 'ali@example.com', '+905321234567'),
      c('f', 'Şule Öztürk', 'sule@x.com', null, 'Acme'),
      c('g', 'Sule Ozturk', 'sule@y.com', null, 'ACME'),
      c('h', 'Sule Ozturk', 'sule@z.com', null, 'Other Co'),
    ])
    expect(groups).toEqual([
      { reason: 'email', key: 'zeynepkaya@gmail.com', score: 1, ids: ['a', 'b'] },
      { reason: 'phone', key: '+905321234567', score: 1, ids: ['d', 'e'] },
      { reason: 'name', key: 'ozturk sule', score: 1, ids: ['f', 'g'] },
    ])
  })

  it('stops at the limit', () => {
    const many = Array.from({ length: 10 }, (_, i) =>
      c(`x${i}`, null, null, `+90532000000${i % 5}`),
    )
    expect(findDuplicateGroups(many, 3)).toHaveLength(3)
  })
})
