/** The look of the quotes panel and the quote editor (constructable stylesheets; no inline styles). */
import { css } from 'lit'

export const panelStyles = css`
  .toolbar {
    display: flex;
    gap: 12px;
    align-items: center;
    flex-wrap: wrap;
  }
  h3,
  h4,
  h5 {
    margin: 0.5rem 0;
  }
  .quotes {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 12px;
  }
  .quote,
  .invoice {
    border: 1px solid #cfd6de;
    border-radius: 8px;
    padding: 8px 12px;
  }
  .invoice {
    background: #f3f5f8;
    margin-top: 8px;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 2px 12px;
    margin: 4px 0;
  }
  dt {
    color: #4a5560;
  }
  dd {
    margin: 0;
  }
  .actions {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
    margin-top: 8px;
  }
  .meta {
    color: #4a5560;
    font-size: 0.9rem;
  }
  dialog {
    border: 1px solid #cfd6de;
    border-radius: 8px;
    max-width: 34rem;
  }
  dialog input {
    width: 100%;
    box-sizing: border-box;
  }
`

export const editorStyles = css`
  form {
    display: grid;
    gap: 12px;
    border: 1px solid #cfd6de;
    border-radius: 8px;
    padding: 12px;
    margin-top: 12px;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
  }
  fieldset {
    border: 1px solid #cfd6de;
    border-radius: 6px;
    display: flex;
    flex-wrap: wrap;
    gap: 8px 12px;
    align-items: flex-start;
  }
  fieldset.group {
    display: grid;
  }
  .field {
    display: grid;
    gap: 2px;
    min-width: 8rem;
  }
  .field.wide {
    flex-basis: 100%;
  }
  textarea {
    width: 100%;
    box-sizing: border-box;
  }
  .hint {
    color: #4a5560;
    font-size: 0.85rem;
    margin: 0;
    max-width: 70ch;
  }
  .error {
    margin: 0;
    font-size: 0.9rem;
  }
  [aria-invalid='true'] {
    border: 2px solid #b3261e;
  }
  .line-total {
    flex-basis: 100%;
    margin: 0;
  }
  .library,
  .actions {
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
  }
  .totals dl {
    display: grid;
    grid-template-columns: max-content max-content;
    gap: 2px 16px;
    margin: 0;
  }
  .totals dd {
    margin: 0;
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .totals h5 {
    margin: 0 0 4px;
  }
`
