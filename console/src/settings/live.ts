/** What the settings sections tell a person without moving focus: announcements, copying. */

/**
 * Puts `text` into a live region. Emptied first and filled on the next frame, so the same words
 * are announced again (a second "Copied").
 */
export function announce(live: Element | null, text: string): void {
  if (!live) return
  live.textContent = ''
  requestAnimationFrame(() => (live.textContent = text))
}

/**
 * Copies `text` to the clipboard; where the page may not (no permission, no secure context)
 * it selects the text in `shown` instead, for Ctrl+C. Answers which of the two happened.
 */
export async function copyText(
  text: string,
  shown: HTMLTextAreaElement | HTMLInputElement,
): Promise<'copied' | 'selected'> {
  try {
    await navigator.clipboard.writeText(text)
    return 'copied'
  } catch {
    shown.focus()
    shown.select()
    return 'selected'
  }
}
