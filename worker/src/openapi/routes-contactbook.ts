/** Routes of the contact book (stage 7), documented as data (see routes.ts). */
import * as v from 'valibot'
import {
  ContactEraseSchema,
  ContactErasedSchema,
  ContactExportQuerySchema,
  ContactMergeRecordSchema,
  ContactMergeSchema,
  ContactMergedSchema,
  ContactSchema,
  DuplicatesSchema,
  IdSchema,
  ImportPreviewSchema,
  ImportRequestSchema,
  ImportResultSchema,
  PrivacySettingsInputSchema,
  PrivacySettingsSchema,
  SubjectExportSchema,
} from '../../../contract'
import type { ErrorStatus, RouteDoc } from './routes'

/** A merge's 409: with `current` (this contact as it is now) when `expectedVersion` was stale. */
export const ContactMergeConflictSchema = v.object({
  error: v.object({ code: v.literal('conflict'), message: v.string() }),
  current: v.optional(ContactSchema),
})

export const CONTACTBOOK_SCHEMAS = {
  Duplicates: DuplicatesSchema,
  ContactMerge: ContactMergeSchema,
  ContactMerged: ContactMergedSchema,
  ContactMergeRecord: ContactMergeRecordSchema,
  ContactMergeConflict: ContactMergeConflictSchema,
  ImportRequest: ImportRequestSchema,
  ImportPreview: ImportPreviewSchema,
  ImportResult: ImportResultSchema,
  SubjectExport: SubjectExportSchema,
  ContactErase: ContactEraseSchema,
  ContactErased: ContactErasedSchema,
  PrivacySettingsInput: PrivacySettingsInputSchema,
  PrivacySettings: PrivacySettingsSchema,
} satisfies Record<string, v.GenericSchema>

const tag = 'Contact book'
const params = v.object({ id: IdSchema })
const WRITE_ERRORS: ErrorStatus[] = [400, 401, 404, 409, 413, 415, 422, 500, 503]
const IMPORT_NOTE =
  'The body is JSON: `csv` is the file as text (UTF-8; a BOM is fine), with a header row and ' +
  '`;` or `,` separators (detected from the header). The whole request is at most 64 KB and ' +
  '500 rows (413 beyond); a file that is not UTF-8 (e.g. Windows-1254) answers 422. Headers ' +
  'are recognised in Turkish and English (ad soyad, e-posta, telefon, şirket, şehir, ' +
  'etiketler, mesaj, tutar…) or mapped with `mapping` (`custom:<key>` for a custom field, ' +
  '`ignore`); other columns are listed as unknown and ignored.'

