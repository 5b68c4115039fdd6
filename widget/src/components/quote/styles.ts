import { css } from 'lit'
import { formStyles } from '../form/styles'
import { font, primary, radius, spacing, text } from '../../styles/tokens'

/**
 * The form's look (tokens, inputs, buttons) plus the document: sections, the lines table (rows
 * stack under 600px of the element's own width, a container query, so a narrow sidebar gets it
 * too), totals, and a print layout for A4 (no buttons or forms, link URLs spelled out, no row
 * split across pages).
 */
export const quoteStyles = [
  formStyles,
  css`
    article {
      font-family: ${font};
      color: ${text};
      display: grid;
      gap: ${spacing};
      container-type: inline-size;
      line-height: 1.45;
    }
    header {
      display: grid;
      gap: 4px;
      border-bottom: 2px solid ${primary};
      padding-bottom: ${spacing};
    }
    h2 {
      font-size: 1.5em;
      margin: 0;
    }
    h3 {
      font-size: 1.15em;
      margin: 0 0 6px;
    }
    h4 {
      font-size: 1em;
      margin: 12px 0 4px;
    }
    p,
    ul,
    ol {
      margin: 0 0 8px;
    }
    .from,
    .meta,
    .desc {
      opacity: 0.8;
      font-size: 0.92em;
    }
    .notes {
      white-space: pre-line;
    }
    a {
      color: ${primary};
    }
    .sr {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-variant-numeric: tabular-nums;
    }
    caption {
      text-align: start;
      font-weight: 600;
      padding-bottom: 6px;
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      padding: 6px 8px;
      border-bottom: 1px solid #d0d4da;
    }
    thead th {
      border-bottom: 2px solid #8a9099;
      font-size: 0.9em;
    }
    tbody th {
      font-weight: 400;
    }
    .name {
      display: block;
      font-weight: 600;
    }
    .desc {
      display: block;
    }
    .num {
      text-align: end;
      white-space: nowrap;
    }
    .totals {
      width: auto;
      min-width: min(100%, 360px);
      justify-self: end;
    }
    .totals caption {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    .totals .grand > * {
      font-weight: 700;
      font-size: 1.1em;
      border-bottom: 0;
      border-top: 2px solid #8a9099;
    }
    .banner,
    .status:not(:empty) {
      border-inline-start: 4px solid ${primary};
      padding: 8px 12px;
      background: #f3f5f8;
      border-radius: ${radius};
    }
    .status:empty,
    .error:empty {
      display: none;
    }
    .decide {
      display: grid;
      gap: ${spacing};
    }
    .nav {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .secondary,
    .link {
      color: ${primary};
      background: transparent;
      box-shadow: inset 0 0 0 1px currentColor;
    }
    .link {
      display: inline-block;
      font-weight: 600;
      text-decoration: none;
      padding: 8px 12px;
      border-radius: ${radius};
    }
    @container (max-width: 600px) {
      .lines thead {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
      .lines tr,
      .lines th,
      .lines td {
        display: block;
      }
      .lines tr {
        border-bottom: 1px solid #8a9099;
        padding: 6px 0;
      }
      .lines td {
        display: flex;
        justify-content: space-between;
        gap: 12px;
        border: 0;
        padding: 2px 8px;
      }
      .lines td::before {
        content: attr(data-label);
        font-weight: 600;
      }
    }
    @media print {
      article {
        font-size: 10.5pt;
        color: #000;
      }
      button,
      form,
      .print {
        display: none !important;
      }
      a {
        color: inherit;
      }
      a[href]::after {
        content: ' (' attr(href) ')';
        font-size: 0.9em;
        word-break: break-all;
      }
      .table-wrap {
        overflow: visible;
      }
      thead {
        display: table-header-group;
      }
      tr,
      .totals,
      h4 {
        break-inside: avoid;
      }
      h2,
      h3,
      h4 {
        break-after: avoid;
      }
    }
  `,
]

/** A4 with margins, for the document (see `adoptPageStyles`): `@page` is ignored in shadow roots. */
export const pageStyles = '@page { size: A4; margin: 16mm 14mm 18mm; }'

let adopted = false
/**
 * `@page` (A4 and its margins) has no effect inside a shadow root, so it goes on the document,
 * once per page whichever of the quote and the invoice asks first, as a constructed stylesheet
 * (no `<style>` element, so a strict CSP allows it).
 */
export function adoptPageStyles(): void {
  if (adopted) return
  adopted = true
  try {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(pageStyles)
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
  } catch {
    // An old browser without constructed stylesheets prints with its default margins.
  }
}
