/** The look of the store, form, theme and team settings sections (constructable stylesheets). */
import { css } from 'lit'
import { fieldsetStyles } from './editor-kit/styles'

export const sectionStyles = css`
  ${fieldsetStyles}
  h3 {
    margin-top: 0;
  }
  fieldset {
    padding: 12px 16px;
    margin: 0 0 16px;
  }
  label,
  .label {
    display: block;
    font-weight: 500;
    margin: 8px 0 2px;
  }
  label.inline {
    display: inline-flex;
    gap: 6px;
    align-items: center;
    font-weight: normal;
    margin-right: 16px;
  }
  input:not([type='checkbox']):not([type='color']),
  select,
  textarea {
    box-sizing: border-box;
    width: 100%;
    max-width: 36rem;
    padding: 6px 8px;
    border: 1px solid #8a96a3;
    border-radius: 6px;
  }
  textarea {
    min-height: 4.5rem;
  }
  textarea.code {
    font-family: ui-monospace, monospace;
    font-size: 0.85rem;
    max-width: none;
    min-height: 6.5rem;
  }
  [aria-invalid='true'] {
    border-color: #b3261e;
    border-width: 2px;
  }
  .hint,
  .help {
    color: #4a5560;
    font-size: 0.9rem;
    margin: 2px 0;
    max-width: 70ch;
  }
  .field-error {
    color: #b3261e;
    font-size: 0.9rem;
    margin: 2px 0;
  }
  .row {
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
  }
  .row > input {
    flex: 1 1 16rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: 0 16px;
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 8px;
  }
  .actions {
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
    margin-top: 8px;
  }
  .savebar {
    position: sticky;
    bottom: 0;
    background: #fff;
    border-top: 1px solid #cfd6de;
    padding: 8px 0;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  button.danger {
    background: #fff;
    color: #b3261e;
    border-color: #b3261e;
  }
  .notice {
    border-left: 4px solid #1f5fbf;
    background: #eef3fb;
    padding: 8px 12px;
    margin: 8px 0;
  }
  .notice.warn {
    border-color: #b3261e;
    background: #fbeeee;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    margin: 8px 0;
  }
  th,
  td {
    text-align: left;
    padding: 4px 8px;
    border-bottom: 1px solid #e2e7ec;
    vertical-align: middle;
  }
  dialog {
    border: 1px solid #cfd6de;
    border-radius: 8px;
    max-width: 30rem;
  }
`
