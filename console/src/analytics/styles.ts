/** The analytics screen's layout: the controls, the parts side by side on a wide screen. */
import { css } from 'lit'

export const screenStyles = css`
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 24px;
    align-items: end;
  }
  fieldset {
    border: 1px solid #cfd6de;
    border-radius: 6px;
    display: flex;
    flex-wrap: wrap;
    gap: 6px 12px;
    align-items: center;
  }
  .muted,
  .status {
    color: #4a5560;
    font-size: 0.9rem;
  }
  .parts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 540px), 1fr));
    gap: 16px 32px;
    margin-top: 12px;
  }
  h3 {
    margin: 8px 0 0;
  }
  h4 {
    margin: 12px 0 4px;
    font-size: 1rem;
  }
  .finding {
    font-weight: 600;
  }
`
