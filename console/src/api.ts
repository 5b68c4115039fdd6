/**
 * The console's client for the admin API (`/admin/api/*` on this origin): the session's key as
 * a Bearer token, JSON in and out, and failures as values the views put into plain words.
 */
import type { Deal, Lead, LeadClose, LeadListItem, LeadMove, Pipeline } from '../../contract'

/** One refused field of a 422: where (the contract's path, e.g. `lines.0.quantity`) and why. */
export interface ApiIssue {
  path: string
  message: string
}

/** Why a call failed: the error envelope's code, `network` when no answer came back. */
export interface ApiFailure {
  ok: false
  status: number
  code: string
  message: string
  /** The fields a 422 refused, when the API named them. */
  issues?: ApiIssue[]
  /** The lead as it is now, on a 409 from a move. */
  current?: Lead
}
export type ApiResult<T> = { ok: true; value: T } | ApiFailure

/** Who a key belongs to (`GET /admin/api/me`). */
export interface Me {
  user: { id: string; name: string; email: string; role: 'owner' | 'rep' }
  site: { id: string; siteKey: string; name: string }
}

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
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; issues?: ApiIssue[] }
    current?: Lead
  } | null
  return {
    ok: false,
    status: res.status,
    code: body?.error?.code ?? 'http_' + res.status,
    message: body?.error?.message ?? res.statusText,
    ...(body?.error?.issues ? { issues: body.error.issues } : {}),
    ...(body?.current ? { current: body.current } : {}),
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
