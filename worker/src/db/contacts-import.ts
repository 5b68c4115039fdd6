/**
 * CSV imports in D1: finding the existing contacts an import's rows match, and the statements
 * that write the rows. A row whose e-mail (or, without one, phone) matches a contact fills
 * that contact's empty fields and adds its tags; other rows create a contact. With leads, each
 * row also gets a lead at stage `lead` with its history row, pipeline event (webhooks) and
 * timeline row, as a capture does. Every statement binds far fewer than 100 values.
 */
import type { PlannedRow } from '../contacts/import'
import { newId } from '../lib/ids'
import type { MovePlan } from '../pipeline'
import { stageChangeStatements } from './leads'

/** Values per lookup query: well under D1's 100 bound parameters. */
const CHUNK = 90

export interface ExistingMatch {
  contactId: string
  by: 'email' | 'phone'
}

/**
 * The live contacts the rows' e-mails and phones belong to, keyed `e:<email>` / `p:<phone>`.
 */
export async function existingContacts(
  db: D1Database,
  siteId: string,
  rows: PlannedRow[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const lookup = async (column: 'email' | 'phone', values: string[]) => {
    for (let i = 0; i < values.length; i += CHUNK) {
      const chunk = values.slice(i, i + CHUNK)
      const { results } = await db
        .prepare(
          `SELECT id, ${column} AS v FROM contacts
            WHERE site_id = ?1 AND merged_into IS NULL AND erased_at IS NULL
              AND ${column} IN (${chunk.map((_, n) => `?${n + 2}`).join(', ')})
            ORDER BY created_at, id`,
        )
        .bind(siteId, ...chunk)
        .all<{ id: string; v: string }>()
      for (const r of results) {
        const key = `${column === 'email' ? 'e' : 'p'}:${r.v}`
        if (!found.has(key)) found.set(key, r.id)
      }
    }
  }
  const unique = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))]
  await lookup('email', unique(rows.map((r) => r.values.email)))
  await lookup('phone', unique(rows.map((r) => r.values.phone)))
  return found
}

/** The contact a row matches: same e-mail, else (when it has no e-mail match) the same phone. */
export function matchOf(row: PlannedRow, existing: Map<string, string>): ExistingMatch | null {
  const byEmail = row.values.email ? existing.get(`e:${row.values.email}`) : undefined
  if (byEmail) return { contactId: byEmail, by: 'email' }
  const byPhone = row.values.phone ? existing.get(`p:${row.values.phone}`) : undefined
  return byPhone ? { contactId: byPhone, by: 'phone' } : null
}

/**
 * The contact a row belongs to inside the batch, as a subquery binding ?1 site, ?2 e-mail,
 * ?3 phone: the same rule as `matchOf`, so rows written earlier in the batch count too. Two
 * index searches joined by UNION ALL, as capture's match (db/capture.ts): one WHERE with OR
 * makes SQLite read every contact of the store for every statement of every row.
 */
const MATCH = `(SELECT id FROM (
    SELECT id, 0 AS by_phone, created_at FROM contacts
     WHERE site_id = ?1 AND email = ?2 AND merged_into IS NULL AND erased_at IS NULL
    UNION ALL
    SELECT id, 1 AS by_phone, created_at FROM contacts
     WHERE site_id = ?1 AND phone = ?3 AND merged_into IS NULL AND erased_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM contacts e WHERE e.site_id = ?1 AND e.email = ?2))
  ORDER BY by_phone, created_at, id LIMIT 1)`

export interface ImportRowWrite {
  row: PlannedRow
  contactId: string
  leadId: string | null
}

/** The statements that write one valid row (see the module comment). */
export function importRowStatements(
  db: D1Database,
  siteId: string,
  w: ImportRowWrite,
  ctx: { currency: string; move: MovePlan | null; userId: string; at: string },
): D1PreparedStatement[] {
  const v = w.row.values
  const key = [siteId, v.email, v.phone] as const
  const custom = JSON.stringify(v.custom)
  const statements = [
    db
      .prepare(
        `INSERT INTO contacts (id, site_id, name, email, phone, company, location, custom, created_at, updated_at)
         SELECT ?4, ?1, ?5, ?2, ?3, ?6, ?7, ?8, ?9, ?9 WHERE NOT EXISTS ${MATCH}`,
      )
      .bind(...key, w.contactId, v.name, v.company, v.location, custom, ctx.at),
    db
      .prepare(
        `UPDATE contacts SET name = COALESCE(name, ?5), email = COALESCE(email, ?2), phone = COALESCE(phone, ?3),
           company = COALESCE(company, ?6), location = COALESCE(location, ?7), custom = json_patch(?8, custom),
           updated_at = ?9, version = version + 1
         WHERE site_id = ?1 AND id = ${MATCH} AND id <> ?4`,
      )
      .bind(...key, w.contactId, v.name, v.company, v.location, custom, ctx.at),
    db
      .prepare(
        `INSERT INTO activities (id, site_id, lead_id, contact_id, type, body, actor_type, actor_id, created_at)
         VALUES (?4, ?1, NULL, ${MATCH}, 'contact_imported', json_object('line', ?5), 'user', ?6, ?7)`,
      )
      .bind(...key, newId('ac'), w.row.line, ctx.userId, ctx.at),
  ]
  if (v.tags.length > 0) {
    statements.push(
      db
        .prepare(
          `INSERT OR IGNORE INTO contact_tags (site_id, contact_id, tag)
           SELECT ?1, ${MATCH}, t.column1 FROM (VALUES ${v.tags.map((_, i) => `(?${4 + i})`).join(', ')}) AS t`,
        )
        .bind(...key, ...v.tags),
    )
  }
  if (w.leadId && ctx.move) {
    const move = ctx.move
    statements.push(
      db
        .prepare(
          `INSERT INTO leads (id, site_id, contact_id, stage, currency, probability, value_minor, message,
             stage_entered_at, created_at, updated_at)
           VALUES (?4, ?1, ${MATCH}, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?10)`,
        )
        .bind(
          ...key,
          w.leadId,
          move.to,
          ctx.currency,
          move.probability,
          v.valueMinor ?? 0,
          v.message,
          ctx.at,
        ),
      ...stageChangeStatements(db, siteId, w.leadId, move, {
        type: 'lead_imported',
        body: { line: w.row.line, message: v.message, valueMinor: v.valueMinor },
      }),
    )
  }
  return statements
}
