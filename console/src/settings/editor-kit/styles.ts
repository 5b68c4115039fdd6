/** The look of the settings editors: compact field grids, lists of rows, issues in red. */
import { css } from 'lit'

/**
 * Fieldsets as framed groups (`.plain`: no frame) with their legends, in the settings editors
 * and the other settings sections alike; each sets its own padding and margin.
 */
export const fieldsetStyles = css`
  fieldset {
    border: 1px solid #cfd6de;
    border-radius: 8px;
    min-width: 0;
  }
  fieldset.plain {
    border: 0;
    padding: 0;
    margin: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
`

export const editorStyles = css`
  ${fieldsetStyles}
  h3 {
    margin: 0 0 8px;
  }
  h4 {
    margin: 12px 0 4px;
  }
  fieldset {
    padding: 8px 12px 12px;
    margin: 0 0 12px;
  }
  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 12px;
    align-items: flex-start;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-width: 8rem;
  }
  .field.wide {
    flex: 1 1 100%;
  }
  .field.check {
    flex-direction: row;
    align-items: center;
    gap: 6px;
    min-width: 0;
  }
  .field.check .hint,
  .field.check .issue {
    flex-basis: 100%;
  }
  input,
  select,
  textarea {
    border: 1px solid #8a96a3;
    border-radius: 4px;
    padding: 4px 6px;
  }
  textarea {
    width: 100%;
    box-sizing: border-box;
  }
  [aria-invalid='true'] {
    border-color: #b3261e;
  }
  .hint,
  .meta {
    color: #4a5560;
    font-size: 0.85rem;
    margin: 2px 0;
  }
  .issue {
    color: #b3261e;
    font-size: 0.85rem;
    margin: 2px 0;
  }
  .issues {
    margin: 4px 0;
    padding-left: 1.2rem;
  }
  .status {
    min-height: 1.2em;
    margin: 4px 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    margin: 8px 0;
  }
  ol.rows,
  ul.rows {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 8px;
  }
  .row {
    border: 1px solid #cfd6de;
    border-radius: 6px;
    padding: 8px;
    background: #fff;
  }
  .row-head {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .row-head .grow {
    flex: 1 1 12rem;
  }
  button.small {
    padding: 2px 8px;
    font-size: 0.85rem;
  }
  button.danger {
    background: #fff;
    color: #b3261e;
    border-color: #b3261e;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  table {
    border-collapse: collapse;
    font-size: 0.9rem;
  }
  th,
  td {
    text-align: left;
    padding: 4px 8px;
    border-bottom: 1px solid #e1e6ec;
    vertical-align: top;
  }
  pre {
    white-space: pre-wrap;
    background: #f3f5f8;
    border-radius: 6px;
    padding: 8px;
    margin: 4px 0;
  }
  .panel {
    background: #f3f5f8;
    border-radius: 8px;
    padding: 8px 12px;
  }
  .once {
    border: 2px solid #f0a500;
    border-radius: 6px;
    padding: 8px;
    background: #fff8e6;
  }
  .once input {
    width: 100%;
    box-sizing: border-box;
    font-family: ui-monospace, monospace;
  }
  dialog {
    border: 1px solid #cfd6de;
    border-radius: 8px;
    max-width: 28rem;
  }
`
