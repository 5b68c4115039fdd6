/**
 * Which sections of the quote the visitor has seen, reported in batches. The first report goes
 * out once the observer has looked at the page (the sections visible on load, possibly none),
 * later ones as further sections scroll into view, and whatever is left when the page is hidden.
 * Each report is one `POST …/view` through the outbox, best effort (3 attempts, then dropped).
 */
import type { QuoteSection } from './sections'

/** A section counts as seen when half of it, or half the viewport's height of it, is visible. */
function seen(e: IntersectionObserverEntry): boolean {
  if (!e.isIntersecting) return false
  const viewport = e.rootBounds?.height ?? window.innerHeight
  return e.intersectionRatio >= 0.5 || e.intersectionRect.height >= viewport / 2
}

export class ViewTracker {
  private readonly reported = new Set<QuoteSection>()
  private readonly pending = new Set<QuoteSection>()
  private observer: IntersectionObserver | undefined
  private timer: ReturnType<typeof setTimeout> | undefined
  private first = true
  private readonly onHide = () => {
    if (document.visibilityState === 'hidden') this.flush()
  }

  /** `report` sends one batch; `delayMs` is how long seen sections wait to be batched. */
  constructor(
    private readonly report: (sections: QuoteSection[]) => void,
    private readonly delayMs = 1000,
  ) {}

  /** Watches these section elements (each with `data-section`); replaces what was watched. */
  observe(elements: Iterable<Element>): void {
    this.observer?.disconnect()
    this.observer = new IntersectionObserver((entries) => this.onEntries(entries), {
      threshold: [0, 0.25, 0.5, 1],
    })
    for (const el of elements) this.observer.observe(el)
    document.addEventListener('visibilitychange', this.onHide)
  }

  private onEntries(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      const name = (e.target as HTMLElement).dataset.section as QuoteSection
      if (seen(e) && !this.reported.has(name)) this.pending.add(name)
    }
    if (this.first || this.pending.size) {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => this.flush(), this.first ? 300 : this.delayMs)
    }
  }

  /** Sends what was seen since the last report (on load, even nothing: the view itself counts). */
  flush(): void {
    clearTimeout(this.timer)
    if (!this.first && !this.pending.size) return
    const sections = [...this.pending]
    for (const s of sections) this.reported.add(s)
    this.pending.clear()
    this.first = false
    this.report(sections)
  }

  disconnect(): void {
    this.flush()
    this.observer?.disconnect()
    this.observer = undefined
    document.removeEventListener('visibilitychange', this.onHide)
  }
}
