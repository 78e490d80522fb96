import { ApiError } from '../api/client';
import { currentSession } from '../auth/session';
import { words } from './Figures';

/**
 * An API refusal explained on the page: a 403 says who is signed in and why the API will not answer them (its own
 * words), a 404 what was not found, a 400 or 422 the field or rule named.
 */
export function Problem({ error, whoMayRead }: { error: Error; whoMayRead?: string }) {
  const session = currentSession();
  if (error instanceof ApiError && error.status === 403) {
    return (
      <div className="nhsuk-warning-callout" data-problem="403">
        <h2 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>You may not read this
          </span>
        </h2>
        <p>The ledger refused: {error.message}.</p>
        {session && (
          <p>
            You are signed in as {session.sub}, {words(session.role)} of {session.organisationId}.
          </p>
        )}
        {whoMayRead && <p>{whoMayRead}</p>}
        <p>Ask for a token with a role that may read it, or choose something your organisation may see.</p>
      </div>
    );
  }
  const title =
    error instanceof ApiError
      ? error.status === 404
        ? 'Not found'
        : error.status === 400 || error.status === 422
          ? 'The ledger cannot answer that question'
          : 'Something went wrong'
      : 'The ledger could not be reached';
  return (
    <div
      className="nhsuk-error-summary"
      role="alert"
      tabIndex={-1}
      data-problem={error instanceof ApiError ? error.status : 'network'}
    >
      <h2 className="nhsuk-error-summary__title">{title}</h2>
      <div className="nhsuk-error-summary__body">
        <p>
          {error.message}
          {error instanceof ApiError && error.rule ? ` (rule: ${error.rule})` : ''}
        </p>
        {error instanceof ApiError && error.fieldErrors.length > 0 && (
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {error.fieldErrors.map((field) => (
              <li key={field.field}>
                {field.field}: {field.messages.join('; ')}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
