/**
 * A visitor answers the store's qualification quiz: starting it is first two-way contact (a lead
 * at `lead` moves to `qualification`); the finished quiz is scored here, never by the client, and
 * moves the lead by its outcome, capturing a new lead first when the visitor gave their details.
 */
import type {
  LeadCreate,
  QuizStart,
  QuizSubmit,
  QuizSubmitted,
  QuizVersion,
} from '../../../contract'
import { quizCompletedStatements } from '../db/events'
import { activityStatement, getLead, moveStatements } from '../db/leads'
import {
  completeResponseStatement,
  currentQuiz,
  getSessionResponse,
  scoreLeadStatement,
  startResponseStatement,
} from '../db/quiz'
import type { SiteRow } from '../db/sites'
import { completionMoves, startMoves } from '../leads/qualify'
import { DomainError } from '../lib/errors'
import { newId } from '../lib/ids'
import { scoreAnswers, validateAnswers } from '../scoring'
import { runBatch, type IdempotencyKey, type Deps } from './batch'
import { newLead } from './capture-lead'

/** The current quiz, or 409 `quiz_version_stale` when the visitor answered another version. */
export async function answeredQuiz(
  db: D1Database,
  siteId: string,
  quizId: string,
  version: number,
): Promise<QuizVersion> {
  const quiz = await currentQuiz(db, siteId)
  if (quiz.quizId !== quizId || quiz.version !== version) {
    throw new DomainError(
      'quiz_version_stale',
      `The store has published version ${quiz.version} of its quiz; reload it and answer again.`,
    )
  }
  return quiz
}

async function leadOf(db: D1Database, siteId: string, leadId: string) {
  const lead = await getLead(db, siteId, leadId)
  if (!lead) throw new DomainError('not_found', 'No such lead in this store.')
  return lead
}

const otherLead = () => new DomainError('conflict', 'This quiz session belongs to another lead.')

/**
 * Starts a quiz session for a lead (once per session: a second start keeps the first); the
 * answer is stored under the request's key in the same batch. 404 for a lead not of the store,
 * 409 for another lead's session or a stale quiz version.
 */
export async function startQuiz(
  { db, now }: Deps,
  site: SiteRow,
  input: QuizStart,
  key?: IdempotencyKey,
): Promise<{ responseId: string }> {
  const quiz = await answeredQuiz(db, site.id, input.quizId, input.version)
  const lead = await leadOf(db, site.id, input.leadId)
  const existing = await getSessionResponse(db, site.id, input.sessionId)
  if (existing && existing.lead_id !== lead.id) throw otherLead()
  const at = now.toISOString()
  const responseId = existing?.id ?? newId('qr')
  const body = { responseId }
  const response = {
    id: responseId,
    quizId: quiz.quizId,
    version: quiz.version,
    sessionId: input.sessionId,
    leadId: lead.id,
    at,
  }
  await runBatch(db, {
    answer: key ? { key, status: 201, body, at } : null,
    change: [startResponseStatement(db, site.id, response)],
    // Each move is guarded by the stage it leaves (db/leads.ts).
    then: startMoves(lead.stage, now).flatMap((plan) => moveStatements(db, site.id, lead.id, plan)),
  })
  return body
}

/**
 * Scores a finished quiz and moves the lead by its outcome (qualified → `nurturing`,
 * disqualified → `lost`, review → stays in `qualification`), with a new lead captured first when
 * the visitor gave `contact`. 422 for answers the quiz does not allow or contact details the
 * store rejects, 404 for a lead not of the store, 409 for a session already submitted or another
 * lead's, or a stale quiz version.
 */
export async function submitQuiz(
  { db, now }: Deps,
  site: SiteRow,
  input: QuizSubmit,
  key?: IdempotencyKey,
): Promise<QuizSubmitted> {
  const quiz = await answeredQuiz(db, site.id, input.quizId, input.version)
  const checked = validateAnswers(quiz.definition, input.answers)
  if (!checked.ok) {
    throw new DomainError('validation_failed', 'Some answers are not valid.', checked.issues)
  }
  // The client's score, if it sent one, has no field to arrive in: the server scores.
  const score = scoreAnswers(quiz.definition, input.answers)
  const at = now.toISOString()
  let first: D1PreparedStatement[] = []
  let leadId: string
  let stage
  if (input.leadId !== undefined) {
    const lead = await leadOf(db, site.id, input.leadId)
    leadId = lead.id
    stage = lead.stage
  } else {
    const contact: LeadCreate = { siteKey: input.siteKey, ...input.contact! }
    const captured = newLead({ db, now }, site, contact, 'quiz', 'contact')
    first = [...captured.statements.contact, ...captured.statements.lead]
    leadId = captured.plan.lead.id
    stage = captured.plan.move.to
  }
  const existing = await getSessionResponse(db, site.id, input.sessionId)
  if (existing?.status === 'completed') {
    throw new DomainError('conflict', 'This quiz session was already submitted.')
  }
  if (existing && existing.lead_id !== leadId) throw otherLead()
  const responseId = existing?.id ?? newId('qr')
  const summary = { quizId: quiz.quizId, version: quiz.version, responseId, score }
  const body: QuizSubmitted = { responseId, leadId, outcome: score.outcome }
  const response = {
    id: responseId,
    quizId: quiz.quizId,
    version: quiz.version,
    sessionId: input.sessionId,
    leadId,
    answers: input.answers,
    score,
    at,
  }
  const completed = { type: 'quiz_completed', body: summary }
  await runBatch(db, {
    answer: key ? { key, status: 201, body, at } : null,
    first,
    change: [completeResponseStatement(db, site.id, response)],
    // Not chained on the completion (as before this layer): two submits of one session racing
    // past the check above both score the lead and write the timeline row.
    then: [
      scoreLeadStatement(db, site.id, leadId, score, at),
      activityStatement(db, site.id, leadId, completed, 'visitor', null, at),
      // Each move is guarded by the stage it leaves (db/leads.ts).
      ...completionMoves(stage, score.outcome, now).flatMap((plan) =>
        moveStatements(db, site.id, leadId, plan),
      ),
    ],
    events: quizCompletedStatements(db, site.id, leadId, {
      quizId: quiz.quizId,
      version: quiz.version,
      responseId,
      outcome: score.outcome,
      score: score.total,
      at,
    }),
  })
  return body
}
