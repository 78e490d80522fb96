import { SubmitEvent, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useStaticPageReady } from '../components/Await';
import { Page } from '../components/Layout';
import { signIn } from '../auth/session';

/**
 * Sign in by pasting a bearer token (`npm run cli -- token …`), or open a sign-in link (`/#token=…`) printed by
 * `npm run demo` or `npm run cli -- token`. The token is kept for this tab only.
 */
export function SignInPage() {
  useStaticPageReady();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const location = useLocation();
  const reason = (location.state as { reason?: string } | null)?.reason;
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const session = signIn(token);
    if (!session) {
      setProblem('Paste the whole token: three parts separated by dots, as `npm run cli -- token` prints it');
      return;
    }
    if (session.expiresAt !== null && session.expiresAt * 1000 < Date.now()) {
      setProblem('This token has expired: mint a new one with `npm run cli -- token`');
      return;
    }
    const next = search.get('next');
    void navigate(next && next.startsWith('/app/') && !next.startsWith('/app/sign-in') ? next : '/app/portfolio');
  };

  return (
    <Page withNavigation={false}>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {problem && (
            <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
              <h2 className="nhsuk-error-summary__title">There is a problem</h2>
              <div className="nhsuk-error-summary__body">
                <ul className="nhsuk-list nhsuk-error-summary__list">
                  <li>
                    <a href="#token">{problem}</a>
                  </li>
                </ul>
              </div>
            </div>
          )}
          <h1>Sign in</h1>
          {reason && (
            <div className="nhsuk-inset-text" data-sign-in-reason>
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>The ledger did not accept your token ({reason}). Sign in again.</p>
            </div>
          )}
          <p>
            Open the sign-in link that <code>npm run demo</code> or <code>npm run cli -- token</code> printed, or paste
            a token here. It is kept in this browser tab only, until you sign out or close the tab.
          </p>
          <form onSubmit={submit} noValidate>
            <div className={`nhsuk-form-group${problem ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label nhsuk-label--s" htmlFor="token">
                Bearer token
              </label>
              <div className="nhsuk-hint" id="token-hint">
                Starts with eyJ, three parts separated by dots
              </div>
              {problem && (
                <span className="nhsuk-error-message" id="token-error">
                  <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
                </span>
              )}
              <textarea
                className={`nhsuk-textarea app-token${problem ? ' nhsuk-textarea--error' : ''}`}
                id="token"
                name="token"
                rows={5}
                spellCheck={false}
                autoComplete="off"
                aria-describedby={`token-hint${problem ? ' token-error' : ''}`}
                value={token}
                onChange={(e) => setToken(e.target.value)}
              />
            </div>
            <button className="nhsuk-button" type="submit">
              Sign in
            </button>
          </form>
        </div>
      </div>
    </Page>
  );
}
