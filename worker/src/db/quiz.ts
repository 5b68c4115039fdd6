/** Quiz versions, responses and funnel steps in D1. Every query is scoped by site. */
import type {
  Answers,
  Outcome,
  QuizDefinition,
  QuizResponse,
  QuizVersion,
  ScoreResult,
} from '../../../contract'
import { newId } from '../lib/ids'
import { DEFAULT_QUIZ } from '../scoring'
import { decodeCursor, encodeCursor } from './cursor'
import { params } from './sql'

interface QuizRow {
  id: string
  version: number
  definition: string
  created_by: string | null
  created_at: string
}

const quizFromRow = (r: QuizRow): QuizVersion => ({
  quizId: r.id,
  version: r.version,
  definition: JSON.parse(r.definition) as QuizDefinition,
  createdAt: r.created_at,
  createdBy: r.created_by,
})

/** The store's current quiz: its highest version. */
export async function getCurrentQuiz(db: D1Database, siteId: string): Promise<QuizVersion | null> {
  const row = await db
    .prepare(
      `SELECT id, version, definition, created_by, created_at FROM quizzes
        WHERE site_id = ?1 ORDER BY version DESC LIMIT 1`,
    )
    .bind(siteId)
    .first<QuizRow>()
  return row ? quizFromRow(row) : null
}

/**
 * The store's current quiz, writing the default BANT quiz as version 1 the first time: every
 * store starts with it. A concurrent first write is harmless (`ifNone`).
 */
export async function currentQuiz(db: D1Database, siteId: string): Promise<QuizVersion> {
  const quiz = await getCurrentQuiz(db, siteId)
  if (quiz) return quiz
  const at = new Date().toISOString()
  await insertQuizVersionStatement(db, siteId, newId('qz'), DEFAULT_QUIZ, null, at, true).run()
  const created = await getCurrentQuiz(db, siteId)
  if (!created) throw new Error('the default quiz was not written')
  return created
}

export async function getQuizVersion(
  db: D1Database,
  siteId: string,
  version: number,
): Promise<QuizVersion | null> {
  const row = await db
    .prepare(
      'SELECT id, version, definition, created_by, created_at FROM quizzes WHERE site_id = ?1 AND version = ?2',
    )
    .bind(siteId, version)
    .first<QuizRow>()
  return row ? quizFromRow(row) : null
}

export async function listQuizVersions(db: D1Database, siteId: string) {
  const { results } = await db
    .prepare(
      `SELECT id, version, created_by, created_at FROM quizzes WHERE site_id = ?1
        ORDER BY version DESC LIMIT 100`,
    )
    .bind(siteId)
    .all<Omit<QuizRow, 'definition'>>()
  return results.map((r) => ({
    quizId: r.id,
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
  }))
}

/**
 * Writes the next version of a store's quiz: one more than the highest, computed in the INSERT
 * itself. Two concurrent saves cannot both take a version (UNIQUE (site_id, version)); the
 * loser's INSERT fails. With `ifNone` it writes only when the store has no quiz yet, and
 * quietly nothing when a concurrent request wrote the first version.
 */
export function insertQuizVersionStatement(
  db: D1Database,
  siteId: string,
  id: string,
  definition: QuizDefinition,
  createdBy: string | null,
  at: string,
  ifNone = false,
) {
  return db
    .prepare(
      `INSERT ${ifNone ? 'OR IGNORE ' : ''}INTO quizzes (id, site_id, version, definition, created_by, created_at)
       SELECT ?1, ?2, COALESCE(MAX(version), 0) + 1, ?3, ?4, ?5 FROM quizzes WHERE site_id = ?2
       HAVING ?6 = 0 OR COUNT(*) = 0`,
    )
    .bind(id, siteId, JSON.stringify(definition), createdBy, at, ifNone ? 1 : 0)
}

export const isQuizVersionConflict = (err: unknown) =>
  err instanceof Error && /UNIQUE constraint failed: quizzes/.test(err.message)

