import { describe, expect, it } from 'vitest'
import type { SequenceStep } from '../../../contract'
import { enrollTargets, findEnrollCycle } from './cycles'

const enroll = (sequenceId: string): SequenceStep => ({ kind: 'enroll', sequenceId })
const send: SequenceStep = { kind: 'send', channel: 'email', templateId: 'tp_1' }
/** `{ a: ['b'] }` → sequence sq_a whose steps send, then enroll into sq_b. */
const graph = (edges: Record<string, string[]>) =>
  Object.entries(edges).map(([id, to]) => ({
    id: `sq_${id}`,
    steps: [send, ...to.map((t) => enroll(`sq_${t}`))],
  }))

describe('enrollTargets', () => {
  it('lists the enrolled sequences once each, in step order', () => {
    const steps = [enroll('sq_b'), send, enroll('sq_a'), enroll('sq_b')]
    expect(enrollTargets(steps)).toEqual(['sq_b', 'sq_a'])
  })

  it('is empty for steps that enroll nowhere', () => {
    expect(enrollTargets([send, { kind: 'wait', amount: 1, unit: 'days' }])).toEqual([])
  })
})

describe('findEnrollCycle', () => {
  it.each<[string, Record<string, string[]>, string[] | null]>([
    ['no sequences', {}, null],
    ['no enrollments', { a: [], b: [] }, null],
    ['a chain', { a: ['b'], b: ['c'], c: [] }, null],
    ['a diamond sharing a target', { a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }, null],
    ['many sequences sharing one target', { a: ['z'], b: ['z'], c: ['z'], z: [] }, null],
    ['a sequence enrolling into itself', { a: ['a'] }, ['sq_a', 'sq_a']],
    ['two sequences enrolling into each other', { a: ['b'], b: ['a'] }, ['sq_a', 'sq_b', 'sq_a']],
    ['a loop of three', { a: ['b'], b: ['c'], c: ['a'] }, ['sq_a', 'sq_b', 'sq_c', 'sq_a']],
    ['a loop entered midway', { a: ['b'], b: ['c'], c: ['b'] }, ['sq_b', 'sq_c', 'sq_b']],
    [
      'a loop after a finished branch',
      { a: ['d', 'b'], b: ['c'], c: ['a'], d: [] },
      ['sq_a', 'sq_b', 'sq_c', 'sq_a'],
    ],
    [
      'a loop apart from the first sequence',
      { a: ['b'], b: [], c: ['d'], d: ['c'] },
      ['sq_c', 'sq_d', 'sq_c'],
    ],
  ])('answers %s with %j', (_, edges, cycle) => {
    expect(findEnrollCycle(graph(edges))).toEqual(cycle)
  })

  it('ignores targets that are not among the sequences', () => {
    expect(findEnrollCycle(graph({ a: ['x'], b: ['x', 'a'] }))).toBeNull()
  })

  it('finds a loop through a sequence that also names unknown targets', () => {
    expect(findEnrollCycle(graph({ a: ['x', 'b'], b: ['y', 'a'] }))).toEqual([
      'sq_a',
      'sq_b',
      'sq_a',
    ])
  })

  it('answers a cycle in which each sequence enrolls the next', () => {
    const sequences = graph({ a: ['b'], b: ['c'], c: ['d'], d: ['b'], e: ['a'] })
    const cycle = findEnrollCycle(sequences)!
    expect(cycle[0]).toBe(cycle[cycle.length - 1])
    const byId = new Map(sequences.map((s) => [s.id, s]))
    for (let i = 0; i + 1 < cycle.length; i++) {
      expect(enrollTargets(byId.get(cycle[i]!)!.steps)).toContain(cycle[i + 1])
    }
  })
})
