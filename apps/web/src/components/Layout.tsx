import { ReactNode } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { pagesFor } from '../auth/access';
import { currentSession, signOut } from '../auth/session';
import { words } from './Figures';
import { ViewControls } from './ViewControls';

const LOGO =
  'M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z';

/** The NHS header (logo, service name, who is signed in, the pages this role may read) around every page. */
export function Header({ withNavigation }: { withNavigation: boolean }) {
  const session = currentSession();
  const navigate = useNavigate();
  const leave = () => {
    signOut();
    void navigate('/app/sign-in');
  };
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <a
            className="nhsuk-header__service-logo"
            href="/app/portfolio"
            aria-label="NHS Benefit ledger workspace homepage"
          >
            <svg
              className="nhsuk-header__logo"
              xmlns="http://www.w3.org/2000/svg"
              viewBox="0 0 200 80"
              height="40"
              width="100"
              focusable="false"
              role="img"
              aria-label="NHS"
            >
              <title>NHS</title>
              <path fill="currentcolor" d={LOGO} />
            </svg>
            <span className="nhsuk-header__service-name">Benefit ledger workspace</span>
          </a>
        </div>
        {withNavigation && session && (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">
              <li className="nhsuk-header__account-item" data-signed-in-as={session.sub}>
                {session.sub} ({words(session.role)}, {session.organisationId})
              </li>
              <li className="nhsuk-header__account-item">
                <button className="nhsuk-header__account-button" type="button" onClick={leave}>
                  Sign out
                </button>
              </li>
            </ul>
          </nav>
        )}
      </div>
      {withNavigation && session && (
        <nav className="nhsuk-header__navigation app-header-navigation" aria-label="Pages">
          <div className="nhsuk-header__navigation-container nhsuk-width-container">
            <ul className="nhsuk-header__navigation-list">
              {pagesFor(session.role).map((page) => (
                <li className="nhsuk-header__navigation-item" key={page.path}>
                  <NavLink className="nhsuk-header__navigation-link" to={page.path}>
                    {page.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      )}
    </header>
  );
}

export function Footer() {
  return (
    <footer className="nhsuk-footer" role="contentinfo">
      <div className="nhsuk-footer__container nhsuk-width-container">
        <p className="nhsuk-body-s">
          Benefit ledger workspace. Money in pounds from the ledger's pence; every linked figure opens its trace. The
          API's own description is at <a href="/docs">/docs</a>.
        </p>
      </div>
    </footer>
  );
}

export function Page({ children, withNavigation = true }: { children: ReactNode; withNavigation?: boolean }) {
  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <Header withNavigation={withNavigation} />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
          {children}
        </main>
      </div>
      <Footer />
    </>
  );
}

/** The signed-in pages: the view controls, then the page. */
export function Workspace() {
  return (
    <Page>
      <ViewControls />
      <Outlet />
    </Page>
  );
}
