/** Contacts (stage 7): tags, custom fields, merge, dedupe, CSV import and export, privacy. */
import * as v from 'valibot'
import {
  ActivitySchema,
  ConsentRecordSchema,
  ContactMergeRecordSchema,
  ContactSchema,
  LeadSchema,
  StageEventSchema,
  TagSchema,
} from './admin'
import { IdSchema, MAX_BODY_BYTES, multilineText, text } from './common'
import { MultiLineSchema, SingleLineSchema } from './text'
import { IsoDateTimeSchema } from './dates'

const expectedVersion = v.pipe(v.number(), v.integer(), v.minValue(1))

// ----------------------------------------------------------------------------------- dedupe

export const DUPLICATE_REASONS = ['email', 'phone', 'name'] as const
export const DuplicateReasonSchema = v.picklist(DUPLICATE_REASONS)

/** Contacts that look like one person, and why: same e-mail, same phone, or similar names. */
export const DuplicateGroupSchema = v.object({
  reason: DuplicateReasonSchema,
  /** What they share: the e-mail, the phone, or the folded name. */
  key: v.string(),
  /** Similarity of the names, 0..1 (1 for e-mail and phone). */
  score: v.number(),
  contacts: v.array(ContactSchema),
})
export type DuplicateGroup = v.InferOutput<typeof DuplicateGroupSchema>

export const DuplicatesSchema = v.object({ items: v.array(DuplicateGroupSchema) })
export type Duplicates = v.InferOutput<typeof DuplicatesSchema>

// ------------------------------------------------------------------------------------ merge

/** Merge the contact `from` into the one in the path; `expectedVersion` is the path contact's. */
export const ContactMergeSchema = v.strictObject({ from: IdSchema, expectedVersion })
export type ContactMerge = v.InferOutput<typeof ContactMergeSchema>

export const ContactMergedSchema = v.object({
  contact: ContactSchema,
  merge: ContactMergeRecordSchema,
})
export type ContactMerged = v.InferOutput<typeof ContactMergedSchema>

// ----------------------------------------------------------------------------------- import

/** Contact and lead fields a CSV column can fill. */
export const IMPORT_FIELDS = [
  'name',
  'email',
  'phone',
  'company',
  'location',
  'tags',
  'message',
  'value',
] as const
export const ImportFieldSchema = v.picklist(IMPORT_FIELDS)
export type ImportField = v.InferOutput<typeof ImportFieldSchema>

/**
 * Most rows one import takes. A row with a lead is up to ten statements in the import's one D1
 * batch, and D1 allows about a thousand queries per Worker invocation: bigger files are sent in
 * parts (the body is at most 64 KB anyway).
 */
export const IMPORT_MAX_ROWS = 90

/**
 * A CSV file as text, `;` or `,` separated (detected), with a header row. `mapping` maps a
 * header to a field (`custom:<key>` for a custom field) or to `ignore`; headers not mapped are
 * recognised by name (Turkish or English), else reported as unknown and ignored.
 */
export const ImportRequestSchema = v.strictObject({
  csv: v.pipe(MultiLineSchema, v.minLength(1), v.maxLength(MAX_BODY_BYTES)),
  mapping: v.optional(
    v.pipe(
      v.record(
        v.pipe(SingleLineSchema, v.maxLength(100)),
        v.union([
          ImportFieldSchema,
          v.literal('ignore'),
          v.pipe(v.string(), v.regex(/^custom:[a-z][a-z0-9_]{0,39}$/)),
        ]),
      ),
      v.check((r) => Object.keys(r).length <= 50, 'at most 50 columns'),
    ),
  ),
  /** Also create a lead at stage `lead` for each imported row. */
  createLeads: v.optional(v.boolean(), false),
})
export type ImportRequest = v.InferOutput<typeof ImportRequestSchema>

export const ImportIssueSchema = v.object({ field: v.nullable(v.string()), message: v.string() })

