/**
 * The team: a store's people (owners and reps) and their admin keys. A key's secret (`sk_…`) is
 * answered once, when it is made; afterwards only its prefix, name and dates are shown.
 */
import * as v from 'valibot'
import { RoleSchema } from './admin'
import { IdSchema } from './common'
import { EmailSchema } from './lead'
import { SingleLineSchema } from './text'
import { IsoDateTimeSchema } from './dates'

/** Longest person name, and longest key name ("Laptop", "Zapier", "Ayşe's phone"). */
export const MEMBER_NAME_MAX = 100
export const KEY_NAME_MAX = 60
/** People per store, and keys not yet revoked per person: the team list stays one small answer. */
export const TEAM_MAX = 100
export const ACTIVE_KEYS_MAX = 10

/** A trimmed one-line name of 1..max characters (no control characters: it ends up in lists). */
const name = (max: number) =>
  v.pipe(
    SingleLineSchema,
    v.trim(),
    v.minLength(1, 'enter a name'),
    v.maxLength(max, `at most ${max} characters`),
  )

export const TeamMemberCreateSchema = v.strictObject({
  name: name(MEMBER_NAME_MAX),
  email: EmailSchema,
  role: RoleSchema,
})
export type TeamMemberCreate = v.InferOutput<typeof TeamMemberCreateSchema>

/** The body of creating or renaming a key. */
export const ApiKeyInputSchema = v.strictObject({ name: name(KEY_NAME_MAX) })
export type ApiKeyInput = v.InferOutput<typeof ApiKeyInputSchema>

export const UserIdParamsSchema = v.object({ userId: IdSchema })

export const ApiKeySchema = v.object({
  id: v.string(),
  userId: v.string(),
  name: v.string(),
  /** The first characters of the secret (`sk_Ab12`), so a person can tell their keys apart. */
  prefix: v.string(),
  createdAt: IsoDateTimeSchema,
  /** When the key was revoked; a revoked key no longer authenticates. */
  revokedAt: v.nullable(IsoDateTimeSchema),
})
export type ApiKey = v.InferOutput<typeof ApiKeySchema>

export const TeamMemberSchema = v.object({
  id: v.string(),
  name: v.string(),
  email: v.string(),
  role: RoleSchema,
  createdAt: IsoDateTimeSchema,
  /** Newest first; null when the caller may not see them (a rep sees only their own keys). */
  keys: v.nullable(v.array(ApiKeySchema)),
})
export type TeamMember = v.InferOutput<typeof TeamMemberSchema>

export const TeamSchema = v.object({ items: v.array(TeamMemberSchema) })
export type Team = v.InferOutput<typeof TeamSchema>

/** A new key: `secret` is in this answer only; the store keeps its SHA-256. */
export const ApiKeyCreatedSchema = v.object({
  key: ApiKeySchema,
  secret: v.pipe(v.string(), v.regex(/^sk_[A-Za-z0-9]{40}$/)),
})
export type ApiKeyCreated = v.InferOutput<typeof ApiKeyCreatedSchema>
