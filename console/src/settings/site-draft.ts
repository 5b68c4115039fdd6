/**
 * The store settings as the console edits them: a draft of `PUT /admin/api/site`, checked with
 * the contract's own schema before it is sent, its issues keyed by path (`origins.1`,
 * `settings.fields.0.label.tr`) the way the API names them, and the list edits of the form
 * editor. Pure: the elements hold the state.
 */
import * as v from 'valibot'
import {
  consentVersionIssue,
  normalizeOrigin,
  SiteUpdateSchema,
  STANDARD_FIELDS,
  type FieldDef,
  type SiteAdmin,
  type SiteUpdateInput,
} from '../../../contract'
import type { ApiIssue } from '../api'
import type { StoreSettingsMessages } from '../i18n/settings-store'

export type SiteDraft = SiteUpdateInput

/** The body that saves `site` unchanged, to edit. */
export function draftOf(site: SiteAdmin): SiteDraft {
  const { siteKey: _, version, updatedAt: __, ...rest } = structuredClone(site)
  return { ...rest, expectedVersion: version }
}

/** The draft's issues, checked as the API will check them; empty when it can be sent. */
export function checkDraft(draft: SiteDraft, saved: SiteAdmin): ApiIssue[] {
  const parsed = v.safeParse(SiteUpdateSchema, draft)
  const issues: ApiIssue[] = parsed.success
    ? []
    : parsed.issues.map((i) => ({
        path: i.path?.map((p) => String(p.key)).join('.') ?? '',
        message: i.message,
      }))
  const consent = consentVersionIssue(saved.settings.consent, draft.settings.consent)
  return consent ? [...issues, consent] : issues
}

/** The id of the input that edits `path`, so an issue can point at it. */
export const inputId = (path: string) => 'in-' + path.replace(/\./g, '-')

/** Paths whose issue has words of the same name. */
const NAMED = ['name', 'currency', 'timeZone', 'defaultRegion', 'origins'] as const

const RULES: [RegExp, keyof StoreSettingsMessages['issues']][] = [
  [/^settings\.fields\.\d+\.name$/, 'fieldName'],
  [/^settings\.fields\.\d+\.(label|options\.\d+\.label)\.(tr|en)$/, 'label'],
  [/^settings\.fields\.\d+\.options$/, 'options'],
  [/^settings\.fields\.\d+\.options\.\d+\.value$/, 'optionValue'],
  [/^settings\.fields\.\d+\.maxLength$/, 'maxLength'],
  [/^settings\.fields$/, 'fields'],
  [/^settings\.consent\.text\.(tr|en)$/, 'consentText'],
  [/^settings\.consent\.notice\.(tr|en)$/, 'noticeText'],
  [/^settings\.consent\.noticeUrl$/, 'noticeUrl'],
  [/^settings\.consent\.version$/, 'consentVersion'],
  [/^settings\.consent\.channels$/, 'channels'],
  [/^settings\.minFillMs$/, 'minFillMs'],
  [/^settings\.theme\./, 'theme'],
]

/**
 * What to show beside the input of an issue, in the console's language: the words for its
 * path, else the API's own message. An origin is either not one or a repeat.
 */
export function issueText(
  t: StoreSettingsMessages['issues'],
  issue: ApiIssue,
  draft: SiteDraft,
): string {
  const path = issue.path ?? ''
  const origin = /^origins\.(\d+)$/.exec(path)
  if (origin) {
    return normalizeOrigin(draft.origins[Number(origin[1])] ?? '') === null
      ? t.origin
      : t.duplicateOrigin
  }
  const named = NAMED.find((n) => n === path)
  if (named) return t[named]
  const rule = RULES.find(([pattern]) => pattern.test(path))
  return rule ? t[rule[1]] : issue.message
}

/** The list with the item at `from` moved to `to` (both kept in range). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list]
  const at = Math.max(0, Math.min(out.length - 1, to))
  const [item] = out.splice(from, 1)
  if (item !== undefined) out.splice(at, 0, item)
  return out
}

/** A new custom field with a name no other field has (`custom_1`, `custom_2`, …). */
export function newCustomField(fields: readonly FieldDef[], label: string): FieldDef {
  const taken = new Set(fields.map((f) => f.name))
  let n = 1
  while (taken.has(`custom_${n}`)) n++
  return {
    name: `custom_${n}`,
    kind: 'custom',
    type: 'text',
    required: false,
    label: { tr: label, en: label },
  }
}

/** The standard fields the form does not show yet. */
export const unusedStandardFields = (fields: readonly FieldDef[]) =>
  STANDARD_FIELDS.filter((name) => !fields.some((f) => f.name === name))

/** A field changed to `type`: a list gets one empty option to fill in, other types none. */
export function withType(field: FieldDef, type: FieldDef['type']): FieldDef {
  const { options: _, ...rest } = field
  return type === 'select'
    ? { ...rest, type, options: field.options ?? [{ value: '', label: { tr: '', en: '' } }] }
    : { ...rest, type }
}
