import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { QuizDefinitionSchema, type QuizDefinition } from '../../../contract'
import { DEFAULT_QUIZ, checkDefinition } from '.'
import { fixture, opt } from './fixture.test-helper'

describe('DEFAULT_QUIZ', () => {
  it('passes the contract schema unchanged', () => {
    const parsed = v.safeParse(QuizDefinitionSchema, DEFAULT_QUIZ)
    expect(parsed.issues).toBeUndefined()
    expect(parsed.output).toEqual(DEFAULT_QUIZ)
  })

  it('passes every definition check', () => {
    expect(checkDefinition(DEFAULT_QUIZ)).toEqual([])
  })

  it('covers the five standard criteria with a weight', () => {
    const ids = DEFAULT_QUIZ.criteria.filter((c) => c.weight > 0).map((c) => c.id)
    expect(ids.sort()).toEqual(['authority', 'budget', 'location', 'need', 'timeline'])
    for (const id of ids) expect(DEFAULT_QUIZ.questions.some((q) => q.criterion === id)).toBe(true)
  })

  it('has Turkish and English text on every question and option', () => {
    for (const q of DEFAULT_QUIZ.questions) {
      expect(q.text.tr && q.text.en).toBeTruthy()
      for (const o of q.options ?? []) expect(o.label.tr && o.label.en).toBeTruthy()
    }
  })
})

