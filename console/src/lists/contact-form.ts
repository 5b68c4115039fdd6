/**
 * The contact page's edit form as data: what changed becomes the `PATCH` body, checked with the
 * contract's own schema so a field the API would refuse is marked before anything is sent.
 * Pure: no DOM, no API.
 */
import * as v from 'valibot'
import { ContactUpdateSchema, type Contact, type ContactUpdate } from '../../../contract'

export const EDIT_FIELDS = ['name', 'email', 'phone', 'company', 'location', 'tags'] as const
export type EditField = (typeof EDIT_FIELDS)[number]
export type EditValues = Record<EditField, string>

/** Tags as typed, comma separated: trimmed, blanks dropped. */
export const parseTags = (text: string): string[] =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)

/** The form's starting values for a contact. */
export function editValues(contact: Contact): EditValues {
  return {
    name: contact.name ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    company: contact.company ?? '',
    location: contact.location ?? '',
    tags: contact.tags.join(', '),
  }
}

export type EditOutcome =
  | { kind: 'unchanged' }
  | { kind: 'invalid'; fields: EditField[] }
  | { kind: 'patch'; body: ContactUpdate }

/**
 * What saving the form means: nothing (no field changed), the fields the schema refuses, or the
 * body to send (changed fields only; a cleared field is `null`).
 *
 * @example contactPatch(contact, { ...editValues(contact), company: '' })
 * // { kind: 'patch', body: { company: null, expectedVersion: contact.version } }
 */
export function contactPatch(contact: Contact, values: EditValues): EditOutcome {
  const before = editValues(contact)
  const changes: Record<string, unknown> = {}
  for (const field of EDIT_FIELDS) {
    if (field === 'tags') continue
    const value = values[field].trim()
    if (value !== before[field]) changes[field] = value === '' ? null : value
  }
  const tags = parseTags(values.tags)
  if (tags.join('\n') !== contact.tags.join('\n')) changes.tags = tags
  if (Object.keys(changes).length === 0) return { kind: 'unchanged' }
  const parsed = v.safeParse(ContactUpdateSchema, { ...changes, expectedVersion: contact.version })
  if (parsed.success) return { kind: 'patch', body: parsed.output }
  const fields = new Set<EditField>()
  for (const issue of parsed.issues) {
    const top = v.getDotPath(issue)?.split('.')[0]
    const field = EDIT_FIELDS.find((f) => f === top)
    if (field) fields.add(field)
  }
  return { kind: 'invalid', fields: [...fields] }
}

/** The word that confirms erasing a person: their e-mail, else the locale's confirm word. */
export const eraseWord = (contact: Contact, fallback: string): string => contact.email ?? fallback

/** Whether what was typed confirms erasing (e-mail case and outer spaces do not matter). */
export const confirmsErase = (typed: string, word: string): boolean =>
  typed.trim().toLocaleLowerCase() === word.toLocaleLowerCase()