export const ImportPreviewRowSchema = v.object({
  /** The row's line in the file (the header is line 1). */
  line: v.number(),
  values: v.record(v.string(), v.unknown()),
  errors: v.array(ImportIssueSchema),
  /** An existing contact with the same e-mail (or phone). */
  existing: v.nullable(v.object({ contactId: v.string(), by: v.picklist(['email', 'phone']) })),
  /** An earlier line of the file with the same e-mail or phone. */
  duplicateOfLine: v.nullable(v.number()),
})

export const ImportPreviewSchema = v.object({
  separator: v.picklist([',', ';']),
  columns: v.array(v.object({ header: v.string(), field: v.nullable(v.string()) })),
  unknownColumns: v.array(v.string()),
  rows: v.array(ImportPreviewRowSchema),
  totals: v.object({
    rows: v.number(),
    valid: v.number(),
    invalid: v.number(),
    existing: v.number(),
    duplicatesInFile: v.number(),
  }),
})
export type ImportPreview = v.InferOutput<typeof ImportPreviewSchema>

export const ImportResultSchema = v.object({
  created: v.number(),
  updated: v.number(),
  skipped: v.number(),
  leadsCreated: v.number(),
  rows: v.array(
    v.object({
      line: v.number(),
      status: v.picklist(['created', 'updated', 'skipped']),
      contactId: v.nullable(v.string()),
      leadId: v.nullable(v.string()),
      errors: v.array(ImportIssueSchema),
    }),
  ),
})
export type ImportResult = v.InferOutput<typeof ImportResultSchema>

// ----------------------------------------------------------------------------------- export

export const ContactExportQuerySchema = v.strictObject({
  format: v.optional(v.picklist(['csv', 'ndjson']), 'csv'),
  /** The CSV separator: `semicolon` for Excel in Turkish (and most European) locales. */
  separator: v.optional(v.picklist(['comma', 'semicolon']), 'comma'),
  q: v.optional(text(100)),
  tag: v.optional(TagSchema),
  owner: v.optional(IdSchema),
})
export type ContactExportQuery = v.InferOutput<typeof ContactExportQuerySchema>

const rows = v.array(v.record(v.string(), v.unknown()))

/** Everything the store holds about one person (KVKK art. 11 / GDPR art. 15). */
export const SubjectExportSchema = v.object({
  exportedAt: IsoDateTimeSchema,
  contact: ContactSchema,
  consents: v.array(ConsentRecordSchema),
  leads: v.array(LeadSchema),
  stageEvents: v.array(v.object({ leadId: v.string(), ...StageEventSchema.entries })),
  activities: v.array(ActivitySchema),
  quizResponses: rows,
  bookings: rows,
  quotes: rows,
  invoices: rows,
  messages: rows,
  merges: v.array(ContactMergeRecordSchema),
})
export type SubjectExport = v.InferOutput<typeof SubjectExportSchema>

// ---------------------------------------------------------------------------------- privacy

export const ContactEraseSchema = v.strictObject({ reason: multilineText(500) })
export type ContactErase = v.InferOutput<typeof ContactEraseSchema>

export const ContactErasedSchema = v.object({
  contactId: v.string(),
  erasedAt: IsoDateTimeSchema,
  erasedBy: v.string(),
})
export type ContactErased = v.InferOutput<typeof ContactErasedSchema>

export const PrivacySettingsInputSchema = v.strictObject({
  /** Months without activity after which a contact is anonymised; null turns retention off. */
  retentionMonths: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120))),
})
export type PrivacySettingsInput = v.InferOutput<typeof PrivacySettingsInputSchema>

export const PrivacySettingsSchema = v.object({
  retentionMonths: v.nullable(v.number()),
  updatedAt: v.nullable(IsoDateTimeSchema),
})
export type PrivacySettings = v.InferOutput<typeof PrivacySettingsSchema>
