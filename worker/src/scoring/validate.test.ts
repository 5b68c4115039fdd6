import { describe, expect, it } from 'vitest'
import type { Answers } from '../../../contract'
import { DEFAULT_QUIZ, validateAnswers } from '.'
import { fixture } from './fixture.test-helper'

const complete: Answers = { city: 'istanbul', budget: 50_000, role: 'staff', decider: 'me' }

describe('validateAnswers', () => {
  it('accepts a complete response and returns the path that was shown', () => {
    expect(validateAnswers(fixture(), { ...complete, needs: ['a'], notes: 'hello' })).toEqual({
      ok: true,
      path: ['city', 'budget', 'role', 'decider', 'needs', 'supplier', 'notes'],
    })
  })

  it('accepts a response that leaves optional questions out', () => {
    expect(validateAnswers(fixture(), complete).ok).toBe(true)
  })

  it('accepts an empty text on an optional question', () => {
    expect(validateAnswers(fixture(), { ...complete, notes: '' }).ok).toBe(true)
  })

  it('does not require the questions after a jump to $end', () => {
    expect(validateAnswers(fixture(), { city: 'away' })).toEqual({ ok: true, path: ['city'] })
  })

  const refused: { name: string; answers: Answers; path: string; message: RegExp }[] = [
    {
      name: 'refuses an answer to a question that does not exist',
      answers: { ...complete, ghost: 'x' },
      path: 'answers.ghost',
      message: /no such question/,
    },
    {
      name: 'refuses an answer to a question hidden by showIf',
      answers: { ...complete, role: 'owner' },
      path: 'answers.decider',
      message: /not shown/,
    },
    {
      name: 'refuses an answer to a question after a jump to $end',
      answers: { city: 'away', budget: 5 },
      path: 'answers.budget',
      message: /not shown/,
    },
    {
      name: 'refuses a choice that is not an option',
      answers: { ...complete, role: 'ceo' },
      path: 'answers.role',
      message: /not an option/,
    },
    {
      name: 'refuses a location that is not an option',
      answers: { ...complete, city: 'mars' },
      path: 'answers.city',
      message: /not an option/,
    },
    {
      name: 'refuses a list for a single choice',
      answers: { ...complete, role: ['staff'] },
      path: 'answers.role',
      message: /one option/,
    },
    {
      name: 'refuses a yes_no answer other than yes or no',
      answers: { ...complete, supplier: 'true' },
      path: 'answers.supplier',
      message: /not an option/,
    },
    {
      name: 'refuses a string for a multiple choice',
      answers: { ...complete, needs: 'a' },
      path: 'answers.needs',
      message: /list/,
    },
    {
      name: 'refuses an empty multiple choice',
      answers: { ...complete, needs: [] },
      path: 'answers.needs',
      message: /at least one/,
    },
    {
      name: 'refuses an option picked twice',
      answers: { ...complete, needs: ['a', 'a'] },
      path: 'answers.needs',
      message: /twice/,
    },
    {
      name: 'refuses a multiple choice with an unknown option',
      answers: { ...complete, needs: ['a', 'z'] },
      path: 'answers.needs',
      message: /not an option/,
    },
    {
      name: 'refuses a numeric string for a number',
      answers: { ...complete, budget: '50000' },
      path: 'answers.budget',
      message: /number/,
    },
    {
      name: 'refuses a number below min',
      answers: { ...complete, budget: -1 },
      path: 'answers.budget',
      message: /from 0 to 1000000/,
    },
    {
      name: 'refuses a number above max',
      answers: { ...complete, budget: 1_000_001 },
      path: 'answers.budget',
      message: /from 0 to 1000000/,
    },
    {
      name: 'refuses a text longer than maxLength',
      answers: { ...complete, notes: 'x'.repeat(21) },
      path: 'answers.notes',
      message: /at most 20/,
    },
    {
      name: 'refuses a number for a text',
      answers: { ...complete, notes: 5 },
      path: 'answers.notes',
      message: /text/,
    },
    {
      name: 'requires a required question on the path',
      answers: { city: 'istanbul', budget: 50_000, role: 'staff' },
      path: 'answers.decider',
      message: /required/,
    },
  ]

  it.each(refused)('$name', ({ answers, path, message }) => {
    const result = validateAnswers(fixture(), answers)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues).toHaveLength(1)
    expect(result.issues[0]!.path).toBe(path)
    expect(result.issues[0]!.message).toMatch(message)
  })

  it('accepts a number at min and at max', () => {
    expect(validateAnswers(fixture(), { ...complete, budget: 0 }).ok).toBe(true)
    expect(validateAnswers(fixture(), { ...complete, budget: 1_000_000 }).ok).toBe(true)
  })

  it('accepts a text of exactly maxLength, and 500 characters when no maxLength is set', () => {
    expect(validateAnswers(fixture(), { ...complete, notes: 'x'.repeat(20) }).ok).toBe(true)
    const def = fixture()
    delete def.questions[6]!.maxLength
    expect(validateAnswers(def, { ...complete, notes: 'x'.repeat(500) }).ok).toBe(true)
    expect(validateAnswers(def, { ...complete, notes: 'x'.repeat(501) }).ok).toBe(false)
  })

  it('requires a required text that is empty', () => {
    const def = fixture()
    def.questions[6]!.required = true
    const result = validateAnswers(def, { ...complete, notes: '' })
    expect(result).toEqual({ ok: false, issues: [{ path: 'answers.notes', message: 'required' }] })
  })

  it('lists every problem of a response, not just the first', () => {
    const result = validateAnswers(fixture(), { city: 'mars', ghost: 1 })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.issues.map((i) => i.path)).toEqual([
        'answers.city',
        'answers.ghost',
        'answers.budget',
        'answers.role',
      ])
    }
  })

  it('accepts a full response to the default quiz', () => {
    const answers: Answers = {
      location: 'izmir',
      role: 'manager',
      decider: 'together',
      budget: 120_000,
      needs: ['wholesale', 'logistics'],
      timeline: 'quarter',
      supplier: 'yes',
      notes: 'Toptan fiyat listesi rica ediyorum.',
    }
    expect(validateAnswers(DEFAULT_QUIZ, answers)).toEqual({ ok: true, path: Object.keys(answers) })
  })

  it('hides the decider question from owners of the default quiz', () => {
    const result = validateAnswers(DEFAULT_QUIZ, {
      location: 'istanbul',
      role: 'owner',
      decider: 'me',
      budget: 300_000,
      needs: ['wholesale'],
      timeline: 'this_month',
    })
    expect(result).toEqual({
      ok: false,
      issues: [{ path: 'answers.decider', message: 'this question was not shown' }],
    })
  })
})
