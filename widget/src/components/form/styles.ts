import { css } from 'lit'
import { error, font, hostStyles, primary, radius, spacing, text } from '../../styles/tokens'

export const formStyles = [
  hostStyles,
  css`
    form {
      font-family: ${font};
      color: ${text};
      display: grid;
      gap: ${spacing};
    }
    .field {
      display: grid;
      gap: 4px;
    }
    label {
      font-weight: 600;
    }
    .req {
      color: ${error};
    }
    input:not([type='checkbox']),
    select,
    textarea {
      font: inherit;
      color: inherit;
      padding: 8px 10px;
      border: 1px solid #8a9099;
      border-radius: ${radius};
      background: #fff;
      box-sizing: border-box;
      width: 100%;
    }
    :focus-visible {
      outline: 2px solid ${primary};
      outline-offset: 2px;
    }
    [aria-invalid='true'] {
      border-color: ${error};
    }
    .error {
      color: ${error};
      margin: 0;
      font-size: 0.9em;
    }
    .check {
      display: flex;
      gap: 8px;
      align-items: center;
      font-weight: 400;
    }
    fieldset {
      border: 1px solid #d0d4da;
      border-radius: ${radius};
      margin: 0;
      padding: ${spacing};
      display: grid;
      gap: 6px;
    }
    fieldset p {
      margin: 0 0 4px;
    }
    .notice {
      margin: 0;
      font-size: 0.9em;
    }
    .notice a {
      color: inherit;
    }
    button {
      font: inherit;
      font-weight: 600;
      color: #fff;
      background: ${primary};
      border: 0;
      border-radius: ${radius};
      padding: 10px 16px;
      cursor: pointer;
      justify-self: start;
    }
    button[disabled] {
      opacity: 0.6;
      cursor: progress;
    }
    /* Off-screen, not display:none: some bots skip inputs that are not rendered. */
    .hp {
      position: absolute;
      left: -10000px;
      width: 1px;
      height: 1px;
      overflow: hidden;
    }
  `,
]
