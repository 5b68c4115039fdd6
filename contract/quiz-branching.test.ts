import { describe, expect, it } from 'vitest'
import type { Answers, Condition } from './quiz'
import { holds, visiblePath, type BranchingQuestion } from './quiz-branching'

const answers: Answers = {
  role: 'manager',
  budget: 250_000,
  needs: ['wholesale', 'integration'],
  none: [],
  notes: '',
  city: 'istanbul',
}

describe('holds', () => {
  const cases: { name: string; condition: Condition; expected: boolean }[] = [
    {
      name: 'eq holds for the same choice',
      condition: { question: 'role', op: 'eq', value: 'manager' },
      expected: true,
    },
    {
      name: 'eq fails for another choice',
      condition: { question: 'role', op: 'eq', value: 'owner' },
      expected: false,
    },
    {
      name: 'neq holds for another choice',
      condition: { question: 'role', op: 'neq', value: 'owner' },
      expected: true,
    },
    {
      name: 'neq fails for the same choice',
      condition: { question: 'role', op: 'neq', value: 'manager' },
      expected: false,
    },
    {
      name: 'in holds when the choice is listed',
      condition: { question: 'city', op: 'in', values: ['ankara', 'istanbul'] },
      expected: true,
    },
    {
      name: 'in fails when the choice is not listed',
      condition: { question: 'city', op: 'in', values: ['ankara', 'izmir'] },
      expected: false,
    },
    {
      name: 'in fails on a number answer',
      condition: { question: 'budget', op: 'in', values: ['250000'] },
      expected: false,
    },
    {
      name: 'eq holds when a multiple choice includes the value',
      condition: { question: 'needs', op: 'eq', value: 'integration' },
      expected: true,
    },
    {
      name: 'eq fails when a multiple choice lacks the value',
      condition: { question: 'needs', op: 'eq', value: 'logistics' },
      expected: false,
    },
    {
      name: 'neq holds when a multiple choice lacks the value',
      condition: { question: 'needs', op: 'neq', value: 'logistics' },
      expected: true,
    },
    {
      name: 'neq fails when a multiple choice includes the value',
      condition: { question: 'needs', op: 'neq', value: 'wholesale' },
      expected: false,
    },
    {
      name: 'in holds when any picked value is listed',
      condition: { question: 'needs', op: 'in', values: ['logistics', 'wholesale'] },
      expected: true,
    },
    {
      name: 'in fails when no picked value is listed',
      condition: { question: 'needs', op: 'in', values: ['logistics', 'support'] },
      expected: false,
    },
    {
      name: 'gte holds at the edge',
      condition: { question: 'budget', op: 'gte', value: 250_000 },
      expected: true,
    },
    {
      name: 'gte fails just above the answer',
      condition: { question: 'budget', op: 'gte', value: 250_001 },
      expected: false,
    },
    {
      name: 'lte holds at the edge',
      condition: { question: 'budget', op: 'lte', value: 250_000 },
      expected: true,
    },
    {
      name: 'lte fails just below the answer',
      condition: { question: 'budget', op: 'lte', value: 249_999 },
      expected: false,
    },
    {
      name: 'gte fails on a string answer',
      condition: { question: 'role', op: 'gte', value: 0 },
      expected: false,
    },
    {
      name: 'lte fails on a string answer',
      condition: { question: 'role', op: 'lte', value: 1e9 },
      expected: false,
    },
    {
      name: 'answered holds for a choice',
      condition: { question: 'role', op: 'answered' },
      expected: true,
    },
    {
      name: 'answered holds for a number 0',
      condition: { question: 'zero', op: 'answered' },
      expected: true,
    },
    {
      name: 'answered fails for an unanswered question',
      condition: { question: 'missing', op: 'answered' },
      expected: false,
    },
    {
      name: 'answered fails for an empty string',
      condition: { question: 'notes', op: 'answered' },
      expected: false,
    },
    {
      name: 'answered fails for an empty list',
      condition: { question: 'none', op: 'answered' },
      expected: false,
    },
    {
      name: 'neq fails on an unanswered question',
      condition: { question: 'missing', op: 'neq', value: 'x' },
      expected: false,
    },
    {
      name: 'lte fails on an unanswered question',
      condition: { question: 'missing', op: 'lte', value: 1e9 },
      expected: false,
    },
    {
      name: 'an inherited property is not an answer',
      condition: { question: 'constructor', op: 'answered' },
      expected: false,
    },
    {
      name: 'all holds when every part holds',
      condition: {
        all: [
          { question: 'role', op: 'eq', value: 'manager' },
          { question: 'budget', op: 'gte', value: 100 },
        ],
      },
      expected: true,
    },
    {
      name: 'all fails when one part fails',
      condition: {
        all: [
          { question: 'role', op: 'eq', value: 'manager' },
          { question: 'budget', op: 'gte', value: 1e9 },
        ],
      },
      expected: false,
    },
    {
      name: 'any holds when one part holds',
      condition: {
        any: [
          { question: 'role', op: 'eq', value: 'owner' },
          { question: 'budget', op: 'gte', value: 100 },
        ],
      },
      expected: true,
    },
    {
      name: 'any fails when no part holds',
      condition: {
        any: [
          { question: 'role', op: 'eq', value: 'owner' },
          { question: 'missing', op: 'answered' },
        ],
      },
      expected: false,
    },
    {
      name: 'nested any inside all holds',
      condition: {
        all: [
          { question: 'city', op: 'eq', value: 'istanbul' },
          {
            any: [
              { question: 'role', op: 'eq', value: 'owner' },
              { question: 'needs', op: 'eq', value: 'wholesale' },
            ],
          },
        ],
      },
      expected: true,
    },
    {
      name: 'nested all inside any fails when both branches fail',
      condition: {
        any: [
          {
            all: [
              { question: 'city', op: 'eq', value: 'istanbul' },
              { question: 'role', op: 'eq', value: 'owner' },
            ],
          },
          {
            all: [
              { question: 'missing', op: 'answered' },
              { question: 'budget', op: 'gte', value: 0 },
            ],
          },
        ],
      },
      expected: false,
    },
  ]

  it.each(cases)('$name', ({ condition, expected }) => {
    expect(holds(condition, { ...answers, zero: 0 })).toBe(expected)
  })
})

