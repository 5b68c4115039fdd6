/**
 * The loader with the real form chunk. A file of its own: vitest gives each file a fresh page,
 * and once `<leadline-form>` is defined the registry cannot forget it.
 */
import { describe, expect, it, vi } from 'vitest'
import { boot } from './internal/autoloader'

const WAIT = { timeout: 5000 }

describe('loader with the real chunk', () => {
  it('defines <leadline-form> from the real chunk when the tag appears', async () => {
    vi.stubGlobal('fetch', async () => new Response('{}', { status: 404 }))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      boot({
        script: null,
        load: (chunk) => import(`./components/${chunk}/define.ts`),
        version: 't',
      })
      expect(customElements.get('leadline-form')).toBeUndefined()
      document.body.append(document.createElement('leadline-form'))
      await vi.waitUntil(() => customElements.get('leadline-form'), WAIT)
      expect(document.querySelector('leadline-form')?.shadowRoot).not.toBeNull()
    } finally {
      warn.mockRestore()
      vi.unstubAllGlobals()
    }
  })
})
