/**
 * Theme tokens. Each reads the page's `--leadline-*` custom property with a fallback, so a store
 * restyles the widgets from its own CSS (custom properties inherit into shadow DOM) and nothing
 * needs to be declared on `:host`.
 */
import { css } from 'lit'

export const primary = css`var(--leadline-color-primary, #1f5fbf)`
export const text = css`var(--leadline-color-text, #1b1f24)`
export const error = css`var(--leadline-color-error, #b3261e)`
export const font = css`var(--leadline-font-family, system-ui, sans-serif)`
export const radius = css`var(--leadline-radius, 6px)`
export const spacing = css`var(--leadline-spacing, 12px)`

/** `:host` carries only `display`, so the host page's layout rules stay in charge of the box. */
export const hostStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
`
