/**
 * Tasks for reps in D1: made by sequence steps (deduplicated by cause), listed by assignee and
 * state, marked done. Every query is scoped by site.
 */
import type { Task } from '../../../contract'
import { decodeCursor, encodeCursor } from './cursor'
import type { LeaseGuard } from './enrollments'
import { params } from './sql'

interface TaskRow {
  id: string
  lead_id: string | null
  assignee_id: string | null
  title: string
  due_at: string
  done_at: string | null
  created_at: string
}

const COLUMNS = 'id, lead_id, assignee_id, title, due_at, done_at, created_at'

const fromRow = (r: TaskRow): Task => ({
  id: r.id,
  leadId: r.lead_id,
  assigneeId: r.assignee_id,
  title: r.title,
  dueAt: r.due_at,
  doneAt: r.done_at,
  createdAt: r.created_at,
})

/**
 * The store's tasks, soonest due first, keyset-paged on (due_at, id); only one assignee's when
 * `assigneeId` is given, only open (or only done) ones when `open` is.
 */
export async function listTasks(
  db: D1Database,
  siteId: string,
  q: { assigneeId?: string; open?: boolean; limit: number; cursor?: string },
): Promise<{ items: Task[]; nextCursor: string | null }> {
  const p = params(siteId)
  const where = ['site_id = ?1']
  if (q.assigneeId !== undefined) where.push(`assignee_id = ${p.add(q.assigneeId)}`)
  if (q.open !== undefined) where.push(q.open ? 'done_at IS NULL' : 'done_at IS NOT NULL')
  if (q.cursor) {
    const [dueAt, id] = decodeCursor(q.cursor)
    where.push(`(due_at, id) > (${p.add(dueAt)}, ${p.add(id)})`)
  }
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM tasks WHERE ${where.join(' AND ')}
        ORDER BY due_at, id LIMIT ${p.add(q.limit + 1)}`,
    )
    .bind(...p.values)
    .all<TaskRow>()
  const page = results.slice(0, q.limit)
  const last = page[page.length - 1]
  return {
    items: page.map(fromRow),
    nextCursor: results.length > q.limit && last ? encodeCursor([last.due_at, last.id]) : null,
  }
}

export async function getTask(db: D1Database, siteId: string, id: string): Promise<Task | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM tasks WHERE site_id = ?1 AND id = ?2`)
    .bind(siteId, id)
    .first<TaskRow>()
  return row ? fromRow(row) : null
}

/** Marks a task done; a task already done keeps its first `done_at`. */
export const completeTaskStatement = (db: D1Database, siteId: string, id: string, at: string) =>
  db
    .prepare('UPDATE tasks SET done_at = COALESCE(done_at, ?3) WHERE site_id = ?1 AND id = ?2')
    .bind(siteId, id, at)

export interface NewTask {
  id: string
  siteId: string
  leadId: string
  assigneeId: string | null
  title: string
  dueAt: string
  enrollmentId: string | null
  /** Names the cause (enrollment and step): the same cause never makes two tasks. */
  dedupeKey: string
  at: string
}

/**
 * A task for a lead of the store, then its timeline row `task_created`; with `guard`, only while
 * the runner holds the enrollment's lease. A cause that already made its task adds neither.
 */
export function taskStatements(
  db: D1Database,
  t: NewTask,
  guard?: LeaseGuard,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT OR IGNORE INTO tasks (id, site_id, lead_id, assignee_id, title, due_at, enrollment_id, dedupe_key,
           created_at)
         SELECT ?1, site_id, id, ?4, ?5, ?6, ?7, ?8, ?9 FROM leads
          WHERE site_id = ?2 AND id = ?3
            AND (?10 IS NULL OR EXISTS (SELECT 1 FROM enrollments WHERE id = ?10 AND lease_until = ?11))`,
      )
      .bind(
        t.id,
        t.siteId,
        t.leadId,
        t.assigneeId,
        t.title,
        t.dueAt,
        t.enrollmentId,
        t.dedupeKey,
        t.at,
        guard?.enrollmentId ?? null,
        guard?.lease ?? null,
      ),
    db
      .prepare(
        `INSERT INTO activities (id, site_id, lead_id, contact_id, type, body, actor_type, actor_id, created_at)
         SELECT 'ac_' || lower(hex(randomblob(16))), t.site_id, t.lead_id, l.contact_id, 'task_created',
                json_object('taskId', t.id, 'title', t.title, 'dueAt', t.due_at, 'assigneeId', t.assignee_id),
                'system', NULL, ?3
           FROM tasks t JOIN leads l ON l.site_id = t.site_id AND l.id = t.lead_id
          WHERE t.site_id = ?1 AND t.id = ?2 AND changes() = 1`,
      )
      .bind(t.siteId, t.id, t.at),
  ]
}
