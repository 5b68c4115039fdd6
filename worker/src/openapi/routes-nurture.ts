/** Routes of the nurture area, documented as data (see routes.ts). */
import * as v from 'valibot'
import {
  EnrollSchema,
  EnrollmentListQuerySchema,
  EnrollmentSchema,
  IdSchema,
  MessagingSettingsSchema,
  PageSchema,
  SequenceDetailSchema,
  SequenceInputSchema,
  SequenceSchema,
  TaskListQuerySchema,
  TaskSchema,
  TemplateInputSchema,
  TemplatePreviewInputSchema,
  TemplatePreviewSchema,
  TemplateSchema,
} from '../../../contract'
import type { RouteDoc } from './routes'

const TemplateListSchema = v.object({ items: v.array(TemplateSchema) })
const SequenceListSchema = v.object({ items: v.array(SequenceSchema) })
const EnrollmentListSchema = v.object({ items: v.array(EnrollmentSchema) })
const EnrollmentPageSchema = PageSchema(EnrollmentSchema)
const TaskPageSchema = PageSchema(TaskSchema)

export const NURTURE_SCHEMAS = {
  MessagingSettings: MessagingSettingsSchema,
  TemplateInput: TemplateInputSchema,
  Template: TemplateSchema,
  TemplateList: TemplateListSchema,
  TemplatePreviewInput: TemplatePreviewInputSchema,
  TemplatePreview: TemplatePreviewSchema,
  SequenceInput: SequenceInputSchema,
  Sequence: SequenceSchema,
  SequenceList: SequenceListSchema,
  SequenceDetail: SequenceDetailSchema,
  Enroll: EnrollSchema,
  Enrollment: EnrollmentSchema,
  EnrollmentList: EnrollmentListSchema,
  EnrollmentPage: EnrollmentPageSchema,
  Task: TaskSchema,
  TaskPage: TaskPageSchema,
} satisfies Record<string, v.GenericSchema>

const tag = 'Nurturing'
const auth = 'admin' as const
const params = v.object({ id: IdSchema })
const READ: RouteDoc['errors'] = [401, 404, 422, 500, 503]
const WRITE: RouteDoc['errors'] = [400, 401, 404, 409, 413, 415, 422, 500, 503]
/** An action without a body: 415 when one is sent anyway. */
const NO_BODY: RouteDoc['errors'] = [401, 404, 415, 422, 500, 503]

