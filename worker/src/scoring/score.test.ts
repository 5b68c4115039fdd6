import { describe, expect, it } from 'vitest'
import type { Answers, Outcome, QuizDefinition } from '../../../contract'
import { DEFAULT_QUIZ, scoreAnswers, validateAnswers } from '.'
import { fixture } from './fixture.test-helper'

const top: Answers = { city: 'istanbul', budget: 100_000, role: 'owner', needs: ['a', 'b', 'c'] }
const percents = (def: QuizDefinition, answers: Answers) =>
  Object.fromEntries(scoreAnswers(def, answers).criteria.map((c) => [c.id, c.percent]))

describe('scoreAnswers', () => {
  it('gives 100 and qualifies a response with the best answer everywhere', () => {
    const result = scoreAnswers(fixture(), top)
    expect(result).toMatchObject({ total: 100, outcome: 'qualified', knockout: false })
    expect(result.criteria).toEqual([
      { id: 'location', points: 10, max: 10, percent: 100, weight: 1 },
      { id: 'budget', points: 10, max: 10, percent: 100, weight: 1 },
      { id: 'authority', points: 10, max: 10, percent: 100, weight: 1 },
      { id: 'need', points: 10, max: 10, percent: 100, weight: 1 },
    ])
  })

  describe('thresholds at their exact edges', () => {
    // location 100, budget 20 (5 000 → 2 of 10), authority 100, need 20 (c → 2 of 10): total 60.
    const answers: Answers = { city: 'istanbul', budget: 5_000, role: 'owner', needs: ['c'] }
    const cases: { name: string; qualified: number; review: number; outcome: Outcome }[] = [
      {
        name: 'qualifies a total equal to the qualified threshold',
        qualified: 60,
        review: 40,
        outcome: 'qualified',
      },
      {
        name: 'sends a total one below the qualified threshold to review',
        qualified: 61,
        review: 40,
        outcome: 'review',
      },
      {
        name: 'sends a total equal to the review threshold to review',
        qualified: 61,
        review: 60,
        outcome: 'review',
      },
      {
        name: 'disqualifies a total one below the review threshold',
        qualified: 70,
        review: 61,
        outcome: 'disqualified',
      },
      {
        name: 'qualifies when both thresholds equal the total',
        qualified: 60,
        review: 60,
        outcome: 'qualified',
      },
    ]
    it.each(cases)('$name', ({ qualified, review, outcome }) => {
      const def = fixture()
      def.thresholds = { qualified, review }
      const result = scoreAnswers(def, answers)
      expect(result.total).toBe(60)
      expect(result.outcome).toBe(outcome)
    })
  })

  describe('knock-outs', () => {
    it('disqualifies a knock-out option and scores nothing after its jump to $end', () => {
      const result = scoreAnswers(fixture(), { city: 'away' })
      expect(result).toMatchObject({ outcome: 'disqualified', knockout: true, total: 0 })
      expect(result.fired).toEqual([
        { question: 'city', rule: 'knockout', value: 'away', points: 0 },
      ])
    })

    it('disqualifies a knock-out band even when the total would qualify', () => {
      const result = scoreAnswers(fixture(), { ...top, budget: 999 })
      expect(result.total).toBe(75)
      expect(result).toMatchObject({ outcome: 'disqualified', knockout: true })
      expect(result.fired).toContainEqual({
        question: 'budget',
        rule: 'knockout',
        value: 999,
        points: 0,
      })
    })

    it('disqualifies a knock-out picked among several options of a multiple choice', () => {
      const def = fixture()
      def.questions[4]!.options![3]!.knockout = true
      const result = scoreAnswers(def, { ...top, needs: ['a', 'none'] })
      expect(result).toMatchObject({ outcome: 'disqualified', knockout: true })
      expect(result.fired).toContainEqual({
        question: 'needs',
        rule: 'knockout',
        value: 'none',
        points: -4,
      })
    })

    it('does not knock out when the knock-out band is not reached', () => {
      expect(scoreAnswers(fixture(), { ...top, budget: 1_000 }).knockout).toBe(false)
    })
  })

  describe('number bands (min inclusive, max exclusive)', () => {
    const cases = [
      { budget: 0, percent: 0 },
      { budget: 999, percent: 0 },
      { budget: 1_000, percent: 20 },
      { budget: 9_999.99, percent: 20 },
      { budget: 10_000, percent: 50 },
      { budget: 99_999, percent: 50 },
      { budget: 100_000, percent: 100 },
      { budget: 1_000_000, percent: 100 },
    ]
    it.each(cases)('scores a budget of $budget at $percent%', ({ budget, percent }) => {
      expect(percents(fixture(), { ...top, budget }).budget).toBe(percent)
    })

    it('earns nothing for a number no band covers, and its max still counts', () => {
      const def = fixture()
      def.questions[1]!.number!.bands = [{ min: 10, max: 20, points: 5, knockout: false }]
      const budget = scoreAnswers(def, { ...top, budget: 50 }).criteria[1]!
      expect(budget).toMatchObject({ points: 0, max: 5, percent: 0 })
    })
  })

  describe('weights', () => {
    it('ignores a criterion with weight 0', () => {
      const def = fixture()
      def.criteria[0]!.weight = 0
      const low = scoreAnswers(def, { ...top, city: 'izmir' })
      expect(low.total).toBe(100)
      expect(low.criteria[0]).toEqual({
        id: 'location',
        points: 5,
        max: 10,
        percent: 50,
        weight: 0,
      })
    })

    it('weighs criteria unequally', () => {
      const def = fixture()
      def.criteria[1]!.weight = 3
      // (100·1 + 20·3 + 100·1 + 20·1) / 6 = 46.67
      const answers = { city: 'istanbul', budget: 5_000, role: 'owner', needs: ['c'] }
      expect(scoreAnswers(def, answers).total).toBe(47)
    })

    it('leaves out a criterion that cannot earn points', () => {
      const def = fixture()
      for (const o of def.questions[4]!.options!) o.points = Math.min(0, o.points)
      const result = scoreAnswers(def, {
        city: 'istanbul',
        budget: 100_000,
        role: 'owner',
        needs: ['a'],
      })
      expect(result.total).toBe(100)
      expect(result.criteria[3]).toMatchObject({ id: 'need', max: 0, percent: 0 })
    })

    it('gives 0 when no criterion counts', () => {
      const def = fixture()
      def.criteria.forEach((c) => (c.weight = 0))
      expect(scoreAnswers(def, top)).toMatchObject({ total: 0, outcome: 'disqualified' })
    })
  })

  describe('missing and hidden answers', () => {
    it('gives a skipped optional question 0 points while its max still counts', () => {
      const { needs: _, ...answers } = top
      const result = scoreAnswers(fixture(), answers)
      expect(result.criteria[3]).toEqual({ id: 'need', points: 0, max: 10, percent: 0, weight: 1 })
      expect(result.total).toBe(75)
    })

    it('does not score a hidden question even when it was answered', () => {
      const answers = { ...top, decider: 'me' }
      expect(validateAnswers(fixture(), answers).ok).toBe(false)
      const authority = scoreAnswers(fixture(), answers).criteria[2]
      expect(authority).toMatchObject({ points: 10, max: 10, percent: 100 })
    })

    it('counts the max of a question that branching shows', () => {
      const authority = scoreAnswers(fixture(), { ...top, role: 'staff', decider: 'me' })
        .criteria[2]
      expect(authority).toMatchObject({ points: 14, max: 20, percent: 70 })
    })

    it('scores an empty text as unanswered and any text as 0', () => {
      const def = fixture()
      expect(scoreAnswers(def, { ...top, notes: '' })).toEqual(scoreAnswers(def, top))
      expect(scoreAnswers(def, { ...top, notes: 'hi' })).toEqual(scoreAnswers(def, top))
    })
  })

  describe('multiple choice', () => {
    const cases = [
      { needs: ['a'], points: 5, percent: 50 },
      { needs: ['a', 'b'], points: 8, percent: 80 },
      { needs: ['a', 'b', 'c'], points: 10, percent: 100 },
      { needs: ['a', 'none'], points: 1, percent: 10 },
      { needs: ['none'], points: -4, percent: 0 },
    ]
    it.each(cases)('sums $needs to $points points ($percent%)', ({ needs, points, percent }) => {
      const need = scoreAnswers(fixture(), { ...top, needs }).criteria[3]
      expect(need).toMatchObject({ points, max: 10, percent })
    })
  })

  it('clamps negative points to 0 percent', () => {
    const authority = scoreAnswers(fixture(), { ...top, role: 'intern', decider: 'boss' })
      .criteria[2]
    expect(authority).toMatchObject({ points: -5, max: 20, percent: 0 })
  })

  it('shows percents to one decimal but totals them unrounded', () => {
    const def = fixture()
    def.questions[5]!.criterion = 'need'
    def.questions[5]!.options![0]!.points = 1
    // need: 5 of 11 = 45.4545…%; total (100 + 100 + 100 + 45.45) / 4 = 86.36
    const result = scoreAnswers(def, { ...top, needs: ['a'], supplier: 'no' })
    expect(result.criteria[3]!.percent).toBe(45.5)
    expect(result.total).toBe(86)
  })

  it('lists the rules that fired in path order with the answer and its points', () => {
    const result = scoreAnswers(fixture(), {
      city: 'izmir',
      budget: 500,
      role: 'staff',
      decider: 'boss',
      needs: ['a', 'none'],
      supplier: 'yes',
      notes: 'x',
    })
    expect(result.fired).toEqual([
      { question: 'city', rule: 'points', value: 'izmir', points: 5 },
      { question: 'budget', rule: 'knockout', value: 500, points: 0 },
      { question: 'role', rule: 'points', value: 'staff', points: 4 },
      { question: 'needs', rule: 'points', value: ['a', 'none'], points: 1 },
    ])
  })

  describe('the default quiz', () => {
    it('qualifies an owner in İstanbul with budget, need and a near start', () => {
      const result = scoreAnswers(DEFAULT_QUIZ, {
        location: 'istanbul',
        role: 'owner',
        budget: 300_000,
        needs: ['wholesale', 'integration'],
        timeline: 'quarter',
        supplier: 'yes',
      })
      // location 100, budget 100, authority 100, need 9/16, timeline 70: (100+300+200+112.5+140)/10
      expect(result).toMatchObject({ total: 85, outcome: 'qualified', knockout: false })
    })

    it('disqualifies a visitor outside the service area', () => {
      const answers = { location: 'other' }
      expect(validateAnswers(DEFAULT_QUIZ, answers)).toEqual({ ok: true, path: ['location'] })
      expect(scoreAnswers(DEFAULT_QUIZ, answers)).toMatchObject({
        outcome: 'disqualified',
        knockout: true,
      })
    })

    it('disqualifies a browsing individual with a tiny budget and no plan', () => {
      const answers = {
        location: 'ankara',
        role: 'individual',
        decider: 'unknown',
        budget: 5_000,
        needs: ['browsing'],
        timeline: 'no_plan',
      }
      expect(validateAnswers(DEFAULT_QUIZ, answers)).toEqual({
        ok: true,
        path: ['location', 'role', 'decider', 'budget', 'needs', 'timeline', 'notes'],
      })
      expect(scoreAnswers(DEFAULT_QUIZ, answers)).toMatchObject({
        total: 10,
        outcome: 'disqualified',
      })
    })
  })
})
