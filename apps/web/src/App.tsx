import { ReactNode, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { SIGNED_OUT_EVENT } from './api/client';
import { currentSession } from './auth/session';
import { Workspace } from './components/Layout';
import { OrganisationNames } from './components/OrgName';
import { AuditPage } from './pages/AuditPage';
import { CapacityPage } from './pages/CapacityPage';
import { FlowsPage } from './pages/FlowsPage';
import { InterventionPage } from './pages/InterventionPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrganisationPage } from './pages/OrganisationPage';
import { OrganisationsPage } from './pages/OrganisationsPage';
import { PartnershipPage } from './pages/PartnershipPage';
import { PartnershipsPage } from './pages/PartnershipsPage';
import { PortfolioPage } from './pages/PortfolioPage';
import { ReconciliationPage } from './pages/ReconciliationPage';
import { SignInPage } from './pages/SignInPage';
import { TracePage } from './pages/TracePage';
import { ValidationQueuePage } from './pages/ValidationQueuePage';

/** Without a token, any page goes to sign-in, which comes back here once signed in. */
function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    // A 401 from the API (expired or refused token): back to sign-in, saying why, then back to this page.
    const onSignedOut = (event: Event) => {
      if (window.location.pathname === '/app/sign-in') return; // several answers refused at once: the first one says why
      const here = window.location.pathname + window.location.search;
      void navigate(`/app/sign-in?next=${encodeURIComponent(here)}`, {
        state: { reason: (event as CustomEvent<string>).detail },
      });
    };
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, [navigate]);
  if (!currentSession()) {
    return <Navigate to={`/app/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return <OrganisationNames>{children}</OrganisationNames>;
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<Navigate to="/app/portfolio" replace />} />
        <Route path="/app/sign-in" element={<SignInPage />} />
        <Route
          path="/app"
          element={
            <RequireSession>
              <Workspace />
            </RequireSession>
          }
        >
          <Route index element={<Navigate to="/app/portfolio" replace />} />
          <Route path="portfolio" element={<PortfolioPage />} />
          <Route path="interventions/:interventionId" element={<InterventionPage />} />
          <Route path="flows" element={<FlowsPage />} />
          <Route path="trace" element={<TracePage />} />
          <Route path="organisations" element={<OrganisationsPage />} />
          <Route path="organisations/:organisationId" element={<OrganisationPage />} />
          <Route path="capacity" element={<CapacityPage />} />
          <Route path="partnerships" element={<PartnershipsPage />} />
          <Route path="partnerships/:partnershipId" element={<PartnershipPage />} />
          <Route path="reconciliation" element={<ReconciliationPage />} />
          <Route path="validation" element={<ValidationQueuePage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="*" element={<Navigate to="/app/portfolio" replace />} />
      </Routes>
    </BrowserRouter>
  );
}
