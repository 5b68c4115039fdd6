import { describe, expect, it } from 'vitest'
import { en } from './en'
import { tr } from './tr'

describe('form messages', () => {
  it('write a length limit as each language writes numbers', () => {
    expect(tr.tooLong(5000)).toBe('En fazla 5.000 karakter girin.')
    expect(en.tooLong(5000)).toBe('Enter at most 5,000 characters.')
    expect(tr.tooLong(12)).toBe('En fazla 12 karakter girin.')
  })
})
