/**
 * Whether a submitted set of answers fits its quiz: every answer belongs to a question that was
 * shown, has the right type and range, and every required question on the path is answered.
 */
import {
  visiblePath,
  type Answer,
  type Answers,
  type Question,
  type QuizDefinition,
} from '../../../contract'

export interface AnswerIssue {
  path: string
  message: string
}

export type AnswersValidation = { ok: true; path: string[] } | { ok: false; issues: AnswerIssue[] }

/** Longest text answer when a text question sets no `maxLength`. */
export const DEFAULT_TEXT_MAX_LENGTH = 500

/** Whether a question counts as answered: an empty text is no answer. */
export const isAnswered = (answer: Answer | undefined): answer is Answer =>
  answer !== undefined && answer !== ''

/**
 * Validates the answers of a submitted quiz against `def`. On success `path` is the ids of the
 * questions shown, in order (the final walk of `visiblePath`), which is what gets scored.
 * @example validateAnswers(def, { location: 'mars' }) // { ok: false, issues: [{ path: 'answers.location', message: 'not an option of this question' }, …] }
 */
export function validateAnswers(def: QuizDefinition, answers: Answers): AnswersValidation {
  const issues: AnswerIssue[] = []
  const byId = new Map(def.questions.map((q) => [q.id, q]))
  const path = visiblePath(def.questions, answers, { final: true }).ids
  const shown = new Set(path)

  for (const [id, answer] of Object.entries(answers)) {
    const question = byId.get(id)
    const message = !question
      ? 'no such question'
      : !shown.has(id)
        ? 'this question was not shown'
        : answerProblem(question, answer)
    if (message) issues.push({ path: `answers.${id}`, message })
  }
  for (const id of path) {
    const question = byId.get(id)!
    const answer = Object.hasOwn(answers, id) ? answers[id] : undefined
    if (question.required && !isAnswered(answer)) {
      issues.push({ path: `answers.${id}`, message: 'required' })
    }
  }
  return issues.length === 0 ? { ok: true, path } : { ok: false, issues }
}

/** What is wrong with `answer` as an answer to `q`, or null when it fits. */
export function answerProblem(q: Question, answer: Answer): string | null {
  switch (q.kind) {
    case 'single':
    case 'location':
    case 'yes_no':
      if (typeof answer !== 'string') return 'expected one option'
      return hasOption(q, answer) ? null : 'not an option of this question'
    case 'multiple': {
      if (!Array.isArray(answer)) return 'expected a list of options'
      if (answer.length === 0) return 'pick at least one option'
      if (new Set(answer).size !== answer.length) return 'an option is picked twice'
      return answer.every((a) => hasOption(q, a)) ? null : 'not an option of this question'
    }
    case 'number': {
      if (typeof answer !== 'number' || !Number.isFinite(answer)) return 'expected a number'
      const { min, max } = q.number!
      return answer < min || answer > max ? `expected a number from ${min} to ${max}` : null
    }
    case 'text': {
      if (typeof answer !== 'string') return 'expected text'
      const max = q.maxLength ?? DEFAULT_TEXT_MAX_LENGTH
      return answer.length > max ? `at most ${max} characters` : null
    }
  }
}

const hasOption = (q: Question, value: string) => q.options?.some((o) => o.value === value) ?? false