/**
 * role (students end) → decider (not owners) → budget (ends for 0, jumps to notes up to 10 000)
 * → needs → extra (when decider is me) → notes → after (when needs answered) → last
 */
const quiz: BranchingQuestion[] = [
  {
    id: 'role',
    jumps: [{ when: { question: 'role', op: 'eq', value: 'student' }, to: '$end' }],
  },
  { id: 'decider', showIf: { question: 'role', op: 'neq', value: 'owner' } },
  {
    id: 'budget',
    jumps: [
      { when: { question: 'budget', op: 'lte', value: 0 }, to: '$end' },
      { when: { question: 'budget', op: 'lte', value: 10_000 }, to: 'notes' },
    ],
  },
  { id: 'needs' },
  { id: 'extra', showIf: { question: 'decider', op: 'eq', value: 'me' } },
  { id: 'notes' },
  { id: 'after', showIf: { question: 'needs', op: 'answered' } },
  { id: 'last' },
]

describe('visiblePath', () => {
  const cases: {
    name: string
    answers: Answers
    options?: { final?: boolean; skipped?: ReadonlySet<string> }
    ids: string[]
    complete: boolean
  }[] = [
    {
      name: 'stops at the first question when nothing is answered',
      answers: {},
      ids: ['role'],
      complete: false,
    },
    {
      name: 'hides a question whose showIf fails',
      answers: { role: 'owner' },
      ids: ['role', 'budget'],
      complete: false,
    },
    {
      name: 'shows a question whose showIf holds',
      answers: { role: 'manager' },
      ids: ['role', 'decider'],
      complete: false,
    },
    {
      name: 'ends the quiz on a jump to $end',
      answers: { role: 'student' },
      ids: ['role'],
      complete: true,
    },
    {
      name: 'takes the first jump that holds',
      answers: { role: 'owner', budget: 0 },
      ids: ['role', 'budget'],
      complete: true,
    },
    {
      name: 'jumps ahead to a later question and stops there when it is open',
      answers: { role: 'owner', budget: 5_000 },
      ids: ['role', 'budget', 'notes'],
      complete: false,
    },
    {
      name: 'walks on after the jump target',
      answers: { role: 'owner', budget: 5_000, notes: 'hi' },
      ids: ['role', 'budget', 'notes', 'last'],
      complete: false,
    },
    {
      name: 'does not show the questions jumped over even when answered',
      answers: { role: 'owner', budget: 5_000, needs: ['x'], notes: 'hi', last: 'x' },
      ids: ['role', 'budget', 'notes', 'last'],
      complete: true,
    },
    {
      name: 'walks past a skipped question',
      answers: { role: 'owner' },
      options: { skipped: new Set(['budget']) },
      ids: ['role', 'budget', 'needs'],
      complete: false,
    },
    {
      name: 'in final mode treats every unanswered question as skipped',
      answers: { role: 'owner' },
      options: { final: true },
      ids: ['role', 'budget', 'needs', 'notes', 'last'],
      complete: true,
    },
    {
      name: 'in final mode still follows showIf and jumps',
      answers: { role: 'manager', decider: 'me', budget: 50_000, needs: ['x'] },
      options: { final: true },
      ids: ['role', 'decider', 'budget', 'needs', 'extra', 'notes', 'after', 'last'],
      complete: true,
    },
    {
      name: 'ignores the answer of a hidden question in later conditions',
      // The visitor answered decider as a manager, then went back and became the owner.
      answers: { role: 'owner', decider: 'me', budget: 50_000, needs: ['x'] },
      options: { final: true },
      ids: ['role', 'budget', 'needs', 'notes', 'after', 'last'],
      complete: true,
    },
    {
      name: 'ignores the answer of a jumped-over question in later conditions',
      answers: { role: 'manager', decider: 'me', budget: 5_000, needs: ['x'] },
      options: { final: true },
      ids: ['role', 'decider', 'budget', 'notes', 'last'],
      complete: true,
    },
  ]

  it.each(cases)('$name', ({ answers, options, ids, complete }) => {
    expect(visiblePath(quiz, answers, options)).toEqual({ ids, complete })
  })

  it('ends the walk on a jump backwards or to an unknown question', () => {
    const bad: BranchingQuestion[] = [
      { id: 'a' },
      { id: 'b', jumps: [{ when: { question: 'b', op: 'answered' }, to: 'a' }] },
      { id: 'c', jumps: [{ when: { question: 'c', op: 'answered' }, to: 'nowhere' }] },
      { id: 'd' },
    ]
    expect(visiblePath(bad, { a: 'x', b: 'y' })).toEqual({ ids: ['a', 'b'], complete: true })
    expect(visiblePath(bad.slice(2), { c: 'z' })).toEqual({ ids: ['c'], complete: true })
  })

  it('does not mistake an inherited property for an answer', () => {
    expect(visiblePath([{ id: 'constructor' }, { id: 'b' }], {})).toEqual({
      ids: ['constructor'],
      complete: false,
    })
  })
})
