/**
 * A list's state in the address bar: its filters, the cursor of the page shown and the cursors
 * of the pages before it (so Previous works after a reload or from a shared link). Paging is by
 * keyset: the API's `nextCursor`, never an offset. Pure functions, no DOM.
 */
import * as v from 'valibot'

/** Filter values by query parameter name, as strings the API takes. */
export type Filters = Record<string, string>

export interface Paging {
  /** The cursor of the page shown; null for the first page. */
  cursor: string | null
  /** The cursors of the pages before it, first page first ('' stands for the first page). */
  back: string[]
}

export const FIRST_PAGE: Paging = { cursor: null, back: [] }

/** The paging after Next: the page `cursor` names, with the current one remembered. */
export const nextPage = (p: Paging, cursor: string): Paging => ({
  cursor,
  back: [...p.back, p.cursor ?? ''],
})

/** The paging after Previous (the first page stays the first page). */
export const previousPage = (p: Paging): Paging => ({
  cursor: p.back.at(-1) || null,
  back: p.back.slice(0, -1),
})

/** The 1-based number of the page shown. */
export const pageNumber = (p: Paging): number => p.back.length + 1

/** The schemas of a list's query parameters (a contract's `…ListQuerySchema.entries`). */
export type FilterSchemas = Record<string, v.GenericSchema>

/**
 * The filters of a query string that the list's schemas accept, by name; anything else (an
 * unknown name, a stage that does not exist, an empty value) is left out.
 *
 * @example readFilters('?stage=lead&stage2=x&sort=nope', { stage, sort }) // { stage: 'lead' }
 */
export function readFilters(search: string, schemas: FilterSchemas): Filters {
  const params = new URLSearchParams(search)
  const filters: Filters = {}
  for (const [name, schema] of Object.entries(schemas)) {
    const value = params.get(name)?.trim()
    if (value && v.safeParse(schema, value).success) filters[name] = value
  }
  return filters
}

/** The paging a query string names. */
export function readPaging(search: string): Paging {
  const params = new URLSearchParams(search)
  return { cursor: params.get('cursor') || null, back: params.getAll('back') }
}

/** The query string (with `?`, or '' when empty) of a list's filters and paging. */
export function listSearch(filters: Filters, paging: Paging = FIRST_PAGE): string {
  const params = new URLSearchParams(filters)
  if (paging.cursor) {
    params.set('cursor', paging.cursor)
    for (const c of paging.back) params.append('back', c)
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

/** `base` with `params` as its query string. */
export function withQuery(base: string, params: Record<string, string>): string {
  const s = new URLSearchParams(params).toString()
  return s ? `${base}?${s}` : base
}

/** The API path of one page: the filters, `limit` and the page's cursor. */
export function apiPath(base: string, filters: Filters, cursor: string | null, limit: number) {
  return withQuery(base, { ...filters, limit: String(limit), ...(cursor ? { cursor } : {}) })
}

/** The filters a form holds: its named fields with a non-blank value. */
export function formFilters(data: FormData, names: readonly string[]): Filters {
  const filters: Filters = {}
  for (const name of names) {
    const value = data.get(name)
    if (typeof value === 'string' && value.trim()) filters[name] = value.trim()
  }
  return filters
}
