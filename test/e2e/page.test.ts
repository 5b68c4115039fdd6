/**
 * The demo store page as a visitor's browser sees it: the widget loads and works under the
 * store's strict Content-Security-Policy without a single console error, and the store's loud
 * global form styles stay outside the widget's shadow DOM (and the widget's stay inside).
 */
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { useBrowser, watchProblems } from './helpers'

const browser = useBrowser()

const styleOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const s = getComputedStyle(el)
      return {
        background: s.backgroundColor,
        color: s.color,
        font: s.fontFamily,
        border: `${s.borderTopStyle} ${s.borderTopColor}`,
        transform: s.textTransform,
        sizing: s.boxSizing,
      }
    })

describe('the demo store page', () => {
  it('renders the form under its CSP with no console errors', async () => {
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await page.goto(`${inject('baseUrl')}/`)
    const csp = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content')
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self'")

    await expect.poll(() => page.getByLabel('Ad Soyad').count()).toBe(1)
    // Lit's styles arrive as constructable stylesheets, which style-src does not block.
    const sheets = await page
      .locator('leadline-form')
      .evaluate((el) => el.shadowRoot?.adoptedStyleSheets.length ?? 0)
    expect(sheets).toBeGreaterThan(0)
    await page.waitForLoadState('networkidle')
    expect(problems.errors).toEqual([])
    await page.close()
  })

  it('keeps the store theme out of the widget', async () => {
    const page = await browser().newPage()
    await page.goto(`${inject('baseUrl')}/`)
    await expect.poll(() => page.getByLabel('Ad Soyad').count()).toBe(1)

    // Control: the theme really is loud on the store's own search box and button.
    const storeInput = await styleOf(page, 'header input')
    expect(storeInput.background).toBe('rgb(0, 255, 0)')
    expect(storeInput.font).toContain('Courier New')
    expect(storeInput.sizing).toBe('content-box')
    const storeLabel = await styleOf(page, 'header label')
    expect(storeLabel.transform).toBe('uppercase')

    // The widget's input, label, form and button (`>>` selectors pierce its open shadow root).
    const input = await styleOf(page, 'leadline-form input[name="name"]')
    expect(input.background).not.toBe('rgb(0, 255, 0)')
    expect(input.color).not.toBe('rgb(255, 0, 255)')
    expect(input.font).not.toContain('Courier New')
    expect(input.border).not.toContain('rgb(0, 0, 255)')
    expect(input.sizing).toBe('border-box')
    const label = await styleOf(page, 'leadline-form label[for]')
    expect(label.transform).toBe('none')
    expect(label.color).not.toBe('rgb(255, 102, 0)')
    expect(label.font).not.toContain('Comic Sans')
    const form = await styleOf(page, 'leadline-form form')
    expect(form.border).not.toContain('dashed')
    expect(form.background).not.toBe('rgb(255, 251, 204)')
    const button = await styleOf(page, 'leadline-form button[type="submit"]')
    expect(button.background).not.toBe('rgb(255, 0, 0)')
    expect(button.transform).toBe('none')

    // Nor does the widget restyle the page around it.
    expect(await styleOf(page, 'header input')).toEqual(storeInput)
    await page.close()
  })

  it('speaks English on the English page', async () => {
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await page.goto(`${inject('baseUrl')}/en/`)
    await expect.poll(() => page.getByLabel('Full name').count()).toBe(1)
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).count()).toBe(1)
    await page.waitForLoadState('networkidle')
    expect(problems.errors).toEqual([])
    await page.close()
  })
})
