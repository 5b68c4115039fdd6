import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { PublicQuizSchema } from '../../../contract'
import { DEFAULT_QUIZ, answersFromFields, scoreAnswers, scoreFields, toPublicQuiz } from '.'
import { fold, parseAmount } from './fields'
import { fixture } from './fixture.test-helper'

describe('answersFromFields', () => {
  const cases: {
    name: string
    location: string | null
    custom: Record<string, unknown>
    expected: object
  }[] = [
    {
      name: 'matches a location by its Turkish label with a dotted capital',
      location: 'İstanbul',
      custom: {},
      expected: { city: 'istanbul' },
    },
    {
      name: 'matches a location typed in lower case',
      location: 'istanbul',
      custom: {},
      expected: { city: 'istanbul' },
    },
    {
      name: 'matches a location in capitals',
      location: 'İZMİR',
      custom: {},
      expected: { city: 'izmir' },
    },
    {
      name: 'matches a location by its English label',
      location: 'Izmir',
      custom: {},
      expected: { city: 'izmir' },
    },
    {
      name: 'matches a location with stray spaces',
      location: '  istanbul ',
      custom: {},
      expected: { city: 'istanbul' },
    },
    {
      name: 'leaves out a location that is not an option',
      location: 'Paris',
      custom: {},
      expected: {},
    },
    { name: 'leaves out a missing location', location: null, custom: {}, expected: {} },
    {
      name: 'reads a Turkish amount with thousands dots',
      location: null,
      custom: { budget: '250.000' },
      expected: { budget: 250_000 },
    },
    {
      name: 'reads an amount with a currency',
      location: null,
      custom: { budget: '250000 TL' },
      expected: { budget: 250_000 },
    },
    {
      name: 'reads an amount with the lira sign and decimals',
      location: null,
      custom: { budget: '₺1.250,50' },
      expected: { budget: 1250.5 },
    },
    {
      name: 'reads a plain number',
      location: null,
      custom: { budget: 75_000 },
      expected: { budget: 75_000 },
    },
    {
      name: 'leaves out an amount outside the range',
      location: null,
      custom: { budget: '2.000.000' },
      expected: {},
    },
    {
      name: 'leaves out a budget that is not a number',
      location: null,
      custom: { budget: 'çok' },
      expected: {},
    },
    {
      name: 'matches a single choice by value',
      location: null,
      custom: { role: 'Owner' },
      expected: { role: 'owner' },
    },
    {
      name: 'matches yes_no by its Turkish label',
      location: null,
      custom: { has_supplier: 'Hayır' },
      expected: { supplier: 'no' },
    },
    {
      name: 'matches yes_no from a checkbox',
      location: null,
      custom: { has_supplier: true },
      expected: { supplier: 'yes' },
    },
    {
      name: 'passes text through',
      location: null,
      custom: { notes: 'Merhaba' },
      expected: { notes: 'Merhaba' },
    },
    {
      name: 'leaves out text longer than maxLength',
      location: null,
      custom: { notes: 'x'.repeat(21) },
      expected: {},
    },
    {
      name: 'leaves out a value of the wrong type',
      location: null,
      custom: { role: ['owner'], notes: 5 },
      expected: {},
    },
  ]

  it.each(cases)('$name', ({ location, custom, expected }) => {
    expect(answersFromFields(fixture(), { location, custom })).toEqual(expected)
  })

  it('does not read a field for questions without one', () => {
    expect(
      answersFromFields(fixture(), { location: null, custom: { needs: ['a'], decider: 'me' } }),
    ).toEqual({})
  })

  it('maps the default quiz fields from a captured Turkish lead', () => {
    expect(
      answersFromFields(DEFAULT_QUIZ, {
        location: 'Kocaeli',
        custom: { budget: '150.000 TL', timeline: 'Bu ay', role: 'Şirket sahibi / kurucu' },
      }),
    ).toEqual({ location: 'kocaeli', budget: 150_000, timeline: 'this_month', role: 'owner' })
  })
})

describe('fold and parseAmount', () => {
  it.each([
    ['İSTANBUL', 'istanbul'],
    ['ıstanbul', 'istanbul'],
    ['Şişli  Çarşı', 'sisli carsi'],
    ['Güzel Öğün', 'guzel ogun'],
  ])('folds %s to %s', (raw, folded) => expect(fold(raw)).toBe(folded))

  it.each([
    ['250.000', 250_000],
    ['250,000', 250_000],
    ['1.250.000,75', 1_250_000.75],
    ['1,250,000.75', 1_250_000.75],
    ['2,5', 2.5],
    ['2.5', 2.5],
    ['250 000 TRY', 250_000],
    ['-5', -5],
  ])('reads %s as %d', (raw, n) => expect(parseAmount(raw)).toBe(n))

  it.each(['', 'abc', '1.2.3', '12,34.56,7', '1.', 'NaN', '1e5'])('refuses %j', (raw) =>
    expect(parseAmount(raw)).toBeUndefined(),
  )
})

describe('scoreFields', () => {
  it('scores mapped fields without requiring the unanswered required questions', () => {
    const lead = { location: 'İstanbul', custom: { budget: '100.000', role: 'owner' } }
    const result = scoreFields(fixture(), lead)
    // need is unanswered: 0 of 10 but counted, like a skipped question.
    expect(result).toMatchObject({ total: 75, outcome: 'qualified', knockout: false })
    expect(result).toEqual(
      scoreAnswers(fixture(), { city: 'istanbul', budget: 100_000, role: 'owner' }),
    )
  })

  it('applies knock-outs from fields', () => {
    const result = scoreFields(fixture(), { location: 'Outside', custom: { budget: 500_000 } })
    expect(result).toMatchObject({ outcome: 'disqualified', knockout: true })
  })

  it('scores a lead with no usable fields as 0', () => {
    expect(scoreFields(fixture(), { location: null, custom: {} })).toMatchObject({ total: 0 })
  })
})

describe('toPublicQuiz', () => {
  const pub = toPublicQuiz(DEFAULT_QUIZ, 'q_123', 4)

  it('fits the public contract', () => {
    expect(v.safeParse(PublicQuizSchema, pub).issues).toBeUndefined()
    expect(pub).toMatchObject({ quizId: 'q_123', version: 4, title: DEFAULT_QUIZ.title })
  })

  it.each([
    'points',
    'knockout',
    'thresholds',
    'criteria',
    'weight',
    'bands',
    'criterion',
    'field',
  ])('does not leak %s', (word) => expect(JSON.stringify(pub)).not.toContain(`"${word}"`))

  it('keeps what the widget needs to walk and show the quiz', () => {
    const budget = pub.questions.find((q) => q.id === 'budget')!
    expect(budget.number).toEqual({
      min: 0,
      max: 5_000_000,
      step: 5_000,
      unit: { tr: 'TL', en: 'TRY' },
      display: 'slider',
    })
    expect(pub.questions.map((q) => q.id)).toEqual(DEFAULT_QUIZ.questions.map((q) => q.id))
    expect(pub.questions.find((q) => q.id === 'decider')!.showIf).toEqual(
      DEFAULT_QUIZ.questions[2]!.showIf,
    )
    expect(pub.questions[0]!.jumps).toEqual(DEFAULT_QUIZ.questions[0]!.jumps)
    expect(pub.questions[0]!.options![0]).toEqual({
      value: 'istanbul',
      label: { tr: 'İstanbul', en: 'Istanbul' },
    })
    expect(pub.questions.at(-1)!.maxLength).toBe(500)
    expect(pub.endings).toEqual(DEFAULT_QUIZ.endings)
  })
})
