import { SubmitEvent, useState } from 'react';
import { financialYearsOffered, inputToInstant, instantToInput, useView } from '../view/view-state';

/**
 * The financial year and the "as at" instant of every page, both kept in the URL. "Show" moves the page to the
 * chosen view (a new history entry); "Pin to now" fixes the view at this instant so that the link keeps giving the
 * same answers after more is recorded.
 */
export function ViewControls({ yearMatters = true }: { yearMatters?: boolean }) {
  const view = useView();
  const [year, setYear] = useState(view.financialYear ?? '');
  const [asAt, setAsAt] = useState(instantToInput(view.asAt));
  const [problem, setProblem] = useState<string | null>(null);
  // the fields follow the view when the URL changes (Show, back, a link): adjusted while rendering, as React advises
  const [fieldsOf, setFieldsOf] = useState({ financialYear: view.financialYear, asAt: view.asAt });
  if (fieldsOf.financialYear !== view.financialYear || fieldsOf.asAt !== view.asAt) {
    setFieldsOf({ financialYear: view.financialYear, asAt: view.asAt });
    setYear(view.financialYear ?? '');
    setAsAt(instantToInput(view.asAt));
  }

  const show = (event: SubmitEvent) => {
    event.preventDefault();
    const instant = inputToInstant(asAt);
    if (asAt.trim() && !instant) {
      setProblem(
        'Enter a date and time, for example 31/03/2020 23:59:59, or leave it empty for the ledger as it stands',
      );
      return;
    }
    setProblem(null);
    view.change({ financialYear: year || null, asAt: instant });
  };
  const pin = () => view.change({ asAt: new Date().toISOString().slice(0, 19) + 'Z' });

  return (
    <form className="app-view-controls" onSubmit={show} aria-label="The view: financial year and as at" noValidate>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="view-year">
          Financial year
        </label>
        <select
          className="nhsuk-select"
          id="view-year"
          name="financialYear"
          value={year}
          onChange={(e) => setYear(e.target.value)}
        >
          <option value="">All years</option>
          {financialYearsOffered(new Date(), view.financialYear).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div className={`nhsuk-form-group${problem ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor="view-as-at">
          As at (UTC)
        </label>
        <div className="nhsuk-hint" id="view-as-at-hint">
          Empty: the ledger as it stands
        </div>
        {problem && (
          <span className="nhsuk-error-message" id="view-as-at-error">
            <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
          </span>
        )}
        <input
          className={`nhsuk-input${problem ? ' nhsuk-input--error' : ''}`}
          id="view-as-at"
          name="asAt"
          type="datetime-local"
          step={1}
          value={asAt}
          aria-describedby={`view-as-at-hint${problem ? ' view-as-at-error' : ''}`}
          onChange={(e) => setAsAt(e.target.value)}
        />
      </div>
      <div className="nhsuk-form-group">
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
          Show
        </button>
      </div>
      <div className="nhsuk-form-group">
        <button className="nhsuk-button nhsuk-button--reverse nhsuk-u-margin-bottom-0" type="button" onClick={pin}>
          Pin to now
        </button>
      </div>
      {!yearMatters && (
        <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">This page's figures do not depend on the year.</p>
      )}
    </form>
  );
}
