/**
 * Which questions of a quiz a visitor sees, given their answers so far. Pure and dependency
 * free, because the widget (to walk the visitor through) and the worker (to refuse answers to
 * hidden questions and to score only what was shown) must agree exactly.
 */
import type { Answer, Answers, Condition } from './quiz'

/** The parts of a question branching reads (the public and the full quiz both have them). */
export interface BranchingQuestion {
  id: string
  showIf?: Condition
  jumps?: { when: Condition; to: string }[]
}

const isChoiceList = (a: Answer | undefined): a is string[] => Array.isArray(a)

/** The answer to `id`, reading own properties only (`constructor` is a valid question id). */
const answerOf = (answers: Answers, id: string): Answer | undefined =>
  Object.hasOwn(answers, id) ? answers[id] : undefined

/** Whether `condition` holds for `answers`. A condition on an unanswered question fails. */
export function holds(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, answers))
  if ('any' in condition) return condition.any.some((c) => holds(c, answers))
  const answer = answerOf(answers, condition.question)
  if (answer === undefined || answer === '' || (isChoiceList(answer) && answer.length === 0)) {
    return false
  }
  switch (condition.op) {
    case 'answered':
      return true
    case 'eq':
      return isChoiceList(answer) ? answer.includes(condition.value) : answer === condition.value
    case 'neq':
      return isChoiceList(answer) ? !answer.includes(condition.value) : answer !== condition.value
    case 'in':
      return isChoiceList(answer)
        ? answer.some((a) => condition.values.includes(a))
        : typeof answer === 'string' && condition.values.includes(answer)
    case 'gte':
      return typeof answer === 'number' && answer >= condition.value
    case 'lte':
      return typeof answer === 'number' && answer <= condition.value
  }
}

/**
 * The questions shown, in order, for these answers: a question is shown when its `showIf`
 * holds; after it, the first jump whose `when` holds skips ahead to its target (or ends the quiz
 * with `$end`). The walk stops at the first shown question that is neither answered nor
 * skipped, which is where the visitor is; `complete` tells whether nothing is left to ask.
 * With `final` (a submitted quiz) every unanswered question counts as skipped.
 *
 * Conditions see only the answers of questions already on the path: an answer left over from a
 * question the branching now hides (the visitor went back and changed an earlier answer) steers
 * nothing, so the widget and the worker, which refuses such answers, agree on the path.
 * @example visiblePath(quiz.questions, { role: 'owner' }) // { ids: ['role', 'budget'], complete: false }
 */
export function visiblePath(
  questions: readonly BranchingQuestion[],
  answers: Answers,
  options: { final?: boolean; skipped?: ReadonlySet<string> } = {},
): { ids: string[]; complete: boolean } {
  const ids: string[] = []
  const seen: Answers = {}
  let i = 0
  while (i < questions.length) {
    const q = questions[i]!
    if (q.showIf && !holds(q.showIf, seen)) {
      i++
      continue
    }
    ids.push(q.id)
    const answer = answerOf(answers, q.id)
    if (answer !== undefined) seen[q.id] = answer
    const open = answer === undefined && !options.final && !options.skipped?.has(q.id)
    if (open) return { ids, complete: false }
    const jump = q.jumps?.find((j) => holds(j.when, seen))
    if (!jump) {
      i++
      continue
    }
    if (jump.to === '$end') return { ids, complete: true }
    const target = questions.findIndex((other) => other.id === jump.to)
    // Jumps only go forward (the definition check refuses others); a bad target ends the walk.
    if (target <= i) return { ids, complete: true }
    i = target
  }
  return { ids, complete: true }
}