describe('checkDefinition', () => {
  it('finds nothing wrong with the test fixture', () => {
    expect(checkDefinition(fixture())).toEqual([])
  })

  const q = (def: QuizDefinition, id: string) => def.questions.find((x) => x.id === id)!
  const cases: { name: string; change: (def: QuizDefinition) => void; path: string }[] = [
    {
      name: 'refuses a question id used twice',
      change: (d) => (q(d, 'notes').id = 'city'),
      path: 'questions.6.id',
    },
    {
      name: 'refuses an option value used twice in one question',
      change: (d) => (q(d, 'role').options![2]!.value = 'owner'),
      path: 'questions.2.options.2.value',
    },
    {
      name: 'refuses a choice question without options',
      change: (d) => delete q(d, 'role').options,
      path: 'questions.2.options',
    },
    {
      name: 'refuses a location question without options',
      change: (d) => delete q(d, 'city').options,
      path: 'questions.0.options',
    },
    {
      name: 'refuses options on a text question',
      change: (d) => (q(d, 'notes').options = [opt('a'), opt('b')]),
      path: 'questions.6.options',
    },
    {
      name: 'refuses a number question without number',
      change: (d) => delete q(d, 'budget').number,
      path: 'questions.1.number',
    },
    {
      name: 'refuses number settings on a text question',
      change: (d) => (q(d, 'notes').number = { min: 0, max: 1, display: 'input', bands: [] }),
      path: 'questions.6.number',
    },
    {
      name: 'refuses maxLength on a choice question',
      change: (d) => (q(d, 'role').maxLength = 10),
      path: 'questions.2.maxLength',
    },
    {
      name: 'refuses a number question whose min is not below max',
      change: (d) => (q(d, 'budget').number!.max = 0),
      path: 'questions.1.number.max',
    },
    {
      name: 'refuses a band whose min is not below its max',
      change: (d) => (q(d, 'budget').number!.bands[1]!.max = 1_000),
      path: 'questions.1.number.bands.1',
    },
    {
      name: 'refuses yes_no options other than yes and no',
      change: (d) => (q(d, 'supplier').options![1]!.value = 'maybe'),
      path: 'questions.5.options',
    },
    {
      name: 'refuses a yes_no question with a third option',
      change: (d) => q(d, 'supplier').options!.push(opt('maybe')),
      path: 'questions.5.options',
    },
    {
      name: 'refuses a criterion that is not defined',
      change: (d) => (q(d, 'role').criterion = 'mood'),
      path: 'questions.2.criterion',
    },
    {
      name: 'refuses a criterion id used twice',
      change: (d) => d.criteria.push({ ...d.criteria[1]! }),
      path: 'criteria.4.id',
    },
    {
      name: 'refuses criteria that all weigh 0',
      change: (d) => d.criteria.forEach((c) => (c.weight = 0)),
      path: 'criteria',
    },
    {
      name: 'refuses a showIf on a later question',
      change: (d) => (q(d, 'role').showIf = { question: 'needs', op: 'answered' }),
      path: 'questions.2.showIf',
    },
    {
      name: 'refuses a showIf on the question itself',
      change: (d) => (q(d, 'role').showIf = { question: 'role', op: 'answered' }),
      path: 'questions.2.showIf',
    },
    {
      name: 'refuses a showIf on a question that does not exist',
      change: (d) => (q(d, 'role').showIf = { question: 'ghost', op: 'answered' }),
      path: 'questions.2.showIf',
    },
    {
      name: 'refuses an unknown question nested inside all/any',
      change: (d) =>
        (q(d, 'needs').showIf = {
          all: [
            { question: 'city', op: 'answered' },
            { any: [{ question: 'ghost', op: 'answered' }] },
          ],
        }),
      path: 'questions.4.showIf.all.1.any.0',
    },
    {
      name: 'refuses eq with a value the question does not offer',
      change: (d) => (q(d, 'decider').showIf = { question: 'role', op: 'eq', value: 'ceo' }),
      path: 'questions.3.showIf',
    },
    {
      name: 'refuses in with a value the question does not offer',
      change: (d) =>
        (q(d, 'decider').showIf = { question: 'role', op: 'in', values: ['staff', 'ceo'] }),
      path: 'questions.3.showIf',
    },
    {
      name: 'refuses gte on a choice question',
      change: (d) => (q(d, 'decider').showIf = { question: 'role', op: 'gte', value: 1 }),
      path: 'questions.3.showIf',
    },
    {
      name: 'refuses eq on a number question',
      change: (d) => (q(d, 'role').showIf = { question: 'budget', op: 'eq', value: '5' }),
      path: 'questions.2.showIf',
    },
    {
      name: 'refuses a jump condition on a later question',
      change: (d) =>
        (q(d, 'role').jumps = [{ when: { question: 'needs', op: 'answered' }, to: '$end' }]),
      path: 'questions.2.jumps.0.when',
    },
    {
      name: 'refuses a jump back to an earlier question',
      change: (d) =>
        (q(d, 'role').jumps = [{ when: { question: 'role', op: 'answered' }, to: 'city' }]),
      path: 'questions.2.jumps.0.to',
    },
    {
      name: 'refuses a jump to the question itself',
      change: (d) =>
        (q(d, 'role').jumps = [{ when: { question: 'role', op: 'answered' }, to: 'role' }]),
      path: 'questions.2.jumps.0.to',
    },
    {
      name: 'refuses a jump to a question that does not exist',
      change: (d) =>
        (q(d, 'role').jumps = [{ when: { question: 'role', op: 'answered' }, to: 'ghost' }]),
      path: 'questions.2.jumps.0.to',
    },
    {
      name: 'refuses a qualified threshold below the review threshold',
      change: (d) => (d.thresholds = { qualified: 39, review: 40 }),
      path: 'thresholds',
    },
    {
      name: 'refuses a showIf on the first question',
      change: (d) => (q(d, 'city').showIf = { question: 'city', op: 'answered' }),
      path: 'questions.0.showIf',
    },
    {
      name: 'refuses a field on a multiple choice question',
      change: (d) => (q(d, 'needs').field = 'needs'),
      path: 'questions.4.field',
    },
  ]

  it.each(cases)('$name', ({ change, path }) => {
    const def = fixture()
    change(def)
    const issues = checkDefinition(def)
    expect(issues.map((i) => i.path)).toEqual([path])
    expect(issues[0]!.message).toMatch(/\w/)
  })

  const allowed: { name: string; change: (def: QuizDefinition) => void }[] = [
    {
      name: 'allows a jump condition on the question itself and a jump to a later one',
      change: (d) =>
        (q(d, 'role').jumps = [
          { when: { question: 'role', op: 'eq', value: 'intern' }, to: 'notes' },
        ]),
    },
    {
      name: 'allows equal thresholds',
      change: (d) => (d.thresholds = { qualified: 50, review: 50 }),
    },
    {
      name: 'allows gte on a number question and in on a multiple choice',
      change: (d) =>
        (q(d, 'notes').showIf = {
          any: [
            { question: 'budget', op: 'gte', value: 5 },
            { question: 'needs', op: 'in', values: ['a', 'b'] },
          ],
        }),
    },
    {
      name: 'allows a criterion with weight 0 next to weighted ones',
      change: (d) => (d.criteria[0]!.weight = 0),
    },
    {
      name: 'allows open-ended bands',
      change: (d) => (q(d, 'budget').number!.bands = [{ points: 1, knockout: false }]),
    },
  ]

  it.each(allowed)('$name', ({ change }) => {
    const def = fixture()
    change(def)
    expect(checkDefinition(def)).toEqual([])
  })
})
