/**
 * The state and loading of one keyset-paged list, as a Lit reactive controller: filters and
 * paging come from the address and go back into it (so a reload or a shared link shows the same
 * page), one request at a time (a newer one aborts the older), and what was shown stays on screen
 * while the next page loads.
 */
import type { ReactiveController } from 'lit'
import type { ApiFailure } from '../api'
import { LatestLoad } from '../latest-load'
import type { ConsoleView } from '../view'
import {
  apiPath,
  FIRST_PAGE,
  listSearch,
  nextPage,
  previousPage,
  readFilters,
  readPaging,
  type Filters,
  type FilterSchemas,
  type Paging,
} from './url'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface ListOptions {
  /** The API path of the list, e.g. `/leads`. */
  path: string
  /** The schemas of the filters the list keeps in the address. */
  schemas: FilterSchemas
  limit: number
}

export class ListController<T> implements ReactiveController {
  filters: Filters = {}
  paging: Paging = FIRST_PAGE
  page: Page<T> | undefined
  loading = false
  failure: ApiFailure | undefined
  private readonly latest = new LatestLoad()
  private api: ConsoleView['api']
  /** The console path of the list, so a route to another screen is ignored. */
  private pathname = ''

  constructor(
    private readonly host: ConsoleView,
    private readonly options: ListOptions,
  ) {
    host.addController(this)
  }

  /** Back, forward or a link to this list with other filters: show what the address says. */
  private readonly onRoute = () => {
    if (location.pathname !== this.pathname) return
    this.read()
    void this.load()
    // The filter fields show their defaults (the state just read), not what was typed before.
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLFormElement>('form.filters')?.reset(),
    )
  }

  hostConnected(): void {
    this.pathname = location.pathname
    this.read()
    window.addEventListener('popstate', this.onRoute)
    window.addEventListener('leadline-route', this.onRoute)
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onRoute)
    window.removeEventListener('leadline-route', this.onRoute)
    this.latest.abort()
  }

  /** Loads the first time the host has its API client (and again for a new one). */
  hostUpdate(): void {
    if (this.host.api && this.host.api !== this.api) {
      this.api = this.host.api
      void this.load()
    }
  }

  private read() {
    this.filters = readFilters(location.search, this.options.schemas)
    this.paging = readPaging(location.search)
  }

  /**
   * Writes the state into the address. `replaceState` rather than `navigate`: the screen stays
   * the same, so the shell must not re-route (and move the focus away from the filters).
   */
  private write() {
    history.replaceState(null, '', this.pathname + listSearch(this.filters, this.paging))
  }

  /** Shows the first page of other filters. */
  apply(filters: Filters): Promise<void> {
    this.filters = filters
    this.paging = FIRST_PAGE
    this.write()
    return this.load()
  }

  next(): Promise<void> {
    const cursor = this.page?.nextCursor
    if (!cursor) return Promise.resolve()
    this.paging = nextPage(this.paging, cursor)
    this.write()
    return this.load()
  }

  previous(): Promise<void> {
    this.paging = previousPage(this.paging)
    this.write()
    return this.load()
  }

  /** Reads the page the state names; keeps the page shown until the answer is in. */
  async load(): Promise<void> {
    const api = this.host.api
    if (!api) return
    const { path, limit } = this.options
    await this.latest.run(
      (on) => {
        this.loading = on
        this.host.requestUpdate()
      },
      async (signal) => {
        const result = await api.call<Page<T>>(
          apiPath(path, this.filters, this.paging.cursor, limit),
          { signal },
        )
        if (signal.aborted) return
        if (result.ok) {
          this.page = result.value
          this.failure = undefined
        } else {
          this.failure = result
        }
      },
    )
  }
}
