/** The lead page's look: sections, definition lists, the timeline, dialogs and slot pickers. */
import { css } from 'lit'

export const leadStyles = css`
  section {
    margin: 0 0 20px;
  }
  h2,
  h3 {
    margin: 0 0 8px;
  }
  h3 {
    font-size: 1.05rem;
  }
  .section-head,
  .toolbar {
    display: flex;
    gap: 8px 12px;
    align-items: center;
    flex-wrap: wrap;
    margin-bottom: 8px;
  }
  .section-head h3 {
    margin: 0;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(280px, 1fr));
    gap: 0 24px;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 12px;
    margin: 0;
  }
  dt {
    color: #4a5560;
  }
  dd {
    margin: 0;
  }
  .meta {
    color: #4a5560;
    font-size: 0.9rem;
  }
  ul.plain,
  ol.timeline {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 8px;
  }
  ul.plain li,
  ol.timeline li {
    border: 1px solid #cfd6de;
    border-radius: 6px;
    padding: 8px;
  }
  .name {
    font-weight: 600;
  }
  .detail {
    white-space: pre-wrap;
    margin: 4px 0 0;
  }
  .row-actions {
    display: inline-flex;
    gap: 6px;
    flex-wrap: wrap;
    margin-left: 8px;
  }
  table {
    border-collapse: collapse;
    margin-top: 8px;
  }
  th,
  td {
    text-align: left;
    padding: 4px 12px 4px 0;
    border-bottom: 1px solid #e3e7ec;
  }
  dialog {
    border: 1px solid #cfd6de;
    border-radius: 8px;
    max-width: 36rem;
    width: calc(100% - 32px);
  }
  form label {
    display: block;
    margin: 8px 0 4px;
  }
  textarea,
  input[type='number'],
  input[type='text'],
  select {
    display: block;
    box-sizing: border-box;
    max-width: 100%;
  }
  textarea {
    width: 100%;
    min-height: 5rem;
  }
  fieldset {
    border: 1px solid #cfd6de;
    border-radius: 6px;
    margin: 8px 0;
  }
  fieldset label,
  label.slot {
    display: inline-flex;
    gap: 4px;
    align-items: center;
    margin: 4px 12px 4px 0;
  }
  .fields {
    display: flex;
    gap: 12px;
    flex-wrap: wrap;
  }
  .slots {
    max-height: 50vh;
    overflow-y: auto;
  }
  .day-label {
    font-weight: 600;
    margin: 8px 0 0;
  }
  .actions {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
    margin-top: 12px;
  }
`
