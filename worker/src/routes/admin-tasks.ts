/** Admin API for reps' tasks, which nurture sequences create. */
import { Hono } from 'hono'
import * as v from 'valibot'
import { IdSchema, TaskListQuerySchema, TaskSchema } from '../../../contract'
import type { AppEnv } from '../env'
import { completeTaskStatement, getTask, listTasks } from '../db/tasks'
import { ApiError } from '../lib/errors'
import { noBody } from '../middleware/body'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { TaskPageSchema } from '../openapi/schemas'

const idParam = validate('param', v.object({ id: IdSchema }))

/** Reps' tasks from sequences, at `/admin/api/tasks`. */
export const adminTasks = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      operationId: 'listTasks',
      summary: 'Tasks, soonest due first',
      description:
        '`assignee=me` or a user id; `open=true` for tasks not done, `false` for done ' +
        'ones. Pages by `nextCursor`.',
      tag: 'Nurture',
      success: { status: 200, description: 'A page of tasks.', schema: TaskPageSchema },
      errors: ERRORS.adminPage,
    }),
    validate('query', TaskListQuerySchema),
    async (c) => {
      const { siteId, userId } = c.get('auth')
      const q = c.req.valid('query')
      const page = await listTasks(c.env.DB, siteId, {
        assigneeId: q.assignee === 'me' ? userId : q.assignee,
        open: q.open === undefined ? undefined : q.open === 'true',
        limit: q.limit,
        cursor: q.cursor,
      })
      return c.json(page)
    },
  )
  .post(
    '/:id/done',
    describeRoute({
      operationId: 'completeTask',
      summary: 'Mark a task done (again: no change)',
      tag: 'Nurture',
      success: { status: 200, description: 'The task.', schema: TaskSchema },
      errors: ERRORS.adminAction,
    }),
    idParam,
    noBody(),
    async (c) => {
      const { siteId } = c.get('auth')
      const { id } = c.req.valid('param')
      const at = new Date().toISOString()
      const result = await completeTaskStatement(c.env.DB, siteId, id, at).run()
      if (result.meta.changes !== 1) throw new ApiError('not_found', 'No such task.')
      return c.json((await getTask(c.env.DB, siteId, id))!)
    },
  )