export const CONTACTBOOK_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/admin/api/contacts/duplicates',
    operationId: 'listDuplicateContacts',
    summary: 'Contacts that look like one person',
    description:
      'Groups of live contacts with the same mailbox (Gmail dots and `+tags` ignored), the same ' +
      'phone, or similar names (Turkish letters folded, word order ignored, a typo or two; ' +
      'not at different companies), strongest reasons first; at most 50 groups over the ' +
      "store's 2000 newest contacts.",
    tag,
    auth: 'admin',
    success: { status: 200, description: 'The groups.', schema: DuplicatesSchema },
    errors: [401, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/contacts/export',
    operationId: 'exportContacts',
    summary: 'Export contacts as CSV or NDJSON',
    description:
      'Every live contact matching the filters, streamed. CSV: UTF-8 with a BOM (Excel), a ' +
      'header row, `,` or (`separator=semicolon`) `;`, cells with either separator quoted, and ' +
      'cells a spreadsheet would run as a formula (starting with = + - @, tab or CR) prefixed ' +
      "with '. NDJSON: one contact (as `Contact`) per line.",
    tag,
    auth: 'admin',
    query: ContactExportQuerySchema,
    success: { status: 200, description: 'A CSV file.', contentType: 'text/csv' },
    errors: [400, 401, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/contacts/import/preview',
    operationId: 'previewContactImport',
    summary: 'Preview a CSV import (writes nothing)',
    description: `${IMPORT_NOTE} The answer lists each row with its errors, the existing contact it matches (by e-mail, else phone) and the earlier line of the file it repeats.`,
    tag,
    auth: 'admin',
    body: ImportRequestSchema,
    success: { status: 200, description: 'The preview.', schema: ImportPreviewSchema },
    errors: [400, 401, 413, 415, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/contacts/import',
    operationId: 'importContacts',
    summary: 'Import contacts (and leads) from CSV',
    description:
      `${IMPORT_NOTE} Valid rows are written in one batch: a row matching an existing contact ` +
      "fills that contact's empty fields and adds its tags (`updated`); other rows create a " +
      'contact (`created`); rows with errors or repeating an earlier line are `skipped`. With ' +
      '`createLeads` each written row also gets a lead at stage `lead` (its history, ' +
      '`lead.created` event and timeline row). Imports record no consent. A retry with the ' +
      'same `Idempotency-Key` and body gets the first answer and writes nothing.',
    tag,
    auth: 'admin',
    body: ImportRequestSchema,
    idempotencyKey: 'optional',
    success: { status: 200, description: 'What happened to each row.', schema: ImportResultSchema },
    errors: [400, 401, 413, 415, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/contacts/:id/merge',
    operationId: 'mergeContacts',
    summary: 'Merge another contact into this one',
    description:
      "In one batch: `from`'s leads (with their quiz responses, bookings, quotes and invoices), " +
      'timeline, messages, enrollments and tags move to this contact; its consent records move ' +
      'too, keeping their text version and time and naming `from` as the person who gave them; ' +
      "this contact's empty fields are filled from `from`; `from` is marked merged and hidden " +
      'from lists; the merge is recorded (shown in the contact detail), on both timelines and ' +
      "in the audit log. `expectedVersion` is this contact's. Merging a contact into itself " +
      'answers 422; a contact of another store 404; an erased or merged contact or a stale ' +
      'version 409.',
    tag,
    auth: 'admin',
    params,
    body: ContactMergeSchema,
    success: {
      status: 200,
      description: 'The contact after the merge.',
      schema: ContactMergedSchema,
    },
    errors: WRITE_ERRORS,
    conflict: ContactMergeConflictSchema,
  },
  {
    method: 'get',
    path: '/admin/api/contacts/:id/export',
    operationId: 'exportContactData',
    summary: 'Everything held about one person (KVKK/GDPR subject access)',
    description:
      'One JSON file (`Content-Disposition: attachment`): the contact, consent records (each ' +
      'with the exact wording it was given under, its language, channel, source and time), leads ' +
      'and stage history, the whole timeline, quiz responses, bookings, quotes, invoices, the ' +
      'e-mails and SMS sent to them, and merges. The export is recorded in the audit log.',
    tag,
    auth: 'admin',
    params,
    success: { status: 200, description: 'The file.', schema: SubjectExportSchema },
    errors: [401, 404, 422, 500, 503],
  },
  {
    method: 'post',
    path: '/admin/api/contacts/:id/erase',
    operationId: 'eraseContact',
    summary: "Erase a person's data (owners)",
    description:
      "Anonymises the person everywhere in one batch: the contact's fields, tags and custom " +
      "fields, their leads' message, custom fields and source, personal parts of timeline " +
      'entries, events and quote events, free-text quiz answers, booking notes, the name a ' +
      'quote was accepted with, and the recipient and content of messages to them (queued ones ' +
      'are cancelled). Stages, history, amounts and consent records (without personal data) ' +
      'stay, so the numbers add up. Raises `contact.erased`; the audit log records who, when ' +
      'and why. A second erasure, or erasing a merged contact, answers 409.',
    tag,
    auth: 'admin',
    params,
    body: ContactEraseSchema,
    success: { status: 200, description: 'Erased.', schema: ContactErasedSchema },
    errors: [400, 401, 403, 404, 409, 413, 415, 422, 500, 503],
  },
  {
    method: 'get',
    path: '/admin/api/privacy/settings',
    operationId: 'getPrivacySettings',
    summary: "The store's retention setting",
    tag,
    auth: 'admin',
    success: { status: 200, description: 'The settings.', schema: PrivacySettingsSchema },
    errors: [401, 500, 503],
  },
  {
    method: 'put',
    path: '/admin/api/privacy/settings',
    operationId: 'updatePrivacySettings',
    summary: 'Set the retention period (owners)',
    description:
      '`retentionMonths` (1–120): the daily run anonymises contacts without any activity or ' +
      'lead change for that long, as an erasure does (audit actor `system`); `null` turns it off.',
    tag,
    auth: 'admin',
    body: PrivacySettingsInputSchema,
    success: { status: 200, description: 'The settings.', schema: PrivacySettingsSchema },
    errors: [400, 401, 403, 413, 415, 422, 500, 503],
  },
]