/** Records that a session tied to a lead started a quiz (once per session). */
export const startResponseStatement = (
  db: D1Database,
  siteId: string,
  r: { id: string; quizId: string; version: number; sessionId: string; leadId: string; at: string },
) =>
  db
    .prepare(
      `INSERT INTO quiz_responses (id, site_id, quiz_id, quiz_version, session_id, lead_id, status, started_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'started', ?7) ON CONFLICT (site_id, session_id) DO NOTHING`,
    )
    .bind(r.id, siteId, r.quizId, r.version, r.sessionId, r.leadId, r.at)

/**
 * Completes a session's response (inserting it when it was never started). A session that
 * already completed keeps its first answers: the statement changes nothing then.
 */
export const completeResponseStatement = (
  db: D1Database,
  siteId: string,
  r: {
    id: string
    quizId: string
    version: number
    sessionId: string
    leadId: string
    answers: Answers
    score: ScoreResult
    at: string
  },
) =>
  db
    .prepare(
      `INSERT INTO quiz_responses (id, site_id, quiz_id, quiz_version, session_id, lead_id, status, answers,
         score, outcome, breakdown, started_at, completed_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'completed', ?7, ?8, ?9, ?10, ?11, ?11)
       ON CONFLICT (site_id, session_id) DO UPDATE SET status = 'completed', answers = excluded.answers,
         score = excluded.score, outcome = excluded.outcome, breakdown = excluded.breakdown,
         completed_at = excluded.completed_at, lead_id = excluded.lead_id
       WHERE quiz_responses.status = 'started' AND quiz_responses.quiz_id = excluded.quiz_id`,
    )
    .bind(
      r.id,
      siteId,
      r.quizId,
      r.version,
      r.sessionId,
      r.leadId,
      JSON.stringify(r.answers),
      r.score.total,
      r.score.outcome,
      JSON.stringify(r.score),
      r.at,
    )

/** The id of a session's response and whether it is complete (null when there is none). */
export const getSessionResponse = (db: D1Database, siteId: string, sessionId: string) =>
  db
    .prepare(
      'SELECT id, status, quiz_id, lead_id FROM quiz_responses WHERE site_id = ?1 AND session_id = ?2',
    )
    .bind(siteId, sessionId)
    .first<{
      id: string
      status: 'started' | 'completed'
      quiz_id: string
      lead_id: string | null
    }>()

/** Stores a lead's score, its breakdown and the qualification outcome. */
export const scoreLeadStatement = (
  db: D1Database,
  siteId: string,
  leadId: string,
  score: ScoreResult,
  at: string,
) =>
  db
    .prepare(
      `UPDATE leads SET score = ?3, score_breakdown = ?4, qualification = ?5, updated_at = ?6,
         version = version + 1
       WHERE site_id = ?1 AND id = ?2`,
    )
    .bind(siteId, leadId, score.total, JSON.stringify(score), score.outcome, at)

/** Sets the qualification outcome a rep decided, guarded by the lead's version. */
export const overrideQualificationStatement = (
  db: D1Database,
  siteId: string,
  leadId: string,
  outcome: Outcome,
  expectedVersion: number,
  at: string,
) =>
  db
    .prepare(
      `UPDATE leads SET qualification = ?3, updated_at = ?4, version = version + 1
       WHERE site_id = ?1 AND id = ?2 AND version = ?5`,
    )
    .bind(siteId, leadId, outcome, at, expectedVersion)

/** Funnel steps of a session; a step already recorded is ignored. */
export const stepEventStatements = (
  db: D1Database,
  siteId: string,
  quizId: string,
  sessionId: string,
  events: { question: string; event: 'shown' | 'answered' }[],
  at: string,
) =>
  events.map((e) =>
    db
      .prepare(
        `INSERT INTO quiz_step_events (site_id, quiz_id, session_id, question, event, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING`,
      )
      .bind(siteId, quizId, sessionId, e.question, e.event, at),
  )

