/**
 * The console's client for the admin API (`/admin/api/*` on this origin): the session's key as
 * a Bearer token, JSON in and out, and failures as values the views put into plain words.
 */
import {
  failureOf,
  type ApiFailure as Failure,
  type Deal,
  type ErrorIssue,
  type Lead,
  type LeadClose,
  type LeadListItem,
  type LeadMove,
  type Me,
  type Pipeline,
  type StageProbabilities,
} from '../../contract'

/** One refused field of a 422 (the contract's `ErrorIssue`). */
export type ApiIssue = ErrorIssue

/**
 * Why a call failed: the contract's `ApiFailure` (the error envelope read by `failureOf`; code
 * `network` and status 0 when no answer came back), as the failed side of an `ApiResult`.
 */
export interface ApiFailure extends Failure {
  ok: false
  /** The lead as it is now, on a 409 from a move. */
  current?: Lead
}
export type ApiResult<T> = { ok: true; value: T } | ApiFailure

interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/** How many pages of 100 the board reads at most per list (1,000 open leads). */
export const MAX_PAGES = 10

export interface PagesOptions<T> {
  signal?: AbortSignal | undefined
  /** Called with everything read so far after each page, so a view can show it at once. */
  onPage?: (items: T[]) => void
}

/** A refused call as a value: the error envelope's code, message, field issues and state. */
async function failure(res: Response): Promise<ApiFailure> {
  const body: unknown = await res.json().catch(() => null)
  const current = (body as { current?: Lead } | null)?.current
  return {
    ok: false,
    ...failureOf(res.status, body, res.statusText),
    ...(current ? { current } : {}),
  }
}

export class AdminApi {
  constructor(
    private readonly key: string,
    private readonly base = '/admin/api',
  ) {}

  async call<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
    const headers = new Headers(init.headers)
    headers.set('Authorization', `Bearer ${this.key}`)
    headers.set('Accept', 'application/json')
    if (init.body) headers.set('Content-Type', 'application/json')
    let res: Response
    try {
      res = await fetch(this.base + path, { ...init, headers })
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err
      return { ok: false, status: 0, code: 'network', message: String(err) }
    }
    if (!res.ok) return failure(res)
    return { ok: true, value: (await res.json().catch(() => null)) as T }
  }

  /**
   * Reads a file the API answers (an export): fetched with the key, since a plain link cannot
   * carry the Bearer header, and named as the API's `Content-Disposition` says, else `fallback`.
   */
  async file(path: string, fallback: string): Promise<ApiResult<File>> {
    let res: Response
    try {
      res = await fetch(this.base + path, { headers: { Authorization: `Bearer ${this.key}` } })
    } catch (err) {
      return { ok: false, status: 0, code: 'network', message: String(err) }
    }
    if (!res.ok) return failure(res)
    const blob = await res.blob()
    const name = res.headers.get('Content-Disposition')?.match(/filename="([^"]+)"/)?.[1]
    return { ok: true, value: new File([blob], name ?? fallback, { type: blob.type }) }
  }

  /** Follows `nextCursor` up to `MAX_PAGES` pages; `truncated` when more were left. */
  async pages<T>(
    path: string,
    { signal, onPage }: PagesOptions<T> = {},
  ): Promise<ApiResult<{ items: T[]; truncated: boolean }>> {
    const items: T[] = []
    let cursor: string | null = null
    for (let i = 0; i < MAX_PAGES; i++) {
      const sep = path.includes('?') ? '&' : '?'
      const url: string = cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path
      const page: ApiResult<Page<T>> = await this.call<Page<T>>(url, signal ? { signal } : {})
      if (!page.ok) return page
      items.push(...page.value.items)
      onPage?.(items)
      cursor = page.value.nextCursor
      if (!cursor) return { ok: true, value: { items, truncated: false } }
    }
    return { ok: true, value: { items, truncated: true } }
  }

  me(signal?: AbortSignal) {
    return this.call<Me>('/me', signal ? { signal } : {})
  }

  openLeads(options: PagesOptions<LeadListItem> = {}) {
    return this.pages<LeadListItem>('/leads?status=open&limit=100', options)
  }

  deals(signal?: AbortSignal) {
    return this.pages<Deal>('/deals?limit=100', { signal })
  }

  pipelines(signal?: AbortSignal) {
    return this.call<{ items: Pipeline[] }>('/pipelines', signal ? { signal } : {})
  }

  /** The win rates learned from the store's history for a pipeline's open stages. */
  probabilities(pipelineId: string, signal?: AbortSignal) {
    const path = `/deals/probabilities?pipeline=${encodeURIComponent(pipelineId)}`
    return this.call<StageProbabilities>(path, signal ? { signal } : {})
  }

  close(id: string, body: LeadClose) {
    return this.call<Lead>(`/leads/${encodeURIComponent(id)}/close`, {
      method: 'POST',
      body: JSON.stringify(body),
    })
  }

  move(id: string, body: LeadMove) {
    return this.call<Lead>(`/leads/${encodeURIComponent(id)}/move`, {
      method: 'POST',
      body: JSON.stringify(body),
    })
  }
}