export const NURTURE_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/admin/api/messaging/settings',
    operationId: 'getMessagingSettings',
    summary: "The store's messaging settings",
    description:
      'Providers (by the names of the Worker secrets that hold their credentials), ' +
      'quiet hours, the frequency cap, the booking link and reminder times.',
    tag,
    auth,
    success: { status: 200, description: 'The settings.', schema: MessagingSettingsSchema },
    errors: [401, 500, 503],
  },
  {
    method: 'put',
    path: '/admin/api/messaging/settings',
    operationId: 'putMessagingSettings',
    summary: "Replace the store's messaging settings (owners)",
    description:
      'Credentials are never sent: each provider names Worker secrets, and a name that is not ' +
      'set in the worker is refused with 422 at its path (e.g. `email.apiKeySecret`).',
    tag,
    auth,
    body: MessagingSettingsSchema,
    success: { status: 200, description: 'The settings.', schema: MessagingSettingsSchema },
    errors: [400, 401, 403, 413, 415, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/templates',
    operationId: 'listTemplates',
    summary: "The store's message templates (not archived), oldest first",
    tag,
    auth,
    success: { status: 200, description: 'The templates.', schema: TemplateListSchema },
    errors: [401, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/templates',
    operationId: 'createTemplate',
    summary: 'Add an e-mail or SMS template',
    description:
      'Turkish and English text with `{{variables}}` (name, firstName, company, rep, store, ' +
      'bookingLink, quoteLink, unsubscribeLink). E-mail bodies allow p, br, b, strong, i, em, ' +
      'ul, ol, li and a with http, https, mailto or tel links; anything else, or an unknown ' +
      'variable, is refused with 422 and the issues.',
    tag,
    auth,
    body: TemplateInputSchema,
    success: { status: 201, description: 'The template.', schema: TemplateSchema },
    errors: [400, 401, 413, 415, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/templates/:id',
    operationId: 'getTemplate',
    summary: 'A template',
    tag,
    auth,
    params,
    success: { status: 200, description: 'The template.', schema: TemplateSchema },
    errors: READ,
  },
  {
    method: 'put',
    path: '/admin/api/templates/:id',
    operationId: 'updateTemplate',
    summary: 'Replace a template (its version goes up)',
    description:
      'Messages already queued keep what they were rendered with. A template that an active ' +
      'or paused sequence sends keeps its channel (409 otherwise).',
    tag,
    auth,
    params,
    body: TemplateInputSchema,
    success: { status: 200, description: 'The template.', schema: TemplateSchema },
    errors: WRITE,
  },
  {
    method: 'delete',
    path: '/admin/api/templates/:id',
    operationId: 'archiveTemplate',
    summary: 'Archive a template',
    description: '409 while an active or paused sequence sends it.',
    tag,
    auth,
    params,
    success: { status: 204, description: 'Archived.' },
    errors: [401, 404, 409, 415, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/templates/:id/preview',
    operationId: 'previewTemplate',
    summary: 'Render a template for a lead, as the lead would get it',
    description:
      'In the given locale, else the lead’s, else the store’s; with the unsubscribe footer or ' +
      'opt-out line. Nothing is queued or written.',
    tag,
    auth,
    params,
    body: TemplatePreviewInputSchema,
    success: { status: 200, description: 'The rendered message.', schema: TemplatePreviewSchema },
    errors: [400, 401, 404, 413, 415, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/tasks',
    operationId: 'listTasks',
    summary: 'Tasks, soonest due first',
    description:
      '`assignee=me` or a user id; `open=true` for tasks not done, `false` for done ones. ' +
      'Pages by `nextCursor`.',
    tag,
    auth,
    query: TaskListQuerySchema,
    success: { status: 200, description: 'A page of tasks.', schema: TaskPageSchema },
    errors: [400, 401, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/tasks/:id/done',
    operationId: 'completeTask',
    summary: 'Mark a task done (again: no change)',
    tag,
    auth,
    params,
    success: { status: 200, description: 'The task.', schema: TaskSchema },
    errors: NO_BODY,
  },
  ...sequenceRoutes(),
]

function sequenceRoutes(): RouteDoc[] {
  const body = SequenceInputSchema
  return [
    {
      method: 'get',
      path: '/admin/api/sequences',
      operationId: 'listSequences',
      summary: "The store's sequences, newest first",
      tag,
      auth,
      success: { status: 200, description: 'The sequences.', schema: SequenceListSchema },
      errors: [401, 500, 503],
    },
    {
      method: 'post',
      path: '/admin/api/sequences',
      operationId: 'createSequence',
      summary: 'Add a nurturing sequence',
      description:
        'Each `send` step names a live template of its channel, each `webhook` step a webhook ' +
        'of the store, each `enroll` step a sequence of the store that is not archived; ' +
        'sequences that would enroll each other in a loop are refused. 422 with the path of ' +
        'each problem (e.g. `steps.3.templateId`).',
      tag,
      auth,
      body,
      success: { status: 201, description: 'The sequence.', schema: SequenceSchema },
      errors: [400, 401, 413, 415, 422, 500, 503],
    },
    {
      method: 'get',
      path: '/admin/api/sequences/:id',
      operationId: 'getSequence',
      summary: 'A sequence, with how many enrollments are active, completed and exited',
      tag,
      auth,
      params,
      success: { status: 200, description: 'The sequence.', schema: SequenceDetailSchema },
      errors: READ,
    },
    {
      method: 'put',
      path: '/admin/api/sequences/:id',
      operationId: 'updateSequence',
      summary: 'Replace a sequence (its version goes up)',
      description:
        'Running enrollments keep their position: they go on with the new steps from the index ' +
        'they were at, and complete when the steps end before it. Archived sequences answer 409.',
      tag,
      auth,
      params,
      body,
      success: { status: 200, description: 'The sequence.', schema: SequenceSchema },
      errors: WRITE,
    },
    {
      method: 'post',
      path: '/admin/api/sequences/:id/archive',
      operationId: 'archiveSequence',
      summary: 'Archive a sequence; its active enrollments exit',
      description: 'The active enrollments end with the exit reason `sequence_archived`.',
      tag,
      auth,
      params,
      success: { status: 200, description: 'The sequence.', schema: SequenceSchema },
      errors: NO_BODY,
    },
    {
      method: 'get',
      path: '/admin/api/sequences/:id/enrollments',
      operationId: 'listSequenceEnrollments',
      summary: "A sequence's enrollments, newest first",
      tag,
      auth,
      params,
      query: EnrollmentListQuerySchema,
      success: { status: 200, description: 'A page of enrollments.', schema: EnrollmentPageSchema },
      errors: [400, 401, 404, 422, 500, 503],
    },
    {
      method: 'post',
      path: '/admin/api/sequences/:id/enrollments',
      operationId: 'enrollLead',
      summary: 'Enroll a lead by hand, now or later',
      description:
        '409 when the lead is already in the sequence, is won or lost, or the sequence is ' +
        'paused or archived; 422 when `startAt` is in the past.',
      tag,
      auth,
      params,
      body: EnrollSchema,
      success: { status: 201, description: 'The enrollment.', schema: EnrollmentSchema },
      errors: WRITE,
    },
    {
      method: 'get',
      path: '/admin/api/leads/:id/enrollments',
      operationId: 'listLeadEnrollments',
      summary: "A lead's enrollments, newest first",
      tag,
      auth,
      params,
      success: { status: 200, description: 'The enrollments.', schema: EnrollmentListSchema },
      errors: READ,
    },
    {
      method: 'delete',
      path: '/admin/api/enrollments/:id',
      operationId: 'removeEnrollment',
      summary: 'Take a lead out of a sequence',
      description: 'The enrollment ends with the exit reason `removed`; 409 when it already ended.',
      tag,
      auth,
      params,
      success: { status: 204, description: 'Removed.' },
      errors: [401, 404, 409, 415, 422, 500, 503],
    },
  ]
}