interface ResponseRow {
  id: string
  quiz_id: string
  quiz_version: number
  lead_id: string | null
  status: 'started' | 'completed'
  answers: string
  score: number | null
  outcome: Outcome | null
  breakdown: string | null
  started_at: string
  completed_at: string | null
}

export async function listResponses(
  db: D1Database,
  siteId: string,
  q: { version?: number; outcome?: Outcome; limit: number; cursor?: string },
): Promise<{ items: QuizResponse[]; nextCursor: string | null }> {
  const where = ['site_id = ?1']
  const p = params(siteId)
  if (q.version !== undefined) where.push(`quiz_version = ${p.add(q.version)}`)
  if (q.outcome) where.push(`outcome = ${p.add(q.outcome)}`)
  if (q.cursor) {
    const [startedAt, id] = decodeCursor(q.cursor)
    where.push(`(started_at, id) < (${p.add(startedAt)}, ${p.add(id)})`)
  }
  const { results } = await db
    .prepare(
      `SELECT id, quiz_id, quiz_version, lead_id, status, answers, score, outcome, breakdown, started_at,
         completed_at FROM quiz_responses WHERE ${where.join(' AND ')}
        ORDER BY started_at DESC, id DESC LIMIT ${p.add(q.limit + 1)}`,
    )
    .bind(...p.values)
    .all<ResponseRow>()
  const page = results.slice(0, q.limit)
  const last = page[page.length - 1]
  return {
    items: page.map((r) => ({
      id: r.id,
      quizId: r.quiz_id,
      version: r.quiz_version,
      leadId: r.lead_id,
      status: r.status,
      answers: JSON.parse(r.answers) as Record<string, unknown>,
      score: r.score,
      outcome: r.outcome,
      breakdown: r.breakdown ? (JSON.parse(r.breakdown) as ScoreResult) : null,
      startedAt: r.started_at,
      completedAt: r.completed_at,
    })),
    nextCursor: results.length > q.limit && last ? encodeCursor([last.started_at, last.id]) : null,
  }
}

/**
 * Per question of one quiz version: sessions shown it, sessions that answered it, and
 * sessions whose last shown question it was and that never completed (abandoned there).
 */
export async function quizFunnel(db: D1Database, siteId: string, quizId: string) {
  const [steps, abandoned, totals] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT question, SUM(event = 'shown') AS shown, SUM(event = 'answered') AS answered
           FROM quiz_step_events WHERE site_id = ?1 AND quiz_id = ?2 GROUP BY question`,
      )
      .bind(siteId, quizId),
    db
      .prepare(
        `SELECT question, COUNT(*) AS n FROM (
           SELECT session_id, question,
                  ROW_NUMBER() OVER (PARTITION BY session_id ORDER BY at DESC, rowid DESC) AS rn
             FROM quiz_step_events WHERE site_id = ?1 AND quiz_id = ?2 AND event = 'shown')
          WHERE rn = 1 AND session_id NOT IN (
            SELECT session_id FROM quiz_responses
             WHERE site_id = ?1 AND quiz_id = ?2 AND status = 'completed')
          GROUP BY question`,
      )
      .bind(siteId, quizId),
    db
      .prepare(
        `SELECT (SELECT COUNT(DISTINCT session_id) FROM quiz_step_events WHERE site_id = ?1 AND quiz_id = ?2)
                  AS sessions,
                (SELECT COUNT(*) FROM quiz_responses WHERE site_id = ?1 AND quiz_id = ?2 AND status = 'completed')
                  AS completed`,
      )
      .bind(siteId, quizId),
  ])
  const count = (rows: Record<string, unknown>[] | undefined, key: string) =>
    new Map((rows ?? []).map((r) => [String(r.question), Number(r[key] ?? 0)]))
  const total = totals?.results[0] ?? {}
  return {
    shown: count(steps?.results, 'shown'),
    answered: count(steps?.results, 'answered'),
    abandoned: count(abandoned?.results, 'n'),
    sessions: Number(total.sessions ?? 0),
    completed: Number(total.completed ?? 0),
  }
}
