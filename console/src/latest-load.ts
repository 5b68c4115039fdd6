/**
 * One load at a time, the newest winning: the board, a lead's quotes and the lists each read
 * with a signal that the next read (or leaving the page) aborts, and show "loading" until the
 * newest read is done.
 */
export class LatestLoad {
  private request: AbortController | undefined

  /** Aborts the read under way, if any (on leaving the page). */
  abort(): void {
    this.request?.abort()
  }

  /**
   * Aborts the read under way and runs `read` with a new signal; `busy(true)` before it and
   * `busy(false)` when it ends, unless a newer read has begun. An abort is no error.
   *
   * @example
   * await this.latest.run((on) => (this.loading = on), async (signal) => { … })
   */
  async run(
    busy: (on: boolean) => void,
    read: (signal: AbortSignal) => Promise<void>,
  ): Promise<void> {
    this.request?.abort()
    const request = (this.request = new AbortController())
    busy(true)
    try {
      await read(request.signal)
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) throw err
    } finally {
      if (this.request === request) busy(false)
    }
  }
}
