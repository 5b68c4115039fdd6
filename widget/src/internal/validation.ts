/**
 * Client validation from the same contract schemas the capture route uses (each field of
 * `LeadFieldsSchema`, from `LeadFieldSchemas`) plus the store's required flags. A chunk of its
 * own because valibot is a quarter of the form's weight and nothing needs it before the visitor
 * first touches the form.
 */
import * as v from 'valibot'
import type { SiteConfig } from '../../../contract'
import { LeadFieldSchemas } from '../../../contract/lead'
import {
  fieldIssue,
  standardFields,
  type FieldError,
  type FieldValue,
  type Values,
} from './form-helpers'

const isBlank = (value: FieldValue | undefined) =>
  value === undefined || value === false || (typeof value === 'string' && value.trim() === '')

/** Errors per field name, for the current values; empty when the form may be sent. */
export function validate(config: SiteConfig, values: Values): Map<string, FieldError> {
  const errors = new Map<string, FieldError>()
  for (const f of config.fields) {
    const value = values[f.name]
    if (f.required && isBlank(value)) errors.set(f.name, { kind: 'required' })
    else if (typeof value === 'string' && f.maxLength && value.trim().length > f.maxLength) {
      errors.set(f.name, { kind: 'tooLong', max: f.maxLength })
    } else if (f.type === 'number' && !isBlank(value) && !Number.isFinite(Number(value))) {
      errors.set(f.name, { kind: 'invalidNumber' })
    } else if (
      f.type === 'select' &&
      !isBlank(value) &&
      !f.options?.some((o) => o.value === value)
    ) {
      errors.set(f.name, { kind: 'invalid' })
    }
  }
  const fields = standardFields(config, values)
  // Each standard field the form shows, with its own schema from the contract (the console only
  // saves standard fields the contract names, STANDARD_FIELDS).
  for (const [name, schema] of Object.entries(LeadFieldSchemas)) {
    const issue = name in fields && !errors.has(name) && v.safeParse(schema, fields[name]).issues
    if (issue) errors.set(name, fieldIssue(name, issue[0].message))
  }
  // The capture route needs a way to reach the person: an e-mail address or a phone number.
  if (!fields.email?.trim() && !fields.phone?.trim()) {
    const target = config.fields.find((f) => f.name === 'email' || f.name === 'phone')
    if (target && !errors.has(target.name)) errors.set(target.name, { kind: 'emailOrPhone' })
  }
  return errors
}

export type Validate = typeof validate
