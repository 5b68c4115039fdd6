/** The team as the console keeps it between calls: pure updates of the list the API answered. */
import * as v from 'valibot'
import {
  TeamMemberCreateSchema,
  type ApiKey,
  type TeamMember,
  type TeamMemberCreate,
} from '../../../contract'
import type { ApiIssue } from '../api'

/** The team with `key` in its person's list: replacing the key of the same id, or first. */
export function placeKey(team: readonly TeamMember[], key: ApiKey): TeamMember[] {
  return team.map((m) => {
    if (m.id !== key.userId || !m.keys) return m
    const known = m.keys.some((k) => k.id === key.id)
    return { ...m, keys: known ? m.keys.map((k) => (k.id === key.id ? key : k)) : [key, ...m.keys] }
  })
}

/** A new person's issues, as the API would name them (`name`, `email`). */
export function memberIssues(input: TeamMemberCreate): ApiIssue[] {
  const parsed = v.safeParse(TeamMemberCreateSchema, input)
  return parsed.success
    ? []
    : parsed.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }))
}
