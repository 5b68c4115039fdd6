/**
 * The quiz's logic without DOM: where the visitor is on the branching path (the contract's
 * `visiblePath`, the same walk the server uses), which answers may be sent, whether an answer is
 * acceptable, and the progress kept on the device so a reload resumes at the same step.
 */
import type { Answer, Answers, PublicQuiz, QuizSubmit } from '../../../contract'
import { visiblePath } from '../../../contract/quiz-branching'
import { newKey } from './api'

export type PublicQuestion = PublicQuiz['questions'][number]

/** The contact step of a standalone quiz, after the last question. */
export const CONTACT = '$contact'

/** What is kept on the device for one site (and one quiz version) between page loads. */
export interface Progress {
  quizId: string
  version: number
  sessionId: string
  answers: Answers
  /** Optional questions the visitor passed without answering. */
  skipped: string[]
  /** The question on screen, or `CONTACT`. */
  at: string
  /** `POST /v1/quiz/start` was handed to the outbox for this session. */
  started: boolean
  /** Funnel events already queued this session, as `question:event`. */
  logged: string[]
  /** A submission handed to the outbox: resent with the same key and body after a reload. */
  pending?: { key: string; body: QuizSubmit }
}

export const progressKey = (siteKey: string) => 'leadline:quiz:' + siteKey

/** A fresh session: 32 characters of `[0-9a-f]`, as `QuizStartSchema` wants. */
export function newProgress(quiz: PublicQuiz): Progress {
  return {
    quizId: quiz.quizId,
    version: quiz.version,
    sessionId: newKey().replace(/-/g, ''),
    answers: {},
    skipped: [],
    at: quiz.questions[0]?.id ?? CONTACT,
    started: false,
    logged: [],
  }
}

/** The saved progress for this quiz version, or undefined (none, unreadable, another version). */
export function loadProgress(siteKey: string, quiz: PublicQuiz): Progress | undefined {
  try {
    const p = JSON.parse(localStorage.getItem(progressKey(siteKey)) ?? 'null') as Progress | null
    if (p?.quizId === quiz.quizId && p.version === quiz.version && p.answers) return p
  } catch {
    // Blocked or corrupt storage: start over.
  }
  return undefined
}

export function saveProgress(siteKey: string, progress: Progress | undefined): void {
  try {
    if (progress) localStorage.setItem(progressKey(siteKey), JSON.stringify(progress))
    else localStorage.removeItem(progressKey(siteKey))
  } catch {
    // Storage blocked or full: the quiz still works, it just will not survive a reload.
  }
}

/** The path so far: shown questions up to the first open one (`complete` when none is left). */
export const pathOf = (quiz: PublicQuiz, p: Progress) =>
  visiblePath(quiz.questions, p.answers, { skipped: new Set(p.skipped) })

/** How many questions the visitor will see if they answer nothing more that opens a branch. */
export const totalOf = (quiz: PublicQuiz, p: Progress) =>
  visiblePath(quiz.questions, p.answers, { final: true }).ids.length

/**
 * Only the answers to questions on the path: after the visitor goes back and changes an answer,
 * what they answered on a branch now hidden is not sent (the server refuses it).
 */
export function answersOnPath(quiz: PublicQuiz, answers: Answers): Answers {
  const shown = visiblePath(quiz.questions, answers, { final: true }).ids
  const kept: Answers = {}
  for (const id of shown) if (answers[id] !== undefined) kept[id] = answers[id]
  return kept
}

export const isBlank = (a: Answer | undefined) =>
  a === undefined || (typeof a === 'string' && a.trim() === '') || (Array.isArray(a) && !a.length)

/** Why an answer cannot be accepted, or undefined when it can. */
export function answerProblem(
  q: PublicQuestion,
  a: Answer | undefined,
): 'required' | 'range' | undefined {
  if (isBlank(a)) return q.required ? 'required' : undefined
  if (q.kind === 'number' && q.number) {
    const { min, max } = q.number
    if (typeof a !== 'number' || !Number.isFinite(a) || a < min || a > max) return 'range'
  }
  return undefined
}

/**
 * The answers that still fit a new version of the quiz: the question exists with the same kind,
 * every chosen value is still an option, a number is still in range.
 */
export function keepValid(quiz: PublicQuiz, answers: Answers): Answers {
  const kept: Answers = {}
  for (const q of quiz.questions) {
    const a = answers[q.id]
    if (a === undefined) continue
    const values = q.options?.map((o) => o.value)
    const fits =
      q.kind === 'multiple'
        ? Array.isArray(a) && a.every((x) => values?.includes(x))
        : q.kind === 'single' || q.kind === 'location'
          ? typeof a === 'string' && values?.includes(a)
          : q.kind === 'yes_no'
            ? a === 'yes' || a === 'no'
            : q.kind === 'text'
              ? typeof a === 'string' && a.length <= (q.maxLength ?? 2000)
              : answerProblem(q, a) === undefined
    if (fits) kept[q.id] = a
  }
  return kept
}
