/** Branching conditions as a line of text: written back as read, in either language. */
import { describe, expect, it } from 'vitest'
import type { Condition } from '../../../../contract'
import { formatCondition, parseCondition } from './condition-text'

describe('conditions as text', () => {
  const cases: { text: string; condition: Condition }[] = [
    { text: 'role = owner', condition: { question: 'role', op: 'eq', value: 'owner' } },
    { text: 'role != owner', condition: { question: 'role', op: 'neq', value: 'owner' } },
    { text: 'budget >= 1000', condition: { question: 'budget', op: 'gte', value: 1000 } },
    { text: 'budget <= 2.5', condition: { question: 'budget', op: 'lte', value: 2.5 } },
    { text: 'city in ist,ank', condition: { question: 'city', op: 'in', values: ['ist', 'ank'] } },
    { text: 'notes answered', condition: { question: 'notes', op: 'answered' } },
    {
      text: 'a = x and b = y or c answered',
      condition: {
        any: [
          {
            all: [
              { question: 'a', op: 'eq', value: 'x' },
              { question: 'b', op: 'eq', value: 'y' },
            ],
          },
          { question: 'c', op: 'answered' },
        ],
      },
    },
    {
      text: 'a = x and (b = y or c answered)',
      condition: {
        all: [
          { question: 'a', op: 'eq', value: 'x' },
          {
            any: [
              { question: 'b', op: 'eq', value: 'y' },
              { question: 'c', op: 'answered' },
            ],
          },
        ],
      },
    },
  ]

  it.each(cases)('reads and writes "$text"', ({ text, condition }) => {
    expect(parseCondition(text)).toEqual({ ok: true, condition })
    expect(formatCondition(condition, 'en')).toBe(text)
  })

  it('reads Turkish keywords and writes them in Turkish', () => {
    const parsed = parseCondition('rol = sahip VE sehir içinde ist,ank veya not yanıtlandı')
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(formatCondition(parsed.condition, 'tr')).toBe(
      'rol = sahip ve sehir içinde ist,ank veya not yanıtlandı',
    )
  })

  it.each([
    ['role =', { expected: 'value' }],
    ['role owner', { expected: 'operator', found: 'owner' }],
    ['Role = x', { expected: 'question', found: 'Role' }],
    ['budget >= lots', { expected: 'number', found: 'lots' }],
    ['(a = x', { expected: 'closing' }],
    ['a = x b = y', { expected: 'end', found: 'b' }],
  ])('says what it expected in "%s"', (text, error) => {
    expect(parseCondition(text)).toEqual({ ok: false, error })
  })
})
