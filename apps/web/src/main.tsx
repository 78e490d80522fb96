import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { takeTokenFromFragment } from './auth/session';
import './styles.scss';

// Before anything renders: a sign-in link's token leaves the address bar for this tab's storage.
const openedWithSignInLink = takeTokenFromFragment();
if (openedWithSignInLink && (window.location.pathname === '/' || window.location.pathname === '/app/sign-in')) {
  history.replaceState(null, '', '/app/portfolio');
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element to render the workspace into');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
