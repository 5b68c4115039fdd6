/** Scoring a set of answers: the rules are listed in ./index.ts, which the README quotes. */
import {
  visiblePath,
  type Answer,
  type Answers,
  type Band,
  type Question,
  type QuizDefinition,
  type ScoreResult,
} from '../../../contract'

type Fired = ScoreResult['fired'][number]

/** The band `value` falls in: the first with `min <= value < max` (an absent end is open). */
export function bandOf(q: Question, value: number): Band | undefined {
  return q.number?.bands.find(
    (b) => (b.min === undefined || value >= b.min) && (b.max === undefined || value < b.max),
  )
}

/** Most points an answer to `q` can earn (never below 0). */
export function maxPoints(q: Question): number {
  if (q.kind === 'multiple') {
    return (q.options ?? []).reduce((sum, o) => sum + Math.max(0, o.points), 0)
  }
  const all = q.kind === 'number' ? (q.number?.bands ?? []) : (q.options ?? [])
  return all.reduce((best, x) => Math.max(best, x.points), 0)
}

/**
 * Points `answer` earns on `q`, pushing what fired onto `fired`. Returns whether a knock-out
 * fired. An answer that does not fit the question (it should have been validated) earns nothing.
 */
function scoreOne(
  q: Question,
  answer: Answer,
  fired: Fired[],
): { points: number; knockout: boolean } {
  const knockouts: Fired[] = []
  let points = 0
  if (q.kind === 'number') {
    const band = typeof answer === 'number' ? bandOf(q, answer) : undefined
    if (band) {
      points = band.points
      if (band.knockout) knockouts.push({ question: q.id, rule: 'knockout', value: answer, points })
    }
  } else if (q.kind !== 'text') {
    const picked = q.kind === 'multiple' ? (Array.isArray(answer) ? answer : []) : [answer]
    for (const value of picked) {
      const o = q.options?.find((option) => option.value === value)
      if (!o) continue
      points += o.points
      if (o.knockout) knockouts.push({ question: q.id, rule: 'knockout', value, points: o.points })
    }
  }
  if (points !== 0 && q.criterion !== undefined) {
    fired.push({ question: q.id, rule: 'points', value: answer, points })
  }
  fired.push(...knockouts)
  return { points, knockout: knockouts.length > 0 }
}

/**
 * Scores answers (validated with `validateAnswers`) against `def` over the questions shown.
 * @example scoreAnswers(DEFAULT_QUIZ, answers) // { total: 86, outcome: 'qualified', knockout: false, criteria: [...], fired: [...] }
 */
export function scoreAnswers(def: QuizDefinition, answers: Answers): ScoreResult {
  const byId = new Map(def.questions.map((q) => [q.id, q]))
  const points = new Map(def.criteria.map((c) => [c.id, { points: 0, max: 0 }]))
  const fired: Fired[] = []
  let knockout = false

  for (const id of visiblePath(def.questions, answers, { final: true }).ids) {
    const q = byId.get(id)!
    const sum = q.criterion === undefined ? undefined : points.get(q.criterion)
    if (sum) sum.max += maxPoints(q)
    const answer = Object.hasOwn(answers, id) ? answers[id] : undefined
    if (answer === undefined || answer === '') continue
    const scored = scoreOne(q, answer, fired)
    if (sum) sum.points += scored.points
    knockout ||= scored.knockout
  }

  let weighted = 0
  let weights = 0
  const criteria = def.criteria.map((c) => {
    const { points: earned, max } = points.get(c.id)!
    const percent = max > 0 ? Math.min(100, Math.max(0, (earned / max) * 100)) : 0
    if (max > 0 && c.weight > 0) {
      weighted += c.weight * percent
      weights += c.weight
    }
    return {
      id: c.id,
      points: earned,
      max,
      percent: Math.round(percent * 10) / 10,
      weight: c.weight,
    }
  })
  const total = weights > 0 ? Math.round(weighted / weights) : 0
  const outcome = knockout
    ? 'disqualified'
    : total >= def.thresholds.qualified
      ? 'qualified'
      : total >= def.thresholds.review
        ? 'review'
        : 'disqualified'
  return { total, outcome, knockout, criteria, fired }
}
