/** The look the lists and the contact page share: filter bar, tables, pager, dialogs. */
import { css } from 'lit'

export const listStyles = css`
  h2 {
    margin: 0 0 8px;
  }
  h3 {
    font-size: 1.05rem;
    margin: 16px 0 6px;
  }
  .help,
  .meta {
    color: #4a5560;
    max-width: 70ch;
  }
  .meta {
    font-size: 0.85rem;
  }
  form.filters {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 12px;
    align-items: end;
    margin: 0 0 12px;
  }
  .field {
    display: grid;
    gap: 2px;
  }
  label {
    font-size: 0.9rem;
  }
  input,
  select,
  textarea {
    border: 1px solid #7a8591;
    border-radius: 6px;
    padding: 5px 8px;
    background: #fff;
    color: inherit;
  }
  input[aria-invalid='true'] {
    border-color: #b3261e;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: 4px 0;
  }
  th,
  td {
    text-align: start;
    padding: 6px 8px;
    border-bottom: 1px solid #dde2e8;
    vertical-align: top;
  }
  th {
    background: #f3f5f8;
    font-weight: 600;
    white-space: nowrap;
  }
  td.num {
    text-align: end;
    white-space: nowrap;
  }
  a {
    color: #1f5fbf;
  }
  .sub {
    display: block;
    color: #4a5560;
    font-size: 0.85rem;
  }
  .rot {
    color: #b3261e;
    font-weight: 600;
  }
  ul.reasons {
    margin: 0;
    padding-inline-start: 1.1rem;
    font-size: 0.9rem;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 12px;
    align-items: center;
    margin: 8px 0;
  }
  button[aria-disabled='true'] {
    opacity: 0.5;
    cursor: not-allowed;
  }
  section.panel {
    border-top: 1px solid #cfd6de;
    margin-top: 16px;
  }
  fieldset {
    border: 1px solid #cfd6de;
    border-radius: 6px;
    margin: 8px 0;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  dialog {
    border: 1px solid #cfd6de;
    border-radius: 8px;
    max-width: 32rem;
  }
  dialog .field {
    margin: 8px 0;
  }
  dialog textarea,
  dialog input {
    box-sizing: border-box;
    width: 100%;
  }
  .actions {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
    margin-top: 8px;
  }
  button.danger {
    background: #b3261e;
    border-color: #b3261e;
  }
  .field-error {
    color: #b3261e;
    font-size: 0.85rem;
    margin: 0;
  }
`
