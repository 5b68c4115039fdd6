/** Mounting one settings section on its own in the browser tests, signed in as `me`. */
import type { Me } from '../../../../contract'
import { expect, vi } from 'vitest'
import { AdminApi } from '../../api'
import { KEY, shadow } from '../../test-helpers'
import type { ConsoleView } from '../../view'

export async function mountSection<T extends ConsoleView>(
  tag: string,
  me: Me,
  ready = 'form',
): Promise<{ el: T; root: ShadowRoot }> {
  const el = document.createElement(tag) as T
  el.api = new AdminApi(KEY)
  el.me = me
  el.locale = 'tr'
  document.body.append(el)
  await el.updateComplete
  await vi.waitFor(() => expect(shadow(el).querySelector(ready)).toBeTruthy())
  return { el, root: shadow(el) }
}

/** The text a screen reader gets from the section's status region. */
export const statusOf = (root: ShadowRoot) =>
  root.querySelector(':scope > [role="status"].status, [role="status"].status')?.textContent ?? ''
